package correlation_test

import (
	"bytes"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/ui"
	"github.com/cdrtui/cdrtui/internal/ui/correlation"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

func waitFor(t *testing.T, tm *teatest.TestModel, want ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		for _, w := range want {
			if !bytes.Contains(b, []byte(w)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

func send(tm *teatest.TestModel, keys ...string) {
	for _, k := range keys {
		tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)})
	}
}

// The real workbench at 80x24: focus A and B, open Correlation, and move
// the slider; the numbers on screen follow the window (the figures of the
// fixture are worked out in pane_test.go).
func TestSliderInWorkbench(t *testing.T) {
	env := correlation.FixtureEnv(t)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: correlation.FixtureA})
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleB, MSISDN: correlation.FixtureB, Open: "correlation"})
	waitFor(t, tm, "window 3m", "7 matches", "WhatsApp", "observed")

	send(tm, "h")
	waitFor(t, tm, "window 2m", "6 matches")
	send(tm, "l", "l")
	waitFor(t, tm, "window 4m", "8 matches")
	// A burst of moves (debounced) ends at 1 h with its figures.
	send(tm, "]", "]", "]", "]", "]", "]", "]", "]", "]", "]", "]", "]", "]", "]")
	waitFor(t, tm, "window 1h", "21 matches")

	send(tm, "v")
	waitFor(t, tm, "Matched pairs at 1h: 21")
	send(tm, "v")
	waitFor(t, tm, "Contacts of A ranked by score at 1h")
	send(tm, "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}
