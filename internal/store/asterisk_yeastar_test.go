package store

import (
	"strings"
	"testing"
	"time"
)

// A Yeastar PBX's CDR download (testdata/operators/yeastar_cdr.csv;
// README.md there says where the layout was published): before, refused as
// an unknown layout. Read by name as PBX calls, every value worked out by
// hand: Call Duration(s) is the call with its ringing (95 s), Talk
// Duration(s) the talk (88 s), never the other way round; "Alice<1001>" is
// extension 1001 with Alice's cell as the caller ID; Communication Type
// Inbound/Outbound/Internal is the direction, so the inbound call's other
// party is the caller 0211234567 and its recipient the extension 1002.
// Time is the PBX's wall clock: no zone without --tz, and with --tz the
// start is the wall clock read there (09:15:20 in UTC+3 is 06:15:20 UTC).
// A Time written month or day first (line 5) and a talk longer than the
// call (line 6) are rejected with the reason.
func TestImportYeastarCDR(t *testing.T) {
	for _, zone := range []*time.Location{nil, time.FixedZone("EAT", 3*3600)} {
		st := openTemp(t)
		res := importOne(t, st, operatorFile("yeastar_cdr.csv"), ImportOptions{Zone: zone})
		if res.Error != "" || res.Kind != KindAsteriskCDR || !strings.HasPrefix(res.Format, "yeastar-cdr") || res.Rows != 3 || res.Rejected != 2 {
			t.Fatalf("%+v", res)
		}
		got := readRows(t, st, `SELECT line, src, clid, dst, recipient, direction, channel, dstchannel, duration, billsec, disposition, uniqueid, userfield
			FROM ast_calls ORDER BY line`)
		want := []string{
			"2|1001|Alice<1001>|0755123456|0755123456|outbound||SIPTrunk1|95|88|ANSWERED|101|DOD=0755888000",
			"3|0211234567||1002|1002|inbound|SIPTrunk1||40|0|NO ANSWER|102|DID=0755888000",
			"4|1001||1003|1003|internal|||63|60|ANSWERED|103|",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("tz %v: calls\n got  %s\n want %s", zone, strings.Join(got, "\n      "), strings.Join(want, "\n      "))
		}
		rej := readRows(t, st, rejectsQuery)
		wantRej := []string{
			`5|row|Time (column 2) "03/05/2024 12:00:00" is not a date-time written year first (yyyy-mm-dd hh:mm:ss): a day-first or month-first date is not told apart`,
			`6|row|Talk Duration(s) 45 is longer than Call Duration(s) 30, which holds it`,
		}
		if strings.Join(rej, "\n") != strings.Join(wantRej, "\n") {
			t.Errorf("rejects %q", rej)
		}
		// 2024-03-05 09:15:20 as a wall clock (1709630120 if it were UTC),
		// the source's zone none; at UTC+3 it is 06:15:20 UTC = 1709619320
		start := strings.Join(readRows(t, st, `SELECT start, wall_offset, start_text FROM ast_calls WHERE line = 2`), "")
		wantStart, wantZone := "1709630120|0|2024-03-05 09:15:20", ""
		if zone != nil {
			wantStart, wantZone = "1709619320|10800|2024-03-05 09:15:20", "EAT"
		}
		if start != wantStart || res.Zone != wantZone {
			t.Errorf("tz %v: line 2 start %s zone %q, want %s zone %q", zone, start, res.Zone, wantStart, wantZone)
		}
		var voice int64
		st.DB().QueryRow("SELECT count(*) FROM voice").Scan(&voice)
		if voice != 0 {
			t.Errorf("%d operator records from a PBX download", voice)
		}
	}
}

// Yeastar's CDR report API (the NewCdr event: timestart, callfrom, callto,
// callduraction, talkduraction, srctrunkname, desttrunkname, status, type,
// didnumber, cdrid) as a collector writes the events to CSV
// (testdata/operators/yeastar_api_cdr.csv): before, refused as an unknown
// layout. Read as the download is: callduraction the call with its
// ringing (30 s), talkduration the talk (25 s); type Inbound/Outbound/
// Internal the direction, so line 4's other party is the caller
// 02079460044 and its recipient the extension 1005; the DID kept in
// userfield. A talk longer than the call (line 5) is rejected naming the
// API's keys.
func TestImportYeastarAPICDR(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("yeastar_api_cdr.csv"), ImportOptions{})
	if res.Error != "" || res.Kind != KindAsteriskCDR || !strings.HasPrefix(res.Format, "yeastar-cdr") || res.Rows != 3 || res.Rejected != 1 {
		t.Fatalf("%+v", res)
	}
	got := readRows(t, st, `SELECT line, src, dst, recipient, direction, channel, dstchannel, duration, billsec, disposition, uniqueid, userfield, start_text
		FROM ast_calls ORDER BY line`)
	want := []string{
		"2|1001|1005|1005|internal|||21|10|ANSWERED|1773134921.101||2026-03-10 09:28:41",
		"3|1005|02079460033|02079460033|outbound||SPS-1|6|3|ANSWERED|1773135000.102||2026-03-10 09:30:00",
		"4|02079460044|1005|1005|inbound|SPS-1||30|25|ANSWERED|1773135100.103|DID=0755888000|2026-03-10 09:31:40",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("calls\n got  %s\n want %s", strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
	if rej := readRows(t, st, rejectsQuery); strings.Join(rej, "\n") != "5|row|talkduraction 40 is longer than callduraction 20, which holds it" {
		t.Errorf("rejects %q", rej)
	}
}
