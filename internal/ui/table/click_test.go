package table

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
)

func leftClick(x, y int) tea.MouseMsg {
	return tea.MouseMsg{X: x, Y: y, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress}
}

// A click that arrives while the list reloads (a sort just asked for, its
// page not yet in) selects the row the analyst saw on the clicked line,
// found in the new list, not the row the new list puts on that line.
func TestClickWhileReloadingSelectsTheRowClicked(t *testing.T) {
	for _, tc := range []struct {
		name string
		ref  func(i int) any
	}{
		{"by Ref", func(i int) any { return i }},
		{"by cells (no Ref)", func(int) any { return nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := New(scoreRows(50, func(i int) int { return i }, tc.ref, nil), uitest.Styles(), Options{})
			m.SetSize(80, 24)
			run(m, m.Init())
			// sorted by SIM as text: sim-1, sim-10, sim-11 on lines 1..3
			if r, _ := m.Selected(); r.Cells[0] != "sim-1" {
				t.Fatalf("first row %q", r.Cells)
			}
			sortCmd := m.Update(uitest.Key("s")) // by score: sim-1, sim-2, sim-3 …
			run(m, m.Update(leftClick(3, 3)))    // the third line shows sim-11 (the old list)
			run(m, sortCmd)
			r, ok := m.Selected()
			if !ok || r.Cells[0] != "sim-11" {
				t.Fatalf("after the sort landed %q is selected, want sim-11 (the row clicked)", r.Cells)
			}
			if m.sort != 1 {
				t.Errorf("sort column %d, want the score", m.sort)
			}
			// it stays on the line clicked; once the list is in, a click is
			// a plain click: the line above holds sim-10
			if m.cursor-m.top != 2 {
				t.Errorf("the row clicked moved to line %d", m.cursor-m.top+1)
			}
			run(m, m.Update(leftClick(3, 2)))
			if r, _ := m.Selected(); r.Cells[0] != "sim-10" {
				t.Errorf("a click on line 2 selected %q, want sim-10", r.Cells)
			}
		})
	}
}

// A row clicked during a reload that the new list lacks selects nothing
// else: the cursor stays on the new list's first row.
func TestClickWhileReloadingOnARowGone(t *testing.T) {
	m := New(scoreRows(50, func(i int) int { return i }, func(i int) any { return i }, nil), uitest.Styles(), Options{})
	m.SetSize(80, 24)
	run(m, m.Init())
	cmd := m.SetSource(scoreRows(5, func(i int) int { return i }, func(i int) any { return i }, nil))
	run(m, m.Update(leftClick(3, 3))) // sim-11, which the new list has not
	run(m, cmd)
	if r, _ := m.Selected(); r.Cells[0] != "sim-1" {
		t.Fatalf("%q is selected, want the first row", r.Cells)
	}
}
