package store

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func writeRows(t *testing.T, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "MSISDN,DESTIP,DESTPORT,START")
	for i := range n {
		fmt.Fprintf(w, "9198%08d,10.0.%d.%d,443,2024-03-01 %02d:%02d:%02d\n", i%500, i%200, i%250, i/3600%24, i/60%60, i%60)
	}
	w.Flush()
	f.Close()
}

// While an import writes, a second import into the same case is refused at
// once, naming the import in progress, and readers go on reading (the case
// stays in WAL): no raw "database is locked" after a ten-second wait.
func TestSecondImportRefusedReadersWork(t *testing.T) {
	dir := t.TempDir()
	casePath := filepath.Join(dir, "case.db")
	first, second := filepath.Join(dir, "first.csv"), filepath.Join(dir, "second.csv")
	writeRows(t, first, 40000)
	writeRows(t, second, 10)
	st, err := Create(casePath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	paused, resume := make(chan struct{}), make(chan struct{})
	var once sync.Once
	opts := ImportOptions{Progress: func(p Progress) {
		if p.Rows > 0 {
			once.Do(func() { close(paused); <-resume })
		}
	}}
	done := make(chan error, 1)
	go func() {
		_, err := st.Import(context.Background(), []string{first}, opts)
		done <- err
	}()
	select {
	case <-paused:
	case err := <-done:
		t.Fatalf("the first import ended before pausing: %v", err)
	}

	other, err := Open(casePath)
	if err != nil {
		close(resume)
		t.Fatalf("opening the case during an import: %v", err)
	}
	start := time.Now()
	_, err = other.Import(context.Background(), []string{second}, ImportOptions{})
	var busy *ImportBusyError
	if !errors.As(err, &busy) || !strings.Contains(err.Error(), fmt.Sprintf("pid %d", os.Getpid())) || !strings.Contains(err.Error(), "first.csv") {
		t.Errorf("second import: %v; want it refused naming the import in progress", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("the second import took %v to be refused", d)
	}
	other.Close()

	reader, err := OpenReadOnly(casePath)
	if err != nil {
		close(resume)
		t.Fatalf("read-only open during an import: %v", err)
	}
	if _, err := reader.Summary(context.Background()); err != nil {
		t.Errorf("reading during an import: %v", err)
	}
	reader.Close()

	close(resume)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if n := count(t, st, "SELECT count(*) FROM ipdr"); n != 40000 {
		t.Errorf("%d rows after the first import, want 40000", n)
	}
	if _, err := os.Stat(casePath + importLockSuffix); err == nil {
		t.Error("the import lock file was left behind")
	}
	if _, err := st.Import(context.Background(), []string{second}, ImportOptions{}); err != nil {
		t.Errorf("an import after the first ended: %v", err)
	}
}

// Processes creating the same new case at once all get it, migrated once:
// no "table case_info already exists".
func TestConcurrentCreate(t *testing.T) {
	casePath := filepath.Join(t.TempDir(), "case.db")
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st, err := Create(casePath)
			if err != nil {
				errs <- err
				return
			}
			st.Close()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
