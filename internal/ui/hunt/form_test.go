package hunt_test

import (
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
)

// The form's examples come from this case (its destination, its cell, its
// first day); a cell the case does not hold is flagged ⚠, not ✓; f opens
// the form at its first field whichever was used last; with results on
// screen the form gives its lines to the table.
func TestHuntFormFromThisCase(t *testing.T) {
	env := fixtureEnv(t)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.WaitFor(t, tm, "447700900123")
	uitest.Press(tm, "5")
	uitest.WaitFor(t, tm, "e.g. 104.198.99.79:443", "e.g. 234-15-101-7", "e.g. 2017-05-02T00:00:00") // the first record's destination
	uitest.Press(tm, "f")
	uitest.Type(tm, "104.198.99.79:443")
	uitest.Press(tm, "tab", "tab")
	uitest.Type(tm, "234-15-101-7,234-15-555-5")
	uitest.WaitFor(t, tm, "⚠", "not in the case: 234-15-555-5")
	uitest.Press(tm, "esc", "f") // left from Cells: f opens at Destinations
	uitest.Type(tm, "x")
	uitest.WaitFor(t, tm, "✗ Destinations:")
	uitest.Press(tm, "backspace", "enter")
	uitest.WaitFor(t, tm, "2 subscribers", "f edits the hunt", "row 1 of 2", "hunted: to 104.198.99.79:443")
	uitest.Quit(t, tm)
}
