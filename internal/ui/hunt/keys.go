package hunt

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"

	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// keyMap is the hunt pane's keys, made per pane.
type keyMap struct {
	table table.KeyMap
	// the form
	Edit, Run, NextField, PrevField, Leave key.Binding
	// the results
	Drill, Back, FocusA, FocusB, ExportAll, Save, Saved, Expand key.Binding
	Scenes                                                      key.Binding
	// the scenes form
	SceneRun, SceneAdd, SceneDel, SceneEdit key.Binding
	// the saved hunts
	Rerun, Delete key.Binding
	// the save prompt
	Accept, Cancel key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		table:     table.DefaultKeyMap(),
		Edit:      key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "edit the hunt")),
		Run:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "hunt")),
		NextField: key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab/↓", "next field")),
		PrevField: key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab/↑", "previous field")),
		Leave:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "leave the form")),
		Drill:     uikit.VerbOpen("the subscriber's records in the hunt"),
		Back:      key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", uikit.Back.Desc)),
		FocusA:    uikit.VerbFocusA(),
		FocusB:    uikit.VerbFocusB(),
		ExportAll: key.NewBinding(key.WithKeys("E"), key.WithHelp("E", uikit.ExportAll.Desc+": statements, subscribers, records")),
		Save:      key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "save hunt")),
		Saved:     key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "saved hunts")),
		Scenes:    key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "tower-dump scenes")),
		SceneRun:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "find")),
		SceneAdd:  key.NewBinding(key.WithKeys("ctrl+n"), key.WithHelp("ctrl+n", "add a scene")),
		SceneDel:  key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "remove the scene")),
		SceneEdit: key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "edit the scenes")),
		Expand:    key.NewBinding(key.WithKeys("i"), key.WithHelp("i", uikit.Whole.Desc+": the statement")),
		Rerun:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "rerun")),
		Delete:    key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "delete saved hunt")),
		Accept:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
		Cancel:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// paneKeys shows the keys of the pane's current state.
type paneKeys struct{ p *Pane }

// KeyMap implements uikit.Pane.
func (p *Pane) KeyMap() help.KeyMap { return paneKeys{p} }

func (k paneKeys) ShortHelp() []key.Binding {
	km, p := k.p.keys, k.p
	switch {
	case p.sc.on && p.sc.editing:
		return []key.Binding{km.SceneRun, km.SceneAdd, km.SceneDel, km.NextField, km.Leave}
	case p.sc.on:
		return []key.Binding{km.SceneEdit, km.FocusA, km.FocusB, km.Back}
	case p.naming:
		return []key.Binding{km.Accept, km.Cancel}
	case p.form.active:
		return []key.Binding{km.Run, km.NextField, km.PrevField, km.Leave}
	case p.mode == modeRecords:
		return []key.Binding{km.Back, km.table.Filter, km.table.Export, km.Save}
	case p.mode == modeSaved:
		return []key.Binding{km.Rerun, km.Delete, km.Back}
	case p.result == nil:
		return []key.Binding{km.Edit, km.Saved, km.Scenes}
	}
	return []key.Binding{km.Edit, km.Drill, km.Expand, km.ExportAll, km.Save, km.Saved, km.Scenes, km.FocusA}
}

func (k paneKeys) FullHelp() [][]key.Binding {
	km := k.p.keys
	return append(km.table.FullHelp(),
		[]key.Binding{km.Edit, km.Run, km.NextField, km.PrevField, km.Leave},
		[]key.Binding{km.Drill, km.Back, km.Expand, km.FocusA, km.FocusB, km.ExportAll, km.Save, km.Saved, km.Scenes, km.Rerun, km.Delete},
		[]key.Binding{km.SceneRun, km.SceneAdd, km.SceneDel, km.SceneEdit})
}
