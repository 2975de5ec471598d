package calls_test

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// The common numbers of the five of the first group: the shared number's
// linked subscribers are read whole, on a wide screen in the column (it
// was capped at 42 cells: three numbers and a cut one), at 80 columns by
// i in the message line (i did nothing); the chains window reads "30
// min" (it read 30m0s), and enter there says where it opens records.
func TestCallsCommonLinkedWhole(t *testing.T) {
	env, truth := generatedEnv(t)
	c := truth.Calls
	rep, err := casework.Common(context.Background(), env.Store, c.Group1, 2, casework.TimeScope{})
	if err != nil || len(rep.Numbers) == 0 || len(rep.Numbers[0].Linked) != 5 {
		t.Fatalf("common: %+v %v", rep, err)
	}
	top := rep.Numbers[0]
	linked := strings.Join(top.Linked, " ")
	for _, size := range [][2]int{{200, 50}, {80, 24}} {
		tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(size[0], size[1]))
		tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: c.Group1[0], Open: "calls"})
		uitest.WaitFor(t, tm, "[contacts]")
		uitest.Press(tm, "v", "v", "v", "v")
		uitest.WaitFor(t, tm, "[chains]", "within 30 min")
		uitest.Press(tm, "enter") // a chain is no contact: enter says where it opens records (it did nothing)
		uitest.WaitFor(t, tm, "enter lists A's records with a contact in the contacts view")
		uitest.Press(tm, "V", "V", "V", "M")
		uitest.Type(tm, strings.Join(c.Group1, ","))
		uitest.Press(tm, "enter")
		if size[0] == 200 {
			uitest.WaitFor(t, tm, "▸"+top.Number, linked)
		} else {
			uitest.WaitFor(t, tm, "▸"+top.Number)
			uitest.Press(tm, "i") // the message wraps: the numbers one by one
			uitest.WaitFor(t, tm, append([]string{"» number: " + top.Number, "linked: " + top.Linked[0]}, top.Linked[1:]...)...)
		}
		uitest.Quit(t, tm)
	}
}
