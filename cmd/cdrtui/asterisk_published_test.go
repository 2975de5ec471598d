package main

import (
	"encoding/json"
	"github.com/cdrtui/cdrtui/internal/testkit"
	"path/filepath"
	"strings"
	"testing"
)

// A seized PBX in layouts published elsewhere, imported whole and read back
// through asterisk --json as the pane shows it (values of our own): phones
// and trunk in users.conf (asterisk/asterisk configs/samples/
// users.conf.sample), the dial plan in extensions.ael (the constructs of
// asterisk/asterisk pbx/ael/ael-test), a queue_log with PENALTY, WITHDRAW
// and EXITWITHKEY (app_queue since Asterisk 16), and a cel_custom Master.csv
// (stock cel_custom.conf columns), which is named and not read.
func TestAsteriskPublishedLayouts(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"etc/timezone": "UTC\n",
		"etc/asterisk/users.conf": "[general]\nhassip = yes\ncontext = internal\n\n[6001]\nfullname = Lobby\n\n[6002]\nfullname = Desk\n\n" +
			"[trunk_1]\ntrunkname = Carrier\nhost = sip.gui-carrier.example\ncontext = DID_trunk_1\n",
		"etc/asterisk/extensions.ael": "context internal {\n\t_9X. => {\n\t\tDial(SIP/trunk_1/${EXTEN:1},60);\n\t\tHangup;\n\t};\n" +
			"\thint(SIP/6001) 6001 => Dial(SIP/6001,20);\n};\n",
		"var/log/asterisk/cdr-csv/Master.csv": `"","6001","95551234567","internal","""Lobby"" <6001>","SIP/6001-00000001","SIP/trunk_1-00000002","Dial","SIP/trunk_1/5551234567,60","2024-03-01 09:00:00","2024-03-01 09:00:06","2024-03-01 09:02:06",126,120,"ANSWERED","DOCUMENTATION","1709283600.1",""` + "\n" +
			`"","6002","95559876543","internal","""Desk"" <6002>","SIP/6002-00000003","","Congestion","","2024-03-01 09:10:00",,"2024-03-01 09:10:01",1,0,"FAILED","DOCUMENTATION","1709284200.3",""` + "\n",
		"var/log/asterisk/queue_log": "1709283600|1709283600.5|support|NONE|ENTERQUEUE||5550001|1\n" +
			"1709283601|NONE|support|SIP/6002|PENALTY|1\n" +
			"1709283602|1709283602.7|support|NONE|ENTERQUEUE||5550002|2\n" +
			"1709283612|1709283600.5|support|SIP/6001|CONNECT|12|1709283608.6|4\n" +
			"1709283625|1709283602.7|support|NONE|WITHDRAW|1|2|23|\n" +
			"1709283630|1709283630.9|support|NONE|ENTERQUEUE||5550003|1\n" +
			"1709283677|1709283630.9|support|NONE|EXITWITHKEY|5|1|1|47\n" +
			"1709283700|1709283600.5|support|SIP/6001|COMPLETEAGENT|12|88|1\n",
		"var/log/asterisk/cel-custom/Master.csv": `"CHAN_START","1709283600.000123","Lobby","6001","6001","","","95551234567","internal","SIP/6001-00000001","","","3","","1709283600.1","1709283600.1","","","",""` + "\n" +
			`"HANGUP","1709283726.000001","Lobby","6001","6001","","","","internal","SIP/6001-00000001","","","3","","1709283600.1","1709283600.1","","","",""` + "\n",
	}
	testkit.WriteTree(t, dir, files)
	casePath := filepath.Join(t.TempDir(), "case.db")
	out := runOK(t, "import", casePath, dir)
	for _, s := range []string{
		"imported " + filepath.Join(dir, "etc/asterisk/extensions.ael") + ": 3 rows, 0 rejected",
		"[Asterisk dial plan in AEL (extensions.ael, read by pbx_ael)",
		"imported " + filepath.Join(dir, "var/log/asterisk/queue_log") + ": 8 rows, 0 rejected",
		"imported " + filepath.Join(dir, "var/log/asterisk/cel-custom/Master.csv") + ": 2 rows, 0 rejected",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("import output lacks %q:\n%s", s, out)
		}
	}
	var r struct {
		Calls      int64            `json:"calls"`
		Directions map[string]int64 `json:"directions"`
		Top        []struct {
			Number string `json:"number"`
			Calls  int64  `json:"calls"`
		} `json:"top_recipients"`
		Peers []struct {
			Name, Conf, Host, Context, Source string
		} `json:"sip_peers"`
		Numbers []string `json:"dialplan_numbers"`
		Queues  []struct {
			Queue                        string
			Entered, Answered, Abandoned int64
			MaxWait                      int64 `json:"max_wait"`
			Agents                       []struct {
				Agent    string
				Answered int64
				TalkSec  int64 `json:"talk_seconds"`
			}
		} `json:"queues"`
	}
	if err := json.Unmarshal([]byte(runOK(t, "asterisk", casePath, "--json")), &r); err != nil {
		t.Fatal(err)
	}
	if r.Calls != 2 || r.Directions["outbound"] != 2 || len(r.Top) != 2 {
		t.Fatalf("calls %d, directions %v, top %+v", r.Calls, r.Directions, r.Top)
	}
	// The congested call has no channel to the trunk: only the AEL's
	// ${EXTEN:1} says the number was 5559876543.
	if r.Top[0].Number != "5551234567" || r.Top[1].Number != "5559876543" {
		t.Errorf("top recipients %+v", r.Top)
	}
	var peers []string
	for _, p := range r.Peers {
		peers = append(peers, p.Conf+"/"+p.Name+"@"+p.Host+" "+filepath.Base(p.Source))
	}
	if strings.Join(peers, ", ") != "sip/6001@dynamic users.conf:5, sip/6002@dynamic users.conf:8, sip/trunk_1@sip.gui-carrier.example users.conf:11" {
		t.Errorf("peers %v", peers)
	}
	if strings.Join(r.Numbers, ",") != "6001" {
		t.Errorf("dial-plan numbers %v", r.Numbers)
	}
	if len(r.Queues) != 1 {
		t.Fatalf("queues %+v", r.Queues)
	}
	q := r.Queues[0]
	if q.Queue != "support" || q.Entered != 3 || q.Answered != 1 || q.Abandoned != 0 || q.MaxWait != 47 ||
		len(q.Agents) != 1 || q.Agents[0].Agent != "SIP/6001" || q.Agents[0].TalkSec != 88 {
		t.Errorf("queue %+v", q)
	}
}
