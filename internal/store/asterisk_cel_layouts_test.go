package store

import (
	"github.com/cdrtui/cdrtui/internal/testkit"
	"path/filepath"
	"strings"
	"testing"
)

// celStock20 is a cel_custom line in the stock 20-column mapping of
// Asterisk 1.8 to 18's cel_custom.conf.sample (eventtype, eventtime,
// CALLERID name num ANI RDNIS DNID, exten, context, channame, appname,
// appdata, amaflags, accountcode, uniqueid, linkedid, BRIDGEPEER,
// userfield, userdeftype, eventextra). Values of our own.
func celStock20(ev, tm, ch, uid string) string {
	return `"` + ev + `","` + tm + `","Alice","201","201","","","300","internal","` + ch + `","","","3","","` + uid + `","1709283600.1","","","",""` + "\n"
}

// No cel_custom.conf in the image: the stock mapping is assumed, said so,
// and only because the values fit it (20 columns, CEL types, Unix times);
// the 21-column later sample does not fit 20 values.
func TestImportCELStockAssumed(t *testing.T) {
	st, got := importImageByName(t, map[string]string{
		"etc/timezone": "UTC\n",
		"var/log/asterisk/cel-custom/Master.csv": celStock20("CHAN_START", "1709283600.000123", "SIP/201-00000001", "1709283600.1") +
			celStock20("HANGUP", "1709283660.5", "SIP/201-00000001", "1709283600.1"),
	})
	r := got["Master.csv"]
	if r.Kind != KindAsteriskCEL || r.Rows != 2 || !strings.Contains(r.Format, "Asterisk 1.8 to 18 (20 columns), assumed") {
		t.Fatalf("%+v", r)
	}
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE kind = ?", KindAsteriskCEL).Scan(&notes)
	if !strings.Contains(notes, "Stock mapping assumed: the image has no etc/asterisk/cel_custom.conf") {
		t.Errorf("notes %q", notes)
	}
	var usec int64
	st.DB().QueryRow("SELECT usec FROM ast_cel WHERE event = 'HANGUP'").Scan(&usec)
	if usec != 500000 { // ".5" is half a second
		t.Errorf("usec %d", usec)
	}
}

// A CEL file whose columns no mapping says and that fits neither stock
// mapping (its administrator dropped columns) is refused with the reason,
// never read by a guess.
func TestImportCELRefusedWhenColumnsUnknown(t *testing.T) {
	st, got := importImageByName(t, map[string]string{
		"etc/timezone": "UTC\n",
		"var/log/asterisk/cel-custom/Master.csv": `"CHAN_START","1709283600.000123","SIP/201-00000001","1709283600.1"` + "\n" +
			`"HANGUP","1709283660.000000","SIP/201-00000001","1709283600.1"` + "\n",
	})
	r := got["Master.csv"]
	if r.Rows != 0 || !strings.Contains(r.Skipped, "not read: Channel Event Logging (CEL, cel_custom)") ||
		!strings.Contains(r.Skipped, "the image has no etc/asterisk/cel_custom.conf; its columns cannot be told") ||
		!strings.Contains(r.Skipped, "4 columns; the mapping") {
		t.Fatalf("%+v", r)
	}
	var n int
	st.DB().QueryRow("SELECT count(*) FROM ast_cel").Scan(&n)
	if n != 0 {
		t.Errorf("%d events stored", n)
	}
}

// A cel table export with its header (cel_odbc's columns), eventtime as
// the PBX's wall clock: with cel.conf's dateformat = %d/%m/%Y %T in an
// image at Europe/Paris, 01/03/2024 10:00:05 is 09:00:05 UTC =
// 1709283605; and a psql dump of the same table with '|' between columns.
func TestImportCELTableExports(t *testing.T) {
	st, got := importImageByName(t, map[string]string{
		"etc/timezone":          "Europe/Paris\n",
		"etc/asterisk/cel.conf": "[general]\nenable=yes\ndateformat = %d/%m/%Y %T\n",
		"exports/cel.csv": "id,eventtype,eventtime,cid_name,cid_num,exten,context,channame,appname,appdata,uniqueid,linkedid,peer,extra\n" +
			"1,CHAN_START,01/03/2024 10:00:00,Alice,201,300,internal,SIP/201-00000001,,,1709283600.1,1709283600.1,,\n" +
			"2,ANSWER,01/03/2024 10:00:05,Alice,201,300,internal,SIP/201-00000001,Dial,\"SIP/300,30\",1709283600.1,1709283600.1,,\n",
		"exports/cel_psql.txt": " eventtype  |     eventtime              | channame          | uniqueid     | linkedid\n" +
			"------------+----------------------------+-------------------+--------------+--------------\n" +
			" CHAN_START | 2024-03-01 10:00:00.5+01   | SIP/201-00000001  | 1709283600.1 | 1709283600.1\n" +
			" HANGUP     | 2024-03-01 10:01:00+01     | SIP/201-00000001  | 1709283600.1 | 1709283600.1\n" +
			"(2 rows)\n",
	})
	r := got["cel.csv"]
	if r.Kind != KindAsteriskCEL || r.Rows != 2 || !strings.Contains(r.Format, "by the file's header") {
		t.Fatalf("cel.csv %+v", r)
	}
	var tm int64
	var appdata string
	st.DB().QueryRow("SELECT time, appdata FROM ast_cel WHERE event = 'ANSWER'").Scan(&tm, &appdata)
	if tm != 1709283605 || appdata != "SIP/300,30" {
		t.Errorf("ANSWER %d %q", tm, appdata)
	}
	p := got["cel_psql.txt"]
	if p.Kind != KindAsteriskCEL || p.Rows != 2 || p.Rejected != 0 {
		t.Fatalf("psql %+v", p)
	}
	var usec int64
	st.DB().QueryRow("SELECT time, usec FROM ast_cel WHERE event = 'CHAN_START' AND time_text LIKE '%+01'").Scan(&tm, &usec)
	if tm != 1709283600 || usec != 500000 {
		t.Errorf("psql CHAN_START %d.%06d", tm, usec)
	}
}

// master.db with cdr_sqlite3_custom's cdr table and cel_sqlite3_custom's
// cel table: the calls are read, and the cel table's events too, each
// with its rowid as its line.
func TestImportCELFromSQLite(t *testing.T) {
	root := t.TempDir()
	testkit.WriteTree(t, root, map[string]string{"etc/timezone": "UTC\n"})
	db := filepath.Join(root, "var/log/asterisk/master.db")
	writeMasterDB(t, db, `CREATE TABLE cdr (AcctId INTEGER PRIMARY KEY, clid TEXT, src TEXT, dst TEXT, dcontext TEXT, channel TEXT, dstchannel TEXT,
		lastapp TEXT, lastdata TEXT, start TEXT, answer TEXT, end TEXT, duration INTEGER, billsec INTEGER, disposition TEXT, amaflags TEXT,
		accountcode TEXT, uniqueid TEXT, userfield TEXT, test TEXT)`,
		`INSERT INTO cdr VALUES (1, '"Alice" <201>', '201', '300', 'internal', 'SIP/201-00000001', 'SIP/300-00000002', 'Dial', 'SIP/300',
			'2024-03-01 09:00:00', '2024-03-01 09:00:05', '2024-03-01 09:01:05', 65, 60, 'ANSWERED', 'DOCUMENTATION', '', '1709283600.1', '', '')`,
		`CREATE TABLE cel (id INTEGER PRIMARY KEY, eventtype TEXT, eventtime TEXT, cidname TEXT, cidnum TEXT, channame TEXT, uniqueid TEXT, linkedid TEXT, peer TEXT, eventextra TEXT)`,
		`INSERT INTO cel VALUES (1, 'CHAN_START', '1709283600.000001', 'Alice', '201', 'SIP/201-00000001', '1709283600.1', '1709283600.1', '', '')`,
		`INSERT INTO cel VALUES (2, 'BRIDGE_ENTER', '1709283605.000002', 'Alice', '201', 'SIP/201-00000001', '1709283600.1', '1709283600.1', 'SIP/300-00000002', '')`,
		`INSERT INTO cel VALUES (3, 'NOT_AN_EVENT', '1709283665', 'Alice', '201', 'SIP/201-00000001', '1709283600.1', '1709283600.1', '', '')`)
	st, r := importImageFile(t, root, "master.db")
	// one call and two events; the third row is a reject at rowid 3.
	if r.Kind != KindAsteriskCDR || r.Rows != 3 || r.Rejected != 1 {
		t.Fatalf("%+v", r)
	}
	var calls, events, line int64
	st.DB().QueryRow("SELECT (SELECT count(*) FROM ast_calls), (SELECT count(*) FROM ast_cel), (SELECT line FROM ast_cel WHERE event = 'BRIDGE_ENTER')").Scan(&calls, &events, &line)
	if calls != 1 || events != 2 || line != 2 {
		t.Errorf("calls %d events %d line %d", calls, events, line)
	}
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = (SELECT source_id FROM ast_cel LIMIT 1)").Scan(&notes)
	if !strings.Contains(notes, "table cel is Channel Event Logging (cel_sqlite3_custom)") || !strings.Contains(notes, "2 events of 1 calls") {
		t.Errorf("notes %q", notes)
	}
}

// cel_sqlite3_custom.conf names its own table and columns: [master]
// table => events, columns => kind, at, chan, uid, lid, values => the CEL
// variable of each. master.db holding only that table is Channel Event
// Logging, each column read as its value names.
func TestImportCELSQLiteByConf(t *testing.T) {
	root := t.TempDir()
	testkit.WriteTree(t, root, map[string]string{
		"etc/timezone": "UTC\n",
		"etc/asterisk/cel_sqlite3_custom.conf": "[master]\ntable => events\ncolumns => kind, at, chan, uid, lid\n" +
			"values => '${eventtype}','${eventtime}','${CHANNEL(channame)}','${CHANNEL(uniqueid)}','${CHANNEL(linkedid)}'\n",
	})
	writeMasterDB(t, filepath.Join(root, "var/log/asterisk/master.db"), `CREATE TABLE events (id INTEGER PRIMARY KEY, kind TEXT, at TEXT, chan TEXT, uid TEXT, lid TEXT)`,
		`INSERT INTO events VALUES (1, 'CHAN_START', '1709283600.000001', 'SIP/201-00000001', '1709283600.1', '1709283600.1')`,
		`INSERT INTO events VALUES (2, 'HANGUP', '1709283660.000002', 'SIP/201-00000001', '1709283600.1', '1709283600.1')`)
	st, r := importImageFile(t, root, "master.db")
	if r.Kind != KindAsteriskCEL || r.Rows != 2 || r.Rejected != 0 {
		t.Fatalf("%+v", r)
	}
	var usec int64
	var ch string
	st.DB().QueryRow("SELECT usec, channel FROM ast_cel WHERE event = 'HANGUP' AND line = 2").Scan(&usec, &ch)
	if usec != 2 || ch != "SIP/201-00000001" {
		t.Errorf("HANGUP usec %d channel %q", usec, ch)
	}
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", r.SourceID).Scan(&notes)
	if !strings.Contains(notes, "Its table events is Channel Event Logging (cel_sqlite3_custom), read by etc/asterisk/cel_sqlite3_custom.conf (values line 4)") {
		t.Errorf("notes %q", notes)
	}
}

// An advanced JSON mapping of cel_custom.conf ([cel_master.json] format =
// json): one object a line, each field under its name, read by that
// mapping; a line without a field is a reject with its line.
func TestImportCELJSONMapping(t *testing.T) {
	st, got := importImageByName(t, map[string]string{
		"etc/timezone": "UTC\n",
		"etc/asterisk/cel_custom.conf": "[cel_master.json]\nformat = json\n" +
			"fields = EventType,\"My: Literal\",EventTime,ChanName,UniqueID,LinkedID,Extra\n",
		"var/log/asterisk/cel-custom/cel_master.json": `{"EventType":"CHAN_START","My":"Literal","EventTime":"1709283600.000100","ChanName":"PJSIP/201-00000001","UniqueID":"1709283600.1","LinkedID":"1709283600.1","Extra":""}` + "\n" +
			`{"EventType":"HANGUP","My":"Literal","EventTime":"1709283660.000000","ChanName":"PJSIP/201-00000001","UniqueID":"1709283600.1","LinkedID":"1709283600.1","Extra":{"hangupcause":16}}` + "\n" +
			`{"EventType":"CHAN_END","EventTime":"1709283660.000100"}` + "\n",
	})
	r := got["cel_master.json"]
	if r.Kind != KindAsteriskCEL || r.Rows != 2 || r.Rejected != 1 || !strings.Contains(r.Format, "advanced mapping [cel_master.json]") {
		t.Fatalf("%+v", r)
	}
	var extra string
	st.DB().QueryRow("SELECT extra FROM ast_cel WHERE event = 'HANGUP'").Scan(&extra)
	if extra != `{"hangupcause":16}` {
		t.Errorf("extra %q", extra)
	}
	var line int64
	var reason string
	st.DB().QueryRow("SELECT line, reason FROM rejects").Scan(&line, &reason)
	if line != 3 || !strings.Contains(reason, `no key "ChanName"`) {
		t.Errorf("reject line %d %q", line, reason)
	}
}
