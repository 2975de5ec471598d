package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
)

// The Asterisk pane's routes view and `cdrtui asterisk --json` agree: the
// pane shows as many routes as outbound_routes holds and, row by row in
// its order, each one's pattern, trunk, file:line and step. The tree has
// three routes by hand (outrt-1 through OUT_1 = SIP/trunkco at line 6,
// outrt-2 through OUT_2 = DAHDI/g0 at line 8, outbound-direct through
// SIP/trunkco at line 10), so a route the pane lost or reordered fails.
func TestAsteriskRoutesPaneAgreesWithCLI(t *testing.T) {
	root := t.TempDir()
	testkit.WriteTree(t, root, map[string]string{
		"etc/asterisk/sip.conf":            "[general]\n#include sip_additional.conf\n",
		"etc/asterisk/sip_additional.conf": "[trunkco]\nhost=sip.trunkco.example\ntype=peer\n",
		"etc/asterisk/extensions.conf":     "[from-internal]\ninclude => outrt-1\n#include extensions_additional.conf\n",
		"etc/asterisk/extensions_additional.conf": "[globals]\n" + // 1
			"OUT_1 = SIP/trunkco\n" + // 2
			"OUT_2 = DAHDI/g0\n" + // 3
			"\n" + // 4
			"[outrt-1]\n" + // 5
			"exten => _9NXXNXXXXXX,1,Macro(dialout-trunk,1,${EXTEN:1},,off)\n" + // 6
			"[outrt-2]\n" + // 7
			"exten => _00.,1,Macro(dialout-trunk,2,${EXTEN:2},,off)\n" + // 8
			"[outbound-direct]\n" + // 9
			"exten => _0X.,1,Dial(SIP/trunkco/${EXTEN:1},60)\n", // 10
	})
	casePath := filepath.Join(t.TempDir(), "case.db")
	runOK(t, "import", casePath, root)
	var rep struct {
		Routes []struct {
			Context, Pattern, Trunk, Step, Where string
			Strip                                int
		} `json:"outbound_routes"`
	}
	if err := json.Unmarshal([]byte(runOK(t, "asterisk", casePath, "--json")), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Routes) != 3 || filepath.Base(rep.Routes[1].Where) != "extensions_additional.conf:8" {
		t.Fatalf("fixture: the CLI's routes are %+v", rep.Routes)
	}
	st, err := store.Open(casePath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	env := uitest.Env(t, st)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(200, 50))
	uitest.Press(tm, "7")
	uitest.WaitFor(t, tm, "r routes")
	uitest.Press(tm, "r")
	for i, r := range rep.Routes {
		want := []string{fmt.Sprintf("row %d of %d", i+1, len(rep.Routes)), r.Pattern, r.Trunk, r.Context, "at " + r.Where, "step " + r.Step}
		if i == 0 {
			want = append(want, fmt.Sprintf("Outbound routes: %d patterns", len(rep.Routes)))
		} else {
			uitest.Press(tm, "down")
		}
		uitest.WaitFor(t, tm, want...)
	}
	uitest.Quit(t, tm)
}
