package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"github.com/cdrtui/cdrtui/internal/testkit"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// writeMasterDB writes an SQLite database as cdr_sqlite3_custom would:
// one table, rows inserted in order, then read-only like evidence.
func writeMasterDB(t *testing.T, path, schema string, rows ...string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range append([]string{schema}, rows...) {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	os.Chmod(path, 0o444)
}

// fileState is a file's SHA-256 and its folder's listing.
func fileState(t *testing.T, path string) (string, []string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	entries, _ := os.ReadDir(filepath.Dir(path))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return string(sum[:]), names
}

// The image's cdr_sqlite3_custom.conf names its own table and columns, and
// writes the start in UTC with STRFTIME: the columns are read through the
// values line (a column named dst that holds ${CDR(src)} is the caller),
// the times as UTC, the wall clock in the image's zone (Asia/Kolkata).
// The database is hashed as stored and left exactly as it was.
func TestImportMasterDBMapped(t *testing.T) {
	root := t.TempDir()
	testkit.WriteTree(t, root, map[string]string{
		"etc/timezone": "Asia/Kolkata\n",
		"etc/asterisk/cdr_sqlite3_custom.conf": "; site mapping\n[master]\ntable => calls\n" +
			"columns => started, who, dst, called, dcontext, channel, dstchannel, lastapp, lastdata, duration, billsec, disposition, uniqueid, note\n" +
			"values => '${STRFTIME(${CDR(start,u)},GMT,%Y-%m-%d %T)}','${CDR(clid)}','${CDR(src)}','${CDR(dst)}','${CDR(dcontext)}','${CDR(channel)}','${CDR(dstchannel)}'," +
			"'${CDR(lastapp)}','${CDR(lastdata)}','${CDR(duration)}','${CDR(billsec)}','${CDR(disposition)}','${CDR(uniqueid)}','${note}'\n" +
			"busy_timeout => 1000\n",
	})
	db := filepath.Join(root, "var/log/asterisk/master.db")
	writeMasterDB(t, db,
		`CREATE TABLE calls (started TEXT, who TEXT, dst TEXT, called TEXT, dcontext TEXT, channel TEXT, dstchannel TEXT, lastapp TEXT, lastdata TEXT, duration INTEGER, billsec INTEGER, disposition TEXT, uniqueid TEXT, note TEXT)`,
		// 2025-01-02 04:30:00 UTC = 10:00 IST; uniqueid epoch 1735792200
		`INSERT INTO calls VALUES ('2025-01-02 04:30:00', '"Ravi" <201>', '201', '919812345678', 'from-internal', 'SIP/201-00000001', 'Dongle/dongle0-0100000001', 'Dial', 'Dongle/dongle0/+919812345678,60', 75, 70, 'ANSWERED', '1735792200.1', 'x')`,
		`INSERT INTO calls VALUES ('2025-01-02 05:00:00', '"" <202>', '202', '203', 'from-internal', 'SIP/202-00000002', 'SIP/203-00000003', 'Dial', 'SIP/203,20', 12, 0, 'NO ANSWER', '1735794000.2', '')`,
		`INSERT INTO calls VALUES ('not a date', '', '204', '205', 'from-internal', 'SIP/204-00000004', '', 'Hangup', '', 0, 0, 'FAILED', '1735794100.4', '')`,
	)
	beforeSum, beforeDir := fileState(t, db)

	st, r := importImageFile(t, root, "master.db")
	if r.Kind != KindAsteriskCDR || !strings.HasPrefix(r.Format, "asterisk-cdr-sqlite3") || r.Rows != 2 || r.Rejected != 1 || r.Zone != "UTC" {
		t.Fatalf("master.db: %+v", r)
	}
	afterSum, afterDir := fileState(t, db)
	if afterSum != beforeSum || strings.Join(afterDir, ",") != strings.Join(beforeDir, ",") {
		t.Errorf("the evidence changed: listing %v -> %v", beforeDir, afterDir)
	}
	want := sha256.Sum256(mustRead(t, db))
	if r.SHA256 != hexOf(want[:]) {
		t.Errorf("sha256 %s, want the file's %x", r.SHA256, want)
	}
	type call struct {
		src, dst, recipient, direction string
		start, off                     int64
	}
	got := map[int64]call{}
	rows, _ := st.DB().Query("SELECT line, src, dst, recipient, direction, start, wall_offset FROM ast_calls ORDER BY line")
	for rows.Next() {
		var line int64
		var c call
		rows.Scan(&line, &c.src, &c.dst, &c.recipient, &c.direction, &c.start, &c.off)
		got[line] = c
	}
	rows.Close()
	wantCalls := map[int64]call{
		1: {"201", "919812345678", "+919812345678", "outbound", 1735792200, 19800},
		2: {"202", "203", "203", "internal", 1735794000, 19800},
	}
	for line, w := range wantCalls {
		if got[line] != w {
			t.Errorf("rowid %d: %+v, want %+v", line, got[line], w)
		}
	}
	var reject string
	st.DB().QueryRow("SELECT reason FROM rejects WHERE source_id = ? AND line = 3", r.SourceID).Scan(&reject)
	if !strings.Contains(reject, "not a date") {
		t.Errorf("rowid 3 reject %q", reject)
	}
	var verdict, notes string
	st.DB().QueryRow("SELECT verdict FROM ast_checks WHERE source_id = ?", r.SourceID).Scan(&verdict)
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", r.SourceID).Scan(&notes)
	if verdict != "agrees" {
		t.Errorf("clock check %q, want agrees (UTC read as UTC)", verdict)
	}
	for _, w := range []string{"table calls", "cdr_sqlite3_custom.conf line 5", "busy_timeout 1000", "read-only and immutable", "Asia/Kolkata"} {
		if !strings.Contains(notes, w) {
			t.Errorf("notes lack %q: %s", w, notes)
		}
	}
}

// Without cdr_sqlite3_custom.conf, the older cdr_sqlite3 schema (start,
// answer, end) and the stock sample's columns (no src, no dst) are read by
// their names, in the image's zone.
func TestImportMasterDBByNames(t *testing.T) {
	root := t.TempDir()
	testkit.WriteTree(t, root, map[string]string{"etc/timezone": "Europe/Berlin\n"})
	db := filepath.Join(root, "var/log/asterisk/master.db")
	writeMasterDB(t, db,
		`CREATE TABLE cdr (calldate, clid, dcontext, channel, dstchannel, lastapp, lastdata, duration, billsec, disposition, amaflags, accountcode, uniqueid, userfield, test)`,
		// 11:00 in Berlin (winter, UTC+1) = 10:00 UTC = 1735812000
		`INSERT INTO cdr VALUES ('2025-01-02 11:00:00', '"Anna" <301>', 'from-internal', 'SIP/301-00000001', 'SIP/trunk-00000002', 'Dial', 'SIP/trunk/4930123456,60', 65, 60, 'ANSWERED', 'DOCUMENTATION', '', '1735812000.7', '', '')`,
	)
	beforeSum, beforeDir := fileState(t, db)
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{db}, ImportOptions{})
	if err != nil || res[0].Rows != 1 {
		t.Fatalf("%v %+v", err, res)
	}
	if afterSum, afterDir := fileState(t, db); afterSum != beforeSum || len(afterDir) != len(beforeDir) {
		t.Errorf("the evidence changed: %v -> %v", beforeDir, afterDir)
	}
	var src, recipient string
	var start, off int64
	st.DB().QueryRow("SELECT src, recipient, start, wall_offset FROM ast_calls").Scan(&src, &recipient, &start, &off)
	if src != "301" || recipient != "4930123456" || start != 1735812000 || off != 3600 {
		t.Errorf("src %q recipient %q start %d offset %d", src, recipient, start, off)
	}
}

// A master.db with a cel table and no CDR table is read as Channel Event
// Logging; one whose cel table is empty imports nothing and says so (an
// error, so that the import exits non-zero), never "imported: 0 rows".
func TestImportMasterDBWithoutCDRTable(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "master.db")
	writeMasterDB(t, db, `CREATE TABLE cel (eventtype, eventtime, cid_num, exten, context, channame, uniqueid, linkedid)`)
	st := openTemp(t)
	res, _ := st.Import(context.Background(), []string{db}, ImportOptions{})
	if len(res) != 1 || res[0].Kind != "asterisk-cel" || res[0].Rows != 0 || !strings.Contains(res[0].Error, "nothing imported: no Channel Event Logging event") {
		t.Fatalf("%+v", res)
	}
}

func mustRead(t *testing.T, p string) []byte {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func hexOf(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15])
	}
	return string(out)
}

// importImageFile imports the image at root into a new case and returns
// the case and the result of its file named base.
func importImageFile(t *testing.T, root, base string) (*Store, FileResult) {
	t.Helper()
	st := openTemp(t)
	res, err := st.Import(t.Context(), []string{root}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var r FileResult
	for _, x := range res {
		if filepath.Base(x.Path) == base {
			r = x
		}
	}
	return st, r
}
