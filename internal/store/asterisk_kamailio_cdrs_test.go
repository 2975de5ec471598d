package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A Kamailio acc_cdrs export (testdata/operators/kamailio_acc_cdrs.csv;
// README.md there says where the schema was published) with the
// cdr_extra columns naming the parties: each row a call, read as Kamailio
// calls, never as data sessions. duration is REAL: its whole seconds
// (150.250 -> 150); billsec is NULL: acc_cdrs has no answer time and its
// start may be the INVITE's, so the talk time is not in the file. dst_ouser (the number as the caller wrote it) is the
// callee before dst_user (the request URI after routing), as for the acc
// table. The schema's default 2000-01-01 00:00:00 is a time never set: as
// an end it is no end (line 4), as a start it rejects the row (line 5).
func TestImportKamailioAccCDRs(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("kamailio_acc_cdrs.csv"), ImportOptions{})
	if res.Error != "" || res.Kind != KindKamailioAcc || !strings.HasPrefix(res.Format, "kamailio-acc-cdrs") || res.Rows != 3 || res.Rejected != 1 {
		t.Fatalf("%+v", res)
	}
	got := readRows(t, st, `SELECT line, src, dst, channel, dstchannel, datetime(start, 'unixepoch'), end_text, coalesce(datetime("end", 'unixepoch'), '-'),
		coalesce(duration, 'NULL'), coalesce(billsec, 'NULL'), uniqueid, recipient FROM ast_calls ORDER BY line`)
	want := []string{
		"2|1001|0441234567|10.0.0.5|gw.example|2024-05-06 14:00:00|2024-05-06 14:02:30.250|2024-05-06 14:02:30|150|NULL|c1@10.0.0.5|0441234567",
		"3|1002|0449876543|10.0.0.6|gw.example|2024-05-06 15:00:00|2024-05-06 15:00:42|2024-05-06 15:00:42|42|NULL|c2@10.0.0.5|0449876543",
		"4|1003|0445550000|10.0.0.7|gw.example|2024-05-06 16:00:00||-|NULL|NULL|c3@10.0.0.5|0445550000", // no end: its 0 is the default
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("calls\n got  %s\n want %s", strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
	if rej := readRows(t, st, rejectsQuery); strings.Join(rej, "\n") != "5|row|start_time (column 2) is 2000-01-01 00:00:00, the table's default: never set" {
		t.Errorf("rejects %q", rej)
	}
	var ipdr int64
	st.DB().QueryRow("SELECT count(*) FROM ipdr").Scan(&ipdr)
	if ipdr != 0 {
		t.Errorf("%d data sessions from a call-record table", ipdr)
	}
}

// The stock acc_cdrs table alone (id, start_time, end_time, duration), no
// cdr_extra: no party is in the file, so it is refused by name, saying
// what to export, never taken for data sessions.
func TestKamailioAccCDRsWithoutPartiesRefused(t *testing.T) {
	p := filepath.Join(t.TempDir(), "acc_cdrs.csv")
	os.WriteFile(p, []byte("id,start_time,end_time,duration\n1,2024-05-06 14:00:00,2024-05-06 14:02:30,150.000\n"), 0o444)
	st := openTemp(t)
	res := importOne(t, st, p, ImportOptions{})
	if e := res.Error; res.Rows != 0 || !strings.Contains(e, "Kamailio acc_cdrs export") || !strings.Contains(e, "cdr_extra") {
		t.Errorf("rows %d, error %q", res.Rows, e)
	}
}
