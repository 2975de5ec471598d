package location_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/location"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// At 80 columns the Co-location sub-view is read whole: its head lines
// wrap (they were cut: "· ranked by…", "· placed: A…"), the ranking's
// FIRST and LAST show whole to the second (they were cut: "2024-03-19T11:3…"),
// the window reads as minutes ("30 min", not "30m0s"), one meeting is
// singular, and each meeting says how many records of each side make it.
// No day is named: co-location is over every day (the map's day was
// shown above it).
func TestLocationColocationReadsWholeAt80(t *testing.T) {
	p := location.New(env(t))
	p.SetSize(80, 22)
	drain(p.Update, p.Update(uikit.FocusMsg{A: "919714499703"}))
	for _, k := range []string{"v", "v", "v", "t", "t"} { // co-location, 30 minutes
		drain(p.Update, p.Update(uitest.Key(k)))
	}
	check := func(what string, wants ...string) {
		t.Helper()
		v := ansi.Strip(p.View())
		for i, l := range strings.Split(v, "\n") {
			if strings.Contains(l, "…") || ansi.StringWidth(l) > 80 {
				t.Errorf("%s: line %d is cut: %q", what, i, l)
			}
		}
		flat := strings.Join(strings.Fields(v), " ")
		for _, w := range wants {
			if !strings.Contains(flat, w) {
				t.Errorf("%s lacks %q:\n%s", what, w, v)
			}
		}
	}
	if v := p.View(); strings.Contains(v, "day 2024-03-18") {
		t.Errorf("co-location is over every day, but the pane names one:\n%s", v)
	}
	check("the ranking", "within 30 min of each other", "ranked by how unlikely by chance", "1 subscriber near A's records",
		"919812345678 1 0.00 9.00 2024-03-19T11:30:00 2024-03-19T11:30:00")
	drain(p.Update, p.Update(uikit.FocusMsg{A: "919714499703", B: "919812345678"}))
	check("the meetings", "1 meeting;", "placed: A 8, B 2 records", "2024-03-19T11:30:00–12:00:00 at 404-10-7301-22222 · A 1, B 1")
}

// The short help under the pane is of the sub-view shown: r, t and b in
// co-location (it said zoom and pan there, and b was in no help at all).
func TestLocationShortHelpFollowsTheView(t *testing.T) {
	p := location.New(env(t))
	p.SetSize(80, 22)
	drain(p.Update, p.Update(uikit.FocusMsg{A: "919714499703"}))
	keys := func() map[string]bool {
		out := map[string]bool{}
		for _, b := range p.KeyMap().ShortHelp() {
			out[b.Help().Key] = true
		}
		return out
	}
	if k := keys(); !k["+/-"] {
		t.Errorf("map: %v", k)
	}
	for range 3 {
		drain(p.Update, p.Update(uitest.Key("v")))
	}
	if k := keys(); !k["r"] || !k["t"] || !k["b"] || k["+/-"] {
		t.Errorf("co-location: %v", k)
	}
	full := map[string]bool{}
	for _, g := range p.KeyMap().FullHelp() {
		for _, b := range g {
			full[b.Help().Key] = true
		}
	}
	if !full["b"] {
		t.Errorf("? does not list b: %v", full)
	}
}
