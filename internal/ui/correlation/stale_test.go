package correlation_test

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/correlation"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// The figures of a pair no longer in focus are never shown: A and B's (7
// matches at 3m) arrive after A and U's were shown, and those stay.
func TestCorrelationPairSupersededNeverShown(t *testing.T) {
	p := correlation.New(correlation.FixtureEnv(t))
	p.SetSize(200, 60)
	uitest.Drain(p.Update, p.Init())
	uitest.Superseded(t, p.Update, p.View,
		func() tea.Cmd { return p.Update(uikit.FocusMsg{A: correlation.FixtureA, B: correlation.FixtureB}) },
		func() tea.Cmd { return p.Update(uikit.FocusMsg{A: correlation.FixtureA, B: correlation.FixtureU}) },
		[]string{"0 matches"}, []string{"7 matches"})
}

// A ranking of contacts at a window the slider has left is never shown:
// the ranking at 3m arrives after the one at 1h was shown (the slider
// moved on while it was computed), and the 1h one stays.
func TestCorrelationContactsSupersededNeverShown(t *testing.T) {
	p := correlation.New(correlation.FixtureEnv(t))
	p.SetSize(200, 60)
	uitest.Drain(p.Update, p.Init())
	uitest.Superseded(t, p.Update, p.View,
		func() tea.Cmd { return p.Update(uikit.FocusMsg{A: correlation.FixtureA}) },
		func() tea.Cmd {
			var last tea.Cmd
			for range 30 {
				if cmd := p.Update(uitest.Key("]")); cmd != nil {
					last = cmd // debounced: only the last step's rest counts
				}
			}
			return last
		},
		[]string{"Contacts of A ranked by score at 1h"}, []string{"at 3m"})
}
