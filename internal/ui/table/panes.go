package table

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// EnvOptions are the options of a table named name in a pane running in
// env: exports go to env's export directory, background pages stop with
// env's context, and empty is shown when there are no rows.
func EnvOptions(env *uikit.Env, name, empty string) Options {
	opts := Options{Name: name, ExportDir: env.ExportDir, Context: env.Context, Empty: empty}
	switch {
	case env.Case != nil: // the case itself, also where a pane reads a copy (the PBX artefacts of a case on ClickHouse)
		opts.Case = env.Case
	case env.Store != nil:
		opts.Case = env.Store
	}
	return opts
}

// UpdateAll passes msg to each of a pane's tables that exists (nil ones
// are skipped) and batches what they return: the way a pane hands its
// tables the messages it does not handle itself (pages, counts, ticks).
func UpdateAll(msg tea.Msg, tables ...*Model) tea.Cmd {
	var cmds []tea.Cmd
	for _, t := range tables {
		if t != nil {
			cmds = append(cmds, t.Update(msg))
		}
	}
	return tea.Batch(cmds...)
}
