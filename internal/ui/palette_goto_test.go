package ui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
)

// The palette's "Go to" commands name the key that goes to the pane: the
// tenth, Network, is 0 (the palette said 10, a key that does nothing).
func TestPaletteGoToNamesThePaneKey(t *testing.T) {
	st, _ := uitest.TextCase(t, "calls.csv", "MSISDN,B_NUMBER,CALL_TYPE,CALL_DATE,CALL_TIME,DURATION,CELL_ID\n"+
		"919800000001,919800000002,VOICE_OUT,2024-03-13,10:00:00,60,X\n")
	env := uitest.Env(t, st)
	panes := Panes(env)
	m := New(env, panes)
	want := map[string]string{}
	for i, p := range panes {
		want["Go to "+p.Title()] = paneDigit(i)
	}
	if want["Go to Network"] != "0" {
		t.Fatalf("Network is not the tenth pane: %v", want)
	}
	seen := 0
	for _, c := range m.commands() {
		if k, ok := want[c.Name]; ok {
			seen++
			if c.Keys != k {
				t.Errorf("%s: the palette says %q, the key is %q", c.Name, c.Keys, k)
			}
		}
	}
	if seen != len(panes) {
		t.Errorf("%d go-to commands for %d panes", seen, len(panes))
	}
}

// A palette command sends its key to the pane as the pane is: the
// Overview's enter opens a Persona in its subscribers and a source's
// rejected lines in its sources, so the palette offers enter under the
// name of the view shown. Before, "Overview: rejected lines of the
// source" was offered over the subscribers and opened a Persona.
func TestPaletteOffersAKeyForThePaneView(t *testing.T) {
	st, _ := uitest.TextCase(t, "calls.csv", "MSISDN,B_NUMBER,CALL_TYPE,CALL_DATE,CALL_TIME,DURATION,CELL_ID\n"+
		"919800000001,919800000002,VOICE_OUT,2024-03-13,10:00:00,60,X\n")
	env := uitest.Env(t, st)
	m := New(env, Panes(env))
	names := func() map[string]bool {
		out := map[string]bool{}
		for _, c := range m.commands() {
			out[c.Name] = true
		}
		return out
	}
	got := names()
	if !got["Overview: open in Persona (as A)"] || got["Overview: rejected lines of the source"] {
		t.Errorf("over the subscribers the palette offers %v", got)
	}
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("v")}) // the sources
	got = names()
	if got["Overview: open in Persona (as A)"] || !got["Overview: rejected lines of the source"] {
		t.Errorf("over the sources the palette offers %v", got)
	}
	if !got["Overview: next view: subscribers/sources"] || !got["Go to Persona"] {
		t.Errorf("commands of no other view lost: %v", got)
	}
}
