package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
)

// The short help under every pane shows whole keys or none: at 80
// columns the Location pane's read "+/- zoom in / ou…" (bubbles' help
// adds an item that does not fit when its "…" does not fit either, and
// the line was then cut). Every item shown is one of the pane's or the
// workbench's, whole, the last of the pane's perhaps followed by "…";
// when not even the first fits, it ends at a whole word.
func TestShortHelpNeverCutsAKey(t *testing.T) {
	st, _ := uitest.TextCase(t, "calls.csv", "MSISDN,B_NUMBER,CALL_TYPE,CALL_DATE,CALL_TIME,DURATION,CELL_ID\n"+
		"919800000001,919800000002,VOICE_OUT,2024-03-13,10:00:00,60,X\n")
	env := uitest.Env(t, st)
	panes := Panes(env)
	m := New(env, panes)
	for _, p := range panes {
		c := combinedKeys{pane: p.KeyMap(), root: m.keys}
		whole := map[string]bool{}
		for _, kb := range append(p.KeyMap().ShortHelp(), m.keys.Help, m.keys.Palette, m.keys.Quit) {
			whole[kb.Help().Key+" "+kb.Help().Desc] = true
		}
		for w := 50; w <= 140; w++ {
			line := ansi.Strip(shortHelpLine(&m.help, c, w))
			if lw := ansi.StringWidth(line); lw > w {
				t.Errorf("%s at %d: %d wide: %q", p.Title(), w, lw, line)
			}
			for i, item := range strings.Split(line, " • ") {
				cut := strings.HasSuffix(item, " …")
				item = strings.TrimSuffix(item, " …")
				if item == "" || item == "…" || whole[item] {
					continue
				}
				if i == 0 && cut && wordPrefix(item, whole) {
					continue
				}
				t.Errorf("%s at %d columns: %q is cut: %q", p.Title(), w, item, line)
				break
			}
		}
	}
}

// wordPrefix: s is one of whole cut after a word.
func wordPrefix(s string, whole map[string]bool) bool {
	for w := range whole {
		if strings.HasPrefix(w, s+" ") {
			return true
		}
	}
	return false
}
