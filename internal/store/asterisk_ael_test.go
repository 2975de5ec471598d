package store

import (
	"context"
	"github.com/cdrtui/cdrtui/internal/testkit"
	"path/filepath"
	"strings"
	"testing"
)

// A PBX whose dial plan is in AEL, in the constructs of Asterisk's own AEL
// test dial plans (asterisk/asterisk pbx/ael/ael-test/ael-test1/
// extensions.ael: a macro with switch/case, break, return and a label
// after the switch; includes{} with a time window; "regexten hint(...)
// N =>"; "random(n) App();"; for loops and "y=${y}-1;" assignments whose
// ${...} braces are not blocks; a bare "Hangup;"; "&macro(args);" calls),
// written with values of our own. Beside it a queue_log with the events
// app_queue writes since Asterisk 16 and Wazo's FULL, and a cel_custom
// Master.csv in the stock cel_custom.conf column order.
const (
	aelSIP = "[general]\ncontext=default\n\n[sipfr]\ntype=peer\nhost=sip.operateur.example\ncontext=from-trunk\n\n" +
		"[201]\ntype=friend\nhost=dynamic\ncontext=internal\n\n[202]\ntype=friend\nhost=dynamic\ncontext=internal\n"
	aelDialPlan = "// dial plan in AEL\n" + // 1
		"globals {\n" + // 2
		"\tTRUNK=SIP/sipfr;\n" + // 3
		"};\n" + // 4
		"\n" + // 5
		"macro dialout(num) {\n" + // 6
		"\tDial(SIP/sipfr/${num},60,tT);\n" + // 7
		"\tswitch (${DIALSTATUS}) {\n" + // 8
		"\tcase CHANUNAVAIL:\n" + // 9
		"\t\tgoto backup;\n" + // 10
		"\t\tbreak;\n" + // 11
		"\tdefault:\n" + // 12
		"\t\treturn;\n" + // 13
		"\t}\n" + // 14
		"backup:\n" + // 15
		"\tDial(IAX2/iaxfr/${num},60);\n" + // 16
		"};\n" + // 17
		"\n" + // 18
		"context internal {\n" + // 19
		"\tincludes {\n" + // 20
		"\t\toutbound|08:00-18:00|mon-fri|*|*;\n" + // 21
		"\t};\n" + // 22
		"\tregexten hint(SIP/201) 201 => Dial(SIP/201,20);\n" + // 23
		"\t202 => {\n" + // 24
		"\t\trandom(50) NoOp(coin);\n" + // 25
		"\t\tDial(SIP/202,20);\n" + // 26
		"\t\tHangup;\n" + // 27
		"\t};\n" + // 28
		"}\n" + // 29
		"\n" + // 30
		"context outbound {\n" + // 31
		"\t_9X. => {\n" + // 32
		"\t\ttries=0;\n" + // 33
		"\t\tfor (x=0; ${x} < 2; x=${x} + 1) {\n" + // 34
		"\t\t\ttries=${tries}+1;\n" + // 35
		"\t\t};\n" + // 36
		"\t\t&dialout(${EXTEN:1}); /* the outside-line 9 dropped */\n" + // 37
		"\t\tHangup;\n" + // 38
		"\t};\n" + // 39
		"\t112 => Dial(SIP/sipfr/112);\n" + // 40
		"};\n" // 41
	aelQueueLog = "1709283000|NONE|NONE|NONE|QUEUESTART|\n" +
		"1709283600|1709283600.5|support|NONE|ENTERQUEUE||0612000001|1\n" +
		"1709283601|NONE|support|SIP/202|PENALTY|2\n" +
		"1709283602|1709283602.7|support|NONE|ENTERQUEUE||0612000002|2\n" +
		"1709283612|1709283600.5|support|SIP/201|CONNECT|12|1709283608.6|4\n" +
		"1709283625|1709283602.7|support|NONE|WITHDRAW|1|2|23|rappel\n" +
		"1709283630|1709283630.9|support|NONE|ENTERQUEUE||0612000003|1\n" +
		"1709283677|1709283630.9|support|NONE|EXITWITHKEY|5|1|1|47\n" +
		"1709283700|1709283600.5|support|SIP/201|COMPLETECALLER|12|88|1\n" +
		"1709283701|1709283701.2|ventes|NONE|FULL|\n"
	aelCEL = `"CHAN_START","1709283600.000123","Alice","201","201","","","90612345678","outbound","SIP/201-00000001","","","3","","1709283600.1","1709283600.1","","","",""` + "\n" +
		`"APP_START","1709283600.010000","Alice","201","201","","90612345678","90612345678","outbound","SIP/201-00000001","Dial","SIP/sipfr/0612345678,60,tT","3","","1709283600.1","1709283600.1","","","",""` + "\n" +
		`"ANSWER","1709283605.500000","","0612345678","","","","","outbound","SIP/sipfr-00000002","AppDial","(Outgoing Line)","3","","1709283600.2","1709283600.1","","","",""` + "\n" +
		`"HANGUP","1709283665.000001","Alice","201","201","","90612345678","","outbound","SIP/201-00000001","","","3","","1709283600.1","1709283600.1","","","","{""hangupcause"":16}"` + "\n"
)

// aelMaster: cdr_csv with uniqueid and userfield, local times of
// Europe/Paris (UTC+1 in March), each uniqueid the same instant.
var aelMaster = strings.Join([]string{
	// 1: 201 dials 9 + 0612345678; the AEL's _9X. passes ${EXTEN:1} to the macro, the trunk gets 0612345678.
	`"","201","90612345678","outbound","""Alice"" <201>","SIP/201-00000001","SIP/sipfr-00000002","Dial","SIP/sipfr/0612345678,60,tT","2024-03-01 10:00:00","2024-03-01 10:00:05","2024-03-01 10:01:05",65,60,"ANSWERED","DOCUMENTATION","1709283600.1",""`,
	// 2: 202 dials 9 + 0698765432, the trunk is congested: no dstchannel; only the AEL's strip gives the number.
	`"","202","90698765432","outbound","""Bob"" <202>","SIP/202-00000003","","Congestion","","2024-03-01 10:10:00",,"2024-03-01 10:10:01",1,0,"FAILED","DOCUMENTATION","1709284200.3",""`,
	// 3: 201 calls 202.
	`"","201","202","internal","""Alice"" <201>","SIP/201-00000004","SIP/202-00000005","Dial","SIP/202,20","2024-03-01 10:20:00","2024-03-01 10:20:03","2024-03-01 10:21:03",63,60,"ANSWERED","DOCUMENTATION","1709284800.4",""`,
}, "\n") + "\n"

func writeAELTree(t *testing.T) string {
	root := t.TempDir()
	testkit.WriteTree(t, root, map[string]string{
		"etc/timezone":                           "Europe/Paris\n",
		"etc/asterisk/sip.conf":                  aelSIP,
		"etc/asterisk/extensions.ael":            aelDialPlan,
		"var/log/asterisk/cdr-csv/Master.csv":    aelMaster,
		"var/log/asterisk/queue_log":             aelQueueLog,
		"var/log/asterisk/cel-custom/Master.csv": aelCEL,
	})
	return root
}

func TestImportAELTree(t *testing.T) {
	root := writeAELTree(t)
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{root}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	byRel := map[string]FileResult{}
	for _, r := range res {
		rel, _ := filepath.Rel(root, r.Path)
		byRel[filepath.ToSlash(rel)] = r
		if r.Error != "" {
			t.Errorf("%s: %s", rel, r.Error)
		}
	}
	// The AEL dial plan is read: 12 steps (globals{}, includes{}, break,
	// return and the for loop's head add none), no statement refused.
	ael := byRel["etc/asterisk/extensions.ael"]
	if ael.Kind != KindAsteriskConf || ael.Rows != 12 || ael.Rejected != 0 {
		t.Errorf("extensions.ael: %+v", ael)
	}
	type step struct{ ctx, exten, prio, app, data string }
	var steps []step
	lines := map[step]int{}
	var incFrom, incTo string
	var incLine int
	st.DB().QueryRow("SELECT context, appdata, line FROM ast_dialplan WHERE priority = 'include'").Scan(&incFrom, &incTo, &incLine)
	if incFrom != "internal" || incTo != "outbound,08:00-18:00,mon-fri,*,*" || incLine != 21 {
		t.Errorf("include: %s -> %s line %d, want internal -> outbound line 21 with its time window kept", incFrom, incTo, incLine)
	}
	rows, err := st.DB().Query("SELECT context, exten, priority, app, appdata, line FROM ast_dialplan WHERE priority <> 'include' ORDER BY line")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s step
		var line int
		rows.Scan(&s.ctx, &s.exten, &s.prio, &s.app, &s.data, &line)
		steps = append(steps, s)
		lines[s] = line
	}
	rows.Close()
	want := []step{
		{"dialout", "s", "1", "Dial", "SIP/sipfr/${num},60,tT"},
		{"dialout", "s", "2", "Goto", "backup"},
		{"dialout", "s", "3", "Dial", "IAX2/iaxfr/${num},60"},
		{"internal", "201", "1", "Dial", "SIP/201,20"},
		{"internal", "202", "1", "NoOp", "coin"},
		{"internal", "202", "2", "Dial", "SIP/202,20"},
		{"internal", "202", "3", "Hangup", ""},
		{"outbound", "_9X.", "1", "Set", "tries=0"},
		{"outbound", "_9X.", "2", "Set", "tries=${tries}+1"},
		{"outbound", "_9X.", "3", "Gosub", "dialout,s,1(${EXTEN:1})"},
		{"outbound", "_9X.", "4", "Hangup", ""},
		{"outbound", "112", "1", "Dial", "SIP/sipfr/112"},
	}
	if len(steps) != len(want) {
		t.Fatalf("steps %+v", steps)
	}
	for i := range want {
		if steps[i] != want[i] {
			t.Errorf("step %d: %+v, want %+v", i, steps[i], want[i])
		}
	}
	for s, line := range map[step]int{want[1]: 10, want[2]: 16, want[3]: 23, want[9]: 37, want[11]: 40} {
		if lines[s] != line {
			t.Errorf("%+v at line %d, want %d", s, lines[s], line)
		}
	}
	var numbers []string
	rows, _ = st.DB().Query("SELECT number FROM ast_dialplan_numbers ORDER BY line")
	for rows.Next() {
		var n string
		rows.Scan(&n)
		numbers = append(numbers, n)
	}
	rows.Close()
	if strings.Join(numbers, ",") != "201,202,112" {
		t.Errorf("dial-plan numbers %v, want 201,202,112", numbers)
	}

	// The calls, classified with the AEL's strip.
	master := byRel["var/log/asterisk/cdr-csv/Master.csv"]
	if master.Rows != 3 || master.Zone != "Europe/Paris" {
		t.Fatalf("Master.csv: %+v", master)
	}
	wantCalls := map[int64]fpbxCall{
		1: {"0612345678", "trunk", "0612345678", "SIP/sipfr", "outbound", "sip.conf line 4: [sipfr] context=from-trunk", "less the prefix 9 that extensions.ael line 37 strips"},
		2: {"0698765432", "dst-stripped", "", "", "outbound", "outside-line pattern _9X.", "less the prefix 9"},
		3: {"202", "dst", "", "", "internal", "between two extensions", ""},
	}
	rows, err = st.DB().Query(`SELECT line, recipient, recipient_from, dialled, trunk, direction, direction_reason, recipient_note, start
		FROM ast_calls WHERE source_id = ? ORDER BY line`, master.SourceID)
	if err != nil {
		t.Fatal(err)
	}
	starts := map[int64]int64{}
	for rows.Next() {
		var line, start int64
		var got fpbxCall
		var reason, note string
		rows.Scan(&line, &got.recipient, &got.from, &got.dialled, &got.trunk, &got.direction, &reason, &note, &start)
		starts[line] = start
		w := wantCalls[line]
		if got.recipient != w.recipient || got.from != w.from || got.dialled != w.dialled || !strings.EqualFold(got.trunk, w.trunk) || got.direction != w.direction {
			t.Errorf("line %d: got %+v, want %+v", line, got, w)
		}
		if !strings.Contains(reason, w.reasonHas) || !strings.Contains(note, w.noteHas) {
			t.Errorf("line %d: reason %q / note %q, want %q / %q", line, reason, note, w.reasonHas, w.noteHas)
		}
	}
	rows.Close()
	// 10:00 in Paris (UTC+1) is 09:00 UTC, the uniqueid's epoch.
	if starts[1] != 1709283600 || starts[2] != 1709284200 {
		t.Errorf("starts %v", starts)
	}

	// queue_log: every app_queue event read (PENALTY and WITHDRAW too),
	// EXITWITHKEY's wait its fourth field (47), FULL kept.
	ql := byRel["var/log/asterisk/queue_log"]
	if ql.Kind != KindAsteriskQueueLog || ql.Rows != 10 || ql.Rejected != 0 {
		t.Errorf("queue_log: %+v", ql)
	}
	qs, err := st.QueueReports(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 2 {
		t.Fatalf("queues %+v", qs)
	}
	s := qs[0]
	if s.Queue != "support" || s.Entered != 3 || s.Answered != 1 || s.Abandoned != 0 || s.TimedOut != 0 || s.AvgWait != 12 || s.MaxWait != 47 ||
		len(s.Agents) != 1 || s.Agents[0] != (AgentReport{Agent: "SIP/201", Answered: 1, TalkSec: 88}) {
		t.Errorf("support: %+v", s)
	}
	if v := qs[1]; v.Queue != "ventes" || v.Entered != 0 || v.MaxWait != 0 {
		t.Errorf("ventes (a FULL only): %+v", v)
	}
	var withdrawWait int64
	st.DB().QueryRow("SELECT wait FROM ast_queue WHERE event = 'WITHDRAW'").Scan(&withdrawWait)
	if withdrawWait != 23 {
		t.Errorf("WITHDRAW wait %d, want 23", withdrawWait)
	}

	// CEL: read as events by the stock 20-column mapping (the image has
	// no cel_custom.conf: assumed, and said so), never as calls.
	cel := byRel["var/log/asterisk/cel-custom/Master.csv"]
	if cel.Kind != KindAsteriskCEL || cel.Rows != 4 || !strings.Contains(cel.Format, "stock cel_custom.conf mapping of Asterisk 1.8 to 18 (20 columns), assumed") {
		t.Errorf("cel-custom Master.csv: %+v", cel)
	}
	var hangupExtra string
	st.DB().QueryRow("SELECT extra FROM ast_cel WHERE event = 'HANGUP'").Scan(&hangupExtra)
	if hangupExtra != `{"hangupcause":16}` {
		t.Errorf("HANGUP extra %q", hangupExtra)
	}
	var calls int
	st.DB().QueryRow("SELECT count(*) FROM ast_calls").Scan(&calls)
	if calls != 3 {
		t.Errorf("%d calls in the case, want the 3 of the CDR", calls)
	}
}

// A dial plan in Lua (pbx_lua's extensions.lua, laid out as jgivc/dqueue
// integration/1/asterisk/conf/extensions.lua writes one: extensions.ctx =
// { ["_[12]XXX"] = function(ctx, ext) app.dial(...) end; }) is a program:
// it is named and not read, never passed over in silence as it was.
func TestLuaDialPlanNamedNotRead(t *testing.T) {
	root := t.TempDir()
	testkit.WriteTree(t, root, map[string]string{
		"etc/asterisk/extensions.lua": "extensions = {}\nextensions.internal = {\n    [\"_[12]XXX\"] = function(ctx, ext)\n        app.dial(\"PJSIP/\" .. ext, 60)\n    end;\n}\n",
		"etc/asterisk/sip.conf":       aelSIP,
	})
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{root}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var lua *FileResult
	for i, r := range res {
		if filepath.Base(r.Path) == "extensions.lua" {
			lua = &res[i]
		}
	}
	if lua == nil || lua.SourceID != 0 || !strings.HasPrefix(lua.Skipped, "not read: a dial plan in Lua (pbx_lua)") {
		t.Errorf("extensions.lua: %+v", lua)
	}
}

// The preview of the same tree says what the import will: the AEL is a
// dial plan, the CEL file is "not read", never "not evidence".
func TestPreviewAELTree(t *testing.T) {
	root := writeAELTree(t)
	pv, err := PreviewImport(context.Background(), []string{root}, ImportOptions{}, 100)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]PreviewEntry{}
	for _, e := range pv.Entries {
		rel, _ := filepath.Rel(root, e.Path)
		got[filepath.ToSlash(rel)] = e
	}
	if e := got["etc/asterisk/extensions.ael"]; e.Kind != KindAsteriskConf || e.Problem != "" {
		t.Errorf("extensions.ael: %+v", e)
	}
	if e := got["var/log/asterisk/cel-custom/Master.csv"]; e.Kind != KindAsteriskCEL || e.Problem != "" {
		t.Errorf("cel-custom/Master.csv: %+v", e)
	}
}
