package store

import (
	"context"
	"github.com/cdrtui/cdrtui/internal/testkit"
	"path/filepath"
	"strings"
	"testing"
)

// cdr_custom.conf's advanced mappings, as configs/samples/
// cdr_custom.conf.sample of asterisk/asterisk lays them out (Asterisk
// 20.13, 21.8, 22.3 and later): a section per file with format,
// separator_character, quote_character, quote_escape_character,
// quoting_method and fields = with a literal ("PBX-1"), qualifiers
// (start(int64), uniqueid(noquote)) and a uservar; and the JSON format, one
// object a line, a literal written "name: value". Values of our own.
const advCustomConf = "[mappings]\n" +
	";Master.csv => ${CSV_QUOTE(${CDR(clid)})},${CSV_QUOTE(${CDR(src)})}\n" +
	"\n" +
	"[cdr_master.csv]             ; Output file\n" + // line 4
	"format = dsv\n" +
	"separator_character = |\n" +
	"quote_character = \"\n" +
	"quote_escape_character = \\\n" +
	"quoting_method = non_numeric\n" +
	"fields = clid,\"PBX-1\",src, dst, dcontext, channel, dstchannel, lastapp, lastdata, start(int64), answer(int64), end(int64), duration, billsec, disposition, amaflags, accountcode, uniqueid(noquote), userfield, sequence,ds_type(uservar)\n" +
	"\n" +
	"[cdr_master.json]\n" + // line 12
	"format = json\n" +
	"fields = clid,\"site: lyon\",src, dst, dcontext, channel, dstchannel, lastapp, lastdata, start, answer, end, duration, billsec, disposition, accountcode, uniqueid(noquote)\n"

func TestImportAdvancedCustomMappings(t *testing.T) {
	root := t.TempDir()
	testkit.WriteTree(t, root, map[string]string{
		"etc/timezone":                 "Europe/Paris\n",
		"etc/asterisk/cdr_custom.conf": advCustomConf,
		"var/log/asterisk/cdr-custom/cdr_master.csv": `"\"Alice\" <201>"|"PBX-1"|"201"|"0612345678"|"from-internal"|"PJSIP/201-00000001"|"PJSIP/trunk-00000002"|"Dial"|"PJSIP/0612345678@trunk,60"|1709283600|1709283605|1709283665|65|60|"ANSWERED"|"DOCUMENTATION"|""|1709283600.1|"a|b"|1|"vip"` + "\n" +
			`"\"Bob\" <202>"|"PBX-1"|"202"|"0698765432"|"from-internal"|"PJSIP/202-00000003"|""|"Dial"|"PJSIP/0698765432@trunk,60"|1709284800|0|1709284830|30|0|"NO ANSWER"|"DOCUMENTATION"|""|1709284800.3|""|2|""` + "\n",
		"var/log/asterisk/cdr-custom/cdr_master.json": `{"clid":"\"Carol\" <203>","site":"lyon","src":"203","dst":"201","dcontext":"from-internal","channel":"PJSIP/203-00000005","dstchannel":"PJSIP/201-00000006","lastapp":"Dial","lastdata":"PJSIP/201,20","start":"2024-03-01 10:10:00","answer":"2024-03-01 10:10:03","end":"2024-03-01 10:11:03","duration":63,"billsec":60,"disposition":"ANSWERED","accountcode":"","uniqueid":1709284200.5}` + "\n",
	})
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{root}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	byBase := map[string]FileResult{}
	for _, r := range res {
		byBase[filepath.Base(r.Path)] = r
		if r.Error != "" || r.Skipped != "" {
			t.Errorf("%s: %s%s", r.Path, r.Error, r.Skipped)
		}
	}
	dsv, js := byBase["cdr_master.csv"], byBase["cdr_master.json"]
	if dsv.Rows != 2 || dsv.Rejected != 0 || dsv.Zone != "UTC" || !strings.Contains(dsv.Format, "cdr_custom.conf mapping of cdr_master.csv (line 4, 21 columns)") {
		t.Errorf("cdr_master.csv: %+v", dsv)
	}
	if js.Rows != 1 || js.Rejected != 0 || js.Zone != "Europe/Paris" || !strings.Contains(js.Format, "mapping of cdr_master.json (line 12, 17 columns)") {
		t.Errorf("cdr_master.json: %+v", js)
	}
	type call struct {
		clid, src, dst, dstchannel, disposition, uniqueid, userfield string
		start, billsec                                               int64
	}
	want := []call{
		// start(int64): Unix seconds, UTC; 09:00 UTC.
		{`"Alice" <201>`, "201", "0612345678", "PJSIP/trunk-00000002", "ANSWERED", "1709283600.1", "a|b", 1709283600, 60},
		{`"Bob" <202>`, "202", "0698765432", "", "NO ANSWER", "1709284800.3", "", 1709284800, 0},
		// the JSON start is local: 10:10 in Paris (UTC+1) is 09:10 UTC.
		{`"Carol" <203>`, "203", "201", "PJSIP/201-00000006", "ANSWERED", "1709284200.5", "", 1709284200, 60},
	}
	rows, err := st.DB().Query(`SELECT clid, src, dst, dstchannel, disposition, uniqueid, userfield, start, billsec FROM ast_calls ORDER BY source_id, line`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []call
	for rows.Next() {
		var c call
		rows.Scan(&c.clid, &c.src, &c.dst, &c.dstchannel, &c.disposition, &c.uniqueid, &c.userfield, &c.start, &c.billsec)
		got = append(got, c)
	}
	if len(got) != len(want) {
		t.Fatalf("calls %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("call %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}

// disposition(int64) and amaflags(int64), which the sample documents
// ("if you just want the numbers and not the names"): read as the names
// Asterisk writes for them, by include/asterisk/cdr.h's
// AST_CDR_NOANSWER 0, AST_CDR_NULL 1, AST_CDR_FAILED 2, AST_CDR_BUSY 4,
// AST_CDR_ANSWERED 8, AST_CDR_CONGESTION 16 and include/asterisk/channel.h's
// AST_AMA_OMIT 1, AST_AMA_BILLING 2, AST_AMA_DOCUMENTATION 3 (main/cdr.c's
// ast_cdr_disp2str writes NULL as "NO ANSWER"); a number that is none of
// them (32) is a reject, not a guess. Values of our own.
func TestImportAdvancedCustomNumericCodes(t *testing.T) {
	root := t.TempDir()
	testkit.WriteTree(t, root, map[string]string{
		"etc/timezone":                 "UTC\n",
		"etc/asterisk/cdr_custom.conf": "[codes.csv]\nfields = src, dst, start(int64), duration, billsec, disposition(int64), amaflags(int64^noquote)\n",
		"var/log/asterisk/cdr-custom/codes.csv": `"201","0612345678",1709283600,65,60,8,3` + "\n" +
			`"202","0698765432",1709284800,30,0,1,2` + "\n" +
			`"203","0611111111",1709285000,5,0,4,1` + "\n" +
			`"204","0622222222",1709285100,3,0,16,3` + "\n" +
			`"205","0633333333",1709285200,1,0,32,3` + "\n",
	})
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{root}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var r FileResult
	for _, x := range res {
		if filepath.Base(x.Path) == "codes.csv" {
			r = x
		}
	}
	if r.Rows != 4 || r.Rejected != 1 {
		t.Fatalf("codes.csv: %+v", r)
	}
	rows, err := st.DB().Query(`SELECT src, disposition, amaflags FROM ast_calls ORDER BY line`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var src, disp, ama string
		rows.Scan(&src, &disp, &ama)
		got = append(got, src+" "+disp+" "+ama)
	}
	want := "201 ANSWERED DOCUMENTATION|202 NO ANSWER BILLING|203 BUSY OMIT|204 CONGESTION DOCUMENTATION"
	if strings.Join(got, "|") != want {
		t.Errorf("calls %q, want %q", got, want)
	}
	var line int64
	var reason string
	st.DB().QueryRow("SELECT line, reason FROM rejects").Scan(&line, &reason)
	if line != 5 || !strings.Contains(reason, `disposition(int64) "32"`) {
		t.Errorf("reject line %d %q", line, reason)
	}
}
