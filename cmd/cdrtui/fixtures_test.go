package main

import (
	"bytes"
	"fmt"
	"path/filepath"
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
