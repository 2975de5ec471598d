package store

import (
	"path/filepath"
	"testing"
)

// A new case is laid out in 16 KiB pages, on every connection of the
// pool, and keeps them once reopened.
func TestNewCasePageSize(t *testing.T) {
	path := filepath.Join(t.TempDir(), "case.db")
	st, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	var size int
	if err := st.DB().QueryRow("PRAGMA page_size").Scan(&size); err != nil || size != 16384 {
		t.Fatalf("page size %d (%v), want 16384", size, err)
	}
	st.Close()
	st, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.DB().QueryRow("PRAGMA page_size").Scan(&size); err != nil || size != 16384 {
		t.Fatalf("reopened: page size %d (%v), want 16384", size, err)
	}
}
