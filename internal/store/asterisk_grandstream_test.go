package store

import (
	"strings"
	"testing"
)

// grandstreamCallsQuery lists what a Grandstream UCM CDR row became.
const grandstreamCallsQuery = `SELECT line, accountcode, src, dst, dcontext, clid, channel, dstchannel, start_text, answer_text, end_text,
	ifnull(duration, '-'), billsec, disposition, uniqueid, direction, recipient FROM ast_calls ORDER BY line`

// A Grandstream UCM's downloaded CDR file (testdata/operators/
// grandstream_ucm_cdr.csv; README.md there says where the layout was
// published): Asterisk's cdr variables under the names the UCM gives
// them. Before, refused as an unknown layout. Now read as the cdr table
// it is: Caller Number src, Callee Number dst, Context dcontext, Source
// and Dest Channel the channels, Call time (start to end) the duration 65
// and Talk time (answer to end) the billsec 60, never the other way
// round; the direction from the contexts and channels (from-internal out
// on a trunk, ext-did in, extension to extension internal). A Call time
// written 0:00:10 (line 5, as the web page shows it) is rejected, never
// read as 0 or 10.
func TestImportGrandstreamUCMCDR(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("grandstream_ucm_cdr.csv"), ImportOptions{})
	if res.Error != "" || res.Kind != KindAsteriskCDR || !strings.HasPrefix(res.Format, "asterisk-cdr-table") || res.Rows != 3 || res.Rejected != 1 {
		t.Fatalf("%+v", res)
	}
	want := []string{
		`2||1001|0207946001|from-internal|"Ann" <1001>|PJSIP/1001-00000001|PJSIP/trunk_1/0207946001|2026-04-01 10:00:00|2026-04-01 10:00:05|2026-04-01 10:01:05|65|60|ANSWERED|1775037600.1|outbound|0207946001`,
		`3||02079460002|1001|ext-did-0001|"02079460002" <02079460002>|PJSIP/trunk_1-00000003|PJSIP/1001-00000004|2026-04-01 11:00:00||2026-04-01 11:00:20|20|0|NO ANSWER|1775041200.3|inbound|1001`,
		`4|ACC5|1002|1001|from-internal|"Bob" <1002>|PJSIP/1002-00000005|PJSIP/1001-00000006|2026-04-01 12:00:00|2026-04-01 12:00:04|2026-04-01 12:00:34|34|30|ANSWERED|1775044800.5|internal|1001`,
	}
	if got := readRows(t, st, grandstreamCallsQuery); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("calls\n got  %s\n want %s", strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
	if rej := readRows(t, st, rejectsQuery); strings.Join(rej, "\n") != `5|row|duration (column 13) "0:00:10" is not a number of seconds` {
		t.Errorf("rejects %q", rej)
	}
}

// The UCM6100's download names the parties Call From and Call To: the
// same reading (src 1001, dst 0207946001, duration 65, billsec 60).
func TestImportGrandstreamUCMCallFrom(t *testing.T) {
	body := "Account Code,Call From,Call To,Context,CallerID,Source Channel,Dest Channel,Lastapp,Lastdata,Start time,Answer Time,End time,Call time,Talk time,Disposition,Amaflags,Uniqueid,Userfield\n" +
		`,1001,0207946001,from-internal,"""Ann"" <1001>",PJSIP/1001-00000001,PJSIP/trunk_1/0207946001,Dial,PJSIP/trunk_1/0207946001,2026-04-01 10:00:00,2026-04-01 10:00:05,2026-04-01 10:01:05,65,60,ANSWERED,DOCUMENTATION,1775037600.1,` + "\n"
	st := openTemp(t)
	res := importOne(t, st, writeEvidence(t, "cdr.csv", body), ImportOptions{})
	if res.Error != "" || res.Kind != KindAsteriskCDR || res.Rows != 1 {
		t.Fatalf("%+v", res)
	}
	got := strings.Join(readRows(t, st, "SELECT src, dst, channel, dstchannel, duration, billsec, direction FROM ast_calls"), "")
	if want := "1001|0207946001|PJSIP/1001-00000001|PJSIP/trunk_1/0207946001|65|60|outbound"; got != want {
		t.Errorf("call %s, want %s", got, want)
	}
}
