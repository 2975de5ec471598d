package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// damagedCase makes a case holding one IPDR record and breaks the root
// page of one of its indexes, as a bad sector would: quick_check fails,
// yet a note can still be written into it.
func damagedCase(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	casePath := filepath.Join(dir, "case.db")
	st, err := Create(casePath)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "a.csv")
	os.WriteFile(p, []byte("MSISDN,DESTIP,DESTPORT,START\n919800000001,1.2.3.4,443,2024-03-01 10:00:00\n"), 0o644)
	if _, err := st.Import(context.Background(), []string{p}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	var root, pageSize int64
	st.DB().QueryRow("SELECT rootpage FROM sqlite_master WHERE name = 'ipdr_by_dest'").Scan(&root)
	st.DB().QueryRow("PRAGMA page_size").Scan(&pageSize)
	st.Close()
	f, err := os.OpenFile(casePath, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteAt([]byte{0, 0xff, 0xff}, (root-1)*pageSize)
	f.Close()
	return casePath
}

// A case too large to check before use (here every case: the threshold
// is set to 0) is checked in the background. While the check runs the
// case can be read, with a warning saying so; a write waits for the check
// and, the case being damaged, never lands (issue 21, item 7).
func TestNoWriteBeforeBackgroundCheckPasses(t *testing.T) {
	casePath := damagedCase(t)
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // a passing check is remembered there
	old := syncCheckBytes
	syncCheckBytes = 0
	release := make(chan struct{})
	backgroundCheckStarts = func() { <-release }
	defer func() { syncCheckBytes, backgroundCheckStarts = old, nil }()

	st, err := Open(casePath)
	if err != nil {
		close(release)
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if w := strings.Join(st.Warnings(), " "); !strings.Contains(w, "check (SQLite quick_check) is still running") {
		t.Errorf("warnings while the check runs: %q", w)
	}
	if n := count(t, st, "SELECT count(*) FROM ipdr"); n != 1 {
		t.Errorf("reading while the check runs: %d records, want 1", n)
	}
	wrote := make(chan error, 2)
	go func() {
		_, err := st.AddNote(ctx, Note{Kind: "subscriber", Target: "919800000001", Body: "x"})
		wrote <- err
	}()
	go func() { wrote <- st.SetInfo(ctx, "k", "v") }()
	select {
	case err := <-wrote:
		t.Errorf("a write returned before the check ended: %v", err)
	case <-time.After(100 * time.Millisecond):
	}
	close(release)
	for range 2 {
		if err := <-wrote; err == nil || !strings.Contains(err.Error(), "is damaged") || !strings.Contains(err.Error(), ".recover") {
			t.Errorf("a write into a damaged case checked in the background: %v; want it refused with how to recover", err)
		}
	}
	if n := count(t, st, "SELECT count(*) FROM notes"); n != 0 {
		t.Errorf("%d notes written into a damaged case", n)
	}
	if n := count(t, st, "SELECT count(*) FROM case_info WHERE key = 'k'"); n != 0 {
		t.Error("case_info written into a damaged case")
	}
	if w := strings.Join(st.Warnings(), " "); strings.Contains(w, "still running") || !strings.Contains(w, "is damaged") {
		t.Errorf("warnings after the check: %q", w)
	}
}

// A sound case checked in the background takes writes once the check
// has passed.
func TestWriteAfterBackgroundCheckPasses(t *testing.T) {
	casePath := filepath.Join(t.TempDir(), "case.db")
	st, err := Create(casePath)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // a passing check is remembered there
	old := syncCheckBytes
	syncCheckBytes = 0
	defer func() { syncCheckBytes = old }()
	st, err = Open(casePath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.AddNote(context.Background(), Note{Kind: "subscriber", Target: "1", Body: "x"}); err != nil {
		t.Fatal(err)
	}
	if st.Checking() {
		t.Error("the check still running after a write waited for it")
	}
}

// A command that only reads a large case says nothing of a check still
// running (Findings leave it out), and is told once, when it closes the
// case, of the damage the check found meanwhile.
func TestLateFindingSaidOnceAtClose(t *testing.T) {
	casePath := damagedCase(t)
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // a passing check is remembered there
	old := syncCheckBytes
	syncCheckBytes = 0
	release := make(chan struct{})
	backgroundCheckStarts = func() { <-release }
	defer func() { syncCheckBytes, backgroundCheckStarts = old, nil }()
	st, err := OpenReadOnly(casePath)
	if err != nil {
		close(release)
		t.Fatal(err)
	}
	var told []string
	st.OnLateFinding(func(w string) { told = append(told, w) })
	if f := st.Findings(); len(f) != 0 {
		t.Errorf("findings while the check runs: %q", f)
	}
	if w := strings.Join(st.Warnings(), " "); !strings.Contains(w, "still running") {
		t.Errorf("warnings while the check runs: %q", w)
	}
	close(release)
	if err := st.WaitChecked(context.Background()); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if len(told) != 1 || !strings.Contains(told[0], "is damaged") || !strings.Contains(told[0], ".recover") {
		t.Errorf("told at close: %q", told)
	}
}
