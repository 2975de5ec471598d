package asterisk_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
)

// The calls filter has the direction field of cdrtui asterisk --direction,
// with its rule: "out" is outbound, and the pane keeps as many calls as the
// truth of the generated FreePBX and the CLI's report say; a word that is
// no direction is refused with the CLI's message. At 80x24.
func TestAsteriskPaneDirectionFilter(t *testing.T) {
	st, _, truth := freePBXCase(t, 3)
	env := uitest.Env(t, st)
	out, total := 0, len(truth.Asterisk.CallsTruth)
	for _, c := range truth.Asterisk.CallsTruth {
		if c.Direction == "outbound" {
			out++
		}
	}
	rep, err := casework.Asterisk(context.Background(), st, casework.AsteriskOptions{Filter: store.PBXFilter{Direction: "outbound"}})
	if err != nil || rep.Calls != int64(out) || out == 0 || out == total {
		t.Fatalf("fixture: CLI report %d outbound calls, truth %d of %d (%v)", rep.Calls, out, total, err)
	}
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.Press(tm, "7", "c", "f")
	uitest.WaitFor(t, tm, "direction", "inbound, outbound, internal, unknown")
	uitest.Press(tm, "tab", "tab", "tab", "tab", "tab")
	uitest.Type(tm, "sideways")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, `direction "sideways" is none of inbound, outbound, internal, unknown`)
	for range "sideways" {
		uitest.Press(tm, "backspace")
	}
	uitest.Type(tm, "out")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, fmt.Sprintf("%d of %d calls", out, total), "direction outbound")
	uitest.Quit(t, tm)
}
