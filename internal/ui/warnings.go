package ui

import (
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
)

// caseWarningsMsg is what the analyst should know of the case as opened:
// the store's warnings (damage, a case read as immutable, a large case's
// check still running) and an import by another program holding it.
type caseWarningsMsg struct {
	warnings []string
	checking bool // a background check runs: its end is said too
}

// checkEndedMsg is the end of a large case's background check: the damage
// it found, "" when the case passed.
type checkEndedMsg struct{ damage string }

// caseWarnings reads the case's warnings once, when the workbench opens
// on it, off the UI goroutine.
func (m *Model) caseWarnings() tea.Cmd {
	st := m.env.Store
	if st == nil {
		return nil
	}
	return func() tea.Msg {
		ws := st.Warnings()
		if err := st.ImportInProgress(); err != nil {
			ws = append(ws, err.Error())
		}
		return caseWarningsMsg{warnings: ws, checking: st.Checking()}
	}
}

// waitCheck waits for the case's background check and says how it ended.
func (m *Model) waitCheck() tea.Cmd {
	st, ctx := m.env.Store, m.env.Context
	return func() tea.Msg {
		if err := st.WaitChecked(ctx); err != nil {
			return nil // the workbench quit first
		}
		msg := checkEndedMsg{}
		if st.Damaged() != "" {
			ws := st.Findings()
			msg.damage = ws[len(ws)-1] // the damage, with how to recover
		}
		return msg
	}
}

// warningsMsg puts the case's warnings on the message line (once: they
// leave it at the next key, as any message does).
func (m *Model) warningsMsg(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case caseWarningsMsg:
		if len(msg.warnings) > 0 {
			m.status, m.lastErr = "warning: "+strings.Join(msg.warnings, " · "), nil
			m.layout()
		}
		if msg.checking {
			return m.waitCheck(), true
		}
		return nil, true
	case checkEndedMsg:
		switch {
		case msg.damage != "":
			m.lastErr = errors.New(msg.damage)
		case m.status == "" && m.lastErr == nil:
			m.status = "the case's integrity check (SQLite quick_check) passed"
		default:
			return nil, true
		}
		m.layout()
		return nil, true
	}
	return nil, false
}
