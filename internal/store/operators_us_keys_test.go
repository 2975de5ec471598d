package store

import "testing"

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
