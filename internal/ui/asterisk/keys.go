package asterisk

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"

	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// keyMap is the pane's keys, made per pane.
type keyMap struct {
	table table.KeyMap

	Artefacts, Calls, Charts, Modems, Log, CEL, Routes key.Binding

	Open, Back, Filter, Clear key.Binding
	WholeLog, FormNext, Apply key.Binding
	ModemCalls, Focus         key.Binding

	NextChart, DayMonth, HeatUnit, TopN key.Binding
	Level                               key.Binding

	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Search, NextMatch, PrevMatch            key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		table:     table.DefaultKeyMap(),
		Artefacts: key.NewBinding(key.WithKeys("A"), key.WithHelp("A", "artefacts")),
		Calls:     key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "calls")),
		Charts:    key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "dashboard")),
		Modems:    key.NewBinding(key.WithKeys("M"), key.WithHelp("M", "modems")),
		Log:       key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "messages log")),
		CEL:       key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "channel events (CEL)")),
		Routes:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "outbound routes")),

		Open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Back:       key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", uikit.Back.Desc)),
		Filter:     key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "filter calls")),
		Clear:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear the calls filter")),
		WholeLog:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "the whole log")),
		FormNext:   key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab", "next field")),
		Apply:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply")),
		ModemCalls: key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "this modem's calls")),
		Focus:      key.NewBinding(key.WithKeys("enter", "a"), key.WithHelp("enter/a", uikit.FocusA.Desc)),

		NextChart: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next chart")),
		DayMonth:  key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "per day/month")),
		HeatUnit:  key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "heat: calls/duration")),
		TopN:      key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "top 10/20/50")),
		Level:     key.NewBinding(key.WithKeys("W"), key.WithHelp("W", "log level")),

		Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:    key.NewBinding(key.WithKeys("pgup", "ctrl+b", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown:  key.NewBinding(key.WithKeys("pgdown", "ctrl+f", "ctrl+d", " "), key.WithHelp("pgdn", "page down")),
		Top:       key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g", "top")),
		Bottom:    key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", "bottom")),
		Search:    key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter: search the text")),
		NextMatch: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match")),
		PrevMatch: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "previous match")),
	}
}

// paneKeys is the help for the view on screen.
type paneKeys struct{ p *Pane }

// KeyMap implements uikit.Pane.
func (p *Pane) KeyMap() help.KeyMap { return paneKeys{p} }

func (k paneKeys) ShortHelp() []key.Binding {
	km := k.p.keys
	if k.p.form != nil {
		return []key.Binding{km.FormNext, km.Apply, km.Back}
	}
	switch k.p.view {
	case viewArtefacts:
		return []key.Binding{km.Open, km.Calls, km.Charts, km.Modems, km.Log}
	case viewRaw:
		return []key.Binding{km.Search, km.NextMatch, km.Back}
	case viewCalls:
		return []key.Binding{km.Open, km.Filter, km.Clear, km.table.Filter, km.Charts}
	case viewCharts:
		return []key.Binding{km.NextChart, km.DayMonth, km.HeatUnit, km.TopN, km.Filter}
	case viewModems:
		return []key.Binding{km.Open, km.ModemCalls, km.Filter, km.Log}
	case viewHits:
		return []key.Binding{km.Focus, km.Back}
	case viewLog:
		return []key.Binding{km.Open, km.Level, km.WholeLog, km.table.Filter, km.Calls}
	case viewCEL:
		return []key.Binding{km.Open, km.table.Filter, km.Calls}
	case viewCELCall:
		return []key.Binding{km.Open, km.Back, km.table.Filter}
	case viewRoutes:
		return []key.Binding{km.Open, km.table.Filter, km.Calls}
	}
	return nil
}

func (k paneKeys) FullHelp() [][]key.Binding {
	km := k.p.keys
	return append(km.table.FullHelp(),
		[]key.Binding{km.Artefacts, km.Calls, km.Charts, km.Modems, km.Log, km.CEL, km.Routes},
		[]key.Binding{km.Open, km.Back, km.Filter, km.Clear, km.ModemCalls},
		[]key.Binding{km.NextChart, km.DayMonth, km.HeatUnit, km.TopN, km.Level, km.Search, km.NextMatch, km.PrevMatch})
}
