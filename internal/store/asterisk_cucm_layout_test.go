package store

import (
	"strings"
	"testing"
	"time"
)

// Cisco Unified CM's CDR flat file in its published column order
// (releases 6.1(1) to 8.5(1): 104 columns) with CUCM's line of column
// types under the header: three calls and a CMR row among them.
// dateTimeOrigination is Unix seconds in UTC (1715004000 = 2024-05-06
// 14:00:00 UTC); duration is the talk time, connect to disconnect (120),
// the call's whole duration disconnect - origination (1715004125 -
// 1715004000 = 125); an unanswered call (dateTimeConnect 0) talked 0 s;
// the hunt-pilot call went to 4100 (originalCalledPartyNumber) and was
// answered at 4003 (finalCalledPartyNumber, the recipient). The CMR row
// (cdrRecordType 2) is no call: rejected naming it, never read by the
// CDR header's columns.
func TestImportCUCMPublishedLayout(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("cisco_cucm_cdr.csv"), ImportOptions{Country: "US"})
	if res.Kind != KindCUCMCDR || res.Rows != 3 || res.Rejected != 1 || res.Zone != "UTC" || res.Error != "" {
		t.Fatalf("%+v", res)
	}
	if !strings.Contains(res.Format, "header of 104 columns, times as Unix seconds (UTC)") {
		t.Errorf("format %q", res.Format)
	}
	utc := func(s string) int64 {
		v, _ := time.Parse("2006-01-02 15:04:05", s)
		return v.Unix()
	}
	got := readRows(t, st, "SELECT line, src, recipient, start, duration, billsec, disposition, channel, dstchannel, lastdata FROM ast_calls ORDER BY line")
	want := []string{
		"3|4001|4002|" + itoaLine(utc("2024-05-06 14:00:00")) + "|125|120|NORMAL_CLEARING|SEP001122334455|SEP00AABBCCDDEE|4002",
		"5|4001|914085550123|" + itoaLine(utc("2024-05-06 15:00:00")) + "|10|0|USER_BUSY|SEP001122334455|SJC-GW-1|914085550123",
		"6|+14085550199|4003|" + itoaLine(utc("2024-05-06 16:00:00")) + "|315|300|NORMAL_CLEARING|SJC-GW-1|SEP00AABBCCDD03|4100",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("calls\n got  %s\n want %s", strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
	// CUCM states no direction: none is made up from device names
	if n := count(t, st, "SELECT count(*) FROM ast_calls WHERE direction <> 'unknown'"); n != 0 {
		t.Errorf("%d calls given a direction", n)
	}
	rej := readRows(t, st, rejectsQuery)
	if len(rej) != 1 || !strings.HasPrefix(rej[0], "4|row|cdrRecordType 2: a CMR row") {
		t.Errorf("rejects %q", rej)
	}
	if n := count(t, st, "SELECT count(*) FROM voice") + count(t, st, "SELECT count(*) FROM ipdr"); n != 0 {
		t.Errorf("%d operator records from a CUCM CDR", n)
	}
}

// CUCM's CMR file (the voice quality of each leg: numberPacketsSent,
// numberOctetsSent, jitter, latency) is refused by name, saying to import
// the CDR file; before, it was refused as an unknown layout that "looks
// like ipdr records", inviting a --map that would read packet counts as
// a data session's volumes.
func TestCUCMCMRRefused(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("cisco_cucm_cmr_refused.csv"), ImportOptions{Country: "US"})
	if res.Rows != 0 || !strings.Contains(res.Error, "a Cisco Unified CM CMR file (call management records, 19 columns") ||
		!strings.Contains(res.Error, "import the CDR file of the same period") || strings.Contains(res.Error, "ipdr") {
		t.Fatalf("%+v", res)
	}
	if n := count(t, st, "SELECT count(*) FROM ast_calls") + count(t, st, "SELECT count(*) FROM ipdr"); n != 0 {
		t.Errorf("%d records from a refused file", n)
	}
}
