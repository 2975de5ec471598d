package store

import (
	"context"
	"fmt"
	"github.com/cdrtui/cdrtui/internal/testkit"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A FreePBX-style tree written by hand in the layouts FreePBX 13-16 and
// Issabel generate: peers in sip_additional.conf (pulled in by sip.conf's
// #include), PJSIP split over pjsip.endpoint.conf and
// pjsip.registration.conf, an IAX2 trunk, an outbound route in
// extensions_additional.conf passing ${EXTEN:1} to the trunk macro, and
// cdr.conf's stock [csv] usegmtime=yes. The expected recipients and
// directions below are worked out by hand from those files.
const (
	fpbxSIP = "[general]\n#include sip_general_additional.conf\n#include sip_additional.conf\n#include sip_custom.conf\n#exec /usr/local/sbin/peers.sh\n"
	// sipus1: a provider trunk (host, from-trunk); 201, 202: phones.
	fpbxSIPAdditional = "[sipus1]\nusername=2482420700\ntype=peer\nhost=sip.carrier.example\ncontext=from-trunk\ninsecure=port,invite\n\n" +
		"[201]\ndeny=0.0.0.0/0.0.0.0\ncontext=from-internal\ntype=friend\nhost=dynamic\ncallerid=device <201>\n\n" +
		"[202]\ncontext=from-internal\ntype=friend\nhost=dynamic\ncallerid=device <202>\n"
	// pjtrunk is a trunk only because a registration names it (its context
	// says nothing); 301 is a phone.
	fpbxPJSIPEndpoint     = "[pjtrunk]\ntype=endpoint\ntransport=0.0.0.0-udp\ncontext=trunkin\naors=pjtrunk\noutbound_auth=pjtrunk\n\n[301]\ntype=endpoint\naors=301\nauth=301\ncontext=from-internal\n"
	fpbxPJSIPRegistration = "[pjtrunk]\ntype=registration\nserver_uri=sip:voip.example.net\nclient_uri=sip:5550001@voip.example.net\noutbound_auth=pjtrunk\n"
	fpbxIAX               = "[general]\nbindport=4569\n\n[iaxprov]\ntype=peer\nhost=iax.example.org\ncontext=from-trunk\n"
	fpbxExtensions        = "#include extensions_additional.conf\n#include extensions_custom.conf\n#tryinclude extensions_override_freepbx.conf\n[general]\nstatic=yes\n"
	fpbxExtAdditional     = "[outrt-1] ; Outbound\ninclude => outrt-1-custom\nexten => _9NXXNXXXXXX,1,Macro(user-callerid,LIMIT,EXTERNAL,)\n" +
		"exten => _9NXXNXXXXXX,n,Set(_NODEST=)\nexten => _9NXXNXXXXXX,n,Macro(dialout-trunk,1,${EXTEN:1},,off)\n" +
		"exten => _9NXXNXXXXXX,n,Set(CDR(userfield)=${EXTEN:3})\nexten => _91NXXNXXXXXX,1,Macro(dialout-trunk,1,${EXTEN:1},,off)\n\n[from-did-direct]\ninclude => ext-findmefollow\ninclude => ext-local\n"
	fpbxCDRConf = "[general]\nenable=yes\n\n[csv]\nusegmtime=yes    ; log date/time in GMT.  Default is \"no\"\nloguniqueid=yes\nloguserfield=yes\naccountlogs=yes\n"
)

// fpbxMaster holds the calls, times in UTC as usegmtime writes them, each
// uniqueid beginning with that same instant.
var fpbxMaster = strings.Join([]string{
	// 1: ext 201 dials 9 + 12482420798; the route _91NXXNXXXXXX (line 7) strips the 9, the trunk gets 12482420798.
	`"","201","912482420798","from-internal","""Alice"" <201>","SIP/201-00000001","SIP/sipus1-00000002","Dial","SIP/sipus1/12482420798,300,Tt","2024-05-06 14:00:00","2024-05-06 14:00:07","2024-05-06 14:03:07",187,180,"ANSWERED","DOCUMENTATION","1715004000.1",""`,
	// 2: ext 301 dials 915550002222: neither _9NXXNXXXXXX nor _91NXXNXXXXXX fits it (0 where N is needed), so both forms are kept.
	`"","301","915550002222","from-internal","""Carol"" <301>","PJSIP/301-00000003","PJSIP/pjtrunk-00000004","Dial","PJSIP/15550002222@pjtrunk,300","2024-05-06 14:10:00","2024-05-06 14:10:05","2024-05-06 14:11:05",65,60,"ANSWERED","DOCUMENTATION","1715004600.3",""`,
	// 3: a call in on the SIP trunk to the DID, ringing ext 202.
	`"","3125550147","2482420700","from-trunk","""CALLER"" <3125550147>","SIP/sipus1-00000005","SIP/202-00000006","Dial","SIP/202,,HhtrM(auto-blkvm)","2024-05-06 15:00:00","2024-05-06 15:00:04","2024-05-06 15:02:04",124,120,"ANSWERED","DOCUMENTATION","1715007600.5",""`,
	// 4: ext 201 calls ext 202 through from-did-direct: internal, not inbound.
	`"","201","202","from-did-direct","""Alice"" <201>","SIP/201-00000007","SIP/202-00000008","Dial","SIP/202,,HhtrM(auto-blkvm)","2024-05-06 15:30:00","2024-05-06 15:30:03","2024-05-06 15:31:03",63,60,"ANSWERED","DOCUMENTATION","1715009400.7",""`,
	// 5: an anonymous caller in on the IAX2 trunk, unanswered: kept with its caller as written.
	`"","Anonymous","2482420701","from-trunk","""Anonymous"" <Anonymous>","IAX2/iaxprov-1234","SIP/201-00000009","Dial","SIP/201,20","2024-05-06 16:00:00",,"2024-05-06 16:00:20",20,0,"NO ANSWER","DOCUMENTATION","1715011200.9",""`,
	// 6: a call in on the trunk for ext 201, whose follow-me sends it out the trunk to a mobile:
	// the recipient stays 201 (the number called), the mobile is kept as dialled.
	`"","3125550147","201","ext-local","""CALLER"" <3125550147>","SIP/sipus1-0000000a","SIP/sipus1-0000000b","Dial","SIP/sipus1/13125559876,60","2024-05-06 16:30:00","2024-05-06 16:30:09","2024-05-06 16:31:09",69,60,"ANSWERED","DOCUMENTATION","1715013000.10",""`,
	// 7: ext 202 dials 9 + 3125550000 and the trunk is congested: no dstchannel, the route's strip gives the number.
	`"","202","93125550000","from-internal","""Bob"" <202>","SIP/202-0000000c","","Congestion","","2024-05-06 17:00:00",,"2024-05-06 17:00:01",1,0,"FAILED","DOCUMENTATION","1715014800.12",""`,
	// 8: ext 202 calls ext 201, whose follow-me dials 9 + 3125559999 through a Local channel into
	// from-internal: the outside-line route _9NXXNXXXXXX fits, so the call goes out to 3125559999.
	`"","202","201","from-internal","""Bob"" <202>","SIP/202-0000000d","Local/93125559999@from-internal-00000001;1","Dial","Local/93125559999@from-internal/n,20","2024-05-06 17:30:00","2024-05-06 17:30:06","2024-05-06 17:31:06",66,60,"ANSWERED","DOCUMENTATION","1715016600.13",""`,
}, "\n") + "\n"

func writeFreePBXTree(t *testing.T, withCDRConf bool) string {
	root := t.TempDir()
	files := map[string]string{
		"etc/timezone":                            "America/Chicago\n",
		"etc/asterisk/sip.conf":                   fpbxSIP,
		"etc/asterisk/sip_additional.conf":        fpbxSIPAdditional,
		"etc/asterisk/pjsip.endpoint.conf":        fpbxPJSIPEndpoint,
		"etc/asterisk/pjsip.registration.conf":    fpbxPJSIPRegistration,
		"etc/asterisk/iax.conf":                   fpbxIAX,
		"etc/asterisk/extensions.conf":            fpbxExtensions,
		"etc/asterisk/extensions_additional.conf": fpbxExtAdditional,
		"var/log/asterisk/cdr-csv/Master.csv":     fpbxMaster,
	}
	if withCDRConf {
		files["etc/asterisk/cdr.conf"] = fpbxCDRConf
	}
	testkit.WriteTree(t, root, files)
	return root
}

type fpbxCall struct {
	recipient, from, dialled, trunk, direction, reasonHas, noteHas string
}

func TestImportFreePBXTree(t *testing.T) {
	root := writeFreePBXTree(t, true)
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{root}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var master FileResult
	for _, r := range res {
		if r.Error != "" {
			t.Errorf("%s: %s", r.Path, r.Error)
		}
		if filepath.Base(r.Path) == "Master.csv" {
			master = r
		}
	}
	if master.Rows != 8 || master.Zone != "UTC" {
		t.Fatalf("Master.csv: %+v (want 8 calls read in UTC: cdr.conf usegmtime=yes beats etc/timezone)", master)
	}
	want := map[int64]fpbxCall{
		1: {"12482420798", "trunk", "12482420798", "SIP/sipus1", "outbound", "sip_additional.conf line 1: [sipus1] context=from-trunk", "912482420798 less the prefix 9 that extensions_additional.conf line 7 strips"},
		2: {"15550002222", "trunk", "15550002222", "PJSIP/pjtrunk", "outbound", "[pjtrunk] has a registration", "dst 915550002222 kept beside it"},
		3: {"2482420700", "dst", "", "", "inbound", "arrived on SIP/sipus1, a trunk", ""},
		4: {"202", "dst", "", "", "internal", "between two extensions", ""},
		5: {"2482420701", "dst", "", "", "inbound", "iax.conf line 4: [iaxprov] context=from-trunk", ""},
		6: {"201", "dst", "13125559876", "SIP/sipus1", "inbound", "arrived on SIP/sipus1", "came in for 201 and was passed on through sip/sipus1 to 13125559876"},
		7: {"3125550000", "dst-stripped", "", "", "outbound", "outside-line pattern _9NXXNXXXXXX", "less the prefix 9"},
		8: {"3125559999", "trunk", "3125559999", "local/from-internal", "outbound", "93125559999 fits the outside-line pattern _9NXXNXXXXXX of extensions_additional.conf line 5", "dst 201 kept beside it"},
	}
	rows, err := st.DB().Query(`SELECT line, src, recipient, recipient_from, dialled, trunk, direction, direction_reason, recipient_note, start
		FROM ast_calls WHERE source_id = ? ORDER BY line`, master.SourceID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	starts := map[int64]int64{}
	for rows.Next() {
		var line, start int64
		var src string
		var got fpbxCall
		var reason, note string
		if err := rows.Scan(&line, &src, &got.recipient, &got.from, &got.dialled, &got.trunk, &got.direction, &reason, &note, &start); err != nil {
			t.Fatal(err)
		}
		starts[line] = start
		w := want[line]
		if got.recipient != w.recipient || got.from != w.from || got.dialled != w.dialled || !strings.EqualFold(got.trunk, w.trunk) || got.direction != w.direction {
			t.Errorf("line %d: got %+v, want %+v", line, got, w)
		}
		if !strings.Contains(reason, w.reasonHas) {
			t.Errorf("line %d: direction reason %q lacks %q", line, reason, w.reasonHas)
		}
		if !strings.Contains(note, w.noteHas) {
			t.Errorf("line %d: recipient note %q lacks %q", line, note, w.noteHas)
		}
		if line == 5 && src != "Anonymous" {
			t.Errorf("line 5: src %q, the anonymous caller must be kept as written", src)
		}
	}
	// UTC: the start is the uniqueid's epoch.
	if starts[1] != 1715004000 || starts[7] != 1715014800 {
		t.Errorf("starts %v: want the UTC instants 1715004000 and 1715014800", starts)
	}
	var verdict string
	st.DB().QueryRow("SELECT verdict FROM ast_checks WHERE source_id = ?", master.SourceID).Scan(&verdict)
	if verdict != "agrees" {
		t.Errorf("clock check %q, want agrees", verdict)
	}
	var sipNotes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE path LIKE '%/sip.conf'").Scan(&sipNotes)
	if !strings.Contains(sipNotes, "#exec /usr/local/sbin/peers.sh: shown, never run") {
		t.Errorf("sip.conf notes %q do not show the #exec", sipNotes)
	}
}

// Without cdr.conf the calls are read in the image's zone; their uniqueids
// say the clock was UTC, and the import says so.
func TestImportFreePBXClockDisagrees(t *testing.T) {
	root := writeFreePBXTree(t, false)
	st := openTemp(t)
	if _, err := st.Import(context.Background(), []string{root}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	var verdict, text, notes string
	st.DB().QueryRow(`SELECT k.verdict, k.text, s.notes FROM ast_checks k JOIN sources s ON s.id = k.source_id`).Scan(&verdict, &text, &notes)
	if verdict != "disagrees" || !strings.Contains(text, "written at UTC+00:00") || !strings.Contains(text, "America/Chicago (UTC-05:00)") {
		t.Errorf("clock check %q: %q", verdict, text)
	}
	if !strings.Contains(notes, "Clock check: "+text) {
		t.Errorf("source notes %q lack the check", notes)
	}
}

// Calls imported before the configuration are re-derived when it comes.
func TestConfigurationAfterCallsReclassifies(t *testing.T) {
	root := writeFreePBXTree(t, true)
	st := openTemp(t)
	ctx := context.Background()
	if _, err := st.Import(ctx, []string{filepath.Join(root, "var/log/asterisk/cdr-csv/Master.csv")}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	var dir, reason string
	st.DB().QueryRow("SELECT direction, direction_reason FROM ast_calls WHERE line = 2").Scan(&dir, &reason)
	if dir != "outbound" || !strings.Contains(reason, "by the form of the target") {
		t.Fatalf("line 2 before the configuration: %s (%s), want outbound by the Dial() form alone", dir, reason)
	}
	for _, f := range []string{"pjsip.endpoint.conf", "pjsip.registration.conf"} {
		if _, err := st.Import(ctx, []string{filepath.Join(root, "etc/asterisk", f)}, ImportOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	var recipient string
	st.DB().QueryRow("SELECT direction, direction_reason, recipient FROM ast_calls WHERE line = 2").Scan(&dir, &reason, &recipient)
	if dir != "outbound" || recipient != "15550002222" || !strings.Contains(reason, "pjsip.endpoint.conf line 1: [pjtrunk] has a registration") {
		t.Errorf("line 2 after the configuration: %s (%s) to %s, want outbound through the registered trunk to 15550002222", dir, reason, recipient)
	}
}

// A dial plan in a file of its own name, pulled in by extensions.conf's
// #include (through a folder), is read as dial plan; one outside the image
// (../) or not included is not.
func TestIncludedFileIsDialPlan(t *testing.T) {
	root := t.TempDir()
	testkit.WriteTree(t, root, map[string]string{
		"etc/asterisk/extensions.conf":        "#include \"dialplan.d/*.conf\"\n#include ../../outside.conf\n[general]\nstatic=yes\n",
		"etc/asterisk/dialplan.d/routes.conf": "[outbound]\nexten => _0.,1,Dial(SIP/provider/${EXTEN:1},60)\n",
		"etc/asterisk/notincluded.conf":       "[outbound2]\nexten => _8.,1,Dial(SIP/provider/${EXTEN:1},60)\n",
	})
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{root}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	for _, r := range res {
		kinds[filepath.Base(r.Path)] = r.Format
	}
	if !strings.Contains(kinds["routes.conf"], "(extensions.conf)") || strings.Contains(kinds["notincluded.conf"], "(extensions.conf)") {
		t.Errorf("formats %v", kinds)
	}
	var ctx string
	st.DB().QueryRow("SELECT context FROM ast_dialplan").Scan(&ctx)
	if ctx != "outbound" {
		t.Errorf("dial plan context %q, want outbound only", ctx)
	}
}

// The messages log names a call's channel: read in the image's zone it
// agrees with the CDR read in UTC (cdr.conf); when the CDR is read in the
// wrong zone (no cdr.conf) the log says the two disagree.
func TestLogClockAgainstCDR(t *testing.T) {
	// 2024-05-06 14:00:00 UTC is 09:00:00 in America/Chicago (CDT).
	log := "[2024-05-06 09:00:00] VERBOSE[4412][C-00000001] app_dial.c: -- Called SIP/sipus1/12482420798\n" +
		"[2024-05-06 09:00:01] VERBOSE[4412][C-00000001] app_dial.c: -- SIP/sipus1-00000002 is ringing (caller SIP/201-00000001)\n"
	for _, tt := range []struct {
		cdrConf bool
		verdict string
	}{{true, "agrees"}, {false, "disagrees"}} {
		root := writeFreePBXTree(t, tt.cdrConf)
		testkit.WriteTree(t, root, map[string]string{"var/log/asterisk/messages": log})
		st := openTemp(t)
		if _, err := st.Import(context.Background(), []string{root}, ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		var verdict, text string
		st.DB().QueryRow(`SELECT k.verdict, k.text FROM ast_checks k JOIN sources s ON s.id = k.source_id WHERE s.kind = ?`, KindAsteriskLog).Scan(&verdict, &text)
		if verdict != tt.verdict || !strings.Contains(text, "names the channels of 1 calls") {
			t.Errorf("cdr.conf %v: log check %q: %s", tt.cdrConf, verdict, text)
		}
	}
}

// A trunk made with pjsip_wizard.conf is a trunk; a call out through it is
// outbound with the wizard's file and line as its reason.
func TestPJSIPWizardTrunk(t *testing.T) {
	root := t.TempDir()
	testkit.WriteTree(t, root, map[string]string{
		"etc/asterisk/pjsip_wizard.conf":      "[mytrunk]\ntype = wizard\nsends_auth = yes\nsends_registrations = yes\nremote_hosts = sip.provider.example:5060\noutbound_auth/username = 5550001\n",
		"var/log/asterisk/cdr-csv/Master.csv": `"","301","0441234567","default","""R"" <301>","PJSIP/301-00000001","PJSIP/mytrunk-00000002","Dial","PJSIP/0441234567@mytrunk,60","2024-05-06 14:00:00","2024-05-06 14:00:05","2024-05-06 14:01:05",65,60,"ANSWERED","DOCUMENTATION","1715004000.1",""` + "\n",
	})
	st := openTemp(t)
	if _, err := st.Import(context.Background(), []string{root}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	var dir, reason string
	st.DB().QueryRow("SELECT direction, direction_reason FROM ast_calls").Scan(&dir, &reason)
	if dir != "outbound" || !strings.Contains(reason, "pjsip_wizard.conf line 1: [mytrunk] host=sip.provider.example") {
		t.Errorf("%s: %s", dir, reason)
	}
}

// Re-deriving goes page by page: every one of 121 calls (more than two
// pages of 50) changes when the configuration naming its trunk arrives.
func TestReclassifyPagesThroughEveryCall(t *testing.T) {
	old := reclassifyPage
	reclassifyPage = 50
	t.Cleanup(func() { reclassifyPage = old })
	dir := t.TempDir()
	var b strings.Builder
	const n = 121
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `"","201","0441234%03d","default","""A"" <201>","SIP/201-%08x","SIP/prov-%08x","Dial","SIP/prov/0441234%03d,60","2024-05-06 14:00:00","2024-05-06 14:00:05","2024-05-06 14:01:05",65,60,"ANSWERED","DOCUMENTATION","1715004000.%d",""`+"\n",
			i%1000, 2*i, 2*i+1, i%1000, i)
	}
	master := filepath.Join(dir, "Master.csv")
	os.WriteFile(master, []byte(b.String()), 0o444)
	sip := filepath.Join(dir, "sip.conf")
	os.WriteFile(sip, []byte("[prov]\ntype=peer\nhost=sip.example.net\n"), 0o444)
	st := openTemp(t)
	ctx := context.Background()
	if _, err := st.Import(ctx, []string{master}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Import(ctx, []string{sip}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	var configured int
	st.DB().QueryRow("SELECT count(*) FROM ast_calls WHERE direction = 'outbound' AND direction_reason LIKE '%[prov] host=sip.example.net%'").Scan(&configured)
	if configured != n {
		t.Errorf("%d of %d calls re-derived from sip.conf", configured, n)
	}
}
