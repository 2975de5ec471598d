package casekit

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
)

// shared are the cases SharedCase built, by configuration.
var shared struct {
	sync.Mutex
	builds map[gen.Config]*sharedBuild
}

type sharedBuild struct {
	once     sync.Once
	dir      string
	evidence string
	truth    *gen.Truth
	err      error
}

// SharedCase is GeneratedCase for tests that may share the evidence: the
// case is generated and imported once per test binary for cfg, into a
// directory that RemoveShared removes (the package's TestMain calls it),
// and each test opens its own copy of the case file, in its own temporary
// directory, so that it may write to it. The evidence directory and the
// truth are shared: read them, never change them.
func SharedCase(t testing.TB, cfg gen.Config) (*store.Store, string, *gen.Truth) {
	t.Helper()
	shared.Lock()
	if shared.builds == nil {
		shared.builds = map[gen.Config]*sharedBuild{}
	}
	b := shared.builds[cfg]
	if b == nil {
		b = &sharedBuild{}
		shared.builds[cfg] = b
	}
	shared.Unlock()
	b.once.Do(func() { b.err = b.build(cfg) })
	if b.err != nil {
		t.Fatal(b.err)
	}
	casePath := filepath.Join(t.TempDir(), "case.db")
	for _, suffix := range []string{"", "-wal"} {
		from := filepath.Join(b.dir, "case.db"+suffix)
		if _, err := os.Stat(from); err != nil && suffix != "" {
			continue
		}
		if err := copyFile(from, casePath+suffix); err != nil {
			t.Fatal(err)
		}
	}
	st, err := store.Open(casePath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, b.evidence, b.truth
}

// build generates and imports the case, as GeneratedCase does, and closes it.
func (b *sharedBuild) build(cfg gen.Config) error {
	dir, err := os.MkdirTemp("", "cdrtui-shared-case")
	if err != nil {
		return err
	}
	b.dir, b.evidence = dir, filepath.Join(dir, "evidence")
	if b.truth, err = gen.Generate(b.evidence, cfg); err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	st, err := store.Create(filepath.Join(dir, "case.db"))
	if err != nil {
		return err
	}
	res, err := st.Import(context.Background(), []string{b.evidence}, store.ImportOptions{})
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	for _, r := range res {
		if r.Error != "" {
			return fmt.Errorf("import %s: %s", r.Path, r.Error)
		}
	}
	return nil
}

// RemoveShared removes every case SharedCase built; a package whose tests
// use SharedCase calls it from its TestMain once the tests have run.
func RemoveShared() {
	shared.Lock()
	defer shared.Unlock()
	for _, b := range shared.builds {
		if b.dir != "" {
			os.RemoveAll(b.dir)
		}
	}
}
