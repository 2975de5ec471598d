package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// When SQLite reports SQLITE_FULL (here a page limit on the case's one
// connection stands in for the disk: the same error) the import stops
// with a *DiskFullError that errors.Is matches to ErrDiskFull and that
// names the file that failed; nothing of that file is in the case.
func TestDiskFullIsTyped(t *testing.T) {
	dir := t.TempDir()
	st := openTemp(t)
	small, big := filepath.Join(dir, "small.csv"), filepath.Join(dir, "big.csv")
	writeRows(t, small, 3)
	writeRows(t, big, 40000)
	ctx := context.Background()
	if _, err := st.Import(ctx, []string{small}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	st.DB().SetMaxOpenConns(1)
	var pages int64
	st.DB().QueryRow("PRAGMA page_count").Scan(&pages)
	if _, err := st.DB().Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages+20)); err != nil {
		t.Fatal(err)
	}
	res, err := st.Import(ctx, []string{big}, ImportOptions{})
	var full *DiskFullError
	if !errors.As(err, &full) || !errors.Is(err, ErrDiskFull) {
		t.Fatalf("import past the space left: %v (%T); want a *DiskFullError", err, err)
	}
	if !strings.Contains(err.Error(), big) || !strings.Contains(err.Error(), "the disk holding the case") {
		t.Errorf("error %q: want the file that failed named and the disk said full", err)
	}
	if len(res) != 1 || !strings.Contains(res[0].Error, "nothing of this file is in the case") || res[0].Rows != 0 {
		t.Errorf("result %+v", res)
	}
	if n := count(t, st, "SELECT count(*) FROM ipdr"); n != 3 {
		t.Errorf("%d records after the failed import, want the 3 of before", n)
	}
	if n := count(t, st, "SELECT count(*) FROM sources"); n != 1 {
		t.Errorf("%d sources after the failed import, want 1", n)
	}
}
