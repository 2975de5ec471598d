package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit"
)

// cdrtui asterisk lists a FreePBX dial plan's outbound routes: the
// pattern, the digits it takes off, the trunk (FreePBX's dialout-trunk
// number named from [globals]' OUT_N) and where it is written. Values
// chosen here; by hand: outrt-1's _9NXXNXXXXXX strips 1 through trunk 1
// (OUT_1 = SIP/trunkco), line 6 of extensions_additional.conf;
// outbound-direct's _0X. strips 1 through SIP/trunkco (a trunk: its host),
// line 9; the voicemail feature code (Macro(get-vmcontext,${EXTEN:3})) and
// the Local follow-me (Dial(Local/${EXTEN}@from-internal)) are no routes.
func TestAsteriskOutboundRoutes(t *testing.T) {
	root := t.TempDir()
	testkit.WriteTree(t, root, map[string]string{
		"etc/asterisk/sip.conf":            "[general]\n#include sip_additional.conf\n",
		"etc/asterisk/sip_additional.conf": "[trunkco]\nhost=sip.trunkco.example\nusername=4470001\nsecret=s3cr3t\ntype=peer\n",
		"etc/asterisk/extensions.conf":     "[from-internal]\ninclude => outrt-1\n#include extensions_additional.conf\n",
		"etc/asterisk/extensions_additional.conf": "[globals]\n" + // 1
			"OUT_1 = SIP/trunkco\n" + // 2
			"\n" + // 3
			"[outrt-1] ; Trunkco\n" + // 4
			"exten => _9NXXNXXXXXX,1,Macro(user-callerid,LIMIT,EXTERNAL,)\n" + // 5
			"exten => _9NXXNXXXXXX,n,Macro(dialout-trunk,1,${EXTEN:1},,off)\n" + // 6
			"\n" + // 7
			"[outbound-direct]\n" + // 8
			"exten => _0X.,1,Dial(SIP/trunkco/${EXTEN:1},60)\n" + // 9
			"[app-dialvm]\n" + // 10
			"exten => _*98.,1,Macro(get-vmcontext,${EXTEN:3})\n" + // 11
			"[followme]\n" + // 12
			"exten => _X.,1,Dial(Local/${EXTEN}@from-internal,20)\n", // 13
	})
	casePath := filepath.Join(t.TempDir(), "case.db")
	runOK(t, "import", casePath, root)
	var rep struct {
		Routes []struct {
			Context, Pattern, Trunk, Where string
			Strip                          int
		} `json:"outbound_routes"`
	}
	if err := json.Unmarshal([]byte(runOK(t, "asterisk", casePath, "--json")), &rep); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rep.Routes {
		got = append(got, fmt.Sprintf("%s %s %d %s %s", r.Context, r.Pattern, r.Strip, r.Trunk, filepath.Base(r.Where)))
	}
	want := []string{
		"outrt-1 _9NXXNXXXXXX 1 trunk 1 (OUT_1 = SIP/trunkco) extensions_additional.conf:6",
		"outbound-direct _0X. 1 SIP/trunkco extensions_additional.conf:9",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("routes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	out := runOK(t, "asterisk", casePath)
	if !strings.Contains(out, "OUTBOUND ROUTE") || !strings.Contains(out, "trunk 1 (OUT_1 = SIP/trunkco)") || strings.Contains(out, "s3cr3t") {
		t.Errorf("plain report:\n%s", out)
	}
}
