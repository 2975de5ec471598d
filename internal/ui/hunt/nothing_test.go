package hunt_test

import (
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
)

// A hunt that finds nobody says so: the empty list said "no hunt yet: press
// f …" under the hunt that had just run.
func TestHuntFindingNobodySaysSo(t *testing.T) {
	env := fixtureEnv(t)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.WaitFor(t, tm, "447700900123")
	uitest.Type(tm, "5")
	uitest.WaitFor(t, tm, "no hunt yet")
	uitest.Type(tm, "f10.9.9.9")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "0 subscribers", "no subscriber found by this hunt")
	uitest.Quit(t, tm)
}
