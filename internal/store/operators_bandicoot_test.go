package store

import (
	"strings"
	"testing"
)

// The "telenor" CDR pair a research toolkit reads (testdata/operators/
// README.md says where): an incoming file (B_PARTY, A_PARTY, …, B_CELL,
// CALL_DATE yyyymmdd, CALL_TIME, CALL_TYPE MTC) whose subscriber is the B
// party, and an outgoing one (A_NUMBER, B_NUMBER, …, B_CELL, …, MOC)
// whose subscriber is the A party. In the incoming file the subscriber is
// 07700900123 (a party of every record), the caller the other party, and
// B_CELL its own cell; in the outgoing file B_CELL names the called
// party's cell, never the subscriber's: before, 1A2D was given to
// 07700900123's call; now its outgoing records have no cell, said in the
// format. Durations are seconds (125), dates read year first.
func TestOperatorBandicootTelenor(t *testing.T) {
	for _, c := range []operatorLayoutCase{
		{"bandicoot_telenor_incoming.csv", "voice", []string{"dates YMD", "target 07700900123"}, []string{
			"2|447700900123|VOICE_IN|07700900456|2014-03-05 09:00:00|125|1A2B||",
			"3|447700900123|VOICE_IN|07700900789|2014-03-05 10:00:00|40|1A2C||",
		}, nil},
		{"bandicoot_telenor_outgoing.csv", "voice", []string{"dates YMD", "no cell for an outgoing record (the column is the called party's)"}, []string{
			"2|447700900123|VOICE_OUT|07700900456|2014-03-05 11:00:00|60|||",
			"3|447700900123|VOICE_OUT|07700900789|2014-03-05 11:30:00|15|||",
		}, nil},
	} {
		t.Run(c.file, func(t *testing.T) {
			checkOperatorLayoutWith(t, c, ImportOptions{Country: "GB"})
		})
	}
}

// The outgoing file as the toolkit's code reads it, with A_CELL: the A
// party's cell, so the records are the A party's and the cell is kept.
func TestOperatorBandicootTelenorACell(t *testing.T) {
	body := "A_NUMBER,B_NUMBER,DURATION,A_CELL,CALL_DATE,CALL_TIME,CALL_TYPE\n" +
		"07700900123,07700900456,60,1A2D,20140305,11:00:00,MOC\n" +
		"07700900123,07700900789,15,1A2E,20140305,11:30:00,MOC\n"
	st := openTemp(t)
	res := importOne(t, st, writeEvidence(t, "outgoing.csv", body), ImportOptions{Country: "GB"})
	if res.Error != "" || res.Rows != 2 || !strings.Contains(res.Format, "records of the A party") {
		t.Fatalf("%+v", res)
	}
	got := strings.Join(readRows(t, st, "SELECT line, subscriber, call_type, other, ifnull(cell, '') FROM voice_readable ORDER BY line"), " ")
	if want := "2|447700900123|VOICE_OUT|07700900456|1A2D 3|447700900123|VOICE_OUT|07700900789|1A2E"; got != want {
		t.Errorf("records %s, want %s", got, want)
	}
}

// "Originating Cell" names the moment (the cell a call started on), not a
// party: it stays the subscriber's cell for incoming records too.
func TestOperatorOriginatingCellKept(t *testing.T) {
	body := "Target,Other Number,Direction,Start,Duration,Originating Cell\n" +
		"447700900123,447700900456,Incoming,2024-03-05 09:00:00,30,234-15-2211-40321\n" +
		"447700900123,447700900789,Outgoing,2024-03-05 10:00:00,20,234-15-2211-40322\n"
	st := openTemp(t)
	res := importOne(t, st, writeEvidence(t, "orig.csv", body), ImportOptions{Country: "GB"})
	if res.Error != "" || res.Rows != 2 || strings.Contains(res.Format, "no cell for") {
		t.Fatalf("%+v", res)
	}
	got := strings.Join(readRows(t, st, "SELECT line, call_type, cell FROM voice_readable ORDER BY line"), " ")
	if want := "2|VOICE_IN|234-15-2211-40321 3|VOICE_OUT|234-15-2211-40322"; got != want {
		t.Errorf("records %s, want %s", got, want)
	}
}
