package correlation

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Correlating a subscriber with itself is refused with a word, not
// scored (every record would match itself).
func TestSamePairRefused(t *testing.T) {
	p := New(FixtureEnv(t))
	p.SetSize(100, 30)
	var errs []error
	queue := []tea.Cmd{p.Init(), p.Update(uikit.FocusMsg{A: FixtureA, B: FixtureA})}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch m := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, m...)
		case uikit.ErrorMsg:
			errs = append(errs, m.Err)
		case uikit.BusyMsg, uikit.StatusMsg, uikit.RequestFocusMsg:
		default:
			queue = append(queue, p.Update(m))
		}
	}
	if p.result != nil {
		t.Fatalf("A with itself was scored: %+v", p.result)
	}
	if v := p.View(); !strings.Contains(v, "A and B are the same subscriber") || strings.Contains(v, "score") {
		t.Fatalf("screen:\n%s", v)
	}
	if len(errs) != 1 {
		t.Fatalf("errors reported: %v", errs)
	}
}
