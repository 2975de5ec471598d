package store

import (
	"strings"
	"testing"
)

// The ETSI retained-data layout (semicolon-separated) as a spreadsheet in
// a German locale writes it: durations with a decimal comma ("62,5") and
// the dot grouping thousands ("1.234" is 1234 s, 10:15:04 to 10:35:38).
// Before: "1.234" was read as 1 s and "62,5" dropped.
func TestOperatorDecimalCommaDurations(t *testing.T) {
	checkOperatorLayout(t, operatorLayoutCase{"etsi_retained_de.csv", "voice", []string{"delimiter semicolon", "durations with a decimal comma"}, []string{
		"2|491701234001|VOICE_OUT|4930901820|2024-05-02 10:15:00|1234|4711-20301|262019876500001|35209900176148",
		"3|491701234001|VOICE_IN|4940123456|2024-05-02 11:00:00|45|4711-20302|262019876500001|35209900176148",
		"4|491701234001|VOICE_OUT|491709876543|2024-05-02 12:00:00|63|4711-20301|262019876500001|35209900176148",
	}, nil})
}

// Which mark a dot is, by the file's separator and the column's values.
func TestOperatorDurationDecimalMark(t *testing.T) {
	head := "MSISDN;Other Party;Call Type;Start Time;Duration\n"
	row := func(line int, d string) string {
		return "491701234001;4930901820;MOC;2024-05-02 10:0" + string(rune('0'+line)) + ":00;" + d + "\n"
	}
	for _, c := range []struct {
		name, body string
		format     string // what the format says of the durations, "" for nothing
		durations  string // of lines 2 and 3, "" for none
		rejects    []string
	}{
		// nothing in the column says which: "1.234" is not read
		{"undecided", head + row(1, "1.234") + row(2, "45"), "", " 45", []string{
			`2|field|duration "1.234" dropped: duration "1.234": in a semicolon-separated file the dot may group thousands (1234 s) or mark a fraction, and no value of the column says which`}},
		// a dot fraction that groups no thousands ("12.6"): the dot marks fractions
		{"dot", head + row(1, "1.234") + row(2, "12.6"), "", "1 13", nil},
		// a decimal comma: the dot groups thousands
		{"comma", head + row(1, "1.234") + row(2, "1.234,5"), "durations with a decimal comma", "1234 1235", nil},
		// a comma-separated file: the dot is a fraction's, as ever
		{"comma-separated", strings.ReplaceAll(head+row(1, "1.234")+row(2, "45"), ";", ","), "", "1 45", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := openTemp(t)
			res := importOne(t, st, writeEvidence(t, "d.csv", c.body), ImportOptions{Country: "DE"})
			if res.Error != "" || res.Rows != 2 {
				t.Fatalf("%+v", res)
			}
			if says := strings.Contains(res.Format, "durations with a decimal comma"); says != (c.format != "") {
				t.Errorf("format %q", res.Format)
			}
			if got := strings.Join(strings1(t, st, "SELECT coalesce(duration, '') FROM voice_readable ORDER BY line"), " "); got != c.durations {
				t.Errorf("durations %q, want %q", got, c.durations)
			}
			if got := readRows(t, st, rejectsQuery); strings.Join(got, "\n") != strings.Join(c.rejects, "\n") {
				t.Errorf("rejects %q, want %q", got, c.rejects)
			}
		})
	}
}

// Files that are no records, refused with the reason, nothing imported:
// Jio's broadband IPv6 allocation export (the DoT header, TIME1 and the
// session columns empty, only the public prefix's allocation times: an
// allocation is not a session, and its times are never taken for one)
// and Airtel's reverse-search request workbook (the lookups asked for,
// not their results).
func TestOperatorNotRecordsRefused(t *testing.T) {
	for _, c := range []struct {
		file, err string
		rejects   []string
	}{
		{"jio_broadband_allocation_refused.csv", "nothing imported", []string{"2|row|start time: empty", "3|row|start time: empty"}},
		{"airtel_ipv4_search_request_refused.csv", `unknown layout: no row among the first 60 names two or more known fields (first line: "Search Value,From Date,To Date,Port")`, nil},
	} {
		t.Run(c.file, func(t *testing.T) {
			st := openTemp(t)
			res := importOne(t, st, operatorFile(c.file), ImportOptions{Country: "IN"})
			if res.Rows != 0 || !strings.Contains(res.Error, c.err) {
				t.Fatalf("%+v", res)
			}
			if got := readRows(t, st, rejectsQuery); strings.Join(got, "\n") != strings.Join(c.rejects, "\n") {
				t.Errorf("rejects %q, want %q", got, c.rejects)
			}
			if n := count(t, st, "SELECT count(*) FROM ipdr") + count(t, st, "SELECT count(*) FROM voice"); n != 0 {
				t.Errorf("%d records", n)
			}
		})
	}
}

// Dates a spreadsheet wrote as its serials (an IPDR loader reads
// "operator exports" so, days from 1899-12-30): never read by guess, a
// workbook of the 1904 system counting from 1904-01-01; each row is
// rejected saying so.
func TestOperatorDateSerialsRefused(t *testing.T) {
	path := writeEvidence(t, "serial.csv", "MSISDN,Other Party,Call Type,Start Time,Duration\n"+
		"919900000001,919900000002,MOC,45678.4375,30\n"+
		"919900000001,919900000003,MTC,45678,12\n")
	st := openTemp(t)
	res := importOne(t, st, path, ImportOptions{Country: "IN"})
	if res.Rows != 0 || res.Rejected != 2 || !strings.Contains(res.Error, "nothing imported") {
		t.Fatalf("%+v", res)
	}
	if len(res.Reasons) == 0 || !strings.Contains(res.Reasons[0].Reason, "from 1899-12-30 or from 1904-01-01") {
		t.Errorf("reasons %+v", res.Reasons)
	}
}

// AT&T's layout as a tower dump (many subscribers, so no number is a
// party of every record, and no direction column: CT is Voice or SMS):
// the IMSI, IMEI and cell of a row are the served party's, who may be the
// originating or the terminating number. Before, every record was keyed
// under the originating number with that device and place, so a caller
// was put at the cell of whoever they called. Each row is rejected
// saying why.
func TestOperatorTowerDumpWithoutDirectionRefused(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("att_tower_dump_refused.csv"), ImportOptions{Country: "US"})
	if res.Rows != 0 || res.Rejected != 3 || !strings.Contains(res.Error, "nothing imported") {
		t.Fatalf("%+v", res)
	}
	const why = `and no subscriber or target column: which of the calling and the called number is the subscriber, whose IMSI, IMEI and cell the record gives, is not known`
	want := []string{`2|row|no direction (call type "VOICE") ` + why, `3|row|no direction (call type "VOICE") ` + why, `4|row|no direction (call type "SMS") ` + why}
	if got := readRows(t, st, rejectsQuery); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rejects\n got  %q\n want %q", got, want)
	}
	if n := count(t, st, "SELECT count(*) FROM subscribers"); n != 0 {
		t.Errorf("%d subscribers", n)
	}
}

// A time column kept as date-times on a zero day, as Access and SQL
// Server export a time (1899-12-30 09:12:44): its clock, on the date
// column's date. Before: every row rejected ("the hour has 4 digits").
func TestOperatorZeroDatedTimeColumn(t *testing.T) {
	got := inlineRows(t, "access.csv", "MSISDN,Other Party,Call Type,Call Date,Call Time,Duration\n"+
		"919900000001,919900000002,MOC,2026-03-14,1899-12-30 09:12:44,30\n"+
		"919900000001,919900000003,MTC,2026-03-14 00:00:00,1899-12-30 23:59:59,12\n", "IN", 2, "SELECT line, start_wall FROM voice_readable ORDER BY line")
	if want := "2|2026-03-14 09:12:44 3|2026-03-14 23:59:59"; got != want {
		t.Errorf("starts %q, want %q", got, want)
	}
}

// A wireline switch's Bellcore AMA (BAF) records as a decoder writes them
// (date YMMDD, connect_time HHMMSSt, elapse_time in tenths, call_type a
// code): no date is read by guess, each row rejected with its date.
func TestOperatorBAFRefused(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("baf_ama_refused.csv"), ImportOptions{Country: "US"})
	if res.Rows != 0 || res.Rejected != 2 || !strings.Contains(res.Error, "nothing imported") ||
		len(res.Reasons) != 1 || !strings.Contains(res.Reasons[0].Reason, `a 5-digit number is not a date`) {
		t.Fatalf("%+v", res)
	}
	if got := strings.Join(readRows(t, st, rejectsQuery), "\n"); strings.Count(got, `row|start time: date "50314": a 5-digit number is not a date`) != 2 {
		t.Errorf("rejects %q", got)
	}
}
