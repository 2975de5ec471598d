package store

import (
	"strings"
	"testing"
	"time"
)

// ipoCallsQuery lists what an IP Office SMDR record became.
const ipoCallsQuery = `SELECT line, src, clid, dst, direction, channel, dstchannel, ifnull(duration, '-'), billsec,
	lastapp, lastdata, accountcode, uniqueid, linkedid, userfield FROM ast_calls ORDER BY line`

// Avaya IP Office's SMDR as its TCP stream is logged, no header
// (testdata/operators/avaya_ipo_smdr.log; README.md there says where the
// layout was published). Before, refused as an unknown layout. Read in
// Avaya's field order as PBX calls, every value worked out by hand:
// Connected Time is the talk (billsec: 00:02:05 is 125 s) and the whole
// duration is Connected + Ring + Hold + Park Time as Avaya defines it
// (125 + 7 = 132; line 4: 70 + 12 + 15 = 97; line 5: 13 + 7 + 11 = 31).
// Is Internal 1 is internal; else Direction I inbound, O outbound. An
// inbound call's caller is src and its trunk (Party2, the extension being
// Party1) the channel; line 3's Dialled Number, the DDI 390664, is kept
// in lastdata beside the called extension 23. A SIP caller written
// number@address is its number, the cell kept as clid. The two segments
// of a transferred call share Call ID 1000014160 (uniqueid and linkedid)
// and each keeps its Continuation. An Is Internal of "I" (line 7) and a
// Connected Time of "00:45" (line 8) are rejected with the reason.
func TestImportIPOfficeSMDR(t *testing.T) {
	for _, zone := range []*time.Location{nil, time.FixedZone("BST", 3600)} {
		st := openTemp(t)
		res := importOne(t, st, operatorFile("avaya_ipo_smdr.log"), ImportOptions{Zone: zone})
		if res.Error != "" || res.Kind != KindAsteriskCDR || !strings.HasPrefix(res.Format, "avaya-ipo-smdr") || res.Rows != 6 || res.Rejected != 2 {
			t.Fatalf("%+v", res)
		}
		want := []string{
			"1|02079460011||4324|inbound|T9161|E4324|9|0||||1000014155|1000014155|Continuation=0; Party1Name=Jane Roe; Party2Name=LINE 5.1",
			"2|4688||4207|internal|E4688|E4207|48|44||||1000013898|1000013898|Continuation=0; Party1Name=Sam Poe; Party2Name=Ann Loe",
			"3|02079460022||23|inbound|T9001|E23|132|125|Dialled Number|390664||1000013901|1000013901|Continuation=0; Party1Name=Extn23; Party2Name=Line 1.2",
			"4|203||902079460033|outbound|E203|T9002|97|70|||ACC7|1000013905|1000013905|Continuation=0; Party1Name=Extn203; Party2Name=Line 1.1",
			"5|02079460044|02079460044@198.51.100.7|299999|inbound|T9002|E4750|31|13||||1000014160|1000014160|Continuation=1; Party1Name=Jo Doe; Party2Name=LINE 1.2",
			"6|02079460044|02079460044@198.51.100.7|299999|inbound|T9002|V9502|21|21||||1000014160|1000014160|Continuation=0; Party1Name=VM Channel 2; Party2Name=LINE 1.2",
		}
		if got := readRows(t, st, ipoCallsQuery); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("tz %v: calls\n got  %s\n want %s", zone, strings.Join(got, "\n      "), strings.Join(want, "\n      "))
		}
		wantRej := []string{
			`7|row|Is Internal (column 9) "I" is neither 0 nor 1`,
			`8|row|Connected Time (column 2) "00:45" is not HH:MM:SS`,
		}
		if rej := readRows(t, st, rejectsQuery); strings.Join(rej, "\n") != strings.Join(wantRej, "\n") {
			t.Errorf("rejects %q", rej)
		}
		// 2026-03-10 09:28:41 as the PBX's wall clock: 1773134921 were it
		// UTC, no zone without --tz; at UTC+1 it is 08:28:41 UTC
		start := strings.Join(readRows(t, st, `SELECT start, wall_offset, start_text FROM ast_calls WHERE line = 1`), "")
		wantStart := "1773134921|0|2026/03/10 09:28:41"
		if zone != nil {
			wantStart = "1773131321|3600|2026/03/10 09:28:41"
		}
		if start != wantStart {
			t.Errorf("tz %v: line 1 start %s, want %s", zone, start, wantStart)
		}
		if n := count(t, st, "SELECT count(*) FROM voice"); n != 0 {
			t.Errorf("%d operator records from a PBX's SMDR", n)
		}
	}
}

// Delta Server's SMDR CSV (testdata/operators/avaya_ipo_delta.csv): the
// same fields under a header, read by name. Before, it was taken for an
// operator's voice records: the subscriber was the Caller column and an
// inbound call's other party its Dialled Number, the DDI, never the
// caller; no duration was read. Now: line 2 inbound from 02079460055 to
// extension 301, 200 s of talk and 200 + 5 + 30 = 235 s in all; line 3
// outbound, 40 + 9 = 49 s; line 4 internal with its Ring Time empty: the
// talk (0 s) is known, the whole duration is not (NULL, never 0).
func TestImportIPOfficeSMDRDelta(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("avaya_ipo_delta.csv"), ImportOptions{})
	if res.Error != "" || res.Kind != KindAsteriskCDR || !strings.HasPrefix(res.Format, "avaya-ipo-smdr") || res.Rows != 3 || res.Rejected != 0 {
		t.Fatalf("%+v", res)
	}
	want := []string{
		"2|02079460055||301|inbound|T9003|E301|235|200||||1000020001|1000020001|Continuation=0; Party1Name=Extn301; Party2Name=Line 3.1",
		"3|301||907700900123|outbound|E301|T9003|49|40||||1000020002|1000020002|Continuation=0; Party1Name=Extn301; Party2Name=Line 3.1",
		"4|302||301|internal|E302|E301|-|0||||1000020003|1000020003|Continuation=0; Party1Name=Extn302; Party2Name=Extn301",
	}
	if got := readRows(t, st, ipoCallsQuery); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("calls\n got  %s\n want %s", strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
	if n := count(t, st, "SELECT count(*) FROM voice"); n != 0 {
		t.Errorf("%d operator records from a PBX's SMDR", n)
	}
}

// A Delta Server file headed with the names IP Office 3.0's SMDR documents
// give the fields (Call Duration and Ring Duration for the connected and
// ring times, Called_number, Is_Internal): read by them as the later
// names are (200 s of talk, 200 + 5 + 30 = 235 s in all, the inbound
// caller 02079460055 as src). Before, the file was taken for operator
// voice records, the caller for the subscriber.
func TestImportIPOfficeSMDRDeltaOldNames(t *testing.T) {
	body := "Call Start,Call Duration,Ring Duration,Caller,Direction,Called_number,Dialled_number,Account,Is_Internal,Call_ID,Continuation,Party1Device,Party1Name,Party2Device,Party2Name,Hold Time,Park Time\n" +
		"2026/07/01 08:05:10,00:03:20,5,02079460055,I,301,301,,0,1000020001,0,E301,Extn301,T9003,Line 3.1,30,0\n"
	st := openTemp(t)
	res := importOne(t, st, writeEvidence(t, "smdr.csv", body), ImportOptions{})
	if res.Error != "" || res.Kind != KindAsteriskCDR || !strings.HasPrefix(res.Format, "avaya-ipo-smdr") || res.Rows != 1 {
		t.Fatalf("%+v", res)
	}
	want := "2|02079460055||301|inbound|T9003|E301|235|200||||1000020001|1000020001|Continuation=0; Party1Name=Extn301; Party2Name=Line 3.1"
	if got := strings.Join(readRows(t, st, ipoCallsQuery), "\n"); got != want {
		t.Errorf("call\n got  %s\n want %s", got, want)
	}
}
