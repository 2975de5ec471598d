package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Close returns only when the connections a query still used are closed:
// a pane's query that began before the case was closed must not leave
// SQLite writing beside the case (-wal, -shm) after whoever closed it
// removed its folder. The CI found exactly that: a test's temporary
// folder "not empty" after the case in it was closed.
func TestCloseWaitsForConnectionsInUse(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "case.db")
	st, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := st.DB().QueryContext(context.Background(), "SELECT key FROM case_info")
	if err != nil {
		t.Fatal(err)
	}
	closed := make(chan error, 1)
	go func() { closed <- st.Close() }()
	select {
	case err := <-closed:
		t.Fatalf("Close returned (%v) while a query still held its connection", err)
	case <-time.After(200 * time.Millisecond):
	}
	for rows.Next() {
	}
	rows.Close()
	if err := <-closed; err != nil {
		t.Fatal(err)
	}
	if n := st.DB().Stats().OpenConnections; n != 0 {
		t.Fatalf("%d connections open after Close", n)
	}
	for _, side := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + side); err == nil {
			t.Errorf("%s still beside the closed case", side)
		}
	}
}
