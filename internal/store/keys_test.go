package store

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/analysis"
)

func writeEvidence(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o444); err != nil {
		t.Fatal(err)
	}
	return p
}

func strings1(t *testing.T, st *Store, q string, args ...any) []string {
	t.Helper()
	rows, err := st.DB().Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v *string
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		if v == nil {
			out = append(out, "NULL")
		} else {
			out = append(out, *v)
		}
	}
	return out
}

// One subscriber written five ways, with other parties written several
// ways, and one cell in four encodings: the file carries +91 and 0091
// forms, so the plan is told from it (IN) and kept in the case.
const formsCDR = `MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION,CELL_ID
9714499703,VOICE_OUT,9812345678,18/03/2024,10:00:00,60,404-10-7301-12345
919714499703,VOICE_IN,+91 98123 45678,18/03/2024,11:00:00,30,404100730112345
+91 97144 99703,SMS_IN,VM-HDFCBK,18/03/2024,12:00:00,0,404101C853039
09714499703,VOICE_OUT,121,18/03/2024,13:00:00,5,404101c853039
00919714499703,VOICE_OUT,00447700900123,18/03/2024,14:00:00,7,405874ABCDEF1
`

func TestImportKeysEveryFormOfANumber(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, writeEvidence(t, "forms.csv", formsCDR), ImportOptions{})
	if res.Error != "" || res.Rows != 5 {
		t.Fatalf("%+v", res)
	}
	if !strings.Contains(res.Keys, "numbering plan IN") {
		t.Errorf("keys sentence %q does not name the plan", res.Keys)
	}
	if got := strings1(t, st, "SELECT msisdn || '/' || coalesce(msisdn_key, '') FROM subscribers"); !slices.Equal(got, []string{"919714499703/919714499703"}) {
		t.Errorf("subscribers %v, want one keyed 919714499703", got)
	}
	if got := count(t, st, "SELECT voice_records FROM subscribers"); got != 5 {
		t.Errorf("voice records of the subscriber %d, want 5", got)
	}
	wantAs := []string{"9714499703", "NULL", "+91 97144 99703", "09714499703", "00919714499703"}
	if got := strings1(t, st, "SELECT msisdn_as FROM voice ORDER BY line"); !slices.Equal(got, wantAs) {
		t.Errorf("written forms %v, want %v", got, wantAs)
	}
	wantOther := []string{"9812345678", "+91 98123 45678", "VM-HDFCBK", "121", "00447700900123"}
	if got := strings1(t, st, "SELECT other FROM voice ORDER BY line"); !slices.Equal(got, wantOther) {
		t.Errorf("other parties %v, want %v", got, wantOther)
	}
	wantKey := []string{"919812345678", "919812345678", "NULL", "NULL", "447700900123"}
	if got := strings1(t, st, "SELECT other_key FROM voice ORDER BY line"); !slices.Equal(got, wantKey) {
		t.Errorf("other keys %v, want %v", got, wantKey)
	}
	if got := strings1(t, st, "SELECT value FROM case_info WHERE key = 'country'"); !slices.Equal(got, []string{"IN"}) {
		t.Errorf("case plan %v", got)
	}
	wantCells := []string{"404-10-7301-12345", "404-10-7301-12345", "404-10-7301-12345", "404-10-7301-12345", "405-874-?-180150001"}
	if got := strings1(t, st, "SELECT cell_key FROM cells ORDER BY id"); !slices.Equal(got, wantCells) {
		t.Errorf("cell keys %v, want %v", got, wantCells)
	}
	// every form an analyst types finds the subscriber
	for _, typed := range []string{"9714499703", "+91 97144 99703", "0091-97144-99703", "919714499703"} {
		if _, err := st.SubscriberID(context.Background(), typed); err != nil {
			t.Errorf("SubscriberID(%q): %v", typed, err)
		}
	}
}

// A file of ten-digit numbers alone could be Indian, North American or
// Russian: it is refused, saying what each would make of a number, and
// nothing of it is imported; --country IN reads it.
func TestImportRefusesNumbersNoPlanReads(t *testing.T) {
	body := "MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION\n" +
		"9714499703,VOICE_OUT,9812345678,18/03/2024,10:00:00,60\n" +
		"9714499703,VOICE_IN,9812345679,18/03/2024,11:00:00,30\n"
	st := openTemp(t)
	path := writeEvidence(t, "national.csv", body)
	res := importOne(t, st, path, ImportOptions{})
	for _, want := range []string{"--country", "919714499703 under IN", "19714499703 under US", "79714499703 under RU"} {
		if !strings.Contains(res.Error, want) {
			t.Errorf("error %q lacks %q", res.Error, want)
		}
	}
	if n := count(t, st, "SELECT count(*) FROM voice"); n != 0 {
		t.Errorf("%d rows imported from a refused file", n)
	}
	if n := count(t, st, "SELECT count(*) FROM case_info WHERE key = 'country'"); n != 0 {
		t.Errorf("a plan was kept from a refused file")
	}
	res = importOne(t, st, path, ImportOptions{Country: "IN"})
	if res.Error != "" || res.Rows != 2 {
		t.Fatalf("%+v", res)
	}
	if got := strings1(t, st, "SELECT msisdn FROM subscribers"); !slices.Equal(got, []string{"919714499703"}) {
		t.Errorf("subscribers %v", got)
	}
	if got := strings1(t, st, "SELECT value FROM case_info WHERE key = 'country_source'"); !slices.Equal(got, []string{"--country IN"}) {
		t.Errorf("plan source %v", got)
	}
	// another plan named for a later file keys that file alone under it:
	// the case keeps its plan and the source records the one it was keyed by
	res = importOne(t, st, writeEvidence(t, "us.csv", strings.Replace(body, "18/03", "19/03", -1)), ImportOptions{Country: "US"})
	if res.Error != "" || res.Rows != 2 || !strings.Contains(res.Keys, "numbering plan US (--country US for this file; the case's plan stays IN") {
		t.Errorf("--country US on an IN case: %+v", res)
	}
	if got := strings1(t, st, "SELECT msisdn FROM subscribers ORDER BY id"); !slices.Equal(got, []string{"919714499703", "19714499703"}) {
		t.Errorf("subscribers %v", got)
	}
	if got := strings1(t, st, "SELECT country FROM sources ORDER BY id"); !slices.Equal(got, []string{"IN", "US"}) {
		t.Errorf("sources.country %v", got)
	}
	if got := strings1(t, st, "SELECT value FROM case_info WHERE key = 'country'"); !slices.Equal(got, []string{"IN"}) {
		t.Errorf("the case's plan became %v", got)
	}
}

// A short code as the subscriber, with a plan: kept as written, with no
// key, and the import says so.
func TestImportSaysWhatItCouldNotKey(t *testing.T) {
	body := "MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION\n" +
		"12345,VOICE_OUT,98123456,18/03/2024,10:00:00,60\n" +
		"919714499703,VOICE_IN,9812345679,18/03/2024,11:00:00,30\n"
	st := openTemp(t)
	res := importOne(t, st, writeEvidence(t, "short.csv", body), ImportOptions{Country: "IN"})
	if res.Error != "" || res.Rows != 2 {
		t.Fatalf("%+v", res)
	}
	for _, want := range []string{"1 record whose subscriber number", "1 record whose other party's number", "numbering plan IN"} {
		if !strings.Contains(res.Keys, want) {
			t.Errorf("keys sentence %q lacks %q", res.Keys, want)
		}
	}
	if got := strings1(t, st, "SELECT msisdn || '/' || coalesce(msisdn_key, 'none') FROM subscribers ORDER BY id"); !slices.Equal(got, []string{"12345/none", "919714499703/919714499703"}) {
		t.Errorf("subscribers %v", got)
	}
}

// hunt --cell 404-10-7301-* finds the cell written dashed, as a decimal
// CGI and as a hex CGI in either case; an exact cell in one encoding finds
// the others.
func TestHuntCellsInAnyEncoding(t *testing.T) {
	body := "MSISDN,IMSI,IMEI,DESTIP,DESTPORT,START,CELL_ID\n" +
		"919714499703,404100000000001,352099001761481,104.198.99.79,443,2024-03-20 18:00:00,404-10-7301-12345\n" +
		"919714499704,404100000000002,352099001761499,104.198.99.79,443,2024-03-20 18:01:00,404100730112345\n" +
		"919714499705,404100000000003,352099001761507,104.198.99.79,443,2024-03-20 18:02:00,404101C853039\n" +
		"919714499706,404100000000004,352099001761515,104.198.99.79,443,2024-03-20 18:03:00,404101c853039\n" +
		"919714499707,404100000000005,352099001761523,104.198.99.79,443,2024-03-20 18:04:00,404-10-7302-12345\n"
	st := openTemp(t)
	if res := importOne(t, st, writeEvidence(t, "cells.csv", body), ImportOptions{}); res.Error != "" || res.Rows != 5 {
		t.Fatalf("%+v", res)
	}
	for _, c := range []struct {
		cells string
		subs  []string
	}{
		{"404-10-7301-*", []string{"919714499703", "919714499704", "919714499705", "919714499706"}},
		{"404101c853039", []string{"919714499703", "919714499704", "919714499705", "919714499706"}},
		{"404-10-7302-12345", []string{"919714499707"}},
		{"404-10-730*", []string{"919714499703", "919714499704", "919714499705", "919714499706", "919714499707"}},
	} {
		hits, stats := huntHits(t, st, analysis.HuntForm{Dests: "104.198.99.79", Cells: c.cells}, HuntScanOptions{})
		var subs []string
		for _, h := range hits {
			subs = append(subs, h[:strings.Index(h, "@")])
		}
		if !slices.Equal(subs, c.subs) || len(stats.UnknownCells) != 0 {
			t.Errorf("--cell %s: %v (unknown %v), want %v", c.cells, subs, stats.UnknownCells, c.subs)
		}
	}
}

// The identity search finds a subscriber by MSISDN in any form, by IMSI
// and by IMEI in any of its lengths.
func TestSearchIdentities(t *testing.T) {
	body := "MSISDN,IMSI,IMEI,DESTIP,DESTPORT,START,CELL_ID\n" +
		"9714499703,404100000000001,3520990017614823,104.198.99.79,443,2024-03-20 18:00:00,C1\n" +
		"+91 98123 45678,404100000000002,490154203237518,104.198.99.79,443,2024-03-20 18:01:00,C1\n"
	st := openTemp(t)
	if res := importOne(t, st, writeEvidence(t, "search.csv", body), ImportOptions{Country: "IN"}); res.Error != "" {
		t.Fatalf("%+v", res)
	}
	ctx := context.Background()
	for _, c := range []struct {
		text, msisdn, matched string
	}{
		{"9714499703", "919714499703", "msisdn"},
		{"+91 97144 99703", "919714499703", "msisdn"},
		{"00919714499703", "919714499703", "msisdn"},
		{"09714499703", "919714499703", "msisdn"},
		{"404100000000002", "919812345678", "imsi"},
		{"352099001761482", "919714499703", "imei"}, // the IMEISV's IMEI, check digit recomputed
		{"35209900176148", "919714499703", "imei"},
		{"4901542032375", "", ""}, // 13 digits: no IMEI, ends no MSISDN
		{"45678", "", ""},         // too short to be a suffix
		{"812345678", "919812345678", "msisdn-suffix"},
		{"VM-HDFCBK", "", ""},
	} {
		hits, err := st.SearchIdentities(ctx, c.text, 10)
		if err != nil {
			t.Fatal(err)
		}
		if c.msisdn == "" {
			if len(hits) != 0 {
				t.Errorf("%q: %+v, want nothing", c.text, hits)
			}
			continue
		}
		if len(hits) != 1 || hits[0].MSISDN != c.msisdn || hits[0].Matched != c.matched {
			t.Errorf("%q: %+v, want %s by %s", c.text, hits, c.msisdn, c.matched)
		}
		cond, args, err := st.IdentityFilter(ctx, "s.id", c.text)
		if err != nil {
			t.Fatal(err)
		}
		if c.matched != "msisdn-suffix" {
			got := strings1(t, st, "SELECT msisdn FROM subscribers s WHERE "+cond, args...)
			if !slices.Equal(got, []string{c.msisdn}) {
				t.Errorf("filter %q: %v", c.text, got)
			}
		}
	}
}

// The SIM-box features count distinct numbers called by their key: one
// number written three ways is one number.
func TestSimBoxDistinctNumbersByKey(t *testing.T) {
	body := "MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION\n" +
		"919714499703,VOICE_OUT,9812345678,18/03/2024,10:00:00,60\n" +
		"919714499703,VOICE_OUT,+91 98123 45678,18/03/2024,11:00:00,60\n" +
		"919714499703,VOICE_OUT,09812345678,18/03/2024,12:00:00,60\n" +
		"919714499703,VOICE_OUT,9812345679,18/03/2024,13:00:00,60\n"
	st := openTemp(t)
	if res := importOne(t, st, writeEvidence(t, "calls.csv", body), ImportOptions{Country: "IN"}); res.Error != "" {
		t.Fatalf("%+v", res)
	}
	acts, err := st.SimBoxActivity(context.Background(), analysis.ClockWindow{From: 22 * 3600, To: 6 * 3600})
	if err != nil {
		t.Fatal(err)
	}
	if len(acts) != 1 || acts[0].VoiceOut != 4 || acts[0].DistinctCalled != 2 {
		t.Errorf("%+v, want 4 calls to 2 distinct numbers", acts)
	}
}

// A subscriber's cells: one cell written dashed, as a decimal CGI and as
// a hex CGI is one cell under its key, with its forms; its records, drilled
// from the form shown, are those of every form.
func TestCellUsesByKey(t *testing.T) {
	body := "MSISDN,IMSI,IMEI,DESTIP,DESTPORT,START,CELL_ID\n" +
		"919714499703,404100000000001,352099001761481,104.198.99.79,443,2024-03-20 18:00:00,404-10-7301-12345\n" +
		"919714499703,404100000000001,352099001761481,104.198.99.79,443,2024-03-20 18:01:00,404-10-7301-12345\n" +
		"919714499703,404100000000001,352099001761481,104.198.99.79,443,2024-03-20 18:02:00,404100730112345\n" +
		"919714499703,404100000000001,352099001761481,104.198.99.79,443,2024-03-20 18:03:00,404101c853039\n" +
		"919714499703,404100000000001,352099001761481,104.198.99.79,443,2024-03-20 18:04:00,CELL_X\n"
	st := openTemp(t)
	if res := importOne(t, st, writeEvidence(t, "cells.csv", body), ImportOptions{}); res.Error != "" {
		t.Fatalf("%+v", res)
	}
	ctx := context.Background()
	id, err := st.SubscriberID(ctx, "919714499703")
	if err != nil {
		t.Fatal(err)
	}
	uses, err := st.CellUses(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(uses) != 2 {
		t.Fatalf("%d cells, want 2: %+v", len(uses), uses)
	}
	u := uses[0]
	if u.Cell != "404-10-7301-12345" || u.Key != "404-10-7301-12345" || u.DataRecords != 4 ||
		!slices.Equal(u.Forms, []string{"404-10-7301-12345", "404100730112345", "404101c853039"}) {
		t.Errorf("cell %+v", u)
	}
	if uses[1].Cell != "CELL_X" || uses[1].Key != "" || uses[1].DataRecords != 1 {
		t.Errorf("unkeyed cell %+v", uses[1])
	}
	n, err := st.CountData(ctx, DataSelection{Subscribers: []int64{id}, CellID: u.CellID})
	if err != nil || n != 4 {
		t.Errorf("records of the cell: %d %v, want 4", n, err)
	}
	n, err = st.CountData(ctx, DataSelection{Subscribers: []int64{id}, CellID: uses[1].CellID})
	if err != nil || n != 1 {
		t.Errorf("records of CELL_X: %d %v, want 1", n, err)
	}
}

// One person across three operators' files, each writing the number its
// own way (an IPDR with 91 and ten digits, a CDR with ten digits, another
// with +91 and spaces, its other party with a trunk 0): one subscriber
// holds every record, and each record keeps the form its file wrote.
func TestImportOnePersonAcrossFiles(t *testing.T) {
	st := openTemp(t)
	files := []struct{ name, body string }{
		{"ipdr.csv", "MSISDN,IMSI,IMEI,DESTIP,DESTPORT,START,CELL_ID\n" +
			"919714499703,404100000000001,352099001761481,104.198.99.79,443,2024-03-20 18:00:00,404-10-7301-12345\n"},
		{"cdr_a.csv", "Target No,Call Type,B Party No,Date,Time,Duration\n" +
			"9714499703,OUT,9812345678,20/03/2024,18:10:00,60\n"},
		{"cdr_b.csv", "MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION\n" +
			"+91 97144 99703,VOICE_IN,09812345678,20/03/2024,18:20:00,30\n"},
	}
	for _, f := range files {
		if res := importOne(t, st, writeEvidence(t, f.name, f.body), ImportOptions{}); res.Error != "" || res.Rows != 1 {
			t.Fatalf("%s: %+v", f.name, res)
		}
	}
	if got := strings1(t, st, "SELECT msisdn || ' ' || data_records || ' ' || voice_records FROM subscribers"); !slices.Equal(got, []string{"919714499703 1 2"}) {
		t.Errorf("subscribers %v, want one with 1 data and 2 voice records", got)
	}
	if got := strings1(t, st, "SELECT coalesce(msisdn_as, '-') || ' ' || other || ' ' || other_key FROM voice ORDER BY id"); !slices.Equal(got, []string{
		"9714499703 9812345678 919812345678", "+91 97144 99703 09812345678 919812345678"}) {
		t.Errorf("voice %v", got)
	}
}
