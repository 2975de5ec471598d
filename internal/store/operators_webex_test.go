package store

import (
	"strings"
	"testing"
	"time"
)

// Webex Calling's Detailed Call History report (Control Hub's CSV, a
// UTF-8 BOM first): one record per user's leg. Direction ORIGINATING is
// the user's outgoing call, whose Calling number is the user;
// TERMINATING an incoming one, whose Called number is the user and
// Calling number the caller. Start time is UTC, written with its Z
// (2024-05-14T09:12:30.412Z), and stays so whatever --tz says; Duration
// is seconds. A Calling number of "NA" (the report's mark for a value
// not given) is no party: dropped with the reason, never a correspondent
// named "NA" that every such call would share.
func TestOperatorWebexCallingCDR(t *testing.T) {
	pdt := time.FixedZone("PDT", -7*3600) // an analyst's --tz
	rows := []string{
		"2|12065550101|VOICE_OUT|+12065550177|2024-05-14 09:12:30|138|||",
		"3|12065550101|VOICE_IN|+12065550188|2024-05-14 10:14:50|45|||",
		"4|2002|VOICE_OUT|2001|2024-05-14 11:00:00|0|||",
		"5|12065550101|VOICE_IN||2024-05-14 12:00:00|30|||",
	}
	rejects := []string{`5|field|other "NA" dropped: the file's mark for a number not given, not a party`}
	for _, zone := range []*time.Location{nil, pdt} {
		st, _ := checkOperatorLayoutWith(t, operatorLayoutCase{"webex_calling_cdr.csv", "voice", []string{"dates YMD", "BOM"}, rows, rejects},
			ImportOptions{Country: "US", Zone: zone})
		// 2024-05-14 09:12:30 UTC is 1715677950, with --tz or without
		if got := strings.Join(readRows(t, st, "SELECT start, wall_offset FROM voice WHERE line = 2"), ""); got != "1715677950|0" {
			t.Errorf("tz %v: line 2 start %s, want 1715677950|0", zone, got)
		}
	}
}
