package store

import (
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/evidence"
)

// US carriers' returns in the columns their law-enforcement keys list
// (testdata/operators/README.md says where each was published), every
// field of every row worked out by hand.
func TestOperatorUSKeysLayouts(t *testing.T) {
	cases := []operatorLayoutCase{
		// T-Mobile's "Interpreting Call Detail Records" key in full: 40
		// columns, Answered?, Disconnecting Party, SMS Deliv Status and the
		// Last tower's columns beside the 1st. The cell is 1st LAC + 1st
		// Cell ID, never the Last; moc and mtc are calls out and in, SMSc
		// a message whose direction the Direction column gives. RCS-IMChat
		// ("rich content message, multimedia and text") is a message, as an
		// MMS is: before, its Direction made it a voice call out (line 7).
		// callForwarding is kept as written (the forwarding leg), its
		// other party the caller.
		{"tmobile_cdr_full.csv", "voice", []string{"dates MDY", "times in UTC as the header says", "target 2065550001"}, []string{
			"2|12065550001|VOICE_OUT|2065550102|2025-03-14 18:02:11|95|13411-30551|310260000000001|353918090000015",
			"3|12065550001|VOICE_IN|2065550103|2025-03-14 19:30:00|40|13411-30552|310260000000001|353918090000015",
			"4|12065550001|SMS_OUT|2065550104|2025-03-15 08:00:05|0|||",
			"5|12065550001|SMS_IN|2065550104|2025-03-15 08:01:00|0|||",
			"6|12065550001|CALLFORWARDING/IN|2065550105|2025-03-15 09:00:00|30|13411-30551|310260000000001|353918090000015",
			"7|12065550001|SMS_OUT|2065550106|2025-03-15 10:00:00|0|||",
		}, nil},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) { checkOperatorLayout(t, c) })
	}
}

// Verizon's VoLTE call records (MSISDN, Record Open/Close Date/Time in
// Local and in GMT, CallDirection, Calling Party No, Called Prty Addr as
// SIP and tel URIs, TIMEUsage, Mkt Enodeb Id, ANI Cell Id), under --plmn
// 311-480. Every party is a URI; the start is the GMT column, so the
// record of 1:30 local on 2 November 2025 (the hour the clocks went back)
// is the instant 06:30 UTC. The cell is the ECI of the eNodeB and the ANI
// Cell Id (123456×256+2 = 31604738), or the ECI the cell id already is
// (31604993 = 123457×256+1); 999 is neither and is dropped saying so. No
// key explains the CallDirection codes (0, 1): the direction is where the
// subscriber stands, the calling party of lines 2 and 4 (out), the called
// party of 3 and 5 (in), each noted; before, all four were kept as "0" and
// "1", no call in or out, their talk time counted nowhere.
func TestOperatorVerizonVoLTE(t *testing.T) {
	c := operatorLayoutCase{"verizon_volte_cdr.csv", "voice", []string{"dates MDY", "times in UTC as the header says", "LTE cell = site×256 + sector (network 311-480 from --plmn)"}, []string{
		"2|17035550001|VOICE_OUT|sip:+17035550102@ims.vzw.com|2025-03-14 18:02:11|95|311-480-31604738||",
		"3|17035550001|VOICE_IN|tel:+17035550103|2025-03-14 19:30:00|40|311-480-31604739||",
		"4|17035550001|VOICE_OUT|sip:+17035550104@ims.vzw.com|2025-11-02 06:30:00|60|311-480-31604993||",
		"5|17035550001|VOICE_IN|tel:+17035550105|2025-11-02 14:00:00|20|||",
	}, []string{
		`2|field|direction "0" read from the parties: the subscriber is the calling party (no key explains the code)`,
		`3|field|direction "1" read from the parties: the subscriber is the called party (no key explains the code)`,
		`4|field|direction "0" read from the parties: the subscriber is the calling party (no key explains the code)`,
		`5|field|direction "1" read from the parties: the subscriber is the called party (no key explains the code)`,
		`5|field|cell "123457/999" dropped: cell id 999 is neither a local cell id (0 to 255) nor an ECI of eNodeB 123457`,
	}}
	st, _ := checkOperatorLayoutWith(t, c, ImportOptions{Country: "US", PLMN: "311-480"})
	// the other party's key: the called party of line 2, the caller of line 3
	got := readRows(t, st, "SELECT line, other_key FROM voice_readable ORDER BY line")
	want := []string{"2|17035550102", "3|17035550103", "4|17035550104", "5|17035550105"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("other keys %q, want %q", got, want)
	}
	// 06:30 UTC, whatever zone the analyst names
	if n := count(t, st, "SELECT start FROM voice WHERE line = 4"); n != time.Date(2025, 11, 2, 6, 30, 0, 0, time.UTC).Unix() {
		t.Errorf("line 4 starts at %d", n)
	}
}

// AT&T's landline records give the connection's date and time in one
// column, "Conn Date Time" (its Records Key), beside the mobility
// layout's Seizure Time and ET (MM:SS). Before, no column was the start
// and the file was refused; read in the zone the analyst names (no UTC is
// stated for it): 14:02:10 in New York in June is 18:02:10 UTC.
func TestOperatorATTLandline(t *testing.T) {
	ny, err := evidence.ParseZone("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	c := operatorLayoutCase{"att_landline_cdr.csv", "voice", []string{"dates MDY", "target 4045550001"}, []string{
		"2|14045550001|VOICE_OUT|4045550199|2025-06-13 14:02:10|65|||",
		"3|14045550001|VOICE_IN|4045550177|2025-06-13 15:20:00|30|||",
	}, nil}
	st, _ := checkOperatorLayoutWith(t, c, ImportOptions{Country: "US", Zone: ny})
	if n := count(t, st, "SELECT start FROM voice WHERE line = 2"); n != time.Date(2025, 6, 13, 18, 2, 10, 0, time.UTC).Unix() {
		t.Errorf("line 2 starts at %d", n)
	}
}

// The AT&T layout with its values as US returns write them: numbers with
// the area code in parentheses, dashes, dots and a country code
// ("+1 (404) 555-0001", "(404) 555-0177", "404.555.0001",
// "1-404-555-0188"), ET as H:MM:SS or MM:SS past an hour (0:02:15 is
// 135 s, 125:30 is 7530 s), cells as MCC-MNC-LAC-CI. The target is found
// however each record writes it, and the direction from where it stands.
// Before, the parenthesized numbers were no numbers (kept, keyed nowhere)
// and line 2, the target calling out as "+1 (404) 555-0001", was a call
// in from the number it called.
func TestOperatorATTValueForms(t *testing.T) {
	c := operatorLayoutCase{"att_cdr_forms.csv", "voice", []string{"dates MDY", "target 14045550001"}, []string{
		"2|14045550001|VOICE_OUT|+1 (404) 555-0199|2023-10-05 13:45:02|135|310-410-12345-6789|310410000000002|353918090000015",
		"3|14045550001|VOICE_IN|(404) 555-0177|2023-10-05 15:20:00|65|310-410-12345-6790|310410000000002|353918090000015",
		"4|14045550001|VOICE_OUT|1-404-555-0188|2023-10-06 09:00:00|7530|310-410-12345-6789|310410000000002|353918090000015",
	}, nil}
	st, _ := checkOperatorLayoutWith(t, c, ImportOptions{Country: "US", DateOrder: "MDY"})
	got := readRows(t, st, "SELECT line, other_key FROM voice_readable ORDER BY line")
	if want := "2|14045550199 3|14045550177 4|14045550188"; strings.Join(got, " ") != want {
		t.Errorf("other keys %q, want %q", got, want)
	}
}

// A UK return naming the calling number by its Calling Line Identity
// ("CLI") beside "Dialled Number", "Date/Time", "Cell ID": before, no
// column was a party that the target could be found among, and the file
// was refused. The target is the party of every record (07700900123,
// also written "07700 900123"); "+44 (0)20 7946 0000" is 442079460000,
// without its trunk 0; durations HH:MM:SS.
func TestOperatorUKCallingLineIdentity(t *testing.T) {
	c := operatorLayoutCase{"uk_cli_cdr.csv", "voice", []string{"dates DMY", "target 07700900123"}, []string{
		"2|447700900123|VOICE_OUT|+44 (0)20 7946 0000|2024-05-14 09:12:44|138|234-30-2211-40321|234300000000001|352099001761481",
		"3|447700900123|VOICE_IN|+44 7700 900456|2024-05-14 10:00:00|45|234-30-2211-40322|234300000000001|352099001761481",
		"4|447700900123|SMS_OUT|07700 900789|2024-05-15 18:30:00|0|234-30-2211-40321|234300000000001|352099001761481",
	}, nil}
	st, _ := checkOperatorLayout(t, c)
	got := readRows(t, st, "SELECT line, other_key FROM voice_readable ORDER BY line")
	if want := "2|442079460000 3|447700900456 4|447700900789"; strings.Join(got, " ") != want {
		t.Errorf("other keys %q, want %q", got, want)
	}
}

// Verizon's text-message return (Network Element Name, Switch Type
// Indicator, MDN, Msg Send Date, Msg Deliver Date, Message Completion
// Status, Originating Address, Destination Address, Message Direction
// Indicator, MIN, and the empty column its trailing comma makes): every
// record a message, sent at Msg Send Date, between the Originating and
// the Destination Address; the direction where the MDN stands, since no
// key explains the indicator's codes (and Verizon's voice codes are not
// its: 3, "outgoing" for a call, is here a message received). Before, the
// Destination Address was taken for an IP column, no column was the
// start, and the file was refused.
func TestOperatorVerizonTextMessages(t *testing.T) {
	c := operatorLayoutCase{"verizon_text_cdr.csv", "voice", []string{"dates MDY", "every record SMS (Verizon text messages)"}, []string{
		"2|17035550001|SMS_OUT|7035550102|2016-01-11 22:37:36||||",
		"3|17035550001|SMS_IN|7035550103|2016-01-12 08:00:05||||",
		"4|17035550001|SMS_OUT|900080004101|2016-01-13 09:15:00||||",
	}, []string{
		`2|field|direction "4" read from the parties: the subscriber is the calling party (no key explains the code)`,
		`3|field|direction "3" read from the parties: the subscriber is the called party (no key explains the code)`,
		`4|field|direction "4" read from the parties: the subscriber is the calling party (no key explains the code)`,
	}}
	checkOperatorLayout(t, c)
}
