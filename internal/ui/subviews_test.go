package ui

import (
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Without colour (the tests' profile is that of NO_COLOR) the active
// sub-view of Persona, Correlation and Trends is marked by brackets, and
// the mark follows v.
func TestActiveSubViewMarkedWithoutColour(t *testing.T) {
	env := fixtureEnv(t)
	tm := teatest.NewTestModel(t, New(env, Panes(env)), teatest.WithInitialTermSize(80, 24))
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleB, MSISDN: "447700900124"})
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: "447700900123", Open: "persona"})
	uitest.WaitFor(t, tm, "[Applications")
	uitest.Press(tm, "v")
	uitest.WaitFor(t, tm, "[Unknown ports")
	uitest.Press(tm, "3")
	uitest.WaitFor(t, tm, "[Summary]")
	uitest.Press(tm, "v")
	uitest.WaitFor(t, tm, "[Pairs]")
	uitest.Press(tm, "4")
	uitest.WaitFor(t, tm, "[Charts]")
	uitest.Press(tm, "v")
	uitest.WaitFor(t, tm, "[Dates]")
	uitest.Quit(t, tm)
}
