package persona_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/persona"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// On a terminal of 30 lines or more the selected row's details wrap, so
// the other readings of WhatsApp's ports and the way to its records are
// read whole at 120 columns (they were cut with "…").
func TestPersonaDetailsWrapped(t *testing.T) {
	p := persona.New(fixtureEnv(t))
	uitest.Drain(p.Update, p.Update(uikit.FocusMsg{A: subA}))
	p.SetSize(120, 37)
	view := ansi.Strip(p.View())
	flat := strings.Join(strings.Fields(view), " ")
	for _, want := range []string{"the same ports may be XMPP client, Apple push (APNs), Google push (FCM) · 3 ports", "enter: its records, with file and line"} {
		if !strings.Contains(flat, want) {
			t.Errorf("no %q in\n%s", want, view)
		}
	}
	if n := len(strings.Split(p.View(), "\n")); n != 37 {
		t.Errorf("%d lines drawn in 37", n)
	}
}

// At 80 columns the subscriber's line wraps between its items: the first
// and last record are read whole (they were cut with "…"), and the pane
// still draws exactly its height.
func TestPersonaHeaderWraps(t *testing.T) {
	p := persona.New(fixtureEnv(t))
	uitest.Drain(p.Update, p.Update(uikit.FocusMsg{A: subA}))
	p.SetSize(60, 21)
	view := ansi.Strip(p.View())
	lines := strings.Split(view, "\n")
	if len(lines) != 21 {
		t.Fatalf("%d lines drawn in 21", len(lines))
	}
	if !strings.Contains(view, "2018-06-03 02:59:59 → 2018-06-05 14:00:00") || strings.Contains(lines[0]+lines[1], "…") {
		t.Errorf("the first and last record are not whole:\n%s", view)
	}
	if !strings.Contains(view, "Frequency") {
		t.Errorf("no table below the header:\n%s", view)
	}
}
