package table

import tea "github.com/charmbracelet/bubbletea"

// SetFilter filters the table by text, as typed after / (the palette uses
// it to show what it found), and reloads.
func (m *Model) SetFilter(text string) tea.Cmd {
	m.filter = text
	m.filterInput.SetValue(text)
	return m.Reload()
}
