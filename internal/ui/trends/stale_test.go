package trends_test

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/trends"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// A trend computed for a subscriber no longer in focus is never shown:
// A's WhatsApp (4 connections) arrives after B's (2) was shown, and B's
// stays.
func TestTrendsSupersededNeverShown(t *testing.T) {
	p := trends.New(fixtureEnv(t))
	p.SetSize(100, 30)
	uitest.Drain(p.Update, p.Init())
	uitest.Superseded(t, p.Update, p.View,
		func() tea.Cmd { return p.Update(uikit.FocusMsg{A: subA}) },
		func() tea.Cmd { return p.Update(uikit.FocusMsg{A: subB}) },
		[]string{"A 919800000002 2", "00-03 1 │"}, []string{"A 919800000001 4"})
}
