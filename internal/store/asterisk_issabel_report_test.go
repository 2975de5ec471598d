package store

import (
	"strings"
	"testing"
)

// The CSV export of Issabel's CDR Report page
// (testdata/operators/issabel_cdr_report.csv; README.md there says where
// the layout was published): Asterisk's cdr rows, read by column name as
// PBX calls, every field worked out by hand. The page writes billsec
// under "Duration" as "125s (2m 5s)": 125 s of talk, never 125 s of call
// with an unknown talk time; 3725s (1h 2m 5s) is 3725. Call Direction is
// taken as stated (incoming = inbound, outgoing = outbound); the ring
// group is a name, kept in lastdata, not a dial-plan context. A duration
// whose spelled-out span disagrees with its seconds (line 5) is rejected.
// The whole duration (with ringing) is not in the export: duration is
// NULL, never the talk time, and the source's notes say so.
func TestImportIssabelCDRReport(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("issabel_cdr_report.csv"), ImportOptions{})
	if res.Error != "" || res.Kind != KindAsteriskCDR || !strings.HasPrefix(res.Format, "issabel-cdr-report") || res.Rows != 3 || res.Rejected != 1 {
		t.Fatalf("%+v", res)
	}
	got := readRows(t, st, `SELECT line, src, dst, dcontext, channel, dstchannel, accountcode, lastapp, lastdata, datetime(start, 'unixepoch'),
		answer_text, end_text, coalesce(duration, 'NULL'), billsec, disposition, recipient, direction FROM ast_calls ORDER BY line`)
	want := []string{
		"2|0441234567|201||SIP/trunk1-00000001|SIP/201-00000002||ring group|Sales|2026-03-10 09:15:00|||NULL|125|ANSWERED|201|inbound",
		"3|202|0449876543||SIP/202-00000003|SIP/trunk1-00000004||||2026-03-10 10:00:00|||NULL|0|NO ANSWER|0449876543|outbound",
		"4|203|204||SIP/203-00000005|SIP/204-00000006|7001|||2026-03-10 11:00:00|||NULL|3725|ANSWERED|204|internal",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("calls\n got  %s\n want %s", strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
	if rej := readRows(t, st, rejectsQuery); strings.Join(rej, "\n") != `5|row|Duration (column 10) "125s (2m 6s)" is not the report's seconds ("125s (2m 5s)")` {
		t.Errorf("rejects %q", rej)
	}
	if notes := readRows(t, st, "SELECT notes FROM sources"); len(notes) != 1 || !strings.Contains(notes[0], "the export has the talk time only") ||
		strings.Contains(notes[0], "set to it too") {
		t.Errorf("notes %q", notes)
	}
	var voice int64
	st.DB().QueryRow("SELECT count(*) FROM voice").Scan(&voice)
	if voice != 0 {
		t.Errorf("%d operator records from a PBX report", voice)
	}
}
