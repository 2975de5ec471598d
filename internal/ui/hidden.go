package ui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// HiddenDelay is how long a pane stays hidden before its background work
// in flight is stopped (uikit.Suspender); it runs again when the pane is
// shown. Leaving a pane for a glance at another costs nothing; leaving it
// for long does not keep a heavy load of a subscriber in memory for a
// screen nobody looks at.
var HiddenDelay = 3 * time.Second

// hiddenMsg fires HiddenDelay after pane was left, the visit counter then
// being visit.
type hiddenMsg struct {
	pane  int
	visit uint64
}

// leave schedules the suspension of pane i, just hidden.
func (m *Model) leave(i int) tea.Cmd {
	if i == m.active || i < 0 || i >= len(m.panes) {
		return nil
	}
	if _, ok := m.panes[i].(uikit.Suspender); !ok {
		return nil
	}
	if m.visits == nil {
		m.visits = make([]uint64, len(m.panes))
	}
	v := m.visits[i]
	return tea.Tick(HiddenDelay, func(time.Time) tea.Msg { return hiddenMsg{pane: i, visit: v} })
}

// hidden suspends a pane still hidden since the visit the message names.
func (m *Model) hidden(msg hiddenMsg) {
	if msg.pane == m.active || m.visits[msg.pane] != msg.visit {
		return // shown again since
	}
	m.panes[msg.pane].(uikit.Suspender).Suspend()
}

// visit counts a showing of pane i and resumes what was suspended.
func (m *Model) visit(i int) tea.Cmd {
	if m.visits == nil {
		m.visits = make([]uint64, len(m.panes))
	}
	m.visits[i]++
	if s, ok := m.panes[i].(uikit.Suspender); ok {
		return s.Resume()
	}
	return nil
}
