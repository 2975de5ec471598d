package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/trends"
)

// What the tour at 80x24 found cut: each text is read whole.

// The start screen's hint wraps instead of ending in "(d…".
func TestTourStartScreenHintWhole(t *testing.T) {
	tm := shellOn(t, ShellOptions{}, 80, 24)
	uitest.WaitFor(t, tm, "Recent cases: none yet", "or try the demo", "(d).")
	quitShell(t, tm)
}

// The help line always ends with the keys that answer everything (?,
// the palette, quit), whatever the pane's keys leave room for; the
// correlation hints, the time scope's and the picker's keys are whole.
func TestTourEightyColumns(t *testing.T) {
	st, _, _ := casekit.SharedCase(t, smallGen())
	tm := shellOn(t, ShellOptions{Store: st, ImportDir: t.TempDir()}, 80, 24)
	uitest.WaitFor(t, tm, "row 1 of", "? all keys • : ctrl+k command palette • q quit", " ipdr · ")
	uitest.Press(tm, "3")
	uitest.WaitFor(t, tm, "no A yet: in the Overview, a makes A and b makes B", "? all keys")
	uitest.Press(tm, "T")
	uitest.WaitFor(t, tm, "ctrl+x clear · esc cancel")
	uitest.Press(tm, "esc")
	uitest.WaitFor(t, tm, "no A yet")
	uitest.Press(tm, "I")
	uitest.WaitFor(t, tm, "Import into", "tab layouts", "q close")
	uitest.Press(tm, "q")
	uitest.WaitFor(t, tm, "no A yet")
	uitest.Press(tm, ":")
	uitest.WaitFor(t, tm, "Palette · enter go (a subscriber: A) · ctrl+b as B · esc close")
	uitest.Press(tm, "esc")
	quitShell(t, tm)
}

// The Trends pane's second line leaves its note out rather than cut it.
func TestTourTrendsLineNotCut(t *testing.T) {
	st, _ := uitest.TextCase(t, "ipdr.csv", "MSISDN,DESTPORT,START\n911000000001,5222,2024-03-19 10:00:00\n")
	p := trends.New(uitest.Env(t, st))
	for _, w := range []int{80, 200} {
		p.SetSize(w, 24)
		lines := strings.Split(ansi.Strip(p.View()), "\n")
		if len(lines) < 2 || strings.Contains(lines[1], "…") {
			t.Errorf("%d wide: line 2 is cut: %q", w, lines[1])
		}
		if note := strings.Contains(lines[1], "wall clock of the evidence"); note != (w == 200) {
			t.Errorf("%d wide: line 2 %q", w, lines[1])
		}
	}
}
