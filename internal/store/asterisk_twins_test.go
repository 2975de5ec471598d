package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An Issabel image published with its logs (karthik0112/synk_bug) keeps
// the same 736 CDRs in cdr_csv's Master.csv and cdr_sqlite3_custom's
// master.db, the database with no answer or end column, the caller ID
// without cdr_csv's quoting, lastdata without its trailing space, and its
// times four hours behind (the two backends wrote different zones). Both
// were kept: 1,472 calls and twice the talk time, without a word. Made-up
// values in that layout: two calls, one of two legs sharing a uniqueid,
// are in both; a third call is only in the database.
func TestBackendTwinsKeptOnce(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "Master.csv")
	if err := os.WriteFile(csv, []byte(strings.Join([]string{
		`"","201","202","from-internal","""Ann"" <201>","SIP/201-00000001","SIP/202-00000002","Dial","SIP/202,,tr ","2023-03-01 10:00:00","2023-03-01 10:00:05","2023-03-01 10:01:05",65,60,"ANSWERED","DOCUMENTATION","1677664800.1",""`,
		`"","201","202","from-internal","""Ann"" <201>","SIP/201-00000001","SIP/203-00000003","Dial","SIP/202,,tr ","2023-03-01 10:00:00",,"2023-03-01 10:01:05",65,0,"NO ANSWER","DOCUMENTATION","1677664800.1",""`,
	}, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "master.db")
	writeMasterDB(t, db,
		`CREATE TABLE cdr (AcctId INTEGER PRIMARY KEY, calldate, clid, dcontext, channel, dstchannel, lastapp, lastdata, duration, billsec, disposition, amaflags, accountcode, uniqueid, userfield, test, src, dst)`,
		`INSERT INTO cdr VALUES (1, '2023-03-01 06:00:00', '"Ann" <201>', 'from-internal', 'SIP/201-00000001', 'SIP/202-00000002', 'Dial', 'SIP/202,,tr', '65', '60', 'ANSWERED', 'DOCUMENTATION', '', '1677664800.1', '', '', '201', '202')`,
		`INSERT INTO cdr VALUES (2, '2023-03-01 06:00:00', '"Ann" <201>', 'from-internal', 'SIP/201-00000001', 'SIP/203-00000003', 'Dial', 'SIP/202,,tr', '65', '0', 'NO ANSWER', 'DOCUMENTATION', '', '1677664800.1', '', '', '201', '202')`,
		`INSERT INTO cdr VALUES (3, '2023-03-01 07:00:00', '"Bo" <204>', 'from-internal', 'SIP/204-00000004', 'SIP/205-00000005', 'Dial', 'SIP/205,,tr', '40', '31', 'ANSWERED', 'DOCUMENTATION', '', '1677668400.4', '', '', '204', '205')`,
	)
	st := openTemp(t)
	res, err := st.Import(t.Context(), []string{csv, db}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || res[0].Rows != 2 || res[1].Rows != 1 || res[1].Duplicates != 2 {
		t.Fatalf("results %+v; want Master.csv 2 rows, master.db 1 row and 2 copies", res)
	}
	var calls, bill, copies int64
	if err := st.DB().QueryRow("SELECT count(*), sum(billsec), (SELECT count(*) FROM ast_call_copies) FROM ast_calls").Scan(&calls, &bill, &copies); err != nil {
		t.Fatal(err)
	}
	// 60 + 0 in both, kept once; 31 only in the database
	if calls != 3 || bill != 91 || copies != 2 {
		t.Errorf("%d calls, %d s talk time, %d copies; want 3, 91 (60+0+31), 2", calls, bill, copies)
	}
	var kept int64
	if err := st.DB().QueryRow(`SELECT count(*) FROM ast_call_copies k JOIN ast_calls c ON c.id = k.call_id
		WHERE k.source_id = ? AND c.source_id = ?`, res[1].SourceID, res[0].SourceID).Scan(&kept); err != nil || kept != 2 {
		t.Errorf("copies of master.db pointing at Master.csv's calls: %d (%v); want 2", kept, err)
	}
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", res[1].SourceID).Scan(&notes)
	if !strings.Contains(notes, "2 calls are the same CDR as a call of "+csv) ||
		!strings.Contains(notes, "(2023-03-01 06:00:00 here, 2023-03-01 10:00:00 there)") {
		t.Errorf("notes do not say so: %s", notes)
	}
}

// Two calls that differ in a field every backend writes (here the talk
// time) are two calls, whatever their uniqueid.
func TestBackendTwinsNeedEveryField(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "Master.csv")
	if err := os.WriteFile(csv, []byte(`"","201","202","from-internal","""Ann"" <201>","SIP/201-00000001","SIP/202-00000002","Dial","SIP/202","2023-03-01 10:00:00","2023-03-01 10:00:05","2023-03-01 10:01:05",65,60,"ANSWERED","DOCUMENTATION","1677664800.1",""`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "master.db")
	writeMasterDB(t, db,
		`CREATE TABLE cdr (AcctId INTEGER PRIMARY KEY, calldate, clid, dcontext, channel, dstchannel, lastapp, lastdata, duration, billsec, disposition, amaflags, accountcode, uniqueid, userfield, test, src, dst)`,
		`INSERT INTO cdr VALUES (1, '2023-03-01 10:00:00', '"Ann" <201>', 'from-internal', 'SIP/201-00000001', 'SIP/202-00000002', 'Dial', 'SIP/202', '65', '59', 'ANSWERED', 'DOCUMENTATION', '', '1677664800.1', '', '', '201', '202')`,
	)
	st := openTemp(t)
	res, err := st.Import(t.Context(), []string{csv, db}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || res[0].Rows != 1 || res[1].Rows != 1 || res[1].Duplicates != 0 {
		t.Fatalf("results %+v; want one call in each", res)
	}
}
