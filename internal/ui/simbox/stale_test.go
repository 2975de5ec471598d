package simbox_test

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/simbox"
)

// The SIM list rebuilt at a threshold the slider has left is never shown:
// the list at 0/100 (every scored SIM flagged) arrives after the list at
// 100/100 (the six SIM-boxes) was shown, and that one stays.
func TestSimBoxSupersededNeverShown(t *testing.T) {
	env, _ := generatedEnv(t)
	p := simbox.New(env)
	p.SetSize(120, 40)
	uitest.Settle(p.Update, p.Init())
	slide := func(key string, n int) tea.Cmd {
		var last tea.Cmd
		for range n {
			if cmd := p.Update(uitest.Key(key)); cmd != nil {
				last = cmd
			}
		}
		return last
	}
	flagged := func() int { return strings.Count(ansi.Strip(p.View()), "◆ yes") }
	// the list at 0: computed while it is the newest, held back
	rest := slide("[", 20)()
	late := uitest.Collect(p.Update(rest))
	if len(late) == 0 {
		t.Fatal("no list at 0")
	}
	uitest.Settle(p.Update, slide("]", 30))
	if n := flagged(); n != 6 || !strings.Contains(ansi.Strip(p.View()), "100/100 · ◆ 6 flagged") {
		t.Fatalf("at 100: %d rows flagged:\n%s", n, ansi.Strip(p.View()))
	}
	for _, m := range late {
		uitest.Settle(p.Update, func() tea.Msg { return m })
	}
	if n := flagged(); n != 6 {
		t.Fatalf("the list at 0 was shown late: %d rows flagged:\n%s", n, ansi.Strip(p.View()))
	}
}
