package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// A workbench write (a note, a saved hunt) made while an import holds the
// case is refused naming that import, never with SQLite's raw "database is
// locked" (issue 21, item 13).
func TestWriteDuringImportNamesTheImport(t *testing.T) {
	path := filepath.Join(t.TempDir(), "case.db")
	st, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	unlock, err := st.lockImport([]string{"/evidence/big.csv"})
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	// the import's own connection, in a write transaction for the whole test
	other, err := sql.Open("sqlite", dsn(path, false, false))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(context.Background(), "ROLLBACK")

	_, err = st.AddNote(context.Background(), Note{Kind: "subscriber", Target: "919900000001", Body: "seen"})
	var busy *CaseBusyError
	if !errors.As(err, &busy) {
		t.Fatalf("AddNote during an import: %v, want a CaseBusyError", err)
	}
	msg := err.Error()
	if strings.Contains(msg, "database is locked") || !strings.Contains(msg, "/evidence/big.csv") || !strings.Contains(msg, "not saved") {
		t.Errorf("message %q: want the import named and no raw SQLite error", msg)
	}
}
