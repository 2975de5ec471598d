package ui

import (
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// A pane starts work with tea.Batch(Busy(true), work): the two commands
// run concurrently, so a fast job's Busy(false) can reach the root before
// its Busy(true). The spinner must then stop, not spin for ever; and a job
// still running under the same key keeps it spinning.
func TestBusyEndBeforeStart(t *testing.T) {
	env := fixtureEnv(t)
	m := New(env, Panes(env))
	m.busy = map[string]int{}
	m.Update(uikit.BusyMsg{Key: "hunt", Busy: false}) // the fast job's end, first
	m.Update(uikit.BusyMsg{Key: "hunt", Busy: true})  // then its start
	if busy(m) || strings.Contains(m.View(), "working") {
		t.Fatalf("the spinner spins after a job ended (end before start): %v", m.busy)
	}
	// two jobs under one key: one ends, the other still works
	m.Update(uikit.BusyMsg{Key: "hunt", Busy: true})
	m.Update(uikit.BusyMsg{Key: "hunt", Busy: true})
	m.Update(uikit.BusyMsg{Key: "hunt", Busy: false})
	if !busy(m) || !strings.Contains(m.View(), "working") {
		t.Fatalf("a job still running is not shown: %v", m.busy)
	}
	m.Update(uikit.BusyMsg{Key: "hunt", Busy: false})
	if busy(m) || strings.Contains(m.View(), "working") {
		t.Fatalf("busy after every job ended: %v", m.busy)
	}
}

func busy(m *Model) bool {
	for _, n := range m.busy {
		if n > 0 {
			return true
		}
	}
	return false
}
