package store

import (
	"strings"
	"testing"
)

// An MSC's records exported one table per record type, the field names
// lowered by the database that kept them (a ZTE MSC's mocallrecord,
// mtcallrecord and mosmsrecord: "servedmsisdn", "seizuretime",
// "callingnumber", "locationlac"). Before: refused for want of a start
// (the glued "seizuretime" read as no word), and with --map start the
// mtCallRecord's caller was lost (no called-number column, so no other
// party at all, and nothing said so).
func TestOperatorMSCTablesLowerCase(t *testing.T) {
	// the record type is a number; 3GPP numbers moCallRecord 0,
	// mtCallRecord 1 and moSMSRecord 6, an Ericsson MSC msOriginating 1 and
	// msTerminating 4: no direction is read from it, each kept as
	// written and flagged
	flag := func(line, code string) string {
		return line + `|field|call_type "` + code + `" kept as written: no direction or kind of call is known for this code`
	}
	for _, c := range []operatorLayoutCase{
		// the served party's; the caller is the other party; the start is
		// the seizure (as with the 3GPP names in etsi_retained.csv), the
		// duration callduration; the cell LAC + CI
		{"zte_msc_mtcallrecord.csv", "voice", []string{"dates YMD"}, []string{
			"2|15055550001|1|15055550177|2024-05-14 10:15:00|45|4711-20302|310130000000001|35209900176148",
			"3|15055550001|1|15055550178|2024-05-14 12:30:00|12|4711-20301|310130000000001|35209900176148",
		}, []string{flag("2", "1"), flag("3", "1")}},
		// the called party's IMSI, IMEI and cell (calledimsi, calledimei,
		// calledlocationcellid) are the other party's: never the record's
		{"zte_msc_mocallrecord.csv", "voice", []string{"dates YMD"}, []string{
			"2|15055550001|0|15055550102|2024-05-14 09:12:30|138|4711-20301|310130000000001|35209900176148",
			"3|15055550001|0|18005550100|2024-05-14 09:40:00|20|4711-20302|310130000000001|35209900176148",
		}, []string{flag("2", "0"), flag("3", "0")}},
		// an SMS: originationtime is the start, destinationnumber the other
		// party, never the service centre
		{"zte_msc_mosmsrecord.csv", "voice", []string{"dates YMD", "no column for duration"}, []string{
			"2|15055550001|6|15055550188|2024-05-15 07:00:00||4711-20301|310130000000001|35209900176148",
		}, []string{flag("2", "6")}},
	} {
		t.Run(c.file, func(t *testing.T) { checkOperatorLayout(t, c) })
	}
}

// The caller is the other party only when no column names a called
// number and it is not the subscriber: a record whose calling number is
// the subscriber's own has no other party, never the subscriber twice.
func TestOperatorCallingNumberOnly(t *testing.T) {
	path := writeEvidence(t, "mt.csv", "recordType,servedMSISDN,callingNumber,seizureTime,callDuration\n"+
		"mtCallRecord,15055550001,15055550177,2024-05-14 10:15:00,45\n"+
		"mtCallRecord,15055550001,+1 505 555 0001,2024-05-14 11:00:00,30\n")
	st := openTemp(t)
	res := importOne(t, st, path, ImportOptions{Country: "US"})
	if res.Error != "" || res.Rows != 2 {
		t.Fatalf("%+v", res)
	}
	got := strings.Join(readRows(t, st, "SELECT line, subscriber, call_type, other FROM voice_readable ORDER BY line"), " ")
	if want := "2|15055550001|VOICE_IN|15055550177 3|15055550001|VOICE_IN|"; got != want {
		t.Errorf("records %q, want %q", got, want)
	}
}
