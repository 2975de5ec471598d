package uikit

import "github.com/charmbracelet/bubbles/key"

// The workbench has one keymap (internal/ui/keys.go and the README's
// table). Its verbs are the keys that mean the same action in every pane;
// a pane that offers the action binds it with the verb below (made per
// call, never a shared global) and never binds the verb's key to anything
// else. Global keys (GlobalKeys) are the root's and reach no pane.

// Verb descriptions, as help shows them: the keymap test compares a
// pane's binding of a verb's key with these.
const (
	DescOpen      = "open / records"
	DescBack      = "back / clear filter"
	DescFocusA    = "make A"
	DescFocusB    = "make B"
	DescExport    = "export"
	DescExportAll = "export the report"
	DescNextView  = "next view"
	DescPrevView  = "previous view"
	DescWhole     = "show the whole value"
)

// Verb keys.
const (
	KeyOpen      = "enter"
	KeyBack      = "esc"
	KeyFocusA    = "a"
	KeyFocusB    = "b"
	KeyExport    = "e"
	KeyExportAll = "E"
	KeyFilter    = "/"
	KeyNextView  = "v"
	KeyPrevView  = "V"
	KeyWhole     = "i"
)

// VerbOpen is enter: open the row (its records, its detail). A pane may
// say what it opens in its own words.
func VerbOpen(desc string) key.Binding {
	if desc == "" {
		desc = DescOpen
	}
	return key.NewBinding(key.WithKeys(KeyOpen), key.WithHelp("enter", desc))
}

// VerbBack is esc: back out of a drill-down, clear a filter, close a form.
func VerbBack() key.Binding {
	return key.NewBinding(key.WithKeys(KeyBack), key.WithHelp("esc", DescBack))
}

// VerbFocusA is a: the row's subscriber becomes A for every pane.
func VerbFocusA() key.Binding {
	return key.NewBinding(key.WithKeys(KeyFocusA), key.WithHelp("a", DescFocusA))
}

// VerbFocusB is b: the row's subscriber becomes B.
func VerbFocusB() key.Binding {
	return key.NewBinding(key.WithKeys(KeyFocusB), key.WithHelp("b", DescFocusB))
}

// VerbExportAll is E: export everything the view says (statements, the
// paper's intervals, the connections text), beside the list's own e.
func VerbExportAll() key.Binding {
	return key.NewBinding(key.WithKeys(KeyExportAll), key.WithHelp("E", DescExportAll))
}

// VerbNextView is v: the pane's next sub-view.
func VerbNextView() key.Binding {
	return key.NewBinding(key.WithKeys(KeyNextView), key.WithHelp("v", DescNextView))
}

// VerbPrevView is V: the pane's previous sub-view.
func VerbPrevView() key.Binding {
	return key.NewBinding(key.WithKeys(KeyPrevView), key.WithHelp("V", DescPrevView))
}

// VerbWhole is i: the selected value whole (a path, a hash, a statement).
func VerbWhole() key.Binding {
	return key.NewBinding(key.WithKeys(KeyWhole), key.WithHelp("i", DescWhole))
}

// GlobalKeys are the keys the root model handles in every pane (when no
// text field has the keyboard); no pane binds them.
func GlobalKeys() []string {
	return []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "tab", "shift+tab", "?", "q", "ctrl+c",
		":", "ctrl+k", "m", "N", "R", "T", "O", "I"}
}
