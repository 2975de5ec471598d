package store

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// bulkRows is enough rows for a file to take the bulk path (indexes
// dropped and rebuilt) once lowBulkThreshold has set the threshold to
// testBulkMinRows: dropIndexesForBulk estimates 200 bytes a row. The
// files are a tenth of what the real threshold (50,000) needs, in the
// same proportion to it, so that the bulk path's tests write about 1 MB a
// file rather than 11 MB and import a tenth of the rows.
const (
	bulkRows        = 6_000
	testBulkMinRows = 5_000
)

// lowBulkThreshold sets the bulk path's threshold to testBulkMinRows for
// the test (tests that change it run one at a time: none is parallel).
func lowBulkThreshold(t *testing.T) {
	t.Helper()
	old := bulkMinRows
	bulkMinRows = testBulkMinRows
	t.Cleanup(func() { bulkMinRows = old })
}

// writeTimeOrderedFile writes an IPDR file in the paper's Table I layout
// whose rows are ordered by time across bulkSubscribers subscribers, so
// that the subscriber index's keys arrive in no order at all, and lowers
// the bulk path's threshold for the test (lowBulkThreshold). It returns
// the number of rows written for each MSISDN.
func writeTimeOrderedFile(t *testing.T, path string) map[string]int64 {
	t.Helper()
	return writeTimeOrderedFileFrom(t, path, time.Date(2024, 3, 18, 0, 0, 0, 0, time.UTC), 10_000)
}

// writeTimeOrderedFileFrom is writeTimeOrderedFile with the first start
// and the first subscriber's number (9180 and 8 digits) given.
func writeTimeOrderedFileFrom(t *testing.T, path string, base time.Time, firstSub int) map[string]int64 {
	t.Helper()
	lowBulkThreshold(t)
	return writeTimeOrderedRows(t, path, base, firstSub, bulkRows)
}

// writeTimeOrderedRows writes rows rows of writeTimeOrderedFile's layout;
// the file must be large enough for the bulk path at the threshold in
// force.
func writeTimeOrderedRows(t *testing.T, path string, base time.Time, firstSub, rows int) map[string]int64 {
	t.Helper()
	const subscribers = 97
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "MSISDN,IMSI,IMEI,PRIVATEIP,PRIVATEPORT,PUBLICIP,PUBLICPORT,DESTIP,DESTPORT,START_DATE,START_TIME,END_DATE,END_TIME,CELL_ID,UPLINK_VOLUME,DOWNLINK_VOLUME,TOTAL_VOLUME,I_RATTYPE")
	perSubscriber := map[string]int64{}
	for i := 0; i < rows; i++ {
		s := (i * 37) % subscribers // consecutive rows belong to different subscribers
		msisdn := fmt.Sprintf("9180%08d", firstSub+s)
		perSubscriber[msisdn]++
		start := base.Add(time.Duration(i*7) * time.Second)
		end := start.Add(30 * time.Second)
		fmt.Fprintf(w, "%s,4041%011d,86893104%07d,10.1.%d.%d,%d,49.36.%d.%d,%d,142.250.%d.%d,%d,%s,%s,%s,%s,404-10-1434-%d,%d,%d,%d,4G\n",
			msisdn, s, s, s%250, i%250, 30_000+i%30_000, s%250, i%250, 12_000+i%5_000, i%250, (i*7)%250,
			[]int{443, 5222, 5228, 80, 53}[i%5],
			start.Format("02/01/2006"), start.Format("15:04:05"), end.Format("02/01/2006"), end.Format("15:04:05"),
			40_000+i%300, 1_000+i%900, 20_000+i%9_000, 21_000+i%900+i%9_000)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(path); info.Size()/200 < bulkMinRows {
		t.Fatalf("%s is %d bytes: too small for the bulk path", path, info.Size())
	}
	return perSubscriber
}

// indexSQL is every index of table by name, as sqlite_master holds it.
func indexSQL(t testing.TB, st *Store, table string) map[string]string {
	t.Helper()
	rows, err := st.DB().Query("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, sql string
		if err := rows.Scan(&name, &sql); err != nil {
			t.Fatal(err)
		}
		out[name] = sql
	}
	return out
}

func sameIndexes(t *testing.T, got, want map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("indexes %v, want %v", got, want)
	}
	for name, sql := range want {
		if got[name] != sql {
			t.Errorf("index %s = %q, want %q", name, got[name], sql)
		}
	}
}

// A file large enough for the bulk path, ordered by time rather than by
// subscriber, imports whole and leaves every index of the schema in place
// and in use: the subscriber index is rebuilt with the others.
func TestBulkImportRebuildsEveryIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "by-time.csv")
	perSubscriber := writeTimeOrderedFile(t, path)
	st := openTemp(t)
	before := indexSQL(t, st, "ipdr")
	for _, name := range []string{"ipdr_by_subscriber", "ipdr_by_dest", "ipdr_by_port"} {
		if before[name] == "" {
			t.Fatalf("schema has no %s: %v", name, before)
		}
	}
	res := importOne(t, st, path, ImportOptions{})
	if res.Error != "" || res.Rows != bulkRows || res.Rejected != 0 || res.Dropped != 0 {
		t.Fatalf("import: %+v", res)
	}
	sameIndexes(t, indexSQL(t, st, "ipdr"), before)
	var check string
	if err := st.DB().QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %q %v", check, err)
	}
	for msisdn, want := range perSubscriber {
		got := count(t, st, `SELECT count(*) FROM ipdr INDEXED BY ipdr_by_subscriber
			WHERE subscriber_id = (SELECT id FROM subscribers WHERE msisdn = ?) AND start >= 0`, msisdn)
		if got != want {
			t.Errorf("%s: %d records through ipdr_by_subscriber, wrote %d", msisdn, got, want)
		}
	}
	if got := count(t, st, "SELECT count(*) FROM ipdr INDEXED BY ipdr_by_port WHERE dest_port = 5222"); got != bulkRows/5 {
		t.Errorf("port 5222 through ipdr_by_port: %d, want %d", got, bulkRows/5)
	}
	// 142.250.0.0 is row i's destination when i and 7i are multiples of 250;
	// its key is 142 << 24 | 250 << 16 = 2398748672.
	if got := count(t, st, "SELECT count(*) FROM ipdr INDEXED BY ipdr_by_dest WHERE dest_hi = 2398748672 AND dest_lo IS NULL AND dest_ip = '142.250.0.0'"); got != bulkRows/250 {
		t.Errorf("142.250.0.0 through ipdr_by_dest: %d, want %d", got, bulkRows/250)
	}
}

// An import on the bulk path that is interrupted leaves the case as it
// was: no rows, no source, and the indexes it had dropped are back.
func TestInterruptedBulkImportKeepsIndexes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "by-time.csv")
	writeTimeOrderedFile(t, path)
	st := openTemp(t)
	before := indexSQL(t, st, "ipdr")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// interrupted once every row is in and the indexes are to be built
	results, err := st.Import(ctx, []string{path}, ImportOptions{Progress: func(p Progress) {
		if p.Indexing {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("import ended with %v, want it cancelled", err)
	}
	if len(results) != 1 || results[0].Rows != 0 || results[0].SourceID != 0 || !strings.HasPrefix(results[0].Error, "interrupted: nothing of this file") {
		t.Errorf("result of the interrupted file: %+v", results)
	}
	if n := count(t, st, "SELECT count(*) FROM ipdr"); n != 0 {
		t.Errorf("%d ipdr rows after an interrupted import", n)
	}
	if n := count(t, st, "SELECT count(*) FROM sources"); n != 0 {
		t.Errorf("%d sources after an interrupted import", n)
	}
	sameIndexes(t, indexSQL(t, st, "ipdr"), before)
	if !strings.Contains(before["ipdr_by_subscriber"], "subscriber_id") {
		t.Errorf("ipdr_by_subscriber = %q", before["ipdr_by_subscriber"])
	}
}
