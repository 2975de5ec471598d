package store

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

type portRecord struct{ port, start, sub int64 }

// checkTimeline decodes every blob of the timeline and compares it with
// the data records read from the table itself, in the same order
// (port, start, subscriber); no pair may be left stale.
func checkTimeline(t *testing.T, st *Store, what string) {
	t.Helper()
	if n := count(t, st, "SELECT count(*) FROM port_timeline_stale"); n != 0 {
		t.Fatalf("%s: %d stale pairs left", what, n)
	}
	rows, err := st.DB().Query(`SELECT dest_port, start, subscriber_id FROM ipdr NOT INDEXED WHERE dest_port IS NOT NULL ORDER BY 1, 2, 3`)
	if err != nil {
		t.Fatal(err)
	}
	var want []portRecord
	for rows.Next() {
		var r portRecord
		if err := rows.Scan(&r.port, &r.start, &r.sub); err != nil {
			t.Fatal(err)
		}
		want = append(want, r)
	}
	rows.Close()
	if len(want) < 1000 {
		t.Fatalf("%s: %d records with a port: the test is too weak", what, len(want))
	}
	rows, err = st.DB().Query(`SELECT dest_port, day, records, data FROM port_timeline ORDER BY 1, 2`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []portRecord
	for rows.Next() {
		var port, day, n int64
		var blob []byte
		if err := rows.Scan(&port, &day, &n, &blob); err != nil {
			t.Fatal(err)
		}
		before := len(got)
		err := decodeTimeline(day, blob, func(start, sub int64) {
			if start < day*86400 || start >= (day+1)*86400 {
				t.Errorf("%s: port %d day %d holds a record at %d", what, port, day, start)
			}
			got = append(got, portRecord{port, start, sub})
		})
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(got)-before) != n || n == 0 {
			t.Errorf("%s: port %d day %d: %d records decoded, %d counted", what, port, day, len(got)-before, n)
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("%s: the timeline holds %d records, the table %d (or they differ)", what, len(got), len(want))
	}
}

// A first import builds the timeline; a second adds to it; a re-export of
// the first file (every row already in the case, removed again by the
// overlap rule) leaves it equal to the records.
func TestTimelineKeptByImports(t *testing.T) {
	st := openTemp(t)
	ctx := context.Background()
	first := generated(t, 7)
	if _, err := st.Import(ctx, []string{first}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	checkTimeline(t, st, "first import")
	before := count(t, st, "SELECT count(*) FROM ipdr")
	if _, err := st.Import(ctx, []string{generated(t, 8)}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if count(t, st, "SELECT count(*) FROM ipdr") <= before {
		t.Fatal("the second import added no records")
	}
	checkTimeline(t, st, "second import")
	// the first file again with CRLF line endings: another file, the same
	// records
	files, _ := filepath.Glob(filepath.Join(first, "*ipdr*"))
	if len(files) == 0 {
		t.Fatal("no IPDR file generated")
	}
	body, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	again := filepath.Join(t.TempDir(), "reexport_ipdr.csv")
	if err := os.WriteFile(again, bytes.ReplaceAll(body, []byte("\n"), []byte("\r\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	n := count(t, st, "SELECT count(*) FROM ipdr")
	res, err := st.Import(ctx, []string{again}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || res[0].AlreadyInCase == 0 || count(t, st, "SELECT count(*) FROM ipdr") != n {
		t.Fatalf("the re-export was not recognised as records of the case: %+v", res)
	}
	checkTimeline(t, st, "re-export")
}

// A case made before the timeline gets it from the migration.
func TestTimelineBuiltByTheMigration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "case.db")
	st, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Import(context.Background(), []string{generated(t, 9)}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"DELETE FROM port_timeline", "INSERT INTO port_timeline VALUES (1, 1, 1, x'0101')"} {
		if _, err := st.DB().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	setVersionBefore(t, st, "port_timeline.sql")
	st.Close()
	st, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	checkTimeline(t, st, "migrated case")
}

// Spans covering much of their days are answered from the timeline, the
// same records in the same order as from the index; narrow ones, spans out
// of order, and a case with a stale pair go to the index.
func TestTimelineAnswersAsTheIndex(t *testing.T) {
	st := openTemp(t)
	ctx := context.Background()
	if _, err := st.Import(ctx, []string{generated(t, 10)}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	var first, last, exclude int64
	if err := st.DB().QueryRow("SELECT min(start), max(start) FROM ipdr").Scan(&first, &last); err != nil {
		t.Fatal(err)
	}
	if err := st.DB().QueryRow("SELECT subscriber_id FROM ipdr GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").Scan(&exclude); err != nil {
		t.Fatal(err)
	}
	ports, err := st.ActivityPorts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var wide, narrow []PortSpan
	for _, p := range ports {
		// spans of every length and gap, some across midnight, the edges
		// exactly on records
		for lo, i := first, int64(0); lo <= last; i++ {
			hi := lo + 600 + (i*7919)%20000
			wide = append(wide, PortSpan{p, lo, hi})
			lo = hi + 1 + (i*104729)%900
		}
		narrow = append(narrow, PortSpan{p, first + 3600, first + 3660})
	}
	type rec struct {
		sub   int64
		port  int
		start int64
	}
	collect := func(f func(fn func(int64, int, int64)) error) []rec {
		var out []rec
		if err := f(func(sub int64, port int, start int64) { out = append(out, rec{sub, port, start}) }); err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, tt := range []struct {
		name     string
		spans    []PortSpan
		timeline bool
	}{
		{"wide spans", wide, true},
		{"narrow spans", narrow, false},
		{"spans out of order", append([]PortSpan{wide[len(wide)-1]}, wide[:len(wide)-1]...), false},
	} {
		_, ok, err := st.timelineReadable(ctx, tt.spans)
		if err != nil {
			t.Fatal(err)
		}
		if ok != tt.timeline {
			t.Fatalf("%s: read from the timeline %v, want %v", tt.name, ok, tt.timeline)
		}
		got := collect(func(fn func(int64, int, int64)) error { return st.EachRecordInSpans(ctx, tt.spans, exclude, fn) })
		want := collect(func(fn func(int64, int, int64)) error { return st.eachRecordInIndex(ctx, tt.spans, exclude, fn) })
		if len(want) < 100 && tt.timeline {
			t.Fatalf("%s: %d records: the test is too weak", tt.name, len(want))
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%s: %d records, the index gives %d (or they differ)", tt.name, len(got), len(want))
		}
	}
	if _, err := st.DB().Exec("INSERT INTO port_timeline_stale VALUES (443, 1)"); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := st.timelineReadable(ctx, wide); err != nil || ok {
		t.Fatalf("a stale pair: read from the timeline %v (%v)", ok, err)
	}
}
