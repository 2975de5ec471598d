package table

import (
	"fmt"
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
)

// scoreRows are n rows named sim-1 … sim-n with a score column; score(i)
// gives row i's score, ref(i) its Ref and id(i), when id is not nil, its ID.
func scoreRows(n int, score func(i int) int, ref, id func(i int) any) *SliceSource {
	src := &SliceSource{Cols: []Column{
		{Title: "SIM", Sortable: true},
		{Title: "Score", Right: true, Sortable: true},
		{Title: "Flag", Sortable: true},
	}}
	for i := 1; i <= n; i++ {
		r := Row{Cells: []string{fmt.Sprintf("sim-%d", i), fmt.Sprint(score(i)), "-"}, Ref: ref(i)}
		if id != nil {
			r.ID = id(i)
		}
		src.Rows = append(src.Rows, r)
	}
	return src
}

// notComparable is a Ref that == cannot compare.
type notComparable struct{ ids []int }

func TestRefreshKeepsSortAndSelection(t *testing.T) {
	const n = 500
	byID := func(i int) any { return i }
	tests := []struct {
		name     string
		ref, id  func(i int) any
		newScore func(i int) int // the values after the refresh
		want     string          // the SIM selected after it
	}{
		// The table is sorted by score; the refresh reverses the scores, so
		// the selected SIM moves: it is found by its Ref.
		{"same row, found by its Ref", byID, nil, func(i int) int { return n - i }, "sim-300"},
		{"same row, found by its ID", func(i int) any { return notComparable{[]int{i}} }, byID, func(i int) int { return n - i }, "sim-300"},
		// Refs that cannot be compared: the selection stays at its place, the
		// 300th row, now sim-201.
		{"same place without comparable Refs", func(i int) any { return notComparable{[]int{i}} }, nil, func(i int) int { return n - i }, "sim-201"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := New(scoreRows(n, func(i int) int { return i }, tc.ref, tc.id), uitest.Styles(), Options{})
			m.SetSize(80, 24)
			run(m, m.Init())
			run(m, m.Update(uitest.Key("s"))) // sort by score, ascending: sim-1 first
			for i := 0; i < 299; i++ {
				run(m, m.Update(uitest.Key("down")))
			}
			if r, _ := m.Selected(); r.Cells[0] != "sim-300" {
				t.Fatalf("before the refresh %s is selected", r.Cells[0])
			}
			line := m.cursor - m.top
			run(m, m.Refresh(scoreRows(n, tc.newScore, tc.ref, tc.id)))
			if m.sort != 1 || m.desc {
				t.Errorf("sort is column %d desc %v, want the score column ascending", m.sort, m.desc)
			}
			r, ok := m.Selected()
			if !ok || r.Cells[0] != tc.want {
				t.Fatalf("after the refresh %q is selected, want %s", r.Cells, tc.want)
			}
			if got := m.cursor - m.top; got != line {
				t.Errorf("the selection moved from screen line %d to %d", line, got)
			}
		})
	}
}

// SetSource is new data: it starts over at the first row in the source's
// own order.
func TestSetSourceStartsOver(t *testing.T) {
	m := New(scoreRows(50, func(i int) int { return i }, func(i int) any { return i }, nil), uitest.Styles(), Options{})
	m.SetSize(80, 24)
	run(m, m.Init())
	run(m, m.Update(uitest.Key("s")))
	run(m, m.Update(uitest.Key("down")))
	run(m, m.SetSource(scoreRows(50, func(i int) int { return i }, func(i int) any { return i }, nil)))
	if r, _ := m.Selected(); r.Cells[0] != "sim-1" || m.sort != 0 {
		t.Fatalf("after SetSource %q is selected, sort column %d", r.Cells, m.sort)
	}
}
