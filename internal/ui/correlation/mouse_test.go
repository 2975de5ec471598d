package correlation

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/table"
)

// lineOf is the screen line (of the pane's view) that draws row, found by
// its cells' text, and -1 when none does.
func lineOf(t *testing.T, view string, row table.Row) int {
	t.Helper()
	y := -1
	for i, l := range strings.Split(ansi.Strip(view), "\n") {
		ok := true
		for _, c := range row.Cells[:min(3, len(row.Cells))] {
			if c != "" && !strings.Contains(l, c) {
				ok = false
			}
		}
		if ok {
			if y >= 0 {
				return -2 // not told apart by what the screen shows
			}
			y = i
		}
	}
	return y
}

func click(x, y int) tea.MouseMsg {
	return tea.MouseMsg{X: x, Y: y, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress}
}

// A click on a row of the matched pairs selects that pair: the pane's
// header and the table's title are below the click's origin.
func TestClickSelectsThePairClicked(t *testing.T) {
	p := loadedPane(t, 80, 21)
	settle(t, p, p.Update(uitest.Key("v")))
	if p.view != viewPairs {
		t.Fatalf("view %d, want the pairs", p.view)
	}
	rows := p.pairs.Rows()
	if len(rows) < 5 {
		t.Fatalf("%d pairs listed, want 7", len(rows))
	}
	tried := 0
	for _, k := range []int{4, 1, 6, 0, 2, 3, 5} {
		y := lineOf(t, p.View(), rows[k])
		if y == -2 {
			continue
		}
		if y < 0 {
			t.Fatalf("pair %d (%q) is not on screen:\n%s", k, rows[k].Cells, p.View())
		}
		tried++
		settle(t, p, p.Update(click(3, y)))
		got, ok := p.pairs.Selected()
		if !ok || strings.Join(got.Cells, "|") != strings.Join(rows[k].Cells, "|") {
			t.Errorf("click on line %d (pair %d %q) selected %q", y, k, rows[k].Cells, got.Cells)
		}
	}
	if tried < 3 {
		t.Fatalf("only %d pairs told apart on screen:\n%s", tried, p.View())
	}
}

// On a wide screen every table is shown: a click on a contact selects it
// and gives the contacts the keyboard.
func TestClickSelectsTheContactClickedWide(t *testing.T) {
	p := loadedPane(t, 250, 67)
	settle(t, p, p.Update(p.refreshContacts()))
	rows := p.contacts.Rows()
	if len(rows) < 2 {
		t.Fatalf("%d contacts listed, want 2", len(rows))
	}
	y := lineOf(t, p.View(), rows[1])
	if y < 0 {
		t.Fatalf("contact %q is not on screen:\n%s", rows[1].Cells, p.View())
	}
	settle(t, p, p.Update(click(p.width*3/5+5, y)))
	if got, ok := p.contacts.Selected(); !ok || got.Cells[1] != rows[1].Cells[1] || p.view != viewContacts {
		t.Errorf("click on line %d selected contact %q (view %d), want %q", y, got.Cells, p.view, rows[1].Cells)
	}
}
