package persona

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"

	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// keyMap is the pane's keys; each pane value has its own.
type keyMap struct {
	table            table.KeyMap
	Next, Prev       key.Binding
	Drill, Back      key.Binding
	RDNS             key.Binding
	Reload           key.Binding
	Chart            key.Binding
	Whole            key.Binding
	sectionShortcuts key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		table:            table.DefaultKeyMap(),
		Next:             key.NewBinding(key.WithKeys("v", "]"), key.WithHelp("v", uikit.NextView.Desc+": the next section")),
		Prev:             key.NewBinding(key.WithKeys("V", "["), key.WithHelp("V", uikit.PrevView.Desc+": the previous section")),
		Drill:            uikit.VerbOpen("records of the row"),
		Back:             uikit.VerbBack(),
		RDNS:             key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reverse DNS (network)")),
		Reload:           key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "recompute")),
		Chart:            key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "bar chart / table (narrow screens)")),
		Whole:            key.NewBinding(key.WithKeys(uikit.Whole.Key), key.WithHelp(uikit.Whole.Key, uikit.Whole.Detail("the row's details"))),
		sectionShortcuts: key.NewBinding(key.WithKeys("A", "U", "D", "C"), key.WithHelp("A/U/D/C", "apps, unknown ports, devices, cells")),
	}
}

type paneKeys struct{ p *Pane }

// ShortHelp implements help.KeyMap.
func (k paneKeys) ShortHelp() []key.Binding {
	km := k.p.keys
	if k.p.drill != nil {
		return []key.Binding{km.Back, km.table.Filter, km.table.Export}
	}
	out := []key.Binding{km.Next, km.Drill}
	if k.p.section == secApps && k.p.width < chartMinWidth {
		out = append(out, km.Chart)
	}
	if k.p.section == secDestinations {
		out = append(out, km.RDNS)
	}
	return append(out, km.table.Sort, km.table.Export)
}

// FullHelp implements help.KeyMap.
func (k paneKeys) FullHelp() [][]key.Binding {
	km := k.p.keys
	return append(km.table.FullHelp(), []key.Binding{km.Next, km.Prev, km.sectionShortcuts, km.Drill, km.Back, km.RDNS, km.Reload, km.Chart, km.Whole})
}

var _ help.KeyMap = paneKeys{}
