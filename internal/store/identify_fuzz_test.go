package store

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// Whatever a file given as a case holds, identify reads it without a
// panic, never calls it a case unless it carries the mark or a case's
// tables, and never changes it.
func FuzzIdentify(f *testing.F) {
	f.Add([]byte(""))
	f.Add([]byte("SQLite format 3\x00"))
	f.Add(append([]byte("SQLite format 3\x00"), make([]byte, 200)...))
	f.Add([]byte("MSISDN,DESTIP\n"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "x.db")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		id, err := identify(p)
		if err != nil {
			return
		}
		if !bytes.HasPrefix(data, sqliteMagic) && len(data) > 0 && id.kind != fileForeign {
			t.Fatalf("%d bytes not SQLite identified as %d", len(data), id.kind)
		}
		after, _ := os.ReadFile(p)
		if !bytes.Equal(after, data) {
			t.Fatal("identify changed the file")
		}
	})
}
