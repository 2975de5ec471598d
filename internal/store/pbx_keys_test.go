package store

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// An operator CDR of an Indian case, its numbers written nationally.
const keyedVoice = "MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION\n" +
	"9714499703,VOICE_OUT,9812345678,18/03/2024,10:00:00,60\n" +
	"09714499703,VOICE_IN,+91 98123 45679,18/03/2024,11:00:00,30\n"

// A seized PBX's Master.csv (18 columns): extension 301 dials the target
// with the trunk prefix 0; the target's contact calls in with +91.
const keyedMaster = `"","301","09714499703","from-internal","""R"" <301>","SIP/301-00000001","SIP/trunk-00000002","Dial","SIP/trunk/09714499703,60","2024-03-18 12:00:00","2024-03-18 12:00:05","2024-03-18 12:01:05",65,60,"ANSWERED","DOCUMENTATION","1710763200.1",""` + "\n" +
	`"","+919812345678","301","from-trunk","""C"" <+919812345678>","SIP/trunk-00000003","SIP/301-00000004","Dial","SIP/301,60","2024-03-18 13:00:00","2024-03-18 13:00:02","2024-03-18 13:00:32",32,30,"ANSWERED","DOCUMENTATION","1710766800.3",""` + "\n" +
	`"","301","302","from-internal","""R"" <301>","SIP/301-00000005","SIP/302-00000006","Dial","SIP/302,60","2024-03-18 14:00:00","2024-03-18 14:00:02","2024-03-18 14:00:32",32,30,"ANSWERED","DOCUMENTATION","1710770400.5",""` + "\n"

// A number seen in a PBX's call records and in an operator's CDR meets
// under one key: the PBX calls keep their numbers as written, with the
// keys beside them under the case's plan; an extension gets none; the
// search finds the PBX calls of a subscriber, and a number only PBX calls
// and other parties hold.
func TestPBXNumbersKeyedUnderTheCasePlan(t *testing.T) {
	st := openTemp(t)
	if res := importOne(t, st, writeEvidence(t, "cdr.csv", keyedVoice), ImportOptions{Country: "IN"}); res.Error != "" || res.Rows != 2 {
		t.Fatalf("%+v", res)
	}
	dir := filepath.Join(t.TempDir(), "var", "log", "asterisk", "cdr-csv")
	master := writeEvidenceIn(t, dir, "Master.csv", keyedMaster)
	res := importOne(t, st, master, ImportOptions{})
	if res.Error != "" || res.Rows != 3 {
		t.Fatalf("%+v", res)
	}
	got := strings1(t, st, `SELECT src || '|' || coalesce(src_key, 'NULL') || '|' || recipient || '|' || coalesce(recipient_key, 'NULL')
		FROM ast_calls_readable ORDER BY line`)
	want := []string{"301|NULL|09714499703|919714499703", "+919812345678|919812345678|301|NULL", "301|NULL|302|NULL"}
	if !slices.Equal(got, want) {
		t.Errorf("PBX calls %q, want %q", got, want)
	}
	if notes := strings1(t, st, "SELECT notes FROM sources WHERE kind = ?", KindAsteriskCDR); len(notes) != 1 ||
		!strings.Contains(notes[0], "Numbers keyed under numbering plan IN (the case's, --country IN): 1 callers, 1 numbers called.") {
		t.Errorf("notes %q", notes)
	}
	if c := strings1(t, st, "SELECT country FROM sources ORDER BY id"); !slices.Equal(c, []string{"IN", "IN"}) {
		t.Errorf("sources.country %q", c)
	}
	ctx := context.Background()
	hits, err := st.SearchIdentities(ctx, "+91 97144 99703", 0)
	if err != nil || len(hits) != 1 || hits[0].MSISDN != "919714499703" || hits[0].Matched != "msisdn" || hits[0].Records != 2 || hits[0].PBXCalls != 1 {
		t.Errorf("search of the subscriber: %+v %v", hits, err)
	}
	hits, err = st.SearchIdentities(ctx, "09812345678", 0)
	if err != nil || len(hits) != 1 || hits[0].Matched != "pbx" || hits[0].MSISDN != "919812345678" || hits[0].SubscriberID != 0 || hits[0].PBXCalls != 1 {
		t.Errorf("search of a number only a PBX call and an other party hold: %+v %v", hits, err)
	}
	if n := count(t, st, "SELECT count(*) FROM voice v JOIN ast_calls a ON a.src_key = v.other_key"); n != 1 {
		t.Errorf("%d operator records meet a PBX call on the other party's key, want 1", n)
	}
	pal, err := st.PaletteSearch(ctx, "09714499703", 8)
	if err != nil || len(pal) == 0 || pal[0].Kind != "subscriber" || pal[0].MSISDN != "919714499703" || pal[0].Detail != "also in 1 PBX call" {
		t.Errorf("palette: %+v %v", pal, err)
	}
}

// Without a plan, a PBX number written with its country code is keyed and
// a national one is not (never by guess), and the notes say so.
func TestPBXNumbersWithoutAPlan(t *testing.T) {
	st := openTemp(t)
	dir := filepath.Join(t.TempDir(), "var", "log", "asterisk", "cdr-csv")
	res := importOne(t, st, writeEvidenceIn(t, dir, "Master.csv", keyedMaster), ImportOptions{})
	if res.Error != "" || res.Rows != 3 {
		t.Fatalf("%+v", res)
	}
	got := strings1(t, st, "SELECT coalesce(src_key, 'NULL') || '|' || coalesce(recipient_key, 'NULL') FROM ast_calls ORDER BY line")
	if want := []string{"NULL|NULL", "919812345678|NULL", "NULL|NULL"}; !slices.Equal(got, want) {
		t.Errorf("keys %q, want %q", got, want)
	}
	notes := strings1(t, st, "SELECT notes FROM sources")
	if !strings.Contains(notes[0], "no numbering plan") || !strings.Contains(notes[0], "1 numbers of seven digits or more could not be keyed") {
		t.Errorf("notes %q", notes)
	}
}

// The readable views show the subscriber's number as the record wrote it,
// with the case's key in a column of its own (and the other party, cell
// and handset likewise).
func TestReadableViewsShowNumbersAsWritten(t *testing.T) {
	st := openTemp(t)
	importOne(t, st, writeEvidence(t, "cdr.csv", keyedVoice), ImportOptions{Country: "IN"})
	got := strings1(t, st, `SELECT msisdn || '|' || msisdn_key || '|' || subscriber || '|' || other || '|' || coalesce(other_key, 'NULL') FROM voice_readable ORDER BY line`)
	want := []string{"9714499703|919714499703|919714499703|9812345678|919812345678", "09714499703|919714499703|919714499703|+91 98123 45679|919812345679"}
	if !slices.Equal(got, want) {
		t.Errorf("voice_readable %q, want %q", got, want)
	}
	ipdr := "MSISDN,IMEI,DESTIP,DESTPORT,START,CELL_ID\n" +
		"+91 97144 99703,352099001761481,104.198.99.79,443,2024-03-20 18:00:00,404101C853039\n"
	importOne(t, st, writeEvidence(t, "ipdr.csv", ipdr), ImportOptions{})
	got = strings1(t, st, `SELECT msisdn || '|' || msisdn_key || '|' || imei || '|' || handset || '|' || cell || '|' || cell_key FROM ipdr_readable`)
	if want := []string{"+91 97144 99703|919714499703|352099001761481|35209900176148|404101C853039|404-10-7301-12345"}; !slices.Equal(got, want) {
		t.Errorf("ipdr_readable %q, want %q", got, want)
	}
	// the record traces follow the subscriber, whatever form a record wrote
	if _, n, err := st.Sample(context.Background(), VoiceTraceSQL("919714499703"), 5); err != nil || n != 2 {
		t.Errorf("voice trace: %d %v", n, err)
	}
}

func writeEvidenceIn(t *testing.T, dir, name, body string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o444); err != nil {
		t.Fatal(err)
	}
	return p
}

// Migration 10's step keys the PBX calls of a case made before their
// numbers were keyed, under the case's plan, and records that plan on
// every source.
func TestBackfillPBXKeys(t *testing.T) {
	st := openTemp(t)
	importOne(t, st, writeEvidence(t, "cdr.csv", keyedVoice), ImportOptions{Country: "IN"})
	dir := filepath.Join(t.TempDir(), "var", "log", "asterisk", "cdr-csv")
	importOne(t, st, writeEvidenceIn(t, dir, "Master.csv", keyedMaster), ImportOptions{})
	want := strings1(t, st, "SELECT coalesce(src_key, 'NULL') || '|' || coalesce(recipient_key, 'NULL') FROM ast_calls ORDER BY id")
	if _, err := st.DB().Exec("UPDATE ast_calls SET src_key = NULL, recipient_key = NULL; UPDATE sources SET country = ''"); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	conn, err := st.DB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := backfillPBXKeys(ctx, conn); err != nil {
		t.Fatal(err)
	}
	if got := strings1(t, st, "SELECT coalesce(src_key, 'NULL') || '|' || coalesce(recipient_key, 'NULL') FROM ast_calls ORDER BY id"); !slices.Equal(got, want) ||
		!slices.Equal(want, []string{"NULL|919714499703", "919812345678|NULL", "NULL|NULL"}) {
		t.Errorf("backfilled %q, want %q", got, want)
	}
	if c := strings1(t, st, "SELECT DISTINCT country FROM sources"); !slices.Equal(c, []string{"IN"}) {
		t.Errorf("sources.country %q", c)
	}
}
