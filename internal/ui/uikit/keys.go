package uikit

import "github.com/charmbracelet/bubbles/key"

// The workbench has one keymap (internal/ui/keys.go and the README's
// table). Its verbs are the keys that mean the same action in every pane;
// a pane that offers the action binds it with the verb below (made per
// call, never a shared global) and never binds the verb's key to anything
// else. Global keys (GlobalKeys) are the root's and reach no pane.

// Verb is one action of the keymap: its key and how help says it. The
// keymap test compares a pane's binding of a verb's key with Desc.
type Verb struct{ Key, Desc string }

// The verbs: the one table of them (Verbs lists it).
var (
	Open      = Verb{"enter", "open / records"}
	Back      = Verb{"esc", "back / clear filter"}
	FocusA    = Verb{"a", "make A"}
	FocusB    = Verb{"b", "make B"}
	Export    = Verb{"e", "export"}
	ExportAll = Verb{"E", "export the report"}
	Filter    = Verb{"/", "filter"}
	NextView  = Verb{"v", "next view"}
	PrevView  = Verb{"V", "previous view"}
	Whole     = Verb{"i", "show the whole value"}
)

// Verbs is every verb, in the order help lists them.
func Verbs() []Verb {
	return []Verb{Open, Back, FocusA, FocusB, Export, ExportAll, Filter, NextView, PrevView, Whole}
}

// Binding is the verb's key with its description, or with desc instead
// when desc is not "".
func (v Verb) Binding(desc string) key.Binding {
	if desc == "" {
		desc = v.Desc
	}
	return key.NewBinding(key.WithKeys(v.Key), key.WithHelp(v.Key, desc))
}

// Detail is the verb's description with what it acts on in this pane
// ("next view: summary, pairs, contacts").
func (v Verb) Detail(what string) string { return v.Desc + ": " + what }

// VerbOpen is enter: open the row (its records, its detail). A pane may
// say what it opens in its own words.
func VerbOpen(desc string) key.Binding { return Open.Binding(desc) }

// VerbBack is esc: back out of a drill-down, clear a filter, close a form.
func VerbBack() key.Binding { return Back.Binding("") }

// VerbFocusA is a: the row's subscriber becomes A for every pane.
func VerbFocusA() key.Binding { return FocusA.Binding("") }

// VerbFocusB is b: the row's subscriber becomes B.
func VerbFocusB() key.Binding { return FocusB.Binding("") }

// VerbExportAll is E: export everything the view says (statements, the
// paper's intervals, the connections text), beside the list's own e.
func VerbExportAll() key.Binding { return ExportAll.Binding("") }

// VerbNextView is v: the pane's next sub-view.
func VerbNextView() key.Binding { return NextView.Binding("") }

// VerbPrevView is V: the pane's previous sub-view.
func VerbPrevView() key.Binding { return PrevView.Binding("") }

// VerbWhole is i: the selected value whole (a path, a hash, a statement).
func VerbWhole() key.Binding { return Whole.Binding("") }

// GlobalKeys are the keys the root model handles in every pane (when no
// text field has the keyboard); no pane binds them.
func GlobalKeys() []string {
	return []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "tab", "shift+tab", "?", "q", "ctrl+c",
		":", "ctrl+k", "m", "N", "R", "T", "O", "I"}
}
