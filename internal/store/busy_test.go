package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
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

// pausedImport starts a real import of a 40,000-row file into st and holds
// it, mid-file and inside its transaction, until resume is called.
func pausedImport(t *testing.T, st *Store, file string) (resume func() error) {
	t.Helper()
	writeRows(t, file, 40000)
	paused, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	opts := ImportOptions{Progress: func(p Progress) {
		if p.Rows > 0 {
			once.Do(func() { close(paused); <-release })
		}
	}}
	done := make(chan error, 1)
	go func() {
		_, err := st.Import(context.Background(), []string{file}, opts)
		done <- err
	}()
	select {
	case <-paused:
	case err := <-done:
		t.Fatalf("the import ended before pausing: %v", err)
	}
	var resumed sync.Once
	resume = func() error {
		resumed.Do(func() { close(release) })
		return <-done
	}
	t.Cleanup(func() { resumed.Do(func() { close(release) }) })
	return resume
}

// Every write made while a real import holds the case, from the store
// importing or from another opened on the same file, is refused at once
// (not after SQLite's ten-second busy timeout) naming the import; a second
// import likewise; readers go on reading (the case stays in WAL). Once the
// import ends the same writes land, the lock file is gone and a second
// import runs.
func TestWritesDuringARealImportRefusedAtOnce(t *testing.T) {
	dir := t.TempDir()
	casePath := filepath.Join(dir, "case.db")
	st, err := Create(casePath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if err := st.SaveHunt(ctx, "h", "{}", 1, 1, time.Unix(1e9, 0)); err != nil {
		t.Fatal(err)
	}
	id, err := st.AddNote(ctx, Note{Kind: "subscriber", Target: "919800000001", Body: "before"})
	if err != nil {
		t.Fatal(err)
	}
	resume := pausedImport(t, st, filepath.Join(dir, "big.csv"))
	other, err := Open(casePath)
	if err != nil {
		t.Fatalf("opening the case during an import: %v", err)
	}
	defer other.Close()
	second := filepath.Join(dir, "second.csv")
	writeRows(t, second, 3)

	writes := map[string]func(s *Store) error{
		"AddNote": func(s *Store) error {
			_, err := s.AddNote(ctx, Note{Kind: "subscriber", Target: "919800000002", Body: "during"})
			return err
		},
		"RemoveNote":    func(s *Store) error { return s.RemoveNote(ctx, id) },
		"AppendAudit":   func(s *Store) error { _, err := s.AppendAudit(ctx, AuditEntry{Action: "test"}); return err },
		"SaveHunt":      func(s *Store) error { return s.SaveHunt(ctx, "g", "{}", 1, 1, time.Unix(1e9, 0)) },
		"RecordHuntRun": func(s *Store) error { return s.RecordHuntRun(ctx, "h", 2, 2, time.Unix(1e9, 0)) },
		"DeleteHunt":    func(s *Store) error { return s.DeleteHunt(ctx, "h") },
		"SetInfo":       func(s *Store) error { return s.SetInfo(ctx, "k", "v") },
		"SaveRDNS":      func(s *Store) error { return s.SaveRDNS(ctx, []RDNSEntry{{IP: "1.2.3.4", Status: "none"}}) },
	}
	start := time.Now()
	for name, write := range writes {
		for who, s := range map[string]*Store{"importing store": st, "other store": other} {
			err := write(s)
			var busy *CaseBusyError
			if !errors.As(err, &busy) || !strings.Contains(err.Error(), "big.csv") || strings.Contains(err.Error(), "database is locked") {
				t.Errorf("%s from the %s during an import: %v; want a CaseBusyError naming the import", name, who, err)
			}
		}
	}
	for who, s := range map[string]*Store{"importing store": st, "other store": other} {
		_, err := s.Import(ctx, []string{second}, ImportOptions{})
		var busy *ImportBusyError
		if !errors.As(err, &busy) || !strings.Contains(err.Error(), "big.csv") {
			t.Errorf("second import from the %s: %v; want an ImportBusyError naming the import in progress", who, err)
		}
	}
	if err := other.ImportInProgress(); err == nil || !strings.Contains(err.Error(), "big.csv") {
		t.Errorf("ImportInProgress during an import: %v", err)
	}
	// 18 refusals; SQLite's busy timeout alone would take 10 s for each
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the refusals took %v: they waited", d)
	}
	if ns, err := other.Notes(ctx, ""); err != nil || len(ns) != 1 {
		t.Errorf("reading notes during an import: %d notes, %v", len(ns), err)
	}
	reader, err := OpenReadOnly(casePath)
	if err != nil {
		t.Fatalf("read-only open during an import: %v", err)
	}
	if _, err := reader.Summary(ctx); err != nil {
		t.Errorf("summary during an import: %v", err)
	}
	reader.Close()

	if err := resume(); err != nil {
		t.Fatal(err)
	}
	if err := other.ImportInProgress(); err != nil {
		t.Errorf("ImportInProgress after the import: %v", err)
	}
	for _, name := range []string{"AddNote", "AppendAudit", "SaveHunt", "RecordHuntRun", "SetInfo", "SaveRDNS", "RemoveNote", "DeleteHunt"} {
		if err := writes[name](other); err != nil {
			t.Errorf("%s after the import: %v", name, err)
		}
	}
	if n := count(t, st, "SELECT count(*) FROM ipdr"); n != 40000 {
		t.Errorf("%d rows imported, want 40000", n)
	}
	if _, err := os.Stat(casePath + importLockSuffix); err == nil {
		t.Error("the import lock file was left behind")
	}
	if _, err := other.Import(ctx, []string{second}, ImportOptions{}); err != nil {
		t.Errorf("an import after the first ended: %v", err)
	}
}
