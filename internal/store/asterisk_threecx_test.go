package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// 3CX's CDR service output in its default field order
// (testdata/operators/3cx_cdr.log; README.md there says where the layout
// was published): every field of every call worked out by hand. The
// duration field is the talk time (answer to end), so billsec; duration is
// end - start. An extension written Ext.201 is 201 in src/dst, as written
// in channel/dstchannel; a call passed on (final-number Ext.504 after
// to-no Ext.960) goes to the final number, the number first called kept
// in lastdata. Line 4's duration is no H:MM:SS: rejected, never read as
// seconds or minutes.
func TestImportThreeCXCDR(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("3cx_cdr.log"), ImportOptions{})
	if res.Error != "" || res.Kind != KindThreeCXCDR || res.Rows != 3 || res.Rejected != 1 {
		t.Fatalf("%+v", res)
	}
	got := readRows(t, st, `SELECT line, src, dst, clid, channel, dstchannel, lastapp, lastdata, start_text, answer_text, end_text,
		datetime(start, 'unixepoch'), duration, billsec, disposition, uniqueid, linkedid, recipient, userfield FROM ast_calls ORDER BY line`)
	want := []string{
		"1|+442071230001|201||+442071230001|Ext.201|||2026/03/10 09:15:00|2026/03/10 09:15:07|2026/03/10 09:17:12|2026-03-10 09:15:00|132|125|TerminatedBySrc|00000C21DE5C2470_101|Call 1001|201|Chain: +442071230001;Ext.201;",
		"2|202|07700900123||Ext.202|07700900123|||2026/03/10 10:00:00||2026/03/10 10:00:20|2026-03-10 10:00:00|20|0|TerminatedBySrc|00000C21DE5C2470_102|Call 1002|07700900123|Chain: Ext.202;07700900123;",
		"3|+442071230005|504|Caller Five|+442071230005|Ext.504|to-no|Ext.960|2026/03/10 11:30:00|2026/03/10 11:30:04|2026/03/10 11:35:40|2026-03-10 11:30:00|340|336|TerminatedByDst|00000C21DE5C2470_103|Call 1003|504|Chain: +442071230005;Ext.960;Ext.504;",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("calls\n got  %s\n want %s", strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
	rej := readRows(t, st, rejectsQuery)
	if len(rej) != 1 || !strings.HasPrefix(rej[0], `4|row|duration (field 3) "5:36" is not H:MM:SS`) {
		t.Errorf("rejects %q", rej)
	}
}

// A 3CX CDR whose fields the administrator put in another order: the
// values alone cannot say which number is the caller, so the file is
// refused by name, saying where the order is set, never read by guess.
func TestThreeCXOtherOrderRefused(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cdr.log")
	os.WriteFile(p, []byte("Call 1001,00000C21DE5C2470_101,2026/03/10 09:15:00,+442071230001,Ext.201,00:02:05,TerminatedBySrc\n"+
		"Call 1002,00000C21DE5C2470_102,2026/03/10 10:00:00,Ext.202,07700900123,00:00:00,TerminatedBySrc\n"), 0o444)
	st := openTemp(t)
	res := importOne(t, st, p, ImportOptions{})
	if e := res.Error; res.Rows != 0 || !strings.Contains(e, "a 3CX CDR") || !strings.Contains(e, "not in 3CX's default order") {
		t.Errorf("rows %d, error %q", res.Rows, e)
	}
}

// 3CX V20's cdroutput table as psql's COPY ... CSV HEADER writes it
// (testdata/operators/3cx_cdroutput.csv): a row per leg. The outside
// party of an external line is its participant phone number, never the
// line's DN 10000 (which stays in channel/dstchannel); times are read at
// their offsets (10:00:00+01 is 09:00 UTC); duration = ended - started,
// billsec = ended - answered (0 unanswered); the entity types give the
// direction; the two legs of call ...a1 share its linkedid. A leg whose
// external side has no phone number is rejected, never given the line's
// DN as the caller.
func TestImportThreeCXCDROutput(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("3cx_cdroutput.csv"), ImportOptions{})
	if res.Error != "" || res.Kind != KindThreeCXCDR || !strings.HasPrefix(res.Format, "3cx-cdroutput") || res.Rows != 3 || res.Rejected != 1 {
		t.Fatalf("%+v", res)
	}
	got := readRows(t, st, `SELECT line, src, dst, clid, channel, dstchannel, datetime(start, 'unixepoch'), wall_offset, duration, billsec,
		disposition, substr(uniqueid, 34), substr(linkedid, 34), recipient, direction FROM ast_calls ORDER BY line`)
	want := []string{
		"2|+442071230001|201|Caller One|10000|201|2026-03-10 09:15:00|0|132|125|dst_participant_terminated|001|0a1|201|inbound",
		"3|202|07700900123|Bob|202|10000|2026-03-10 09:00:00|3600|20|0|src_participant_terminated|002|0a2|07700900123|outbound",
		"4|201|204|Alice|201|204|2026-03-10 09:17:12|0|168|165|src_participant_terminated|003|0a1|204|internal",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("calls\n got  %s\n want %s", strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
	want5 := "5|row|the source is an external line but source_participant_phone_number is empty: the outside party's number is not in the row (source_dn_number 10000 is the line's)"
	if rej := readRows(t, st, rejectsQuery); strings.Join(rej, "\n") != want5 {
		t.Errorf("rejects %q", rej)
	}
}
