package simbox

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// A load overtaken by a newer one (the scope or the rules changed) still
// ends its spinner: its Busy(true) was sent, so its Busy(false) must be.
func TestStaleLoadEndsItsBusy(t *testing.T) {
	p := &Pane{}
	p.loadTag.Next()
	p.loadTag.Next()
	cmd := p.Update(loadedMsg{tag: 1})
	if !sendsBusyEnd(cmd, "simbox") {
		t.Fatal("a stale load did not end its busy state")
	}
}

func sendsBusyEnd(cmd tea.Cmd, key string) bool {
	if cmd == nil {
		return false
	}
	switch msg := cmd().(type) {
	case uikit.BusyMsg:
		return msg.Key == key && !msg.Busy
	case tea.BatchMsg:
		for _, c := range msg {
			if sendsBusyEnd(c, key) {
				return true
			}
		}
	}
	return false
}
