package store

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/evidence"
)

// operatorFile is a file of testdata/operators: small files written in
// the layouts operators deliver (README.md there says where each layout
// was published), with values chosen for the tests.
func operatorFile(name string) string { return filepath.Join("testdata", "operators", name) }

// readRows reads every record of the case, one line per record, every
// field, in line order.
func readRows(t *testing.T, st *Store, q string) []string {
	t.Helper()
	return queryRows(t, st.DB(), q, "")
}

// queryRows is every row q reads from db, its fields joined by "|", a
// NULL written as null.
func queryRows(t *testing.T, db *sql.DB, q, null string) []string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = v.String
			if !v.Valid {
				parts[i] = null
			}
		}
		out = append(out, strings.Join(parts, "|"))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

const voiceRowsQuery = `SELECT line, subscriber, call_type, other, start_wall, duration, cell, imsi, imei FROM voice_readable ORDER BY line`
const dataRowsQuery = `SELECT line, subscriber, imsi, imei, private_ip, private_port, public_ip, public_port, dest_ip, dest_port,
	start_wall, end_wall, cell, uplink, downlink, total, rat, domain, device_ident FROM ipdr_readable ORDER BY line`
const rejectsQuery = `SELECT line, severity, reason FROM rejects ORDER BY line, rowid`

// Every field of every row of a file in each published layout, worked out
// by hand from the file.
func TestOperatorLayouts(t *testing.T) {
	cases := []operatorLayoutCase{
		// 26 columns with VoWiFi UE IPs and ports: still call records; the
		// B party is the other party (not the LRN), the cell the First CGI
		// (not its Lat/Long); SMT is an SMS received.
		{"airtel_cdr.csv", "voice", []string{"header on line 5", "dates DMY"}, []string{
			"6|919714400001|VOICE_OUT|9822000011|2026-04-15 09:42:17|41|404-98-8331-221532674|404980531500001|866588055800011",
			"7|919714400001|VOICE_IN|9822000012|2026-04-15 18:05:00|120|404-98-8331-221532674|404980531500001|866588055800011",
			"8|919714400001|SMS_IN|AD-Airtel-S|2026-04-16 08:26:10|0|404-98-8331-230711555|404980531500001|866588055800011",
			"9|919714400001|VOICE_OUT|9822000013|2026-04-16 21:00:05|65||404980531500001|866588055800011",
		}, []string{`8|field|other "AD-Airtel-S" kept as written: an alphanumeric sender, not a number`}},
		// Calling and Called Party: the subscriber is the called party of an
		// incoming record; the start is Call Date + Call Time, not the Call
		// Termination Time; the A2P sender is kept.
		{"jio_cdr.csv", "voice", []string{"header on line 5"}, []string{
			"6|919877500001|SMS_IN|JP-JioPay-S|2026-01-13 01:11:49|0|40585703AD319|405857032100001|866205068900001",
			"7|919877500001|VOICE_OUT|918264200002|2026-01-13 10:15:30|45|40585703AD319|405857032100001|866205068900001",
			"8|919877500001|VOICE_IN|918264200003|2026-01-14 23:59:50|80|40585703AD320|405857032100001|866205068900001",
			"9|919877500001|SMS_IN|VM-HDFCBK|2026-01-15 09:00:00|0|40585703AD321|405857032100001|866205068900001",
		}, []string{
			`6|field|other "JP-JioPay-S" kept as written: an alphanumeric sender, not a number`,
			`9|field|other "VM-HDFCBK" kept as written: an alphanumeric sender, not a number`,
		}},
		// IP Address / Port No beside the B party: call records; the cell is
		// the First Cell Global Id, never the First BTS Location address;
		// the dashed rules around the header are no rows.
		{"vi_cdr.csv", "voice", []string{"header on line 9", "dates DMY"}, []string{
			"11|918980200001|VOICE_IN|06352600002|2026-01-13 10:08:37|26|404056205320221|404051650000001|869236064900001",
			"12|918980200001|VOICE_OUT|09772300003|2026-01-13 10:32:38|13|404056205520773|404051650000001|869236064900001",
			"13|918980200001|SMS_IN|VM-VFCARE|2026-01-14 07:00:00|0|404056205320221|404051650000001|869236064900001",
		}, []string{`13|field|other "VM-VFCARE" kept as written: an alphanumeric sender, not a number`}},
		// The B party, not the LRN or the Original Calling Party; the cell is
		// the First Cell Global ID, not the "…; Lat-…; Long-…" address. The
		// two footer lines are the report's text: set apart in the notes,
		// not rejected rows.
		{"bsnl_cdr.csv", "voice", []string{"header on line 6"}, []string{
			"7|919477500001|SMS_IN|57645|2026-06-17 15:58:21|1|404-81-724-24723|404819000100001|359912109800001",
			"8|919477500001|VOICE_OUT|9875600002|2026-06-19 12:15:04|760|404-81-724-24723|404819000100001|353832116800002",
			"9|919477500001|VOICE_IN|9830000003|2026-06-20 09:30:00|44|404-81-724-24724|404819000100001|353832116800002",
		}, nil},
		// The same export with a footer of totals, "Generated by…" and blank
		// and dashed separators, a bad row in the middle (a number a
		// spreadsheet wrote as 9.4775E+09) and a "Page 1 of 2" between two
		// records: the footer is set apart; the bad row and the line between
		// records are rejected as before.
		{"bsnl_cdr_footer.csv", "voice", []string{"header on line 6"}, []string{
			"7|919477500001|SMS_IN|57645|2026-06-17 15:58:21|1|404-81-724-24723|404819000100001|359912109800001",
			"8|919477500001|VOICE_OUT|9875600002|2026-06-19 12:15:04|760|404-81-724-24723|404819000100001|353832116800002",
			"11|919477500001|VOICE_IN|9830000003|2026-06-20 09:30:00|44|404-81-724-24724|404819000100001|353832116800002",
		}, []string{
			`9|row|msisdn "9.4775E+09": precision lost (a spreadsheet wrote it in scientific notation)`,
			`10|row|has 1 fields where the header has 22 (no "Call Type")`,
		}},
		// DoT's IPDR format: the session start is TIME1, read in the format
		// its header states (dd/MM/yyyy: 4/6/2026 is 4 June), the end is
		// start + Session Duration; the allocation times are not the session.
		{"dot_ipdr.csv", "ipdr", []string{"dates DMY", "no column for imei"}, []string{
			"2|919834400001|405864000000001||10.0.0.1|47648|152.59.6.113|47648|129.227.29.207|443|2026-06-04 08:57:10|2026-06-04 08:59:42|4058640CA8A4010|227368|353779|581147||jionet|863970000000011",
			"3|919834400001|405864000000001||10.0.0.1|47650|152.59.6.113|47650|157.240.16.52|5222|2026-06-13 21:05:00|2026-06-13 21:06:00|4058640CA8A4011|1200|3400|4600||jionet|863970000000011",
		}, nil},
		// DoT's "Source MAC-ID Address/Other device Identification number"
		// holding IMEIs (15 digits with a right check digit, a 16-digit
		// IMEISV): taken for the IMEI. (In dot_ipdr.csv above, 863970000000011
		// fails its check digit: kept as the device id, never an IMEI.)
		{"dot_ipdr_imei.csv", "ipdr", []string{"dates DMY"}, []string{
			"2|919834400002|405864000000002|352099001761481|10.0.0.7|50110|152.59.6.114|50110|142.250.183.14|443|2026-06-05 10:01:02|2026-06-05 10:01:32|4058640CA8A4012|1000|2000|3000||jionet|",
			"3|919834400002|405864000000002|3520990017614823|10.0.0.7|50112|152.59.6.114|50112|157.240.16.52|443|2026-06-05 10:05:00|2026-06-05 10:05:20|4058640CA8A4012|500|700|1200||jionet|",
		}, nil},
		// the same column holding MAC addresses (a broadband line): kept as
		// the device id as written, never stored as an IMEI
		{"dot_ipdr_mac.csv", "ipdr", []string{"dates DMY", "no column for imei"}, []string{
			"2|914422000003|||100.64.12.9|40001|103.5.10.20|40001|142.250.183.14|443|2026-06-06 07:15:00|2026-06-06 07:25:00||50000|900000|950000||ftth|00:1A:2B:3C:4D:5E",
			"3|914422000003|||100.64.12.9|40002|103.5.10.20|40002|157.240.16.52|443|2026-06-06 08:00:00|2026-06-06 08:01:00||1000|3000|4000||ftth|a4-5e-60-c2-11-0f",
		}, nil},
		// Verizon: Call Direction codes 6 and 0 incoming, 1 and 3 outgoing;
		// F kept as written and flagged. The other party of an incoming call
		// is the Calling Party Number (the dialled digits are the target's).
		{"verizon_cdr.csv", "voice", []string{"dates MDY", "cells under their switch (Network Element Name)", "direction codes of Verizon"}, []string{
			"2|17076700001|VOICE_IN|4439200002|2025-08-17 15:25:00|58|335 (switch Pleasanton_2)||",
			"3|17076700001|VOICE_OUT|4155500003|2025-08-17 16:02:00|120|335 (switch Pleasanton_2)||",
			"4|17076700001|VOICE_IN|4155500004|2025-08-18 09:10:00|15|336 (switch Pleasanton_2)||",
			"5|17076700001|VOICE_OUT|4155500005|2025-08-18 09:40:00|30|336 (switch Pleasanton_2)||",
			"6|17076700001|F|8005550100|2025-08-18 10:00:00|5|336 (switch Pleasanton_2)||",
		}, []string{`6|field|call_type "F" kept as written: no direction or kind of call is known for this code`}},
		// T-Mobile: no target column; mSOriginating/mSTerminating(SMSinMSC)
		// give type and direction; the subscriber is the calling number of
		// an outgoing record and the called number of an incoming one; the
		// cell is 1st LAC + 1st Cell ID, never the tower's address.
		{"tmobile_cdr.csv", "voice", []string{"dates MDY"}, []string{
			"2|12065550001|VOICE_OUT|2065550102|2025-03-14 18:02:11|95|13411-30551|310260000000001|35391809000001",
			"3|12065550001|VOICE_IN|2065550103|2025-03-14 19:30:00|40|13411-30552|310260000000001|35391809000001",
			"4|12065550001|SMS_OUT|2065550104|2025-03-15 08:00:05|0|13411-30551|310260000000001|35391809000001",
			"5|12065550001|SMS_IN|2065550104|2025-03-15 08:01:00|0|13411-30551|310260000000001|35391809000001",
		}, nil},
		// AT&T: no target column and no direction; the target is the number
		// that is a party of every record, and the direction where it stands
		// (Originating or Terminating Number). ET is minutes:seconds; the
		// Seizure Time (seconds to connect) is not the start.
		{"att_cdr.csv", "voice", []string{"dates MDY", "target 4045550001", `"Seizure Time" not start`}, []string{
			"2|14045550001|VOICE_OUT|4045550199|2025-06-13 14:02:10|65|310410-12345-678|310410000000002|35391809000002",
			"3|14045550001|VOICE_IN|4045550177|2025-06-13 15:20:00|30|310410-12345-679|310410000000002|35391809000002",
			"4|14045550001|SMS_OUT|4045550188|2025-06-14 09:00:00|0|310410-12345-678|310410000000002|35391809000002",
			"5|14045550001|SMS_IN|4045550188|2025-06-14 09:05:00|0|310410-12345-678|310410000000002|35391809000002",
		}, nil},
		// "From or To Number" is the other party.
		{"us_from_to.csv", "voice", []string{"no column for imei imsi"}, []string{
			"2|13125550001|VOICE_OUT|3125550177|2025-08-23 11:31:22|61|60301||",
			"3|13125550001|VOICE_IN|3125550178|2025-08-23 12:00:00|30|60302||",
			"4|13125550001|SMS_IN|VZW-ALERTS|2025-08-24 07:15:00|0|60302||",
		}, []string{`4|field|other "VZW-ALERTS" kept as written: an alphanumeric sender, not a number`}},
		// A "Call Type" of National/International is not the call type: the
		// Record Type is; an unknown code is kept and flagged.
		{"scope_columns.csv", "voice", []string{`"Call Type" not call_type (values such as "NATIONAL")`}, []string{
			"2|919900000001|VOICE_OUT|919900000002|2026-02-01 10:00:00|30|||",
			"3|919900000001|VOICE_OUT|447700900003|2026-02-01 11:00:00|45|||",
			"4|919900000001|VOICE_IN|919900000004|2026-02-01 12:00:00|20|||",
			"5|919900000001|SMS_OUT|919900000002|2026-02-01 13:00:00|0|||",
			"6|919900000001|XYZ|919900000005|2026-02-01 14:00:00|9|||",
		}, []string{`6|field|call_type "XYZ" kept as written: no direction or kind of call is known for this code`}},
		// ETSI retained data (3GPP record names): moCallRecord, mtSMSRecord
		// give type and direction; the cell is LAC + cell identifier; times
		// carry their offset (+02:00, kept as the wall clock written).
		{"etsi_retained.csv", "voice", []string{"delimiter semicolon"}, []string{
			"2|491701234001|VOICE_OUT|4930901820|2024-05-02 10:15:00|120|4711-20301|262019876500001|35209900176148",
			"3|491701234001|VOICE_IN|4940123456|2024-05-02 11:00:00|45|4711-20302|262019876500001|35209900176148",
			"4|491701234001|SMS_OUT|491709876543|2024-05-02 12:00:00|0|4711-20301|262019876500001|35209900176148",
			"5|491701234001|SMS_IN|DHL-Paket|2024-05-02 12:30:00|0|4711-20301|262019876500001|35209900176148",
		}, []string{`5|field|other "DHL-Paket" kept as written: an alphanumeric sender, not a number`}},
		// Sprint's CDMA return (its "Key to Understanding CDMA Call Detail
		// Records"): no target column; Mobile Role gives the direction and
		// the target is the party of every record, so a "Routed Call" (no
		// direction) is read from where the target stands; the other party
		// is the dialled digits, not a Called Number with Sprint's "11"
		// voicemail prefix; First Cell is sector + cell as written.
		{"sprint_cdr.csv", "voice", []string{"dates MDY", "target 8165550001 (a party of every record)", "cells under their switch (NEID, Repoll Number)", "no column for imei imsi"}, []string{
			"2|18165550001|VOICE_OUT|8165550102|2025-06-13 14:02:10|65|2083 (switch 210, repoll 17)||",
			"3|18165550001|VOICE_IN|8165550103|2025-06-13 15:20:00|30|1083 (switch 210, repoll 17)||",
			"4|18165550001|VOICE_OUT|8165550104|2025-06-14 09:00:00|12|3112 (switch 210, repoll 17)||",
			"5|18165550001|VOICE_IN|8165550105|2025-06-14 10:00:00|5|||",
		}, nil},
		// European retained data as the UK's Data Retention Regulations list
		// it for mobile telephony (calling number, number dialled, forwarded
		// number, start and end, telephone service, IMSI and IMEI, cell at
		// the start): keyed under GB; the Telephone Service (Voice, SMS) gives
		// the kind, the target's place the direction; the forwarded-to column
		// is never the other party; the duration is end - start.
		{"uk_retained.csv", "voice", []string{"dates DMY", "target 07700900123 (a party of every record)"}, []string{
			"2|447700900123|VOICE_OUT|02079460000|2024-05-14 09:12:44|138|234-15-2211-40321|234150000000001|35209900176148",
			"3|447700900123|SMS_OUT|07700900456|2024-05-14 10:00:00|0|234-15-2211-40322|234150000000001|35209900176148",
			"4|447700900123|VOICE_OUT|+33612345678|2024-05-15 18:30:00|670|234-15-2211-40321|234150000000001|35209900176148",
		}, nil},
		// A European roaming record in GSMA TAP's field names (TD.57, as a
		// billing warehouse keeps them): localTimeStamp is the start,
		// totalCallEventDuration the duration, locationArea + cellId the
		// cell; teleServiceCode 22 is an SMS sent, 11 telephony, whose
		// direction no column gives: kept as written and flagged. The
		// numbers are international without '+' (keyed as such under DE);
		// the utcTimeOffset column is not applied (the wall clock is kept
		// as written); RoamingType is not a direction.
		{"tap_roaming.csv", "voice", []string{"dates YMD", "no column for imei"}, []string{
			"2|491701234001|VOICE|4930901820|2024-05-02 10:15:00|120|4711-20301|262019876500001|",
			"3|491701234001|SMS_OUT|491709876543|2024-05-02 12:00:00|0|4711-20301|262019876500001|",
		}, []string{`2|field|call_type "VOICE" kept as written: no direction or kind of call is known for this code`}},
		// a date column and a time column of one name
		{"split_datetime.csv", "voice", []string{"no column for imei imsi"}, []string{
			"2|919900000011|VOICE_OUT|919900000012|2025-08-23 11:31:22|30|404-10-7301-12345||",
			"3|919900000011|VOICE_IN|919900000013|2025-08-24 06:05:00|12|404-10-7301-12346||",
		}, nil},
		// a dash between date and time
		{"dashed_datetime.csv", "ipdr", nil, []string{
			"2|919900000021|||||||142.250.1.1|443|2025-08-23 11:31:22|||100|200|300|||",
			"3|919900000021|||||||142.250.1.2|443|2025-08-23 11:40:00|||300|400|700|||",
		}, nil},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			st, res := checkOperatorLayout(t, c)
			if strings.HasPrefix(c.file, "bsnl_") {
				notes := strings1(t, st, "SELECT notes FROM sources")[0]
				want := `2 lines of report text, not records (not counted as rejected): footer line 10 "*** END OF REPORT ***"; footer line 11 "CDR COUNT : 3".`
				if c.file == "bsnl_cdr_footer.csv" {
					want = `3 lines of report text, not records (not counted as rejected): footer line 13 "*** END OF REPORT ***"; footer line 14 "Total Records : 3"; footer line 16 "Generated by LEA Portal on 21/06/2026 10:00:00".`
				}
				if !strings.Contains(notes, want) || res.ReportLines == 0 || res.Rejected != int64(len(c.rejects)) {
					t.Errorf("notes %q (report lines %d, rejected %d), want %q", notes, res.ReportLines, res.Rejected, want)
				}
			}
			if c.file == "etsi_retained.csv" {
				// 2024-05-02T10:15:00+02:00 is 08:15 UTC
				if n := count(t, st, "SELECT start FROM voice WHERE line = 2"); n != 1714637700 {
					t.Errorf("start %d, want 1714637700", n)
				}
			}
		})
	}
}

// A field no column fills is reported in the result and in the source's
// format record.
func TestOperatorUnfilledFieldsReported(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("verizon_cdr.csv"), ImportOptions{Country: "US"})
	if strings.Join(res.Unfilled, " ") != "imei imsi" {
		t.Errorf("unfilled %v, want [imei imsi]", res.Unfilled)
	}
	if n := count(t, st, "SELECT count(*) FROM sources WHERE format LIKE '%no column for imei imsi%'"); n != 1 {
		t.Errorf("format record does not say which fields no column fills")
	}
}

// --kind forces the kind of a file the columns would read otherwise.
func TestOperatorForcedKind(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("airtel_cdr.csv"), ImportOptions{Kind: evidence.KindData, Country: "IN"})
	if res.Error != "" || res.Kind != "ipdr" || res.Rows != 4 {
		t.Fatalf("%+v", res)
	}
	if n := count(t, st, "SELECT count(*) FROM ipdr WHERE private_ip = '10.92.26.67' AND private_port IS NULL"); n != 1 {
		t.Errorf("the VoWiFi UE address is not the data session's private address: %d", n)
	}
}

// A return that says "No Data Found" is a valid empty return: the source
// is recorded with 0 rows and no error.
func TestOperatorNoDataFound(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("no_data_found.csv"), ImportOptions{})
	if res.Error != "" || res.Empty == "" || res.Rows != 0 || res.SourceID == 0 || res.SHA256 == "" {
		t.Fatalf("%+v", res)
	}
	if n := count(t, st, "SELECT count(*) FROM sources WHERE kind = 'empty' AND rows_imported = 0 AND rows_rejected = 0"); n != 1 {
		t.Errorf("no empty source recorded")
	}
	// a No Data Found line under a header is the same
	path := filepath.Join(t.TempDir(), "header_then_nothing.csv")
	os.WriteFile(path, []byte("MSISDN,Other Party,Call Type,Call Date,Call Time,Duration\nNo Data Found\n"), 0o644)
	res = importOne(t, st, path, ImportOptions{})
	if res.Error != "" || res.Empty == "" || res.Rejected != 0 {
		t.Fatalf("%+v", res)
	}
	// and with a report footer, set apart in the notes, not rejected
	path = filepath.Join(t.TempDir(), "with_footer.csv")
	os.WriteFile(path, []byte("MSISDN,Other Party,Call Type,Call Date,Call Time,Duration\nNo Data Found\nTotal Records : 0\n"), 0o644)
	res = importOne(t, st, path, ImportOptions{})
	if res.Error != "" || res.Empty == "" || res.Rejected != 0 || res.ReportLines != 1 {
		t.Fatalf("%+v", res)
	}
}

// A file whose every data row is rejected is an error naming the
// commonest reasons, and the case keeps the attempt: its source with 0
// rows and its rejects.
func TestOperatorNothingImported(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mangled.csv")
	os.WriteFile(path, []byte("MSISDN,Destination IP,Destination Port,Start Time\n"+
		"9.1626E+11,142.250.1.1,443,2024-03-18 10:00:00\n"+
		"9.1626E+11,142.250.1.1,443,2024-03-18 10:01:00\n"+
		"9.1626E+11,142.250.1.1,443,2024-03-18 10:02:00\n"+
		"919812345678,142.250.1.1,443,yesterday\n"), 0o644)
	st := openTemp(t)
	res := importOne(t, st, path, ImportOptions{})
	if res.Rows != 0 || res.Rejected != 4 || res.SourceID == 0 || !strings.Contains(res.Error, "nothing imported") {
		t.Fatalf("%+v", res)
	}
	if len(res.Reasons) != 2 || res.Reasons[0].Count != 3 || !strings.Contains(res.Reasons[0].Reason, "precision lost") ||
		res.Reasons[1].Count != 1 || !strings.Contains(res.Reasons[1].Reason, "start time") {
		t.Errorf("reasons %+v", res.Reasons)
	}
	if n := count(t, st, "SELECT count(*) FROM sources WHERE rows_imported = 0 AND rows_rejected = 4"); n != 1 {
		t.Errorf("the attempt is not recorded")
	}
	if n := count(t, st, "SELECT count(*) FROM rejects"); n != 4 {
		t.Errorf("%d rejects recorded, want 4", n)
	}
	// a header and no rows at all imports nothing either
	empty := filepath.Join(t.TempDir(), "header_only.csv")
	os.WriteFile(empty, []byte("MSISDN,Destination IP,Destination Port,Start Time\n"), 0o644)
	if res := importOne(t, st, empty, ImportOptions{}); !strings.Contains(res.Error, "no data rows") {
		t.Errorf("%+v", res)
	}
}

// --map by column number when two columns share a name: the source's
// mapping names the column so that it cannot be read back as the first.
func TestOperatorMapByNumberOfRepeatedName(t *testing.T) {
	path := filepath.Join(t.TempDir(), "map9.csv")
	os.WriteFile(path, []byte("MSISDN,Start Time,Destination IP,Destination Port,Uplink,Downlink,Cell ID,Remarks,Start Time\n"+
		"919900000031,09:00:00,142.250.1.1,443,1,2,C1,x,2025-01-02 10:00:00\n"), 0o644)
	st := openTemp(t)
	res := importOne(t, st, path, ImportOptions{Map: map[evidence.Field]string{evidence.FStart: "9"}})
	if res.Error != "" || res.Rows != 1 {
		t.Fatalf("%+v", res)
	}
	var mapping, start string
	st.DB().QueryRow("SELECT mapping FROM sources").Scan(&mapping)
	st.DB().QueryRow("SELECT start_wall FROM ipdr_readable").Scan(&start)
	if !strings.Contains(mapping, "start=Start Time (column 9)") || start != "2025-01-02 10:00:00" {
		t.Errorf("mapping %q start %q", mapping, start)
	}
}

// A start column whose header names UTC ("(UTC) Time", T-Mobile's) is read
// in UTC whatever --tz says, and the format says so.
func TestOperatorHeaderNamesUTC(t *testing.T) {
	st := openTemp(t)
	kolkata, err := evidence.ParseZone("Asia/Kolkata")
	if err != nil {
		t.Fatal(err)
	}
	res := importOne(t, st, operatorFile("tmobile_cdr.csv"), ImportOptions{Zone: kolkata, Country: "US"})
	if res.Error != "" || res.Zone != "UTC" || !strings.Contains(res.Format, "times in UTC as the header says") {
		t.Fatalf("%+v", res)
	}
	want := time.Date(2025, 3, 14, 18, 2, 11, 0, time.UTC).Unix()
	if got := count(t, st, "SELECT start FROM voice WHERE line = 2"); got != want {
		t.Errorf("start %d, want %d", got, want)
	}
}

// layoutCountry is the numbering plan of a layout's numbers: the US
// carriers' returns are American, the rest Indian (a case says its plan).
func layoutCountry(file string) string {
	if strings.HasPrefix(file, "uk_") {
		return "GB"
	}
	if strings.HasPrefix(file, "tap_") || strings.HasPrefix(file, "ericsson_") || strings.HasPrefix(file, "ims_") || strings.HasPrefix(file, "orange_zte_") {
		return "DE"
	}
	for _, us := range []string{"verizon", "tmobile", "att_", "us_", "sprint", "zte_msc_"} {
		if strings.HasPrefix(file, us) {
			return "US"
		}
	}
	return "IN"
}

// A research CDR whose parties are pseudonyms (hashed ids, not numbers):
// no column is a number, so nothing is taken for a party and the file is
// refused naming the columns seen, never imported under made-up numbers.
func TestOperatorLayoutRefusedWithReason(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("research_hashed_cdr.csv"), ImportOptions{Country: "IN"})
	if res.Rows != 0 || !strings.Contains(res.Error, "unknown layout") || !strings.Contains(res.Error, "caller_id") {
		t.Fatalf("%+v", res)
	}
	if n := count(t, st, "SELECT count(*) FROM subscribers"); n != 0 {
		t.Errorf("%d subscribers from a refused file", n)
	}
}
