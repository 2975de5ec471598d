// Package testkit holds helpers shared by the project's tests: locating the
// shared corpus beside the repository. Only _test.go files import it, so it
// never reaches the shipped binary.
package testkit

import (
	"os"
	"path/filepath"
	"testing"
)

// RepoRoot returns the directory holding go.mod, found by walking up from the
// test's working directory.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
}

// Corpus returns the path of a file in ../shared/corpus beside the
// repository. Tests read real files from there and never copy them.
func Corpus(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(RepoRoot(t), "..", "shared", "corpus", rel)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("corpus file %s: %v (the corpus must sit in ../shared beside the repository)", rel, err)
	}
	return p
}

// WriteTree writes files (slash-separated paths under root, and their
// contents) as read-only evidence, making the directories they need.
func WriteTree(t testing.TB, root string, files map[string]string) {
	t.Helper()
	for rel, body := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o444); err != nil {
			t.Fatal(err)
		}
	}
}
