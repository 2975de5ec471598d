package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/cdrtui/cdrtui/internal/store"
)

// The import that makes a case writes it in SQLite's rollback journal
// (store.CreateForImport). Killed while it writes its second file: a
// command that reads the case is refused saying how to roll the stopped
// file back (it cannot do it read-only), and no page of the half-written
// file is read as damage; the next writable opening rolls it back, and the
// case holds the first file whole, with its indexes, and nothing of the
// second. The case is in WAL after that opening.
func TestKilledFirstImportRolledBackByNextWritableOpening(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	casePath := filepath.Join(dir, "case.db")
	evidence := filepath.Join(dir, "evidence")
	if err := os.Mkdir(evidence, 0o755); err != nil {
		t.Fatal(err)
	}
	// a directory is imported in name order: a.csv, then b.csv
	writeIPDR(t, filepath.Join(evidence, "a.csv"), 1000, 1)
	writeIPDR(t, filepath.Join(evidence, "b.csv"), 400_000, 2)

	cmd := exec.Command(bin, "import", casePath, evidence)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitWriting(t, cmd, casePath)
	if _, err := os.Stat(casePath + "-wal"); err == nil {
		cmd.Process.Kill()
		t.Fatal("the import making the case writes through a WAL; want the rollback journal")
	}
	// Meanwhile a reader is refused at once, naming the import.
	out, err := exec.Command(bin, "trends", casePath, "all").CombinedOutput()
	if err == nil || !strings.Contains(string(out), "is being made by its first import (pid ") {
		t.Errorf("trends while the case is being made: %v\n%s", err, out)
	}
	// and so is a second import
	out, err = exec.Command(bin, "import", casePath, filepath.Join(evidence, "a.csv")).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "is being made by its first import (pid ") {
		t.Errorf("a second import while the case is being made: %v\n%s", err, out)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err == nil {
		t.Fatal("the import finished before it could be killed; make the file bigger")
	}
	if _, err := os.Stat(casePath + "-journal"); err != nil {
		t.Fatalf("no hot journal after the kill: %v", err)
	}

	before, _ := os.ReadFile(casePath)
	out, err = exec.Command(bin, "trends", casePath, "all").CombinedOutput()
	if err == nil || !strings.Contains(string(out), "still to be rolled back") || !strings.Contains(string(out), "cdrtui upgrade "+casePath) ||
		strings.Contains(string(out), "damaged") {
		t.Errorf("trends after the kill: %v\n%s", err, out)
	}
	var stopped *store.InterruptedImportError
	if st, err := store.OpenReadOnly(casePath); !errors.As(err, &stopped) {
		if st != nil {
			st.Close()
		}
		t.Errorf("OpenReadOnly after the kill: %v; want an InterruptedImportError", err)
	}
	if after, _ := os.ReadFile(casePath); !bytes.Equal(before, after) {
		t.Error("a read-only opening wrote into the case")
	}

	if out, err := exec.Command(bin, "upgrade", casePath).CombinedOutput(); err != nil {
		t.Fatalf("upgrade: %v\n%s", err, out)
	}
	st, err := store.OpenReadOnly(casePath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sum, err := st.Summary(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Sources) != 1 || sum.Records["ipdr"] != 1000 || filepath.Base(sum.Sources[0].Path) != "a.csv" {
		t.Fatalf("after the kill and the rollback: %d sources, %d ipdr records; want a.csv alone with 1000", len(sum.Sources), sum.Records["ipdr"])
	}
	checkSoundWithIndexes(t, st)
	var mode string
	if err := st.DB().QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal mode after the writable opening: %q %v", mode, err)
	}
}

// An import that makes a case leaves it in WAL when it ends, as every
// case is kept, with no journal beside it.
func TestFirstImportLeavesCaseInWAL(t *testing.T) {
	dir := t.TempDir()
	casePath := filepath.Join(dir, "case.db")
	small := filepath.Join(dir, "small.csv")
	writeIPDR(t, small, 500, 4)
	var stdout, stderr bytes.Buffer
	if rc := run([]string{"import", casePath, small}, &stdout, &stderr); rc != 0 {
		t.Fatalf("import: exit %d\n%s", rc, stderr.String())
	}
	head := make([]byte, 20)
	f, err := os.Open(casePath)
	if err != nil {
		t.Fatal(err)
	}
	f.Read(head)
	f.Close()
	// bytes 18 and 19 of the header are 2 in WAL, 1 in the rollback journal
	if head[18] != 2 || head[19] != 2 {
		t.Fatalf("header bytes 18-19 after the first import: %d %d; want 2 2 (WAL)", head[18], head[19])
	}
	if _, err := os.Stat(casePath + "-journal"); err == nil {
		t.Fatal("a journal is left beside the case")
	}
}
