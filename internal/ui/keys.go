package ui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
)

// rootKeys are the workbench's own keys, made per model (never a global).
type rootKeys struct {
	Quit, ForceQuit, Help, Next, Prev, Jump key.Binding
	Bookmark, Notes, Report                 key.Binding // h18: the case's memory (ui/memory.go)
}

func newRootKeys(panes int) rootKeys {
	digits := make([]string, 0, panes)
	for i := 1; i <= panes && i <= 9; i++ {
		digits = append(digits, fmt.Sprint(i))
	}
	return rootKeys{
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Next:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		Prev:      key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous pane")),
		Jump:      key.NewBinding(key.WithKeys(digits...), key.WithHelp(fmt.Sprintf("1-%d", len(digits)), "go to pane")),
		Bookmark:  key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "bookmark")),
		Notes:     key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "notes")),
		Report:    key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "report")),
	}
}

// combinedKeys shows the active pane's keys first, then the root's.
type combinedKeys struct {
	pane help.KeyMap
	root rootKeys
}

func (c combinedKeys) ShortHelp() []key.Binding {
	return append(c.pane.ShortHelp(), c.root.Next, c.root.Help, c.root.Quit)
}

func (c combinedKeys) FullHelp() [][]key.Binding {
	return append(c.pane.FullHelp(), []key.Binding{c.root.Jump, c.root.Next, c.root.Prev, c.root.Bookmark, c.root.Notes, c.root.Report, c.root.Help, c.root.Quit, c.root.ForceQuit})
}
