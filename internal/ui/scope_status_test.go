package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// With A and B in focus on a narrow status line the time scope is not cut: it was
// drawn "⏱ 2024-03-20 00:00 – 2024-03-22", which reads as a day the scope
// excludes. It is shortened whole (no years), or else marked for T.
func TestStatusScopeNeverCut(t *testing.T) {
	env := fixtureEnv(t)
	ts, err := casework.ParseTimeScope("2024-03-20", "2024-03-21")
	if err != nil {
		t.Fatal(err)
	}
	env.Scope = ts
	m := New(env, []uikit.Pane{&spyPane{id: "a"}})
	m.Init()
	m.Update(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: "916437819236"})
	m.Update(uikit.RequestFocusMsg{Role: uikit.RoleB, MSISDN: "917771401181"})
	for _, c := range []struct {
		width int
		want  string
	}{
		{120, "⏱ 2024-03-20 00:00 – 2024-03-22 00:00"},
		{72, "⏱ 03-20 00:00–03-22 00:00"},
		{60, "⏱ scoped (T)"},
	} {
		m.Update(tea.WindowSizeMsg{Width: c.width, Height: 24})
		status := ansi.Strip(m.statusView())
		if !strings.Contains(status, c.want) || !strings.Contains(status, "A 916437819236  B 917771401181") || ansi.StringWidth(status) > c.width {
			t.Errorf("at %d columns the status is %q, want %q in it", c.width, status, c.want)
		}
	}
}

// A terminal smaller than 20×8 is told so whole: the sentence wraps (at
// 19 columns it was cut to "cdrtui needs at lea").
func TestTooSmallSaysSoWhole(t *testing.T) {
	m := New(fixtureEnv(t), []uikit.Pane{&spyPane{id: "a"}})
	m.Init()
	m.Update(tea.WindowSizeMsg{Width: 19, Height: 7})
	lines := strings.Split(m.View(), "\n")
	if got := strings.Join(strings.Fields(strings.Join(lines, " ")), " "); got != "cdrtui needs at least 20×8; the terminal is 19×7" || len(lines) > 7 {
		t.Errorf("%q", lines)
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > 19 {
			t.Errorf("line wider than the terminal: %q", l)
		}
	}
}
