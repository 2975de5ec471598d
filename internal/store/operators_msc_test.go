package store

import (
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/evidence"
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

// A ZTE MSC's records as an operator's mediation database keeps them,
// one table for every record type (type MO_CALL_RECORD, MT_CALL_RECORD,
// MO_SMS_RECORD, MT_SMS_RECORD, MCF_CALL_RECORD): the subscriber is the
// served party, the other party the called number of an outgoing record
// and the caller of an incoming one, never the roaming number (an MSRN);
// the start is eventTimeStamp, the one time every record type has
// (answerTime is empty for an SMS). A forwarding record (MCF) has no
// direction: kept as written and flagged, its other party the number the
// call went on to.
func TestOperatorZTEMediation(t *testing.T) {
	checkOperatorLayout(t, operatorLayoutCase{"orange_zte_mediation.csv", "voice", []string{"dates YMD", "no column for cell"}, []string{
		"2|4915112341234|VOICE_OUT|4917698009876|2019-03-14 09:12:30|138||262010000000001|35209900176148",
		"3|4915112341234|VOICE_IN|4917698009877|2019-03-14 10:14:50|45||262010000000001|35209900176148",
		"4|4915112341234|SMS_OUT|4917698009878|2019-03-15 07:00:00|0||262010000000001|35209900176148",
		"5|4915112341234|SMS_IN|4917698009879|2019-03-15 08:00:00|0||262010000000001|35209900176148",
		"6|4915112341234|MCF_CALL_RECORD|4917698009881|2019-03-15 08:59:50|60||262010000000001|35209900176148",
	}, []string{`6|field|call_type "MCF_CALL_RECORD" kept as written: no direction or kind of call is known for this code`}})
}

// The caller is the other party only when no column names a called
// number and it is not the subscriber: a record whose calling number is
// the subscriber's own has no other party, never the subscriber twice.
func TestOperatorCallingNumberOnly(t *testing.T) {
	got := inlineRows(t, "mt.csv", "recordType,servedMSISDN,callingNumber,seizureTime,callDuration\n"+
		"mtCallRecord,15055550001,15055550177,2024-05-14 10:15:00,45\n"+
		"mtCallRecord,15055550001,+1 505 555 0001,2024-05-14 11:00:00,30\n", "US", 2, "SELECT line, subscriber, call_type, other FROM voice_readable ORDER BY line")
	if want := "2|15055550001|VOICE_IN|15055550177 3|15055550001|VOICE_IN|"; got != want {
		t.Errorf("records %q, want %q", got, want)
	}
}

// An Ericsson MSC's records as a ClickHouse table keeps them and exports
// them (CSVWithNames, strings quoted): timeForStartOfCharge and
// chargeableDuration are date-times on the Unix epoch, the clock only
// (the operator's own query joins the date of dateForStartOfCharge to the
// time and reads the duration with toUnixTimestamp). Before: every
// record was dated 1970-01-01 and had no duration.
func TestOperatorEricssonClickHouse(t *testing.T) {
	c := operatorLayoutCase{"ericsson_msc_clickhouse.csv", "voice", []string{"dates YMD", "target 4917698001234"}, []string{
		"2|4917698001234|VOICE_OUT|4915112009876|2019-03-14 09:12:44|138|||35209900176148",
		"3|4917698001234|VOICE_IN|4915112009877|2019-03-14 23:59:30|3605|||35209900176148",
	}, nil}
	checkOperatorLayout(t, c)
	// in the zone the analyst names: Berlin is UTC+1 in March
	st := openTemp(t)
	berlin, err := evidence.ParseZone("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	res := importOne(t, st, operatorFile(c.file), ImportOptions{Country: "DE", Zone: berlin})
	if res.Error != "" || res.Rows != 2 {
		t.Fatalf("%+v", res)
	}
	want := []int64{time.Date(2019, 3, 14, 8, 12, 44, 0, time.UTC).Unix(), time.Date(2019, 3, 14, 22, 59, 30, 0, time.UTC).Unix()}
	for i, line := range []int{2, 3} {
		if got := count(t, st, "SELECT start FROM voice WHERE line = ?", line); got != want[i] {
			t.Errorf("line %d: start %d, want %d", line, got, want[i])
		}
	}
}

// A start on the epoch with no date column is no date: each record is
// rejected with the reason, never imported as a call of 1970.
func TestOperatorEpochClockWithoutDate(t *testing.T) {
	path := writeEvidence(t, "eric.csv", "type,timeForStartOfCharge,chargeableDuration,callingPartyNumber,calledPartyNumber\n"+
		"M_S_ORIGINATING,1970-01-01 09:12:44,1970-01-01 00:02:18,4917698001234,4915112009876\n"+
		"M_S_ORIGINATING,2019-03-14 10:00:00,1970-01-01 00:00:10,4917698001234,4915112009877\n")
	st := openTemp(t)
	res := importOne(t, st, path, ImportOptions{Country: "DE"})
	if res.Error != "" || res.Rows != 1 || res.Rejected != 1 {
		t.Fatalf("%+v", res)
	}
	got := strings.Join(readRows(t, st, rejectsQuery), " ")
	want := `2|row|start time: "1970-01-01 09:12:44": dated 1970-01-01, the day a time of day kept as a date-time is given (or a zero timestamp), and no date column gives the record's date`
	if got != want {
		t.Errorf("rejects %q\n want %q", got, want)
	}
	if rows := strings.Join(readRows(t, st, voiceRowsQuery), " "); rows != "3|4917698001234|VOICE_OUT|4915112009877|2019-03-14 10:00:00|10|||" {
		t.Errorf("records %q", rows)
	}
}

// inlineRows imports text as the file name (under --country cc), which
// must give rows records, and returns the rows q reads, joined by spaces.
func inlineRows(t *testing.T, name, text, cc string, rows int64, q string) string {
	t.Helper()
	st := openTemp(t)
	res := importOne(t, st, writeEvidence(t, name, text), ImportOptions{Country: cc})
	if res.Error != "" || res.Rows != rows {
		t.Fatalf("%+v", res)
	}
	return strings.Join(readRows(t, st, q), " ")
}
