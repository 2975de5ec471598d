package asterisk_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/testkit"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
)

// freePBXRoutesTree writes a small FreePBX-style image whose dial plan has
// two outbound routes. By hand: outrt-1's _9NXXNXXXXXX strips 1 through
// FreePBX's trunk 1 (OUT_1 = SIP/trunkco), written at line 6 of
// extensions_additional.conf; outbound-direct's _0X. strips 1 through
// SIP/trunkco, line 9; the voicemail feature code (line 11) is no route.
func freePBXRoutesTree(t *testing.T) string {
	t.Helper()
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
			"exten => _*98.,1,Macro(get-vmcontext,${EXTEN:3})\n", // 11
	})
	return root
}

// The routes view at 80x24, in the Ascii profile (what NO_COLOR gives):
// both routes with their pattern, strip and trunk and where they are
// written (the file's end of the path, the column cut on its left), the
// feature code absent; enter on the first opens
// extensions_additional.conf at its line 6 (under the routes' tab), esc
// comes back to the list.
func TestAsteriskPaneRoutes(t *testing.T) {
	st, _ := uitest.Case(t, freePBXRoutesTree(t))
	env := uitest.Env(t, st)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.Press(tm, "7")
	uitest.WaitFor(t, tm, "r routes")
	uitest.Press(tm, "r")
	uitest.WaitFor(t, tm, "Outbound routes: 2 patterns", "_9NXXNXXXXXX", "trunk 1 (OUT_1 = SIP/trunkco)",
		"_0X.", "SIP/trunkco", "extensions_additional.conf:6", "Macro(dialout-trunk,1,${EXTEN:1},,off)", "row 1 of 2")
	uitest.Press(tm, "down")
	uitest.WaitFor(t, tm, "extensions_additional.conf:9", "Dial(SIP/trunkco/${EXTEN:1},60)", "row 2 of 2")
	uitest.Press(tm, "up")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "extensions_additional.conf", "▶ line 6 · from line 3 of 11", "▶ 6 │", "Macro(dialout-trunk,1,${EXTEN:1},,off)")
	uitest.Press(tm, "esc")
	uitest.WaitFor(t, tm, "Outbound routes: 2 patterns", "row 1 of 2")
	v := ansi.Strip(uitest.Quit(t, tm).View())
	if strings.Contains(v, "_*98.") || strings.Contains(v, "s3cr3t") || !strings.Contains(v, "context outrt-1") {
		t.Errorf("a feature code or a secret on the routes screen, or no context:\n%s", v)
	}
	// a file opened from the routes is under the routes' tab
	tm = teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.Press(tm, "7", "r")
	uitest.WaitFor(t, tm, "row 1 of 2")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "line 3 of 11")
	if v := ansi.Strip(uitest.Quit(t, tm).View()); !strings.Contains(v, "[r routes]") || strings.Contains(v, "[A artefacts]") {
		t.Errorf("the file read from a route is not under the routes' tab:\n%s", v)
	}
}
