package store

import (
	"fmt"
	"strings"
	"testing"
)

// A ZTE MSC's records in an operator's mediation database, the numbers
// written after their address header as the operator's queries cut it
// off (substring(servedMSISDN,3), substring(callingNumber,5)): "19" and
// the international number (line 2's subscriber 19 4915112341234 is
// +49 1511 2341234, never the 15-digit "194915112341234"); "18" and the
// number as dialled (01701234567, keyed by the German plan as
// 491701234567; 00 4930901820 as 4930901820); a calling number with a
// second octet, "1100" and +49 176 98009877. A national number's country
// code is not written (line 5, "12" + "00") and a short code is no
// telephone number (line 6, "1C"): each other party dropped with the
// reason, the record kept. Durations are callDuration's seconds
// (09:15:02 - 09:12:44 = 138), the start eventTimeStamp.
func TestOperatorZTEMediationHeadedNumbers(t *testing.T) {
	st, _ := checkOperatorLayout(t, operatorLayoutCase{"orange_zte_mediation_headed.csv", "voice",
		[]string{"dates YMD", "numbers after their address header (19 international, 18 as dialled"}, []string{
			"2|4915112341234|VOICE_OUT|01701234567|2019-03-14 09:12:30|138||262010000000001|35209900176148",
			"3|4915112341234|VOICE_IN|+4917698009877|2019-03-14 10:14:50|45||262010000000001|35209900176148",
			"4|4915112341234|SMS_OUT|004930901820|2019-03-15 07:00:00|0||262010000000001|35209900176148",
			"5|4915112341234|VOICE_IN||2019-03-15 08:00:00|60||262010000000001|35209900176148",
			"6|4915112341234|VOICE_OUT||2019-03-15 09:30:00|20||262010000000001|35209900176148",
		}, []string{
			`5|field|other "12001701234568" dropped: the header "1200" says a national number: its country code is not written`,
			`6|field|other "1C112" dropped: the header "1C" says a dedicated access or short code, not a telephone number`,
		}})
	got := strings.Join(readRows(t, st, "SELECT line, msisdn_key, other_key FROM voice_readable ORDER BY line"), " ")
	want := "2|4915112341234|491701234567 3|4915112341234|4917698009877 4|4915112341234|4930901820 5|4915112341234| 6|4915112341234|"
	if got != want {
		t.Errorf("keys\n got  %s\n want %s", got, want)
	}
	if n := count(t, st, "SELECT count(*) FROM subscribers"); n != 1 {
		t.Errorf("%d subscribers, want 1", n)
	}
}

// The plain layout is read as before (no header cut off a number that
// has none), and a servedMSISDN column mixing both forms is refused by
// name, never read half one way; a number past the sample that has no
// header in a headed file rejects its row, never read as written.
func TestOperatorZTEMediationHeadedVariants(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("orange_zte_mediation.csv"), ImportOptions{Country: "DE"})
	if res.Error != "" || res.Rows != 5 || strings.Contains(res.Format, "address header") {
		t.Fatalf("plain layout: %+v", res)
	}
	head := "type,eventTimeStamp,callDuration,servedMSISDN,callingNumber,calledNumber\n"
	mixed := head +
		"MO_CALL_RECORD,2019-03-14 09:12:30,138,194915112341234,194915112341234,1801701234567\n" +
		"MO_CALL_RECORD,2019-03-14 09:20:00,60,4915112341234,4915112341234,01701234567\n"
	st = openTemp(t)
	res = importOne(t, st, writeEvidence(t, "mixed.csv", mixed), ImportOptions{Country: "DE"})
	if res.Rows != 0 || !strings.Contains(res.Error, `servedMSISDN mixes numbers written after their address header ("194915112341234"`) ||
		!strings.Contains(res.Error, `("4915112341234")`) {
		t.Fatalf("mixed: %+v", res)
	}
	if n := count(t, st, "SELECT count(*) FROM voice"); n != 0 {
		t.Errorf("%d records from a refused file", n)
	}
	var b strings.Builder
	b.WriteString(head)
	for i := 0; i < 2100; i++ { // past the sample (2000 rows): all headed
		fmt.Fprintf(&b, "MO_CALL_RECORD,2019-03-14 10:%02d:%02d,138,194915112341234,194915112341234,1801701234567\n", i/60, i%60)
	}
	b.WriteString("MO_CALL_RECORD,2019-03-14 09:20:00,60,4915112341234,4915112341234,01701234567\n")
	st = openTemp(t)
	res = importOne(t, st, writeEvidence(t, "late.csv", b.String()), ImportOptions{Country: "DE"})
	if res.Error != "" || res.Rows != 2100 {
		t.Fatalf("late plain row: %+v", res)
	}
	rej := readRows(t, st, rejectsQuery)
	if len(rej) != 1 || rej[0] != `2102|row|msisdn "4915112341234" not read: the header "49" names no ISDN/E.164 numbering plan (its first character, the plan, is not 1)` {
		t.Errorf("rejects %q", rej)
	}
}
