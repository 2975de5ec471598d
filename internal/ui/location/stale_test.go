package location_test

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/location"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Places computed for a subscriber no longer in focus are never shown:
// A's (9 records) arrive after the other subscriber's (2) were shown, and
// those stay.
func TestLocationSupersededNeverShown(t *testing.T) {
	p := location.New(env(t))
	p.SetSize(80, 20)
	uitest.Superseded(t, p.Update, p.View,
		func() tea.Cmd { return p.Update(uikit.FocusMsg{A: "919714499703"}) },
		func() tea.Cmd { return p.Update(uikit.FocusMsg{A: "919812345678"}) },
		[]string{"A 919812345678: 2 of 2 records"}, []string{"of 9 records"})
}
