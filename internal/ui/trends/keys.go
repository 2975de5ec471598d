package trends

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"

	"github.com/cdrtui/cdrtui/internal/ui/bars"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// keyMap is the pane's keys; each pane value has its own.
type keyMap struct {
	table                  table.KeyMap
	App, Scope, Set        key.Binding
	Next, Prev             key.Binding
	Drill, Back            key.Binding
	ExportBins, ExportText key.Binding
	Accept, Cancel, Recalc key.Binding
	Heat                   key.Binding
	shortcutsCharts        key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		table:           table.DefaultKeyMap(),
		App:             key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "pick the application")),
		Scope:           key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "A / A vs B / case / set")),
		Set:             key.NewBinding(key.WithKeys("M"), key.WithHelp("M", "set of MSISDNs")),
		Next:            key.NewBinding(key.WithKeys("v", "]"), key.WithHelp("v", uikit.NextView.Desc+": charts, dates, connections")),
		Prev:            key.NewBinding(key.WithKeys("V", "["), key.WithHelp("V", uikit.PrevView.Desc)),
		Drill:           uikit.VerbOpen("connections of the date"),
		Back:            uikit.VerbBack(),
		ExportBins:      key.NewBinding(key.WithKeys("e"), key.WithHelp("e", uikit.Export.Desc+": the three-hour intervals (CSV)")),
		ExportText:      key.NewBinding(key.WithKeys("E"), key.WithHelp("E", uikit.ExportAll.Desc+": the connections as text (Figure 7)")),
		Accept:          key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply")),
		Cancel:          key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Recalc:          key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "recompute")),
		Heat:            key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "heatmap / counts grid")),
		shortcutsCharts: key.NewBinding(key.WithKeys("C", "D", "L"), key.WithHelp("C/D/L", "charts, dates, list")),
	}
}

type paneKeys struct{ p *Pane }

// ShortHelp implements help.KeyMap.
func (k paneKeys) ShortHelp() []key.Binding {
	km, p := k.p.keys, k.p
	switch {
	case p.picker != nil:
		return []key.Binding{km.Accept, km.Cancel, km.table.Filter}
	case p.editingSet:
		return []key.Binding{km.Accept, km.Cancel}
	case p.view == viewDates:
		return []key.Binding{km.App, km.Scope, km.Next, km.Drill, km.ExportBins}
	case p.view == viewConnections:
		return []key.Binding{km.App, km.Scope, km.Next, km.ExportText, km.table.Export}
	}
	out := []key.Binding{km.App, km.Scope, km.Set, km.Next, km.ExportBins}
	if bars.HasColour(p.env.Styles) {
		out = append(out, km.Heat)
	}
	return out
}

// FullHelp implements help.KeyMap.
func (k paneKeys) FullHelp() [][]key.Binding {
	km := k.p.keys
	return append(km.table.FullHelp(),
		[]key.Binding{km.App, km.Scope, km.Set, km.Next, km.Prev, km.shortcutsCharts},
		[]key.Binding{km.Drill, km.Back, km.ExportBins, km.ExportText, km.Recalc})
}

var _ help.KeyMap = paneKeys{}
