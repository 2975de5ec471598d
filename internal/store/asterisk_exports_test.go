package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The cdr table of FreePBX's asteriskcdrdb as a CDR viewer or mysql
// exports it: a header naming the columns (FreePBX 14's order, with its
// own did, recordingfile, cnum ... columns), values of our own.
const cdrTableExport = "calldate,clid,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,duration,billsec,disposition,amaflags,accountcode,uniqueid,userfield,did,recordingfile,cnum,cnam,outbound_cnum,outbound_cnam,dst_cnam,linkedid,peeraccount,sequence\n" +
	`2024-05-06 09:00:00,"""Alice"" <201>",201,912482420798,from-internal,SIP/201-00000001,SIP/sipus1-00000002,Dial,"SIP/sipus1/12482420798,300,Tt",187,180,ANSWERED,3,,1715004000.1,,,out-912482420798-201.wav,201,Alice,,,,1715004000.1,,1` + "\n" +
	`2024-05-06 10:00:00,"""Anonymous"" <Anonymous>",Anonymous,2482420700,from-trunk,SIP/sipus1-00000005,SIP/202-00000006,Dial,"SIP/202,,HhtrM",124,120,ANSWERED,3,,1715007600.5,,2482420700,,Anonymous,Anonymous,,,,1715007600.5,,2` + "\n" +
	`2024-05-06 11:00:00,"",,2482420700,from-trunk,SIP/sipus1-00000007,SIP/202-00000008,Dial,"SIP/202,,HhtrM",20,0,NO ANSWER,3,,1715011200.7,,2482420700,,,,,,,1715011200.7,,3` + "\n" +
	`0000-00-00 00:00:00,"",,200,from-internal,SIP/201-00000009,,Hangup,,0,0,FAILED,3,,1715011300.9,,,,,,,,,1715011300.9,,4` + "\n"

func TestImportCDRTableExport(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "cdr-export.csv")
	os.WriteFile(p, []byte(cdrTableExport), 0o444)
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{p}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r := res[0]
	if r.Kind != KindAsteriskCDR || !strings.HasPrefix(r.Format, "asterisk-cdr-table") || r.Rows != 3 || r.Rejected != 1 {
		t.Fatalf("%+v: want 3 calls on the Asterisk path and the zero-date row rejected", r)
	}
	type row struct{ src, recipient, from, direction string }
	want := map[int64]row{
		2: {"201", "12482420798", "trunk", "outbound"}, // the number dialled on the trunk, dst 912482420798 kept
		3: {"Anonymous", "2482420700", "dst", "inbound"},
		4: {"", "2482420700", "dst", "inbound"}, // an empty caller is kept empty, not rejected
	}
	rows, _ := st.DB().Query("SELECT line, src, recipient, recipient_from, direction FROM ast_calls ORDER BY line")
	defer rows.Close()
	n := 0
	for rows.Next() {
		var line int64
		var g row
		rows.Scan(&line, &g.src, &g.recipient, &g.from, &g.direction)
		if g != want[line] {
			t.Errorf("line %d: %+v, want %+v", line, g, want[line])
		}
		n++
	}
	if n != 3 {
		t.Errorf("%d calls", n)
	}
	var voice int64
	st.DB().QueryRow("SELECT count(*) FROM voice").Scan(&voice)
	if voice != 0 {
		t.Errorf("%d rows went to the operator voice table", voice)
	}
}

// A tab-separated export (mysql -B) with a subset of the columns in
// another order reads the same.
func TestImportCDRTableTabSubset(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "cdr.tsv")
	body := "uniqueid\tsrc\tdst\tcalldate\tbillsec\tduration\tdisposition\tlastapp\tlastdata\tdstchannel\n" +
		"1715004000.1\t201\t912482420798\t2024-05-06 09:00:00\t180\t187\tANSWERED\tDial\tDongle/dongle0/+12482420798\tDongle/dongle0-0100000001\n"
	os.WriteFile(p, []byte(body), 0o444)
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{p}, ImportOptions{})
	if err != nil || res[0].Rows != 1 {
		t.Fatalf("%v %+v", err, res)
	}
	var recipient, direction, dongle string
	st.DB().QueryRow("SELECT recipient, direction, dongle FROM ast_calls").Scan(&recipient, &direction, &dongle)
	if recipient != "+12482420798" || direction != "outbound" || dongle != "dongle0" {
		t.Errorf("%s %s %s", recipient, direction, dongle)
	}
}

// queue_log as app_queue writes it (epoch|callid|queue|agent|event|data),
// values of our own; answered, abandoned and waits worked out by hand.
const queueLog = "1715004000|NONE|NONE|NONE|QUEUESTART|\n" +
	"1715004100|1715004098.12|400|NONE|ENTERQUEUE||3125550147|1\n" +
	"1715004105|1715004098.12|400|SIP/201|RINGNOANSWER|5000\n" +
	"1715004112|1715004098.12|400|SIP/202|CONNECT|14|1715004105.14|7\n" +
	"1715004232|1715004098.12|400|SIP/202|COMPLETECALLER|14|120|1\n" +
	"1715004300|1715004299.20|400|NONE|ENTERQUEUE||3125550199|1\n" +
	"1715004345|1715004299.20|400|NONE|ABANDON|1|1|45\n" +
	"garbage that is no event\n"

// The JSON log (logger.conf [json] formatter), one object per line, and a
// line that is neither.
const jsonLog = `{"hostname":"pbx1","timestamp":"2024-05-06 09:00:01.123","identifiers":{"lwp":"4412","callid":"C-00000001"},"logmsg":{"location":{"filename":"pbx.c","function":"pbx_extension_helper","line":2917},"level":"VERBOSE","message":"Executing [912482420798@from-internal:1] Macro(\"SIP/201-00000001\", \"user-callerid,LIMIT\")"}}` + "\n" +
	`{"hostname":"pbx1","timestamp":"2024-05-06 09:00:02.000","identifiers":{"lwp":"4412","callid":""},"logmsg":{"location":{"filename":"chan_sip.c","function":"handle_response","line":24523},"level":"WARNING","message":"Remote host can't match request BYE"}}` + "\n" +
	"stray text without a stamp\n"

func TestImportQueueLogAndJSONLog(t *testing.T) {
	st, byName := importImageByName(t, map[string]string{
		"var/log/asterisk/queue_log": queueLog,
		"var/log/asterisk/full":      jsonLog,
	})
	q := byName["queue_log"]
	if q.Kind != KindAsteriskQueueLog || q.Rows != 7 || q.Rejected != 1 {
		t.Errorf("queue_log: %+v", q)
	}
	reps, err := st.QueueReports(context.Background())
	if err != nil || len(reps) != 1 {
		t.Fatalf("%v %+v", err, reps)
	}
	g := reps[0]
	if g.Queue != "400" || g.Entered != 2 || g.Answered != 1 || g.Abandoned != 1 || g.AvgWait != 14 || g.MaxWait != 45 ||
		len(g.Agents) != 1 || g.Agents[0].Agent != "SIP/202" || g.Agents[0].Answered != 1 || g.Agents[0].TalkSec != 120 {
		t.Errorf("queue 400: %+v", g)
	}
	l := byName["full"]
	if l.Kind != KindAsteriskLog || l.Rows != 3 || l.Unparsed != 1 {
		t.Errorf("full: %+v (want 2 JSON entries and the stray line kept, counted as not understood)", l)
	}
	var level, callID, file, text string
	var line int64
	st.DB().QueryRow("SELECT line, level, call_id, file, text FROM ast_log WHERE level <> '' ORDER BY line LIMIT 1").Scan(&line, &level, &callID, &file, &text)
	if line != 1 || level != "VERBOSE" || callID != "C-00000001" || file != "pbx.c:2917" || !strings.HasPrefix(text, "Executing [912482420798@from-internal:1]") {
		t.Errorf("first JSON entry: %d %s %s %s %q", line, level, callID, file, text)
	}
	var stray int64
	st.DB().QueryRow("SELECT line FROM ast_log WHERE level = '' AND text = 'stray text without a stamp'").Scan(&stray)
	if stray != 3 {
		t.Errorf("stray line kept at line %d, want 3", stray)
	}
}

// FreePBX's CDR report download: the cdr table's columns in its own order
// with no header, d/m/yyyy dates, a trailing comma (the layout of a real
// published export; values of our own). The date order is read from each
// row: a day above 12, or else the uniqueid's epoch.
const freepbxReport = `"4/9/2017 12:24:49","""User 2"" <107>","107","108","from-internal","SIP/107-00000045","SIP/108-00000046","Dial","SIP/108,60,rI","38","32","ANSWERED","3",,"1504524289.85",,,,"107","User 2",,,,"0",` + "\n" +
	`"13/9/2017 09:00:00","""User 2"" <107>","107","900351924109099","from-internal","SIP/107-00000047","SIP/trunk1-00000048","Dial","SIP/trunk1/00351924109099,300,Tt","70","61","ANSWERED","3",,"1505293200.87",,,,"107","User 2",,,,"0",` + "\n" +
	`"5/9/2017 10:00:00","""User 2"" <107>","107","110","from-internal","SIP/107-00000049",,"Congestion","20","0","0","FAILED","3",,"",,,,"107","User 2",,,,"0",` + "\n"

func TestImportHeaderlessFreePBXReport(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cdr.csv")
	os.WriteFile(p, []byte(freepbxReport), 0o444)
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{p}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r := res[0]
	if r.Kind != KindAsteriskCDR || r.Rows != 2 || r.Rejected != 1 {
		t.Fatalf("%+v: want 2 calls, and the row whose 5/9 neither a day above 12 nor a uniqueid settles rejected", r)
	}
	var reason string
	st.DB().QueryRow("SELECT reason FROM rejects").Scan(&reason)
	if !strings.Contains(reason, "day/month and as month/day") {
		t.Errorf("reject reason %q", reason)
	}
	type row struct {
		start                string
		recipient, direction string
	}
	want := []row{
		{"2017-09-04 12:24:49", "108", "internal"},
		{"2017-09-13 09:00:00", "00351924109099", "outbound"}, // the number dialled on trunk1, not the 9-prefixed dst
	}
	rows, _ := st.DB().Query("SELECT start_text, recipient, direction FROM ast_calls ORDER BY line")
	defer rows.Close()
	for i := 0; rows.Next(); i++ {
		var g row
		rows.Scan(&g.start, &g.recipient, &g.direction)
		if i >= len(want) || g != want[i] {
			t.Errorf("call %d: %+v", i, g)
		}
	}
}
