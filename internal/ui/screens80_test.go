package ui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// screenAt drives the workbench on a generated case at w×h: A is the
// subscriber with the most destinations, keys are pressed, the texts are
// waited for; it returns the last screen, plain.
func screenAt(t *testing.T, w, h int, keys []string, want ...string) []string {
	t.Helper()
	st, _, _ := casekit.SharedCase(t, smallGen())
	return screenOn(t, st, w, h, keys, want...)
}

func screenOn(t *testing.T, st *store.Store, w, h int, keys []string, want ...string) []string {
	t.Helper()
	var a string
	if err := st.DB().QueryRow(`SELECT s.msisdn FROM ipdr i JOIN subscribers s ON s.id = i.subscriber_id
		GROUP BY s.id ORDER BY count(DISTINCT i.dest_ip || ':' || i.dest_port) DESC LIMIT 1`).Scan(&a); err != nil {
		t.Fatal(err)
	}
	env := uitest.Env(t, st)
	tm := teatest.NewTestModel(t, New(env, Panes(env)), teatest.WithInitialTermSize(w, h))
	uitest.WaitFor(t, tm, "Subscribers")
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: a})
	uitest.WaitFor(t, tm, "A "+a)
	uitest.Press(tm, keys...)
	uitest.WaitFor(t, tm, want...)
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC}) // quits from a form too
	m := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	return strings.Split(ansi.Strip(m.View()), "\n")
}

func cutLines(lines []string, match string) []string {
	var out []string
	for _, l := range lines {
		if strings.Contains(l, match) && strings.Contains(l, "…") {
			out = append(out, l)
		}
	}
	return out
}

var sectionsLine = regexp.MustCompile(`Destinations [0-9,]+`)

// Persona's section tabs are read whole at 80×24 (Destinations and its
// count were cut with …) and at 200×50; the applications' details wrap,
// and i shows them whole.
func TestPersonaSectionTabsWhole(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		lines := screenAt(t, size[0], size[1], []string{"2"}, "[2 Persona]", "Frequency")
		screen := strings.Join(lines, "\n")
		for _, want := range []string{"Applications", "Unknown ports", "Handsets & SIMs", "Cells"} {
			if !strings.Contains(screen, want) {
				t.Errorf("%dx%d: no %q:\n%s", size[0], size[1], want, screen)
			}
		}
		if !sectionsLine.MatchString(screen) || len(cutLines(lines, "Destinations")) > 0 || len(lines) != size[1] {
			t.Errorf("%dx%d: the sections are cut:\n%s", size[0], size[1], screen)
		}
	}
	lines := screenAt(t, 80, 24, []string{"2", "i"}, "[2 Persona]", "Frequency")
	if screen := strings.Join(lines, "\n"); strings.Contains(screen, "i: whole") {
		t.Errorf("i did not show the details whole:\n%s", screen)
	}
}

// The Hunt form's placeholders, with this case's examples, fit their
// fields at 80×24 and at 200×50, and a field's error is read whole.
func TestHuntPlaceholdersWhole(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		lines := screenAt(t, size[0], size[1], []string{"5"}, "[5 Hunt]", "(case start)", "✓ to the last record")
		n := 0
		for _, l := range lines {
			for _, label := range []string{"Destinations ", "Ports ", "Cells ", "From ", "To "} {
				if strings.HasPrefix(strings.TrimLeft(l, " ▸"), label) {
					n++
					if strings.Contains(l, "…") || !strings.Contains(l, "✓") {
						t.Errorf("%dx%d: field line cut: %q", size[0], size[1], l)
					}
				}
			}
		}
		if n != 5 {
			t.Errorf("%dx%d: %d field lines:\n%s", size[0], size[1], n, strings.Join(lines, "\n"))
		}
		if screen := strings.Join(lines, "\n"); strings.Count(screen, "e.g. ") != 4 || !strings.Contains(screen, "(case start)") ||
			!strings.Contains(screen, "(case end, inclusive)") || !strings.Contains(screen, "(when no port above)") {
			t.Errorf("%dx%d: placeholders:\n%s", size[0], size[1], screen)
		}
	}
	lines := screenAt(t, 80, 24, []string{"5", "f", "x"}, "✗ Destinations:")
	if screen := strings.Join(lines, "\n"); !strings.Contains(screen, "104.198.99.0/24") || !strings.Contains(screen, "104.198.99.79:443)") {
		t.Errorf("the field's error is cut:\n%s", screen)
	}
}

// SIM-box's line about the selected SIM (its score with the cell's part,
// the decision, how to open its breakdown) is read whole at 80×24 and
// 200×50, on the demo's case (the first SIM's score has a cell part).
func TestSimBoxDetailWhole(t *testing.T) {
	st, _, _ := casekit.GeneratedCase(t, casework.DemoConfig())
	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		lines := screenOn(t, st, size[0], size[1], []string{"6"}, "[6 SIM-box]", "enter: breakdown")
		screen := strings.Join(lines, "\n")
		if !strings.Contains(screen, " + cell ") {
			t.Errorf("%dx%d: the first SIM has no cell part:\n%s", size[0], size[1], screen)
		}
		if !regexp.MustCompile(`score [0-9.]+`).MatchString(screen) || !regexp.MustCompile(`(◆ FLAGGED|not flagged) at ≥ [0-9.]+`).MatchString(screen) ||
			len(cutLines(lines, "▸ ")) > 0 || len(cutLines(lines, "enter: breakdown")) > 0 {
			t.Errorf("%dx%d: the SIM's line is cut:\n%s", size[0], size[1], screen)
		}
		if last := lines[len(lines)-1]; strings.HasPrefix(strings.TrimSpace(last), "…") {
			t.Errorf("%dx%d: the help line starts with a lone …: %q", size[0], size[1], last)
		}
	}
}
