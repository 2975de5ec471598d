package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// T-Mobile's key: "Entries with outgoing calls to 8056377249 indicate
// incoming calls that are forwarded (out) to the voicemail system.
// Entries with outgoing calls to 8056377243 = 805-MESSAGE indicate
// voicemail retrieval." Line 3 is no call the subscriber made: its type
// is kept as written (MSORIGINATING/OUTGOING) and flagged, never
// VOICE_OUT; line 4, written with the country code, likewise. Line 5, the
// subscriber calling 805-MESSAGE for their messages, is a call out, as is
// line 2.
func TestTMobileVoicemailForwardNotOutgoing(t *testing.T) {
	text := "Date,(UTC) Time,Duration,Call Type,Direction,Calling Number,Dialed Number,Called Number,Destination Number,IMSI,IMEI,Completion Code,Service Code,Switch Name,1st LTE Site ID,1st LTE Sector ID,1st LAC,1st Cell ID,1st Tower LAT,1st Tower LONG,1st Tower Address\n" +
		"03/14/2025,18:02:11,95,mSOriginating,Outgoing,2065550001,2065550102,2065550102,2065550102,310260000000001,35391809000001,Completed,,SEATTLE1,,,13411,30551,47.6062,-122.3321,1200 1st Ave Seattle WA\n" +
		"03/14/2025,19:30:00,25,mSOriginating,Outgoing,2065550001,8056377249,8056377249,8056377249,310260000000001,35391809000001,Completed,,SEATTLE1,,,13411,30552,47.6063,-122.3322,1200 1st Ave Seattle WA\n" +
		"03/14/2025,20:00:00,15,mSOriginating,Outgoing,2065550001,2065550001,2065550001,18056377249,310260000000001,35391809000001,Completed,,SEATTLE1,,,13411,30552,47.6063,-122.3322,1200 1st Ave Seattle WA\n" +
		"03/15/2025,08:00:05,60,mSOriginating,Outgoing,2065550001,8056377243,8056377243,8056377243,310260000000001,35391809000001,Completed,,SEATTLE1,,,13411,30551,47.6062,-122.3321,1200 1st Ave Seattle WA\n"
	st := openTemp(t)
	p := filepath.Join(t.TempDir(), "tmobile.csv")
	if err := os.WriteFile(p, []byte(text), 0o444); err != nil {
		t.Fatal(err)
	}
	res := importOne(t, st, p, ImportOptions{Country: "US"})
	if res.Error != "" || res.Rows != 4 {
		t.Fatalf("%+v", res)
	}
	got := readRows(t, st, "SELECT line, call_type, other FROM voice ORDER BY line")
	want := []string{
		"2|VOICE_OUT|2065550102",
		"3|MSORIGINATING/OUTGOING|8056377249",
		"4|MSORIGINATING/OUTGOING|2065550001",
		"5|VOICE_OUT|8056377243",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("records:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	rej := readRows(t, st, rejectsQuery)
	const why = `field|call_type "MSORIGINATING/OUTGOING" kept as written: an outgoing entry to 8056377249 is, by T-Mobile's key, an incoming call forwarded to its voicemail system, not a call the subscriber made`
	if strings.Join(rej, "\n") != "3|"+why+"\n4|"+why {
		t.Errorf("rejects:\n%s", strings.Join(rej, "\n"))
	}
}
