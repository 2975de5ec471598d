package uikit

import (
	"os"
	"path/filepath"
	"testing"
)

// An export is recorded with each file's SHA-256 (here of "abc", the
// FIPS 180-2 example).
func TestAuditFiles(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x.csv")
	os.WriteFile(p, []byte("abc"), 0o644)
	msg := AuditFiles("export x", map[string]any{"rows": 1}, p)().(AuditMsg)
	want := "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
	files := msg.Params.(map[string]any)["files"].(map[string]string)
	if msg.Action != "export x" || files[p] != want || msg.Result.(map[string]string)[p] != want {
		t.Fatalf("%+v", msg)
	}
	if _, ok := AuditFiles("x", nil, filepath.Join(t.TempDir(), "none"))().(ErrorMsg); !ok {
		t.Fatal("a missing file is not an error")
	}
}
