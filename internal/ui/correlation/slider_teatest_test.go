package correlation_test

import (
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
	"github.com/cdrtui/cdrtui/internal/ui/correlation"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// The real workbench at 80x24: focus A and B, open Correlation, and move
// the slider; the numbers on screen follow the window (the figures of the
// fixture are worked out in pane_test.go).
func TestSliderInWorkbench(t *testing.T) {
	env := correlation.FixtureEnv(t)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: correlation.FixtureA})
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleB, MSISDN: correlation.FixtureB, Open: "correlation"})
	uitest.WaitFor(t, tm, "window 3m", "7 matches", "WhatsApp", "observed")

	uitest.Press(tm, "[")
	uitest.WaitFor(t, tm, "window 2m", "6 matches")
	uitest.Press(tm, "]", "]")
	uitest.WaitFor(t, tm, "window 4m", "8 matches")
	// A burst of moves (debounced) ends at 1 h with its figures.
	uitest.Press(tm, "]", "]", "]", "]", "]", "]", "]", "]", "]", "]", "]", "]", "]", "]")
	uitest.WaitFor(t, tm, "window 1h", "21 matches")

	uitest.Press(tm, "v")
	uitest.WaitFor(t, tm, "Matched pairs at 1h: 21")
	uitest.Press(tm, "v")
	uitest.WaitFor(t, tm, "Contacts of A ranked by score at 1h")
	uitest.Quit(t, tm)
}
