package ui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
)

// rootKeys are the workbench's own keys, made per model (never a global).
type rootKeys struct {
	Quit, ForceQuit, Help, Next, Prev, Jump key.Binding
	// h17b: the start screen, import inside, the palette, the time scope
	Start, Import, Palette, Scope key.Binding
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
		Start:     key.NewBinding(key.WithKeys("O"), key.WithHelp("O", "start screen / open case")),
		Import:    key.NewBinding(key.WithKeys("I"), key.WithHelp("I", "import evidence")),
		Palette:   key.NewBinding(key.WithKeys(":", "ctrl+k"), key.WithHelp(":/ctrl+k", "palette: find, run")),
		Scope:     key.NewBinding(key.WithKeys("T"), key.WithHelp("T", "time scope")),
	}
}

// combinedKeys shows the active pane's keys first, then the root's.
type combinedKeys struct {
	pane help.KeyMap
	root rootKeys
}

func (c combinedKeys) ShortHelp() []key.Binding {
	return append(c.pane.ShortHelp(), c.root.Palette, c.root.Next, c.root.Help, c.root.Quit)
}

func (c combinedKeys) FullHelp() [][]key.Binding {
	return append(c.pane.FullHelp(), []key.Binding{c.root.Jump, c.root.Next, c.root.Prev, c.root.Help, c.root.Quit, c.root.ForceQuit},
		[]key.Binding{c.root.Palette, c.root.Scope, c.root.Import, c.root.Start})
}
