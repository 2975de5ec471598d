package asterisk_test

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
)

// The dashboard's line of charts and keys is read whole at 80×24: it was
// cut at "[directions…", hiding p, u and t.
func TestAsteriskDashboardKeysWholeAt80(t *testing.T) {
	st, _, _ := freePBXCase(t, 3)
	env := uitest.Env(t, st)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.Press(tm, "7", "d")
	uitest.WaitFor(t, tm, "Calls per day")
	uitest.Press(tm, "n", "n", "n")
	uitest.WaitFor(t, tm, "Directions")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	v := ansi.Strip(tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).View())
	lines := strings.Split(v, "\n")
	flat := strings.Join(strings.Fields(v), " ")
	for _, want := range []string{"n: calls per day/month · weekday × hour · talk time per recipient · [directions]", "p day/month", "u calls/duration", "t top 10/20/50", "↑↓ scroll"} {
		if !strings.Contains(flat, want) {
			t.Errorf("no %q:\n%s", want, v)
		}
	}
	if len(lines) != 24 {
		t.Errorf("%d lines", len(lines))
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > 80 {
			t.Errorf("wider than 80: %q", l)
		}
	}
}
