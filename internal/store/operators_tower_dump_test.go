package store

import "testing"

// T-Mobile's CDR layout delivered as a tower dump: every record from one
// cell (13411-30551), four subscribers, no number a party of every record.
// Each record is keyed under its served party, whom the Direction names:
// the Calling Number of an outgoing record, the Called Number of an
// incoming one (line 3: 2065550002 was called by 2065550201, and the IMSI
// and IMEI are 2065550002's); none is taken for a target, no subscriber
// is given another's IMSI. Times are UTC by the header's "(UTC) Time".
func TestOperatorTMobileTowerDump(t *testing.T) {
	c := operatorLayoutCase{"tmobile_tower_dump.csv", "voice", []string{"dates MDY", "times in UTC as the header says"}, []string{
		"2|12065550001|VOICE_OUT|2065550102|2025-03-14 18:02:11|95|13411-30551|310260000000001|35391809000001",
		"3|12065550002|VOICE_IN|2065550201|2025-03-14 18:03:00|40|13411-30551|310260000000002|35391809000002",
		"4|12065550003|SMS_OUT|2065550104|2025-03-14 18:05:05|0|13411-30551|310260000000003|35391809000003",
		"5|12065550004|SMS_IN|2065550105|2025-03-14 18:06:00|0|13411-30551|310260000000004|35391809000004",
	}, nil}
	st, res := checkOperatorLayoutWith(t, c, ImportOptions{Country: "US"})
	if n := count(t, st, "SELECT count(*) FROM subscribers WHERE voice_records > 0"); n != 4 {
		t.Errorf("%d subscribers with records, want 4 (format %q)", n, res.Format)
	}
}
