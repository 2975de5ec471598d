package asterisk_test

import (
	"fmt"
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
)

// A calls filter that matches nothing says so: the list said "no PBX calls
// in this case: cdrtui import …" above a case of hundreds of calls.
func TestAsteriskFilterMatchingNothingSaysSo(t *testing.T) {
	st, _, truth := freePBXCase(t, 3)
	env := uitest.Env(t, st)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.Press(tm, "7", "c", "f")
	uitest.WaitFor(t, tm, "number")
	uitest.Press(tm, "tab", "tab")
	uitest.Type(tm, "=cmd|")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, fmt.Sprintf("0 of %d calls", len(truth.Asterisk.CallsTruth)), "no call matches the filter")
	uitest.Press(tm, "esc")
	uitest.WaitFor(t, tm, fmt.Sprintf("Asterisk %d calls", len(truth.Asterisk.CallsTruth)))
	uitest.Quit(t, tm)
}
