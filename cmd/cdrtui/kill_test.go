package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/store"
)

// builtBinary is cdrtui built once for the package's tests that run it
// as a process; TestMain removes its directory.
var builtBinary struct {
	once     sync.Once
	dir, bin string
	out      []byte
	err      error
}

// buildBinary builds cdrtui once into a temporary directory and returns
// its path: one 30 MB binary on disk, not one a test.
func buildBinary(t *testing.T) string {
	t.Helper()
	b := &builtBinary
	b.once.Do(func() {
		if b.dir, b.err = os.MkdirTemp("", "cdrtui-bin-"); b.err != nil {
			return
		}
		b.bin = filepath.Join(b.dir, "cdrtui")
		cmd := exec.Command("go", "build", "-o", b.bin, ".")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		b.out, b.err = cmd.CombinedOutput()
	})
	if b.err != nil {
		t.Fatalf("build: %v\n%s", b.err, b.out)
	}
	return b.bin
}

// writeIPDR writes n rows in the paper's Table I layout.
func writeIPDR(t *testing.T, path string, n, seed int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "MSISDN,IMSI,IMEI,DESTIP,DESTPORT,START_DATE,START_TIME,CELL_ID,UPLINK_VOLUME,DOWNLINK_VOLUME")
	for i := 0; i < n; i++ {
		sub := (i*7 + seed) % 500
		fmt.Fprintf(w, "9198%08d,40410%010d,35209900%07d,157.240.%d.%d,5222,%02d/03/2024,%d:%02d:%02d,404-10-1101-%d,%d,%d\n",
			sub, sub, sub, i%250, (i/250)%250, 13+i%14, i%24, i%60, (i/60)%60, sub%40, i%5000, i%70000)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// Killing an import midway leaves the case exactly as it was before.
func TestKilledImportLeavesCaseUnchanged(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	casePath := filepath.Join(dir, "case.db")
	small := filepath.Join(dir, "small.csv")
	big := filepath.Join(dir, "big.csv")
	writeIPDR(t, small, 1000, 1)
	writeIPDR(t, big, 400_000, 2)

	if out, err := exec.Command(bin, "import", casePath, small).CombinedOutput(); err != nil {
		t.Fatalf("first import: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "import", casePath, big)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill as soon as the import transaction has written.
	waitWriting(t, cmd, casePath)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	if err == nil {
		t.Fatal("the import finished before it could be killed; make the file bigger")
	}

	st, err := store.Create(casePath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sum, err := st.Summary(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Sources) != 1 || sum.Records["ipdr"] != 1000 {
		t.Fatalf("after the kill: %d sources, %d ipdr records; want 1 and 1000", len(sum.Sources), sum.Records["ipdr"])
	}
	var rows int64
	if err := st.DB().QueryRow("SELECT count(*) FROM ipdr").Scan(&rows); err != nil || rows != 1000 {
		t.Fatalf("ipdr table holds %d rows (%v), want 1000", rows, err)
	}
	// The killed import had dropped the table's indexes to rebuild them
	// after its rows: the rollback brings them back.
	checkSoundWithIndexes(t, st)
}

// checkSoundWithIndexes fails unless the case passes integrity_check and
// its ipdr table has its four indexes.
func checkSoundWithIndexes(t *testing.T, st *store.Store) {
	t.Helper()
	var check, indexes string
	if err := st.DB().QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %s %v", check, err)
	}
	if err := st.DB().QueryRow("SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ipdr' AND sql IS NOT NULL ORDER BY name)").Scan(&indexes); err != nil {
		t.Fatal(err)
	}
	if indexes != "ipdr_by_cell ipdr_by_dest ipdr_by_port ipdr_by_subscriber" {
		t.Fatalf("ipdr indexes after the kill: %q", indexes)
	}
}

// waitWriting waits until the import run by cmd has written into the case:
// its WAL holds a megabyte or, for a case its first import is making (in
// the rollback journal), the journal is there and the case file has grown
// past two megabytes.
func waitWriting(t *testing.T, cmd *exec.Cmd, casePath string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		if fi, err := os.Stat(casePath + "-wal"); err == nil && fi.Size() > 1<<20 {
			time.Sleep(300 * time.Millisecond)
			return
		}
		if _, err := os.Stat(casePath + "-journal"); err == nil {
			if fi, err := os.Stat(casePath); err == nil && fi.Size() > 2<<20 {
				time.Sleep(300 * time.Millisecond)
				return
			}
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the import never started writing")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// Ctrl+c (SIGINT) stops an import within a second, says so, exits
// non-zero, and the case keeps only what was imported before.
func TestInterruptStopsImportWithinASecond(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	casePath := filepath.Join(dir, "case.db")
	big := filepath.Join(dir, "big.csv")
	writeIPDR(t, big, 400_000, 3)
	cmd := exec.Command(bin, "import", casePath, big)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitWriting(t, cmd, casePath)
	sent := time.Now()
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	took := time.Since(sent)
	if err == nil {
		t.Fatal("the import finished before the interrupt; make the file bigger")
	}
	if took > time.Second {
		t.Errorf("the import took %v to stop after ctrl+c; want under a second", took)
	}
	if !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("stderr does not say the import was interrupted: %q", stderr.String())
	}
	st, err := store.OpenReadOnly(casePath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var n int64
	st.DB().QueryRow("SELECT count(*) FROM ipdr").Scan(&n)
	if n != 0 {
		t.Errorf("%d rows of the interrupted file in the case", n)
	}
}
