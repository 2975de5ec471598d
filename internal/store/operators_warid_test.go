package store

import (
	"strings"
	"testing"
)

// Warid's OPER is the call type, as a case-management tool's loader for
// Pakistani returns takes it (its call_type_index is OPER's column). What
// its values are no public source shows, so a word the call types know
// gives the direction (Outgoing, Incoming, MOC, SMS-MT), any other value
// is kept as written and flagged, and an empty one is UNKNOWN. No public
// source says a duration of 1 marks a message: a 1-second record with
// no message word is a call of 1 second, never an SMS guessed.
func TestWaridOperCallType(t *testing.T) {
	text := "SUBNO,B_SUBNO,A_TRANSDATE,TRANSTIME,DURATION,CELL_ID,DESCRIPTION,IMEI_NUMBER,OPER\n" +
		"923211234567,923001234567,14/03/2024,09:15:00,65,6011-21345,Model Town,356938035643809,Outgoing\n" +
		"923211234567,923009876543,14/03/2024,10:00:00,1,6011-21346,Model Town,356938035643809,Incoming\n" +
		"923211234567,923009876543,14/03/2024,10:05:00,0,6011-21346,Model Town,356938035643809,SMS-MT\n" +
		"923211234567,923451234567,14/03/2024,11:00:00,1,6011-21346,Model Town,356938035643809,TELENOR\n" +
		"923211234567,923451234567,14/03/2024,12:00:00,1,6011-21346,Model Town,356938035643809,\n"
	st := openTemp(t)
	res := importText(t, st, "warid.csv", text)
	if res.Error != "" || res.Rows != 5 {
		t.Fatalf("%+v", res)
	}
	want := []string{
		"2 923211234567 923001234567 VOICE_OUT 2024-03-14T09:15:00 65 6011-21345 356938035643809 ",
		"3 923211234567 923009876543 VOICE_IN 2024-03-14T10:00:00 1 6011-21346 356938035643809 ",
		"4 923211234567 923009876543 SMS_IN 2024-03-14T10:05:00 0 6011-21346 356938035643809 ",
		"5 923211234567 923451234567 TELENOR 2024-03-14T11:00:00 1 6011-21346 356938035643809 ",
		"6 923211234567 923451234567 UNKNOWN 2024-03-14T12:00:00 1 6011-21346 356938035643809 ",
	}
	if got := voiceLines(t, st, false); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("records:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	rej := readRows(t, st, rejectsQuery)
	if strings.Join(rej, "\n") != `5|field|call_type "TELENOR" kept as written: no direction or kind of call is known for this code` {
		t.Errorf("rejects %v, want line 5's TELENOR flagged", rej)
	}
}
