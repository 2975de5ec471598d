package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// paletteCase is a case of five hand-written data records: two
// subscribers, one handset each, two destinations, two cells.
func paletteCase(t *testing.T) (*Store, string) {
	t.Helper()
	dir := t.TempDir()
	csv := filepath.Join(dir, "op_x_ipdr.csv")
	body := "MSISDN,IMSI,IMEI,DESTIP,DESTPORT,START_DATE,START_TIME,CELL_ID,UPLINK_VOLUME,DOWNLINK_VOLUME\n" +
		"919812345678,404101234567890,352099001761481,157.240.1.10,5222,18/03/2024,10:00:00,404-10-1101-7,10,20\n" +
		"919812345678,404101234567890,352099001761481,157.240.1.10,443,19/03/2024,11:00:00,404-10-1101-7,10,20\n" +
		"919812345678,404101234567890,352099001761481,8.8.8.8,53,20/03/2024,12:00:00,404-10-1101-8,10,20\n" +
		"447700900123,234150999888777,490154203237518,157.240.1.10,5222,20/03/2024,13:00:00,404-10-1101-8,10,20\n" +
		"447700900123,234150999888777,490154203237518,157.240.1.10,5222,21/03/2024,14:00:00,404-10-1101-8,10,20\n"
	if err := os.WriteFile(csv, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	st := openTemp(t)
	if res, err := st.Import(context.Background(), []string{csv}, ImportOptions{}); err != nil || res[0].Error != "" || res[0].Rows != 5 {
		t.Fatalf("import: %+v %v", res, err)
	}
	return st, csv
}

func hitsOf(t *testing.T, st *Store, typed string) []PaletteHit {
	t.Helper()
	hits, err := st.PaletteSearch(context.Background(), typed, 8)
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

// identityHitsOf is hitsOf without the sources whose path holds what was
// typed: a test's temporary directory has random digits ("…/2099121689/"
// matched "121"), which say nothing of parties and subscribers.
func identityHitsOf(t *testing.T, st *Store, typed string) []PaletteHit {
	t.Helper()
	var out []PaletteHit
	for _, h := range hitsOf(t, st, typed) {
		if h.Kind != "source" {
			out = append(out, h)
		}
	}
	return out
}

// The palette finds a subscriber by an MSISDN written as people write it
// (country code or not, +, spaces, dashes, a trunk 0), a handset by its
// IMEI with or without the check digit, a SIM by IMSI, a destination IP
// with its records and subscribers, cells by prefix, sources by name.
func TestPaletteSearch(t *testing.T) {
	st, _ := paletteCase(t)
	for _, typed := range []string{"919812345678", "+91 98123-45678", "(0)98123 45678", "9812345678"} {
		hits := hitsOf(t, st, typed)
		if len(hits) == 0 || hits[0].Kind != "subscriber" || hits[0].MSISDN != "919812345678" || hits[0].Records != 3 {
			t.Errorf("%q: %+v", typed, hits)
		}
	}
	for typed, want := range map[string]string{"35209900176148": "imei", "352099001761481": "imei", "404101234567890": "imsi"} {
		hits := hitsOf(t, st, typed)
		if len(hits) != 1 || hits[0].Kind != want || hits[0].MSISDN != "919812345678" || hits[0].Records != 3 {
			t.Errorf("%q: %+v", typed, hits)
		}
	}
	if hits := hitsOf(t, st, "40410123456789"); len(hits) != 0 { // an IMSI cut short is another SIM
		t.Errorf("IMSI prefix found %+v", hits)
	}
	hits := hitsOf(t, st, "157.240.1.10")
	if len(hits) != 1 || hits[0].Kind != "ip" || hits[0].Records != 4 || hits[0].Detail != "2 subscribers" {
		t.Errorf("ip: %+v", hits)
	}
	hits = hitsOf(t, st, "404-10-1101-")
	if len(hits) != 2 || hits[0].Value != "404-10-1101-8" || hits[0].Records != 3 || hits[1].Records != 2 {
		t.Errorf("cells: %+v", hits)
	}
	hits = hitsOf(t, st, "op_x")
	if len(hits) != 1 || hits[0].Kind != "source" || !strings.HasSuffix(hits[0].Value, "op_x_ipdr.csv") || hits[0].Records != 5 {
		t.Errorf("source: %+v", hits)
	}
	if hits := hitsOf(t, st, "op%"); len(hits) != 0 { // LIKE wildcards are text
		t.Errorf("wildcard matched %+v", hits)
	}
}

// The preview detects each file's layout without writing anything; a
// file that is no evidence in a walked directory is counted, not listed.
func TestPreviewImport(t *testing.T) {
	st, csv := paletteCase(t)
	dir := filepath.Dir(csv)
	os.WriteFile(filepath.Join(dir, "notes.bin"), []byte{0, 1, 2, 0, 0, 0}, 0o644)
	os.WriteFile(filepath.Join(dir, "odd.csv"), []byte("a,b\n1,2\n"), 0o644)
	pv, err := PreviewImport(context.Background(), []string{dir}, ImportOptions{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(pv.Entries) != 2 || pv.Ignored != 1 {
		t.Fatalf("preview %+v", pv)
	}
	byName := map[string]PreviewEntry{}
	for _, e := range pv.Entries {
		byName[filepath.Base(e.Path)] = e
	}
	if e := byName["op_x_ipdr.csv"]; e.Kind != "ipdr" || e.Problem != "" || !strings.Contains(e.Format, "delimiter comma") {
		t.Errorf("ipdr entry %+v", e)
	}
	if e := byName["odd.csv"]; e.Problem == "" {
		t.Errorf("odd.csv %+v", e)
	}
	sum, _ := st.Summary(context.Background())
	if len(sum.Sources) != 1 {
		t.Fatalf("the preview imported: %d sources", len(sum.Sources))
	}
}

// CountsIn counts the records whose wall clock is in [from, to).
func TestCountsIn(t *testing.T) {
	st, _ := paletteCase(t)
	// 2024-03-19 00:00 .. 2024-03-21 00:00 (UTC wall clock): the 19th and 20th
	c, err := st.CountsIn(context.Background(), 1710806400, 1710979200)
	if err != nil {
		t.Fatal(err)
	}
	if c.Records["ipdr"] != 3 || c.Subscribers != 2 || c.FirstWall != "2024-03-19 11:00:00" || c.LastWall != "2024-03-20 13:00:00" {
		t.Fatalf("%+v", c)
	}
}

// A number that is in the case only as the other party of calls is found
// by every form of it (the key under the case's plan, +, spaces, the trunk
// 0, 00 and the country code, the national digits alone, the last digits),
// one hit per subscriber it was in calls with, most calls first; a short
// code by its digits; a number that is a subscriber stays a subscriber.
func TestPaletteFindsOtherParties(t *testing.T) {
	st := openTemp(t)
	body := "MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION\n" +
		"+91 97144 99703,VOICE_OUT,9812345678,18/03/2024,10:00:00,60\n" +
		"919714499703,VOICE_IN,+91 98123 45678,18/03/2024,11:00:00,30\n" +
		"919714499703,VOICE_OUT,121,18/03/2024,13:00:00,5\n" +
		"00919700000001,VOICE_OUT,098123 45678,18/03/2024,14:00:00,7\n" +
		"919700000001,VOICE_OUT,00447700900123,18/03/2024,15:00:00,7\n" +
		"919700000001,VOICE_OUT,919714499703,18/03/2024,16:00:00,7\n"
	if res := importOne(t, st, writeEvidence(t, "cdr.csv", body), ImportOptions{}); res.Error != "" || res.Rows != 6 {
		t.Fatalf("%+v", res)
	}
	for _, typed := range []string{"919812345678", "+91 98123 45678", "+919812345678", "098123 45678", "9812345678",
		"0091 98123 45678", "91-98123-45678", "12345678"} {
		hits := identityHitsOf(t, st, typed)
		if len(hits) != 2 || hits[0].Kind != "party" || hits[0].Value != "919812345678" || hits[0].MSISDN != "919714499703" ||
			hits[0].Records != 2 || hits[1].MSISDN != "919700000001" || hits[1].Records != 1 || hits[0].Detail != "2 calls with 919714499703" {
			t.Errorf("%q: %+v", typed, hits)
		}
	}
	for typed, want := range map[string]string{"121": "121", "+44 7700 900123": "447700900123", "0044 7700 900123": "447700900123"} {
		hits := identityHitsOf(t, st, typed)
		if len(hits) != 1 || hits[0].Kind != "party" || hits[0].Value != want || hits[0].Records != 1 {
			t.Errorf("%q: %+v", typed, hits)
		}
	}
	// a subscriber (also called by another) is found as the subscriber
	for _, typed := range []string{"+91 97144 99703", "097144 99703", "9714499703"} {
		hits := identityHitsOf(t, st, typed)
		if len(hits) != 1 || hits[0].Kind != "subscriber" || hits[0].MSISDN != "919714499703" {
			t.Errorf("%q: %+v", typed, hits)
		}
	}
	if hits := hitsOf(t, st, "5678"); len(hits) != 0 { // four digits are not a number's end
		t.Errorf("5678: %+v", hits)
	}
}
