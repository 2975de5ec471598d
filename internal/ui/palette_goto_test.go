package ui

import (
	"testing"

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
