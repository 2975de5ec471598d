package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// A pane's "busy" and "done" are two commands run on goroutines of their
// own, so the "done" of a quick computation can arrive before its "busy"
// on a loaded machine. Counted as they come, the pair still cancels out:
// the status line does not say "working" for ever.
func TestBusyDoneBeforeBusyLeavesIdle(t *testing.T) {
	st, _ := uitest.TextCase(t, "calls.csv", "MSISDN,B_NUMBER,CALL_TYPE,CALL_DATE,CALL_TIME,DURATION\n919800000001,919800000002,VOICE_OUT,2024-03-13,10:00:00,60\n")
	env := uitest.Env(t, st)
	var m tea.Model = New(env, Panes(env))
	m, _ = m.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
	send := func(key string, busy bool) { m, _ = m.Update(uikit.BusyMsg{Key: key, Busy: busy}) }
	send("calls", true) // in order: working, then idle
	if v := m.View(); !strings.Contains(v, "working") {
		t.Fatalf("busy: no working in the status line:\n%s", v)
	}
	send("calls", false)
	send("calls", false) // the next computation's done first
	send("calls", true)
	if v := m.View(); strings.Contains(v, "working") {
		t.Errorf("done before busy: still working:\n%s", v)
	}
	send("network", false)
	send("calls", true)
	if v := m.View(); !strings.Contains(v, "working") {
		t.Errorf("another key's early done hides a computation under way:\n%s", v)
	}
}
