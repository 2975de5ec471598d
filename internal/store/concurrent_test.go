package store

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
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
