package table

import tea "github.com/charmbracelet/bubbletea"

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
	return m.move(row - m.cursor)
}
