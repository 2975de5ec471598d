package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// soundCase makes a case holding one IPDR record, every case being
// "large" (checked in the background, and its check remembered) for the
// test's length.
func soundCase(t *testing.T) string {
	t.Helper()
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	old := syncCheckBytes
	syncCheckBytes = 0
	t.Cleanup(func() { syncCheckBytes = old })
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
	st.Close()
	return casePath
}

// openChecked opens the case, waits for its check and says whether it
// was skipped and what it found.
func openChecked(t *testing.T, casePath string) (skipped bool, damaged string) {
	t.Helper()
	st, err := Open(casePath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.WaitChecked(context.Background()); err != nil {
		t.Fatal(err)
	}
	if st.CheckSkipped() && st.Checking() {
		t.Error("a skipped check is said to be running")
	}
	return st.CheckSkipped(), st.Damaged()
}

// settle waits until the case's times are older than checkedRacy, as they
// are when an analyst opens a case again.
func settle() { time.Sleep(2 * checkedRacy) }

// The first open of a large case checks it and remembers it sound; the
// second open of the unchanged case skips the check.
func TestCheckRememberedSkipsSecondOpen(t *testing.T) {
	casePath := soundCase(t)
	settle()
	if skipped, dmg := openChecked(t, casePath); skipped || dmg != "" {
		t.Fatalf("first open: skipped %v, damaged %q; want checked and sound", skipped, dmg)
	}
	if skipped, dmg := openChecked(t, casePath); !skipped || dmg != "" {
		t.Fatalf("second open of an unchanged case: skipped %v, damaged %q; want skipped", skipped, dmg)
	}
	abs, _ := filepath.Abs(casePath)
	if _, err := os.Stat(checkedFile(abs)); err != nil || !strings.HasPrefix(checkedFile(abs), os.Getenv("XDG_CACHE_HOME")) {
		t.Errorf("remembered at %s: %v", checkedFile(abs), err)
	}
}

// A byte written into a page of a case remembered sound changes its
// ctime: the next open checks it and finds the damage, each time.
func TestCheckRememberedByteFlippedIsDamaged(t *testing.T) {
	casePath := soundCase(t)
	st, err := Open(casePath)
	if err != nil {
		t.Fatal(err)
	}
	var root, pageSize int64
	st.DB().QueryRow("SELECT rootpage FROM sqlite_master WHERE name = 'ipdr_by_dest'").Scan(&root)
	st.DB().QueryRow("PRAGMA page_size").Scan(&pageSize)
	st.WaitChecked(context.Background())
	st.Close()
	settle()
	if skipped, _ := openChecked(t, casePath); !skipped {
		t.Fatal("the unchanged case was checked again: the test would not show a flipped byte is noticed")
	}
	f, err := os.OpenFile(casePath, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteAt([]byte{0, 0xff, 0xff}, (root-1)*pageSize)
	f.Close()
	for i := range 2 {
		if skipped, dmg := openChecked(t, casePath); skipped || dmg == "" {
			t.Errorf("open %d after a byte was written: skipped %v, damaged %q; want checked and damaged", i+1, skipped, dmg)
		}
	}
}

// A touch (the times set back as they were too) moves the ctime: the
// case is checked again.
func TestCheckRememberedTouchForcesCheck(t *testing.T) {
	casePath := soundCase(t)
	settle()
	openChecked(t, casePath)
	if skipped, _ := openChecked(t, casePath); !skipped {
		t.Fatal("the unchanged case was checked again")
	}
	fi, err := os.Stat(casePath)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(casePath, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	if skipped, _ := openChecked(t, casePath); skipped {
		t.Error("a touched case skipped its check")
	}
}

// A store that skipped its check and wrote records, at its close, the
// case as it left it: the next open skips the check again, and sees the
// write.
func TestCheckRememberedCloseAfterWrites(t *testing.T) {
	casePath := soundCase(t)
	settle()
	openChecked(t, casePath)
	before, _ := caseIdentity(casePath)
	st, err := Open(casePath)
	if err != nil {
		t.Fatal(err)
	}
	if !st.CheckSkipped() {
		t.Fatal("the unchanged case was checked again")
	}
	if _, err := st.AddNote(context.Background(), Note{Kind: "subscriber", Target: "919800000001", Body: "x"}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	after, _ := caseIdentity(casePath)
	if after == before {
		t.Fatal("the write left the case's identity as it was: the test shows nothing")
	}
	settle()
	st, err = Open(casePath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if !st.CheckSkipped() {
		t.Error("the case cdrtui wrote and closed was checked again")
	}
	if n := count(t, st, "SELECT count(*) FROM notes"); n != 1 {
		t.Errorf("notes %d, want 1", n)
	}
}

// A case opened read-only by an analysis, which records its run in the
// audit trail beside the read-only handle: at its close the case is
// remembered as it was left, and the next analysis skips the check (each
// command-line analysis of a large case checked it whole again).
func TestCheckRememberedAfterAuditBesideReadOnly(t *testing.T) {
	casePath := soundCase(t)
	settle()
	for i := range 3 {
		st, err := OpenReadOnly(casePath)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.WaitChecked(context.Background()); err != nil {
			t.Fatal(err)
		}
		if skipped := st.CheckSkipped(); skipped != (i > 0) {
			t.Errorf("analysis %d: check skipped %v", i+1, skipped)
		}
		before, _ := caseIdentity(casePath)
		if _, err := st.AppendAudit(context.Background(), AuditEntry{Analyst: "t", Action: "persona", Params: "{}"}); err != nil {
			t.Fatal(err)
		}
		if after, _ := caseIdentity(casePath); after == before {
			t.Fatal("the audit entry left the case's identity as it was: the test shows nothing")
		}
		st.Close()
		settle()
	}
	st, err := Open(casePath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n := count(t, st, "SELECT count(*) FROM audit WHERE action = 'persona'"); n != 3 {
		t.Errorf("audit entries %d, want 3", n)
	}
}

// A cache dir that cannot be written remembers nothing: every open
// checks, and works.
func TestCheckUnwritableCacheChecksEveryTime(t *testing.T) {
	casePath := soundCase(t)
	cache := filepath.Join(t.TempDir(), "cache")
	os.WriteFile(cache, []byte("a file, not a dir"), 0o644)
	t.Setenv("XDG_CACHE_HOME", cache)
	settle()
	for i := range 3 {
		if skipped, dmg := openChecked(t, casePath); skipped || dmg != "" {
			t.Errorf("open %d: skipped %v, damaged %q; want checked and sound", i+1, skipped, dmg)
		}
	}
}
