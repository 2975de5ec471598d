package store

import (
	"bufio"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// twoLargeExports writes a directory of two time-ordered exports, a.csv
// and b.csv, each large enough for the bulk path, of different subscribers
// and days, and a small file holding a.csv's first lines (records the case
// can hold before). It returns the directory, the small file and the
// records per MSISDN of both exports.
func twoLargeExports(t *testing.T) (dir, small string, per map[string]int64) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "exports")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	a := writeTimeOrderedFileFrom(t, filepath.Join(dir, "a.csv"), time.Date(2024, 3, 18, 0, 0, 0, 0, time.UTC), 10_000)
	b := writeTimeOrderedFileFrom(t, filepath.Join(dir, "b.csv"), time.Date(2024, 6, 13, 0, 0, 0, 0, time.UTC), 20_000)
	per = map[string]int64{}
	for k, v := range a {
		per[k] += v
	}
	for k, v := range b {
		per[k] += v
	}
	small = filepath.Join(t.TempDir(), "first-lines.csv")
	in, err := os.Open(filepath.Join(dir, "a.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(small)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(in)
	for i := 0; i <= 1000 && sc.Scan(); i++ { // the header and 1,000 rows
		out.WriteString(sc.Text() + "\n")
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return dir, small, per
}

func pendingMarkers(t *testing.T, st *Store) int64 {
	t.Helper()
	return count(t, st, "SELECT count(*) FROM case_info WHERE key LIKE 'pending_index:%'")
}

// A directory of two large exports imported into a case that already
// holds records takes the bulk path for the whole import: the second file
// goes in with the indexes down (the first file's commit left them down,
// which a reader of the case sees while the second is read), the second
// builds them once, and the case ends with every index, every record, and
// the overlap rule applied to the first file (whose first 1,000 records the
// case held) while the indexes were down.
func TestBulkPathDecidedForTheWholeImport(t *testing.T) {
	dir, small, per := twoLargeExports(t)
	st := openTemp(t)
	if res := importOne(t, st, small, ImportOptions{}); res.Rows != 1000 {
		t.Fatalf("first lines: %+v", res)
	}
	before := indexSQL(t, st, "ipdr")
	var mu sync.Mutex
	var sawDown, sawUp bool
	checked := false
	res, err := st.Import(context.Background(), []string{dir}, ImportOptions{Progress: func(p Progress) {
		mu.Lock()
		defer mu.Unlock()
		if filepath.Base(p.Path) != "b.csv" || p.Rows == 0 || p.Indexing || checked {
			return
		}
		checked = true
		// what a reader of the case sees while b.csv is read
		n := len(indexSQL(t, st, "ipdr"))
		sawDown, sawUp = n == 0, n == len(before)
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 {
		t.Fatalf("results: %+v", res)
	}
	if res[0].Rows != bulkRows-1000 || res[0].AlreadyInCase != 1000 || res[1].Rows != bulkRows || res[1].AlreadyInCase != 0 {
		t.Errorf("a.csv %d rows, %d already; b.csv %d rows, %d already; want %d, 1000, %d, 0",
			res[0].Rows, res[0].AlreadyInCase, res[1].Rows, res[1].AlreadyInCase, bulkRows-1000, bulkRows)
	}
	if !checked || !sawDown || sawUp {
		t.Errorf("while b.csv was read: checked %v, indexes down %v, up %v; want them down", checked, sawDown, sawUp)
	}
	sameIndexes(t, indexSQL(t, st, "ipdr"), before)
	if n := pendingMarkers(t, st); n != 0 {
		t.Errorf("%d pending-index markers after the import", n)
	}
	if n := count(t, st, "SELECT count(*) FROM ipdr"); n != 2*bulkRows {
		t.Errorf("%d records, want %d", n, 2*bulkRows)
	}
	var check string
	if err := st.DB().QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %q %v", check, err)
	}
	for msisdn, want := range per {
		got := count(t, st, `SELECT count(*) FROM ipdr INDEXED BY ipdr_by_subscriber
			WHERE subscriber_id = (SELECT id FROM subscribers WHERE msisdn = ?) AND start >= 0`, msisdn)
		if got != want {
			t.Errorf("%s: %d records through ipdr_by_subscriber, wrote %d", msisdn, got, want)
		}
		if got := count(t, st, "SELECT data_records FROM subscribers WHERE msisdn = ?", msisdn); got != want {
			t.Errorf("%s: summary says %d records, wrote %d", msisdn, got, want)
		}
	}
	// a.csv committed with the indexes down and its timeline stale; b.csv
	// built both
	checkTimeline(t, st, "bulk run")
}

// Before, the decision was per file: the second export, no larger than
// what the table then held, went into live indexes. A single file no
// larger than the case still does (building the indexes of the whole case
// again would cost more than it saves).
func TestBulkPathNotForASmallFileIntoALargeCase(t *testing.T) {
	dir, _, _ := twoLargeExports(t)
	st := openTemp(t)
	importOne(t, st, filepath.Join(dir, "a.csv"), ImportOptions{})
	before := indexSQL(t, st, "ipdr")
	sawDown := false
	importOne(t, st, filepath.Join(dir, "b.csv"), ImportOptions{Progress: func(p Progress) {
		if p.Rows > 0 && len(indexSQL(t, st, "ipdr")) == 0 {
			sawDown = true
		}
	}})
	if sawDown {
		t.Error("b.csv, no larger than the case, dropped the indexes")
	}
	sameIndexes(t, indexSQL(t, st, "ipdr"), before)
}

// An import of two large exports interrupted during the second leaves the
// first whole in the case and the second not at all; the indexes the first
// left down are named in the case, and the next writable opening builds
// them.
func TestInterruptedBulkRunLeavesIndexesToTheNextOpening(t *testing.T) {
	dir, _, per := twoLargeExports(t)
	path := filepath.Join(t.TempDir(), "case.db")
	st, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	before := indexSQL(t, st, "ipdr")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	res, err := st.Import(ctx, []string{dir}, ImportOptions{Progress: func(p Progress) {
		// every row of b.csv in, the indexes a.csv left down to be built
		if filepath.Base(p.Path) == "b.csv" && p.Indexing {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("import ended with %v, want it cancelled", err)
	}
	if len(res) != 2 || res[0].Rows != bulkRows || !strings.HasPrefix(res[1].Error, "interrupted") {
		t.Fatalf("results: %+v", res)
	}
	if n := count(t, st, "SELECT count(*) FROM ipdr"); n != bulkRows {
		t.Errorf("%d records after the interrupted import, want a.csv's %d", n, bulkRows)
	}
	if n := pendingMarkers(t, st); n != int64(len(before)) {
		t.Errorf("%d pending-index markers, want %d", n, len(before))
	}
	// a.csv's timeline waits for the index: the contacts read the table
	if n := count(t, st, "SELECT count(*) FROM port_timeline_stale"); n == 0 {
		t.Error("no stale timeline pair while the indexes are down")
	}
	var all PortSpan
	if err := st.DB().QueryRow(`SELECT dest_port, min(start), max(start) FROM ipdr WHERE dest_port IS NOT NULL
		GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`).Scan(&all.Port, &all.From, &all.To); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := st.timelineReadable(context.Background(), []PortSpan{all}); ok || err != nil {
		t.Errorf("the timeline was readable with the indexes down (%v)", err)
	}
	st.Close()
	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(indexSQL(t, ro, "ipdr")); n != 0 {
		t.Errorf("a read-only opening built %d indexes", n)
	}
	ro.Close()
	st, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sameIndexes(t, indexSQL(t, st, "ipdr"), before)
	if n := pendingMarkers(t, st); n != 0 {
		t.Errorf("%d pending-index markers after the opening", n)
	}
	checkTimeline(t, st, "indexes built at the next opening")
	if _, ok, err := st.timelineReadable(context.Background(), []PortSpan{all}); !ok || err != nil {
		t.Errorf("the timeline was not readable once built (%v)", err)
	}
	for msisdn, want := range per {
		if !strings.HasPrefix(msisdn, "918000010") {
			continue // b.csv's, not in the case
		}
		got := count(t, st, `SELECT count(*) FROM ipdr INDEXED BY ipdr_by_subscriber
			WHERE subscriber_id = (SELECT id FROM subscribers WHERE msisdn = ?) AND start >= 0`, msisdn)
		if got != want {
			t.Errorf("%s: %d records through ipdr_by_subscriber, wrote %d", msisdn, got, want)
		}
	}
}
