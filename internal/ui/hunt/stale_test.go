package hunt_test

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/hunt"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// The result of a hunt replaced by a newer one is never shown: the hunt
// for 104.198.99.79:443 (three visitors, 447700900123 among them) arrives
// after the one for 104.198.99.80 (447700900666 alone) was shown, and that
// one stays.
func TestHuntSupersededNeverShown(t *testing.T) {
	p := hunt.New(fixtureEnv(t))
	p.SetSize(120, 30)
	uitest.Drain(p.Update, p.Init())
	uitest.Superseded(t, p.Update, p.View,
		func() tea.Cmd { return p.Update(uikit.HuntMsg{Form: analysis.HuntForm{Dests: "104.198.99.79:443"}}) },
		func() tea.Cmd { return p.Update(uikit.HuntMsg{Form: analysis.HuntForm{Dests: "104.198.99.80"}}) },
		[]string{"1 subscriber", "447700900666"}, []string{"447700900123", "3 subscribers"})
}
