package network

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// keyMap is the pane's keys; each pane value has its own.
type keyMap struct {
	Up, Down, Left, Right key.Binding
	Recenter, Back        key.Binding
	More, Fewer           key.Binding
	FocusA, Export        key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "number above")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "number below")),
		Left:     key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "number to the left")),
		Right:    key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "number to the right")),
		Recenter: uikit.VerbOpen("re-centre on the number"),
		Back:     uikit.VerbBack(),
		More:     key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+", "one hop more")),
		Fewer:    key.NewBinding(key.WithKeys("-"), key.WithHelp("-", "one hop fewer")),
		FocusA:   uikit.VerbFocusA(),
		Export:   uikit.Export.Binding(uikit.Export.Desc + ": GraphML, GEXF, DOT, CSV"),
	}
}

type paneKeys struct{ p *Pane }

// ShortHelp implements help.KeyMap.
func (k paneKeys) ShortHelp() []key.Binding {
	km := k.p.keys
	return []key.Binding{km.Right, km.Recenter, km.More, km.Fewer, km.Export}
}

// FullHelp implements help.KeyMap.
func (k paneKeys) FullHelp() [][]key.Binding {
	km := k.p.keys
	return [][]key.Binding{{km.Up, km.Down, km.Left, km.Right}, {km.Recenter, km.Back, km.More, km.Fewer, km.FocusA, km.Export}}
}
