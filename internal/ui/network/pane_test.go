package network_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
	"github.com/cdrtui/cdrtui/internal/ui/network"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Two groups of three subscribers ({01,02,03}, {05,06,07}), each calling
// inside its group, joined by 04, who calls 03 and 05. From 01 at two
// hops the graph is 01, 02, 03 and 04 (03 brokers 04's paths to 01 and
// 02: 2); at four hops it is all seven, and 04 is on the one shortest path
// of each of the 3×3 pairs across (9), more than 03 or 05 (8 each).
const cliques = `MSISDN,B_NUMBER,CALL_TYPE,CALL_DATE,CALL_TIME,DURATION,CELL_ID
919800000001,919800000002,VOICE_OUT,2024-03-13,10:00:00,60,X
919800000001,919800000003,VOICE_OUT,2024-03-13,10:05:00,60,X
919800000002,919800000003,VOICE_OUT,2024-03-13,10:10:00,60,X
919800000003,919800000004,VOICE_OUT,2024-03-13,10:15:00,60,X
919800000004,919800000005,VOICE_OUT,2024-03-13,10:20:00,60,X
919800000005,919800000006,VOICE_OUT,2024-03-13,10:25:00,60,X
919800000005,919800000007,VOICE_OUT,2024-03-13,10:30:00,60,X
919800000006,919800000007,SMS_OUT,2024-03-13,10:35:00,0,X
`

func paneFor(t *testing.T, w, h int) (*network.Pane, *uikit.Env) {
	t.Helper()
	st, _ := uitest.TextCase(t, "calls.csv", cliques)
	env := uitest.Env(t, st)
	p := network.New(env)
	p.SetSize(w, h)
	return p, env
}

func press(p *network.Pane, keys ...string) {
	for _, k := range keys {
		uitest.Drain(p.Update, p.Update(uitest.Key(k)))
	}
}

func TestNetworkPaneFollowsABrokerStandsOut(t *testing.T) {
	p, env := paneFor(t, 80, 22)
	if v := p.View(); !strings.Contains(v, "no subscriber in focus") {
		t.Errorf("before A: %q", v)
	}
	uitest.Drain(p.Update, p.Update(uikit.FocusMsg{A: "919800000001"}))
	v := p.View()
	for _, want := range []string{"Network of 919800000001 · 2 hops · 4 numbers, 4 links", "* 919800000003  1      2.0", "◉…0000001", "●…0000004"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q:\n%s", want, v)
		}
	}
	for i, l := range strings.Split(v, "\n") {
		if w := lipgloss.Width(l); w > 80 {
			t.Errorf("line %d is %d wide", i, w)
		}
	}
	press(p, "+", "+")
	v = p.View()
	for _, want := range []string{"4 hops · 7 numbers, 8 links", "* 919800000004  2      9.0", "  919800000003  1      8.0", "  919800000005  3      8.0"} {
		if !strings.Contains(v, want) {
			t.Errorf("at 4 hops, view lacks %q:\n%s", want, v)
		}
	}
	press(p, "-", "-", "-", "-") // not below 1
	if v = p.View(); !strings.Contains(v, "· 1 hop ·") {
		t.Errorf("1 hop:\n%s", v)
	}
	press(p, "+")

	// move to a number, re-centre on it, back to A with esc (the
	// selection starts on the centre: an arrow with a number that way)
	sel := selectedLabel(p.View())
	for _, k := range []string{"right", "down", "up", "left"} {
		if strings.Contains(sel, "◉") {
			press(p, k)
			sel = selectedLabel(p.View())
		}
	}
	if sel == "" || strings.Contains(sel, "◉") {
		t.Fatalf("no arrow left the centre: %q", sel)
	}
	press(p, "enter")
	if v = p.View(); strings.Contains(v, "Network of 919800000001") {
		t.Errorf("enter did not re-centre on %s:\n%s", sel, v)
	}
	press(p, "esc")
	if v = p.View(); !strings.Contains(v, "Network of 919800000001") {
		t.Errorf("esc did not return to A:\n%s", v)
	}

	// e writes the four formats into the export folder
	press(p, "e")
	files, _ := filepath.Glob(filepath.Join(env.ExportDir, "network-919800000001-*"))
	exts := map[string]bool{}
	for _, f := range files {
		exts[filepath.Ext(f)] = true
		if fi, err := os.Stat(f); err != nil || fi.Size() == 0 {
			t.Errorf("%s empty", f)
		}
	}
	if len(files) != 4 || !exts[".graphml"] || !exts[".gexf"] || !exts[".dot"] || !exts[".csv"] {
		t.Errorf("exports %v", files)
	}

	// a new A is followed
	uitest.Drain(p.Update, p.Update(uikit.FocusMsg{A: "919800000006"}))
	if v = p.View(); !strings.Contains(v, "Network of 919800000006") {
		t.Errorf("A changed:\n%s", v)
	}
}

// selectedLabel is the bracketed number of the drawing.
func selectedLabel(v string) string {
	i := strings.Index(v, "[")
	if i < 0 {
		return ""
	}
	j := strings.Index(v[i:], "]")
	if j < 0 {
		return ""
	}
	return v[i+1 : i+j]
}

// Arrows go to the number in that direction; from the centre every
// direction reaches someone in a ring.
func TestNetworkPaneArrowsMove(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range []string{"up", "down", "left", "right"} {
		p, _ := paneFor(t, 120, 30)
		uitest.Drain(p.Update, p.Update(uikit.FocusMsg{A: "919800000001"}))
		first := selectedLabel(p.View())
		press(p, k)
		seen[selectedLabel(p.View())] = true
		if !strings.Contains(first, "◉") {
			t.Errorf("selection starts at %q, not the centre", first)
		}
	}
	if len(seen) < 2 {
		t.Errorf("arrows reached %v", seen)
	}
}

// The pane runs in the workbench: its tab, its help, no colour codes.
func TestNetworkPaneInWorkbench(t *testing.T) {
	st, _ := uitest.TextCase(t, "calls.csv", cliques)
	env := uitest.Env(t, st)
	panes := ui.Panes(env)
	digit := ""
	for i, p := range panes {
		if p.ID() == "network" {
			digit = map[bool]string{true: "0", false: string(rune('1' + i))}[i == 9]
		}
	}
	tm := teatest.NewTestModel(t, ui.New(env, panes), teatest.WithInitialTermSize(80, 24))
	uitest.WaitFor(t, tm, "919800000005")
	uitest.Press(tm, "a", digit)
	uitest.WaitFor(t, tm, "["+digit+" Network]", "Network of 919800000005 · 2 hops · 5 numbers, 5 links", "* 919800000004  1      3.0")
	uitest.Quit(t, tm)
}

// a makes the selected subscriber A for every pane.
func TestNetworkPaneMakesA(t *testing.T) {
	p, _ := paneFor(t, 80, 22)
	uitest.Drain(p.Update, p.Update(uikit.FocusMsg{A: "919800000001"}))
	sel := selectedLabel(p.View())
	for _, k := range []string{"right", "down", "up", "left"} {
		if strings.Contains(sel, "◉") {
			press(p, k)
			sel = selectedLabel(p.View())
		}
	}
	if strings.Contains(sel, "◉") {
		t.Fatal("no arrow left the centre")
	}
	cmd := p.Update(uitest.Key("a"))
	if cmd == nil {
		t.Fatalf("a on %q did nothing", sel)
	}
	msg, ok := cmd().(uikit.RequestFocusMsg)
	if !ok || msg.Role != uikit.RoleA || !strings.HasSuffix(msg.MSISDN, strings.TrimPrefix(strings.TrimPrefix(sel, "●"), "…")) {
		t.Errorf("a on %q: %#v", sel, msg)
	}
}
