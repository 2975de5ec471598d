package ui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"

	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// The one keymap of the workbench. Global keys are the root's and mean the
// same in every pane (no pane binds them); list keys are those of every
// table; verbs (uikit) are the same key for the same action in every pane.
// The README's "Keys" table is this file in words.

// rootKeys are the workbench's own keys, made per model (never a global).
type rootKeys struct {
	Quit, ForceQuit, Help, Next, Prev, Jump key.Binding
	// Reserved for the command palette (: and ctrl+k), bookmarks (m), the
	// Notes view (N), the case-wide time scope (T), the start screen (O)
	// and import inside (I): global, never a pane's.
	Palette, Bookmark, Notes, TimeScope, OpenCase, Import, Report key.Binding
}

func newRootKeys(panes int) rootKeys {
	digits := make([]string, 0, panes)
	for i := 0; i < panes && i < 10; i++ {
		digits = append(digits, paneDigit(i))
	}
	jumpHelp := fmt.Sprintf("1-%d", len(digits))
	if len(digits) == 10 {
		jumpHelp = "1-9 0"
	}
	return rootKeys{
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit, even from a text field")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys")),
		Next:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		Prev:      key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous pane")),
		Jump:      key.NewBinding(key.WithKeys(digits...), key.WithHelp(jumpHelp, "go to pane")),
		Palette:   key.NewBinding(key.WithKeys(":", "ctrl+k"), key.WithHelp(": ctrl+k", "command palette")),
		Bookmark:  key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "bookmark the item")),
		Notes:     key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "notes")),
		TimeScope: key.NewBinding(key.WithKeys("T"), key.WithHelp("T", "case-wide time scope")),
		OpenCase:  key.NewBinding(key.WithKeys("O"), key.WithHelp("O", "open a case")),
		Import:    key.NewBinding(key.WithKeys("I"), key.WithHelp("I", "import evidence")),
		Report:    key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "report")),
	}
}

// global lists the root's keys in the order help shows them.
func (k rootKeys) global() []key.Binding {
	return []key.Binding{k.Jump, k.Next, k.Prev, k.Help, k.Quit, k.ForceQuit,
		k.Palette, k.Bookmark, k.Notes, k.Report, k.TimeScope, k.OpenCase, k.Import}
}

// reserved are the global keys handled by no code yet: handleKey swallows
// them so that no pane ever sees them. Whoever implements one handles it
// in handleKey's switch and removes it from this list (keeping it in
// global, so help and the keymap test still know it).
func (k rootKeys) reserved() []key.Binding {
	return nil
}

// listKeys are the keys of every list (table) and the verbs every pane
// shares, for the full help and the README.
func listKeys() []key.Binding {
	t := table.DefaultKeyMap()
	return []key.Binding{t.Up, t.Down, t.PageUp, t.PageDown, t.Top, t.Bottom, t.Left, t.Right,
		t.Sort, t.Reverse, t.Filter, uikit.VerbBack(), t.Export, uikit.VerbExportAll(),
		uikit.VerbOpen(""), uikit.VerbFocusA(), uikit.VerbFocusB(), uikit.VerbNextView(), uikit.VerbPrevView(), uikit.VerbWhole()}
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
	return append(c.pane.FullHelp(), c.root.global())
}

// paneDigit is the key of the pane at index i: 1 to 9, then 0 for the
// tenth (the Network pane); "" past it.
func paneDigit(i int) string {
	switch {
	case i < 9:
		return fmt.Sprint(i + 1)
	case i == 9:
		return "0"
	}
	return ""
}

// paneIndex is the index of the pane a digit key jumps to.
func paneIndex(r rune) int {
	if r == '0' {
		return 9
	}
	return int(r - '1')
}
