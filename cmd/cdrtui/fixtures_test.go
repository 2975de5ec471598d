package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/cdrtui/cdrtui/internal/gen"
)

// genImport generates evidence into dir/evidence with gen's flags and
// imports it into dir/case.db through the CLI, as an analyst would;
// truth is what gen planted.
func genImport(dir string, genFlags ...string) (casePath string, truth *gen.Truth, err error) {
	evidence := filepath.Join(dir, "evidence")
	casePath = filepath.Join(dir, "case.db")
	var out, errOut bytes.Buffer
	if code := run(append([]string{"gen", evidence}, genFlags...), &out, &errOut); code != 0 {
		return "", nil, fmt.Errorf("gen: exit %d: %s", code, errOut.String())
	}
	if code := run([]string{"import", casePath, evidence}, &out, &errOut); code != 0 {
		return "", nil, fmt.Errorf("import: exit %d: %s", code, errOut.String())
	}
	truth, err = gen.ReadTruth(filepath.Join(evidence, gen.TruthFile))
	return casePath, truth, err
}

// genCase is genImport into the test's own temporary directory.
func genCase(t *testing.T, genFlags ...string) (string, *gen.Truth) {
	t.Helper()
	casePath, truth, err := genImport(t.TempDir(), genFlags...)
	if err != nil {
		t.Fatal(err)
	}
	return casePath, truth
}

// sharedCases are the cases sharedCase built, by name: each is built once
// per test binary, into a directory that TestMain removes.
var sharedCases struct {
	sync.Mutex
	builds map[string]*sharedBuild
}

type sharedBuild struct {
	once     sync.Once
	dir      string
	casePath string
	truth    *gen.Truth
	err      error
}

// sharedCase is the case build makes in a directory of its own (it
// returns the case file and the planted truth), built once for name, for
// tests that may share the evidence: each test gets a copy of the case
// file in its own temporary directory (a test may write to its copy,
// never to the evidence, which the copies share). The truth is shared
// too: read it, never change it.
func sharedCase(t *testing.T, name string, build func(dir string) (string, *gen.Truth, error)) (string, *gen.Truth) {
	t.Helper()
	sharedCases.Lock()
	if sharedCases.builds == nil {
		sharedCases.builds = map[string]*sharedBuild{}
	}
	b := sharedCases.builds[name]
	if b == nil {
		b = &sharedBuild{}
		sharedCases.builds[name] = b
	}
	sharedCases.Unlock()
	b.once.Do(func() {
		if b.dir, b.err = os.MkdirTemp("", "cdrtui-shared-case"); b.err == nil {
			b.casePath, b.truth, b.err = build(b.dir)
		}
	})
	if b.err != nil {
		t.Fatal(b.err)
	}
	casePath := filepath.Join(t.TempDir(), "case.db")
	for _, suffix := range []string{"", "-wal"} {
		body, err := os.ReadFile(b.casePath + suffix)
		if os.IsNotExist(err) && suffix != "" {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(casePath+suffix, body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return casePath, b.truth
}

// sharedGenCase is genCase built once for its flags (sharedCase).
func sharedGenCase(t *testing.T, genFlags ...string) (string, *gen.Truth) {
	t.Helper()
	return sharedCase(t, "gen\x00"+strings.Join(genFlags, "\x00"), func(dir string) (string, *gen.Truth, error) {
		return genImport(dir, genFlags...)
	})
}

// genConfigImport generates evidence with cfg into dir/evidence and
// imports it into dir/case.db through the CLI.
func genConfigImport(dir string, cfg gen.Config) (string, *gen.Truth, error) {
	evidence := filepath.Join(dir, "evidence")
	truth, err := gen.Generate(evidence, cfg)
	if err != nil {
		return "", nil, err
	}
	casePath := filepath.Join(dir, "case.db")
	var out, errOut bytes.Buffer
	if code := run([]string{"import", casePath, evidence}, &out, &errOut); code != 0 {
		return "", nil, fmt.Errorf("import: exit %d: %s", code, errOut.String())
	}
	return casePath, truth, nil
}

// removeSharedCases removes what sharedCase built (TestMain, after the
// tests).
func removeSharedCases() {
	sharedCases.Lock()
	defer sharedCases.Unlock()
	for _, b := range sharedCases.builds {
		if b.dir != "" {
			os.RemoveAll(b.dir)
		}
	}
}
