package store

import (
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/testkit"
)

// event is a data session as an operator writes it: the fields the overlap
// rule compares, plus a cell that only some exports carry.
type event struct {
	msisdn   string
	start    int64 // wall clock written, as Unix seconds read as UTC
	dest     string
	port     int
	up, down int64
}

func (e event) cells(cell bool, i int) []string {
	out := []string{e.msisdn, time.Unix(e.start, 0).UTC().Format("2006-01-02 15:04:05"),
		e.dest, fmt.Sprint(e.port), fmt.Sprint(e.up), fmt.Sprint(e.down)}
	if cell {
		out = append(out, fmt.Sprintf("404-10-7301-%d", 100+i%7))
	}
	return out
}

// exportFile writes events as an IPDR export: with a cell column or not,
// CRLF or LF, gzipped or not, a long remarks column (no field) as padding when pad.
// It returns each data line's event by line number.
func exportFile(t testing.TB, path string, evs []event, cell, crlf, gz bool, pad int) map[int64]event {
	t.Helper()
	head := []string{"MSISDN", "Start_Time", "Destination_IP", "Destination_Port", "Uplink_Bytes", "Downlink_Bytes"}
	if cell {
		head = append(head, "Cell_ID")
	}
	if pad > 0 {
		head = append(head, "Remarks")
	}
	nl := "\n"
	if crlf {
		nl = "\r\n"
	}
	var b strings.Builder
	b.WriteString(strings.Join(head, ",") + nl)
	lines := map[int64]event{}
	for i, e := range evs {
		row := e.cells(cell, i)
		if pad > 0 {
			row = append(row, fmt.Sprintf("cdn-%d.%s.example.net", i, strings.Repeat("x", pad)))
		}
		b.WriteString(strings.Join(row, ",") + nl)
		lines[int64(i+2)] = e
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if gz {
		zw := gzip.NewWriter(f)
		zw.Write([]byte(b.String()))
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return lines
	}
	if _, err := f.WriteString(b.String()); err != nil {
		t.Fatal(err)
	}
	return lines
}

// randomEvents draws n distinct events over few subscribers and a few
// hours, so that distinct events often share a subscriber and a start.
func randomEvents(r *rand.Rand, n int) []event {
	seen := map[event]bool{}
	var out []event
	base := time.Date(2024, 3, 20, 8, 0, 0, 0, time.UTC).Unix()
	for len(out) < n {
		e := event{
			msisdn: fmt.Sprintf("9198765%05d", r.IntN(6)),
			start:  base + int64(r.IntN(400))*30,
			dest:   fmt.Sprintf("142.250.%d.%d", r.IntN(3), r.IntN(3)),
			port:   []int{443, 5222, 80}[r.IntN(3)],
			up:     int64(r.IntN(3) * 100),
			down:   int64(r.IntN(2) * 1000),
		}
		if !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
	}
	return out
}

// withRepeats copies some rows of evs to random later places, as a file
// concatenating two exports does.
func withRepeats(r *rand.Rand, evs []event, k int) []event {
	out := append([]event(nil), evs...)
	for range k {
		e := evs[r.IntN(len(evs))]
		at := r.IntN(len(out) + 1)
		out = append(out[:at], append([]event{e}, out[at:]...)...)
	}
	return out
}

func distinct(evs []event) map[event]bool {
	m := map[event]bool{}
	for _, e := range evs {
		m[e] = true
	}
	return m
}

// checkCase asserts the case holds each event of want exactly once, that
// every data line of every file traces to a record of its event (on the
// record or in record_sources), and that the summaries count each event
// once. Everything is compared with the events drawn, never with the
// importer's hash.
func checkCase(t *testing.T, st *Store, want map[event]bool, files map[int64]map[int64]event) {
	t.Helper()
	rows, err := st.DB().Query(`SELECT s.msisdn, r.start + r.wall_offset, r.dest_ip, r.dest_port, r.uplink, r.downlink, r.total
		FROM ipdr r JOIN subscribers s ON s.id = r.subscriber_id`)
	if err != nil {
		t.Fatal(err)
	}
	got := map[event]int{}
	var bytes int64
	for rows.Next() {
		var e event
		var total int64
		if err := rows.Scan(&e.msisdn, &e.start, &e.dest, &e.port, &e.up, &e.down, &total); err != nil {
			t.Fatal(err)
		}
		got[e]++
		bytes += total
	}
	rows.Close()
	var wantBytes int64
	perSub := map[string]int64{}
	for e := range want {
		if got[e] != 1 {
			t.Errorf("event %+v stored %d times, want once", e, got[e])
		}
		wantBytes += e.up + e.down
		perSub[e.msisdn]++
	}
	if len(got) != len(want) {
		t.Errorf("%d distinct events stored, want %d", len(got), len(want))
	}
	if n := count(t, st, "SELECT count(*) FROM ipdr"); n != int64(len(want)) {
		t.Errorf("%d records, want %d", n, len(want))
	}
	if bytes != wantBytes {
		t.Errorf("records carry %d bytes, want %d", bytes, wantBytes)
	}
	for msisdn, n := range perSub {
		if c := count(t, st, "SELECT data_records FROM subscribers WHERE msisdn = ?", msisdn); c != n {
			t.Errorf("subscriber %s: summary %d records, want %d", msisdn, c, n)
		}
		if c := count(t, st, "SELECT coalesce(sum(a.records), 0) FROM activity a JOIN subscribers s ON s.id = a.subscriber_id WHERE s.msisdn = ?", msisdn); c != n {
			t.Errorf("subscriber %s: activity %d records, want %d", msisdn, c, n)
		}
	}
	if c := count(t, st, "SELECT sum(bytes) FROM activity"); c != wantBytes {
		t.Errorf("activity %d bytes, want %d", c, wantBytes)
	}
	if c, n := count(t, st, "SELECT coalesce(sum(records), 0) FROM subscriber_cells"), count(t, st, "SELECT count(*) FROM ipdr WHERE cell_id IS NOT NULL"); c != n {
		t.Errorf("cell summary %d records, %d records with a cell", c, n)
	}
	if c := count(t, st, "SELECT count(*) FROM subscriber_cells WHERE records <= 0"); c != 0 {
		t.Errorf("%d empty cell summaries left", c)
	}
	// every line of every file is on a record of its event
	for src, lines := range files {
		carried := map[int64]event{}
		rows, err := st.DB().Query(`SELECT l.line, s.msisdn, r.start + r.wall_offset, r.dest_ip, r.dest_port, r.uplink, r.downlink FROM
			(SELECT id, line FROM ipdr WHERE source_id = ?1 UNION ALL SELECT record_id, line FROM record_sources WHERE kind = 'ipdr' AND source_id = ?1) l
			JOIN ipdr r ON r.id = l.id JOIN subscribers s ON s.id = r.subscriber_id`, src)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var line int64
			var e event
			if err := rows.Scan(&line, &e.msisdn, &e.start, &e.dest, &e.port, &e.up, &e.down); err != nil {
				t.Fatal(err)
			}
			if _, dup := carried[line]; dup {
				t.Errorf("source %d line %d traced twice", src, line)
			}
			carried[line] = e
		}
		rows.Close()
		if len(carried) != len(lines) {
			t.Errorf("source %d: %d lines traced, file has %d", src, len(carried), len(lines))
		}
		for line, e := range lines {
			if carried[line] != e {
				t.Errorf("source %d line %d traces to %+v, the line holds %+v", src, line, carried[line], e)
			}
		}
	}
}

// Property: importing the same records from two overlapping files -- the
// second a later request over an overlapping period, in another layout
// (one column more, CRLF, gzipped) -- gives each record once, every line
// of both files traced to it, and says how many were already in the case.
func TestOverlappingExportsStoreEachRecordOnce(t *testing.T) {
	for seed := range uint64(12) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(seed, 13))
			pool := randomEvents(r, 300)
			cut1, cut2 := 50+r.IntN(100), 150+r.IntN(100)
			a := withRepeats(r, pool[:cut2], r.IntN(10))
			bEvents := append([]event(nil), pool[cut1:]...)
			r.Shuffle(len(bEvents), func(i, j int) { bEvents[i], bEvents[j] = bEvents[j], bEvents[i] })
			b := withRepeats(r, bEvents, r.IntN(10))
			dir := t.TempDir()
			st := openTemp(t)
			aLines := exportFile(t, filepath.Join(dir, "a.csv"), a, false, false, false, 0)
			bPath := filepath.Join(dir, "b.csv")
			if seed%2 == 1 {
				bPath += ".gz"
			}
			bLines := exportFile(t, bPath, b, seed%3 != 0, seed%4 < 2, seed%2 == 1, 0)

			ra := importOne(t, st, filepath.Join(dir, "a.csv"), ImportOptions{})
			rb := importOne(t, st, bPath, ImportOptions{})
			if ra.Error != "" || rb.Error != "" {
				t.Fatalf("errors: %q %q", ra.Error, rb.Error)
			}
			// a line of b is already in the case when its event was in a;
			// else it repeats an earlier line of b when its event came before
			da, db := distinct(a), distinct(b)
			var overlap, repeatedB int64
			seenB := map[event]bool{}
			for _, e := range b {
				switch {
				case da[e]:
					overlap++
				case seenB[e]:
					repeatedB++
				}
				seenB[e] = true
			}
			var newB int64
			for e := range db {
				if !da[e] {
					newB++
				}
			}
			if ra.Rows != int64(len(da)) || ra.AlreadyInCase != 0 || ra.RepeatedInFile != int64(len(a)-len(da)) {
				t.Errorf("a: rows %d already %d repeated %d; want %d 0 %d", ra.Rows, ra.AlreadyInCase, ra.RepeatedInFile, len(da), len(a)-len(da))
			}
			if rb.Rows != newB || rb.AlreadyInCase != overlap || rb.RepeatedInFile != repeatedB {
				t.Errorf("b: rows %d already %d repeated %d; want %d %d %d", rb.Rows, rb.AlreadyInCase, rb.RepeatedInFile, newB, overlap, repeatedB)
			}
			if got := count(t, st, "SELECT rows_already FROM sources WHERE id = ?", rb.SourceID); got != overlap+repeatedB {
				t.Errorf("sources.rows_already %d, want %d", got, overlap+repeatedB)
			}
			if int64(len(b)) != newB+overlap+repeatedB {
				t.Fatalf("test arithmetic: %d lines, %d+%d+%d", len(b), newB, overlap, repeatedB)
			}
			union := distinct(append(append([]event(nil), a...), b...))
			checkCase(t, st, union, map[int64]map[int64]event{ra.SourceID: aLines, rb.SourceID: bLines})
		})
	}
}

// With no filter (every row a possible repeat, as a saturated filter's
// false positives would make it), every row is compared field by field
// and distinct events are still never merged: the property holds, and the
// MiC3 corpus file whose rows differ only by their end keeps all 36.
func TestOverlapFilterFalsePositivesNeverMerge(t *testing.T) {
	saved := bloomBits
	bloomBits = [2]int64{0, 0}
	defer func() { bloomBits = saved }()
	TestOverlappingExportsStoreEachRecordOnce(t)
	st := openTemp(t)
	res := importOne(t, st, testkit.Corpus(t, "shashi-hagroo-mic3-data-engineering/ipdr.csv"), ImportOptions{})
	if res.Rows != 36 || res.RepeatedInFile != 0 {
		t.Errorf("MiC3 ipdr.csv: %d rows, %d repeated; want 36, 0", res.Rows, res.RepeatedInFile)
	}
}

// The same export as .csv and .csv.gz, and with CRLF line endings: three
// SHA-256s, one set of records.
func TestSameExportGzippedOrCRLFAddsNothing(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	evs := randomEvents(r, 120)
	dir := t.TempDir()
	st := openTemp(t)
	files := map[int64]map[int64]event{}
	for _, f := range []struct {
		name      string
		crlf, gz  bool
		wantAdded int64
	}{{"x.csv", false, false, 120}, {"x.csv.gz", false, true, 0}, {"x-crlf.csv", true, false, 0}} {
		lines := exportFile(t, filepath.Join(dir, f.name), evs, false, f.crlf, f.gz, 0)
		res := importOne(t, st, filepath.Join(dir, f.name), ImportOptions{})
		if res.Error != "" || res.Skipped != "" {
			t.Fatalf("%s: %q %q", f.name, res.Error, res.Skipped)
		}
		if res.Rows != f.wantAdded || res.AlreadyInCase != 120-f.wantAdded {
			t.Errorf("%s: %d added, %d already; want %d, %d", f.name, res.Rows, res.AlreadyInCase, f.wantAdded, 120-f.wantAdded)
		}
		files[res.SourceID] = lines
	}
	checkCase(t, st, distinct(evs), files)
}

// A later, larger request takes the bulk path (the table's indexes dropped
// and rebuilt): the records an earlier request brought are still found
// and stored once.
func TestOverlapOnTheBulkPath(t *testing.T) {
	lowBulkThreshold(t) // 6,000 rows take the path
	r := rand.New(rand.NewPCG(3, 3))
	small := randomEvents(r, 200)
	big := append([]event(nil), small...)
	base := time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC).Unix()
	for i := range bulkRows {
		big = append(big, event{msisdn: fmt.Sprintf("9198765%05d", i%6), start: base + int64(i)*7, dest: "157.240.1.1", port: 443, up: int64(i), down: 5})
	}
	dir := t.TempDir()
	st := openTemp(t)
	sLines := exportFile(t, filepath.Join(dir, "small.csv"), small, false, false, false, 0)
	bLines := exportFile(t, filepath.Join(dir, "big.csv"), big, true, false, false, 120)
	if info, _ := os.Stat(filepath.Join(dir, "big.csv")); info.Size()/200 < bulkMinRows {
		t.Fatalf("big.csv is %d bytes: too small for the bulk path", info.Size())
	}
	rs := importOne(t, st, filepath.Join(dir, "small.csv"), ImportOptions{})
	before := indexSQL(t, st, "ipdr")
	rb := importOne(t, st, filepath.Join(dir, "big.csv"), ImportOptions{})
	if rb.Error != "" || rb.AlreadyInCase != 200 || rb.Rows != bulkRows {
		t.Fatalf("big: %q, %d added, %d already; want %d, 200", rb.Error, rb.Rows, rb.AlreadyInCase, bulkRows)
	}
	sameIndexes(t, indexSQL(t, st, "ipdr"), before)
	checkCase(t, st, distinct(big), map[int64]map[int64]event{rs.SourceID: sLines, rb.SourceID: bLines})
}

// Voice: the same call in two exports (one with a cell column more) is
// one record; a call differing only in duration is another.
func TestOverlappingVoiceExports(t *testing.T) {
	dir := t.TempDir()
	a := "Target No,B Party No,Call Type,Date,Time,Dur(s)\n" +
		"919812345678,919900000001,MO,20/03/2024,10:00:00,60\n" +
		"919812345678,919900000002,MT,20/03/2024,11:00:00,30\n"
	b := "Target No,B Party No,Call Type,Date,Time,Dur(s),First CGI\r\n" +
		"919812345678,919900000002,MT,20/03/2024,11:00:00,30,404-10-7301-12345\r\n" +
		"919812345678,919900000002,MT,20/03/2024,11:00:00,31,404-10-7301-12345\r\n" +
		"919812345678,919900000003,MO,20/03/2024,12:00:00,5,404-10-7301-12345\r\n"
	for name, body := range map[string]string{"a.csv": a, "b.csv": b} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	st := openTemp(t)
	ra := importOne(t, st, filepath.Join(dir, "a.csv"), ImportOptions{})
	rb := importOne(t, st, filepath.Join(dir, "b.csv"), ImportOptions{})
	if ra.Kind != "voice" || rb.Kind != "voice" || ra.Rows != 2 || rb.Rows != 2 || rb.AlreadyInCase != 1 {
		t.Fatalf("a %s %d rows; b %s %d rows, %d already; want voice 2; voice 2, 1 (%q %q)", ra.Kind, ra.Rows, rb.Kind, rb.Rows, rb.AlreadyInCase, ra.Error, rb.Error)
	}
	if n := count(t, st, "SELECT count(*) FROM voice"); n != 4 {
		t.Errorf("%d calls, want 4", n)
	}
	if n := count(t, st, "SELECT voice_records FROM subscribers WHERE msisdn = '919812345678'"); n != 4 {
		t.Errorf("summary %d calls, want 4", n)
	}
	// b's line 2 is a.csv's line 3, kept under a.csv
	if n := count(t, st, `SELECT count(*) FROM record_sources rs JOIN voice v ON v.id = rs.record_id
		WHERE rs.kind = 'voice' AND rs.source_id = ? AND rs.line = 2 AND v.source_id = ? AND v.line = 3`, rb.SourceID, ra.SourceID); n != 1 {
		t.Errorf("b.csv line 2 not traced to a.csv line 3")
	}
}

// Two exports that write the other party differently (national with a
// trunk 0, international with its country code) carry the same call: it
// is stored once, compared by the number's key.
func TestOverlapComparesOtherPartyByKey(t *testing.T) {
	dir := t.TempDir()
	a := "Target No,B Party No,Call Type,Date,Time,Dur(s)\n" +
		"919812345678,09900000001,MO,20/03/2024,10:00:00,60\n"
	b := "Target No,B Party No,Call Type,Date,Time,Dur(s)\n" +
		"919812345678,+91 99000 00001,MO,20/03/2024,10:00:00,60\n" +
		"919812345678,+91 99000 00002,MO,20/03/2024,10:05:00,60\n"
	for name, body := range map[string]string{"a.csv": a, "b.csv": b} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	st := openTemp(t)
	ra := importOne(t, st, filepath.Join(dir, "a.csv"), ImportOptions{Country: "IN"})
	rb := importOne(t, st, filepath.Join(dir, "b.csv"), ImportOptions{Country: "IN"})
	if ra.Rows != 1 || rb.Rows != 1 || rb.AlreadyInCase != 1 {
		t.Fatalf("a %d rows (%q); b %d rows, %d already (%q); want 1; 1, 1 already", ra.Rows, ra.Error, rb.Rows, rb.AlreadyInCase, rb.Error)
	}
	if n := count(t, st, "SELECT count(*) FROM voice"); n != 2 {
		t.Errorf("%d calls, want 2", n)
	}
}
