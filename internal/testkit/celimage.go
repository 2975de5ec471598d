package testkit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// CELImageWithRepeat copies testdata/asterisk-cel (an image of our own:
// cel_custom.conf, 17 lines of cel-custom/Master.csv, one CDR) into a
// temporary directory and appends Master.csv's line 6 (BRIDGE_ENTER of
// call 1709283600.1) again as line 18: the same event written twice. It
// returns the image's root.
func CELImageWithRepeat(t testing.TB) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "image")
	if err := os.CopyFS(root, os.DirFS(filepath.Join(RepoRoot(t), "testdata", "asterisk-cel"))); err != nil {
		t.Fatal(err)
	}
	csv := filepath.Join(root, "var/log/asterisk/cel-custom/Master.csv")
	b, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	if len(lines) < 6 || !strings.Contains(lines[5], "BRIDGE_ENTER") {
		t.Fatalf("line 6 of the fixture is not the BRIDGE_ENTER it should be: %q", lines)
	}
	if err := os.WriteFile(csv, append(b, lines[5]...), 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}
