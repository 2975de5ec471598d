package asterisk

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func callsOf(t *testing.T, text string, f Format) []Call {
	t.Helper()
	r := NewReader(strings.NewReader(text), f)
	var out []Call
	for {
		c, err := r.Next()
		if err == io.EOF {
			return out
		}
		var re *RowError
		if errors.As(err, &re) {
			t.Fatalf("line %d: %s", re.Line, re.Reason)
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
}

// A 3CX call without its end, a CUCM call without dateTimeDisconnect: the
// talk time is known (100 s, 120 s), the whole call is not, so Duration
// is NoDuration, never the talk time. With its end the 3CX call's
// Duration is end - start (13:00:00 to 13:02:00: 120 s) and the CUCM
// call's disconnect - origination (1715004150 - 1715004000 = 150 s).
func TestNoWholeDurationWithoutTheEnd(t *testing.T) {
	threecx := callsOf(t,
		"Call 1005,X_105,00:01:40,2026/03/10 13:00:00,2026/03/10 13:00:20,,TerminatedBySrc,Ext.203,Ext.204,203,204,204,,,,,,,,Chain: Ext.203;Ext.204;\n"+
			"Call 1006,X_106,00:01:40,2026/03/10 13:00:00,2026/03/10 13:00:20,2026/03/10 13:02:00,TerminatedBySrc,Ext.203,Ext.204,203,204,204,,,,,,,,Chain: Ext.203;Ext.204;\n",
		FormatThreeCX)
	if len(threecx) != 2 || threecx[0].Duration != NoDuration || threecx[0].BillSec != 100 || threecx[1].Duration != 120 || threecx[1].BillSec != 100 {
		t.Errorf("3CX: %+v", threecx)
	}
	cucm := callsOf(t, "cdrRecordType,dateTimeOrigination,callingPartyNumber,finalCalledPartyNumber,duration\n"+
		"INTEGER,INTEGER,VARCHAR(50),VARCHAR(50),INTEGER\n1,1715004000,4001,4002,120\n", FormatCUCM)
	if len(cucm) != 1 || cucm[0].Duration != NoDuration || cucm[0].BillSec != 120 {
		t.Errorf("CUCM without dateTimeDisconnect: %+v", cucm)
	}
	cucm = callsOf(t, "cdrRecordType,dateTimeOrigination,dateTimeDisconnect,callingPartyNumber,finalCalledPartyNumber,duration\n"+
		"1,1715004000,1715004150,4001,4002,120\n", FormatCUCM)
	if len(cucm) != 1 || cucm[0].Duration != 150 || cucm[0].BillSec != 120 {
		t.Errorf("CUCM with dateTimeDisconnect: %+v", cucm)
	}
}

// An acc INVITE is a call whose whole duration its BYE gives (until then
// NoDuration). OpenSIPS's "call ended" record counts duration from the
// answer (call_start_time): 30 s of talk; with setuptime 6 the whole call
// is 36 s, without it unknown. Kamailio's cdr record (start_time,
// end_time, no answer) gives the whole call: 30 s, but not the talk time
// (its start may be the INVITE's): NoBillsec.
func TestAccWholeDuration(t *testing.T) {
	const pre = "Jan  2 11:10:36 sip opensips[700]: ACC: call ended: "
	calls := callsOf(t, pre+"created=1735812600;call_start_time=1735812606;duration=30;setuptime=6;method=INVITE;call_id=c3;code=200;src_user=204;dst_user=205\n"+
		pre+"created=1735812600;call_start_time=1735812606;duration=30;method=INVITE;call_id=c4;code=200;src_user=204;dst_user=205\n"+
		pre+"timestamp=1735812600;start_time=1735812600;end_time=1735812630;duration=30;method=INVITE;call_id=c5;code=200;src_user=204;dst_user=205\n"+
		pre+"timestamp=1735812600;method=INVITE;call_id=c6;code=486;src_user=204;dst_user=205\n", FormatKamailioAccLog)
	var got []int64
	for _, c := range calls {
		got = append(got, c.Duration, c.BillSec)
	}
	if len(got) != 8 || got[0] != 36 || got[1] != 30 || got[2] != NoDuration || got[3] != 30 || got[4] != 30 || got[5] != NoBillsec || got[6] != NoDuration || got[7] != 0 {
		t.Errorf("duration, billsec of each call: %v; want 36 30, -1 30, 30 -1, -1 0", got)
	}
}

// An unknown duration keys a call as its talk time did when it was stored
// as the duration: the same call imported again into an older case is
// still one call.
func TestDedupKeyOfUnknownDuration(t *testing.T) {
	a := Call{Src: "201", Dst: "202", Start: "2026-03-10 09:15:00", Duration: NoDuration, BillSec: 125, Sequence: -1}
	b := a
	b.Duration = 125
	if a.DedupKey() != b.DedupKey() {
		t.Error("an unknown duration changed the call's key")
	}
	b.BillSec = 124
	if a.DedupKey() == b.DedupKey() {
		t.Error("two talk times, one key")
	}
}

// An unknown talk time keys a call as it was stored before it could be
// unknown: a Kamailio acc_cdrs row as its duration (150), an acc INVITE,
// a cdr table row without billsec, a 3CX leg without its end as 0. A
// known talk time keys as itself.
func TestDedupKeyOfUnknownBillsec(t *testing.T) {
	for _, c := range []struct {
		call Call
		was  int64
	}{
		{Call{Src: "1001", LastApp: "acc_cdrs", Duration: 150, BillSec: NoBillsec}, 150},
		{Call{Src: "204", LastApp: "INVITE", LastData: accMarker + "call ended", Duration: 30, BillSec: NoBillsec}, 30},
		{Call{Src: "1001", LastApp: "INVITE", Duration: NoDuration, BillSec: NoBillsec}, 0},
		{Call{Src: "201", LastApp: "Dial", Duration: 130, BillSec: NoBillsec}, 0},
	} {
		old := c.call
		old.BillSec = c.was
		if c.call.DedupKey() != old.DedupKey() {
			t.Errorf("%+v: not keyed as billsec %d", c.call, c.was)
		}
		old.BillSec = c.was + 1
		if c.call.DedupKey() == old.DedupKey() {
			t.Errorf("%+v: keyed as billsec %d too", c.call, c.was+1)
		}
	}
}
