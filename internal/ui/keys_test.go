package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// The one keymap: no pane binds a global key, and a verb's key means the
// verb wherever a pane binds it (a is always "make A", e always "export",
// v always "next view" ...).
func TestOneKeymap(t *testing.T) {
	env := fixtureEnv(t)
	globals := uikit.GlobalKeys()
	verbs := map[string]string{}
	for _, v := range uikit.Verbs() {
		if v.Key != uikit.Open.Key && v.Key != uikit.Back.Key { // a pane says what it opens, and esc backs out of its own things
			verbs[v.Key] = v.Desc
		}
	}
	m := New(env, Panes(env))
	for _, root := range m.keys.global() {
		for _, k := range root.Keys() {
			if !slices.Contains(globals, k) {
				t.Errorf("the root binds %q, which uikit.GlobalKeys does not list", k)
			}
		}
	}
	for _, p := range Panes(env) {
		for _, g := range p.KeyMap().FullHelp() {
			for _, b := range g {
				for _, k := range b.Keys() {
					// tab moves between a form's fields only while a text
					// field has the keyboard (every key is then the pane's)
					inField := strings.HasSuffix(b.Help().Desc, " field") && (k == "tab" || k == "shift+tab")
					if slices.Contains(globals, k) && !inField {
						t.Errorf("%s binds the global key %q to %q", p.ID(), k, b.Help().Desc)
					}
					if want, ok := verbs[k]; ok && !strings.HasPrefix(b.Help().Desc, want) {
						t.Errorf("%s binds %q to %q; the keymap says %q", p.ID(), k, b.Help().Desc, want)
					}
				}
			}
		}
	}
}

// keySpy is a pane that records the keys it is given.
type keySpy struct {
	spyPane
	keys []string
}

func (p *keySpy) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok {
		p.keys = append(p.keys, k.String())
	}
	return nil
}

func (p *keySpy) KeyMap() help.KeyMap { return keyList{} }

// Global keys never reach a pane (unless a text field has the keyboard).
func TestGlobalKeysNeverReachAPane(t *testing.T) {
	env := fixtureEnv(t)
	// each on a fresh workbench: a key that opens a dialog (the palette,
	// notes, the time scope) gives the keyboard to it
	for _, k := range []string{":", "ctrl+k", "m", "N", "R", "T", "O", "I", "?"} {
		spy := &keySpy{spyPane: spyPane{id: "spy"}}
		m := New(env, []uikit.Pane{spy, &spyPane{id: "other"}})
		m.Init()
		if k == "ctrl+k" {
			m.Update(tea.KeyMsg{Type: tea.KeyCtrlK})
		} else {
			m.Update(uitest.Key(k))
		}
		if len(spy.keys) != 0 {
			t.Fatalf("%s: the pane was given %q", k, spy.keys)
		}
	}
	spy := &keySpy{spyPane: spyPane{id: "spy"}}
	m := New(env, []uikit.Pane{spy, &spyPane{id: "other"}})
	m.Init()
	m.Update(uitest.Key("x"))
	if !slices.Equal(spy.keys, []string{"x"}) {
		t.Fatalf("a pane key did not reach the pane: %q", spy.keys)
	}
}

var _ = key.NewBinding
