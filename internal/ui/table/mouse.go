package table

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
)

// click handles a left click at (x, y) of the table's view: on the header
// it sorts by the column clicked (again: the other way), on a row it moves
// the cursor there.
func (m *Model) click(x, y int) tea.Cmd {
	if m.filtering || m.exporting {
		return nil
	}
	if y == 0 {
		idx, ws := m.shown()
		left := 1 // the selection gutter
		for k, c := range idx {
			if x >= left && x < left+ws[k] {
				if !m.cols[c].Sortable {
					return nil
				}
				if c == m.sort {
					m.desc = !m.desc
				} else {
					m.sort, m.desc = c, false
				}
				return m.Reload()
			}
			left += ws[k] + 1
		}
		return nil
	}
	row := m.top + y - 1
	if y-1 >= m.visibleRows() || row >= len(m.rows) {
		return nil
	}
	if m.reloading() {
		// The rows on screen are the list being replaced (a sort, a
		// filter, new data): the click names one of them, so it is that
		// row, by its identity, that is selected when the new list lands
		// (nothing is when the new list lacks it), never the row that
		// lands on the clicked line.
		m.keep = &keptSelection{id: clickIdentity(m.rows[row]), screen: y - 1, click: true}
		m.cursor = row
		return nil
	}
	return m.move(row - m.cursor)
}

// reloading reports that a new list has been asked for and the rows
// loaded are still the old list's.
func (m *Model) reloading() bool { return m.ready && m.rowsGen != m.gen.Tag() }

// clickIdentity names a clicked row across a reload: its ID or Ref, else
// its cells.
func clickIdentity(r Row) any {
	if id := rowIdentity(r); id != nil {
		return id
	}
	return strings.Join(r.Cells, "\x00")
}
