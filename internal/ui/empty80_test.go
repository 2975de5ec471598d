package ui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
)

// On a new, empty case at 80×24 the panes that wait for something say
// what to do whole: their guidance wraps, it is not cut with an ellipsis
// (Location's and Network's ended "then come back wit…", "to see who it
// is li…"; Asterisk's "(the root of th…").
func TestEmptyCaseGuidanceWholeAt80(t *testing.T) {
	st, err := store.Create(filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, c := range []struct{ key, wait, want string }{
		{"8", "No subscriber in focus", "No subscriber in focus: choose one in Overview (enter or a), then come back with 8."},
		{"0", "Network: no subscriber", "Network: no subscriber in focus. Make one A (a in any list) to see who it is linked to."},
		{"7", "no PBX artefacts", "no PBX artefacts in this case: cdrtui import CASE.db /mnt/image (the root of the seized disk)"},
	} {
		env := uitest.Env(t, st)
		tm := teatest.NewTestModel(t, New(env, Panes(env)), teatest.WithInitialTermSize(80, 24))
		uitest.WaitFor(t, tm, "Subscribers")
		uitest.Press(tm, c.key)
		uitest.WaitFor(t, tm, c.wait)
		tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
		m := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
		lines := strings.Split(ansi.Strip(m.View()), "\n")
		var words []string
		for _, l := range lines {
			if ansi.StringWidth(l) > 80 {
				t.Errorf("pane %s: a line wider than 80: %q", c.key, l)
			}
			words = append(words, strings.Fields(l)...)
		}
		if flat := strings.Join(words, " "); !strings.Contains(flat, c.want) {
			t.Errorf("pane %s: %q is not read whole:\n%s", c.key, c.want, strings.Join(lines, "\n"))
		}
		if len(lines) != 24 {
			t.Errorf("pane %s: %d lines, not 24", c.key, len(lines))
		}
	}
}
