package table

import tea "github.com/charmbracelet/bubbletea"

// keptSelection is where the cursor was when Refresh replaced the source.
type keptSelection struct {
	id     any
	cursor int // index in the loaded rows, which start at the data's first row
	screen int // the cursor's line in the visible rows
	// click: a row clicked while the list reloaded (by clickIdentity);
	// when the new list lacks it the cursor stays on the first row
	click bool
}

// Refresh replaces the source with new values for the same rows: a slider
// moved, a lookup came back. Unlike SetSource, it keeps the sort, the
// filter and the horizontal scroll, and the selection: on the row whose ID
// (or, without one, Ref) equals the selected row's when they can be
// compared, else at the same place; on the same screen line. A cursor on
// the first row stays on the first row.
func (m *Model) Refresh(src Source) tea.Cmd {
	m.src, m.cols = src, src.Columns()
	if m.sort < 0 || m.sort >= len(m.cols) || !m.cols[m.sort].Sortable {
		m.sort, m.desc = src.DefaultSort()
	}
	m.colOff = min(m.colOff, max(0, len(m.cols)-2))
	var keep *keptSelection
	limit := m.pageSize()
	// The first row selected means "from the top": it stays at the top
	// (new rows before the old first one must not open the list in its
	// middle).
	if m.ready && m.atStart && m.cursor > 0 && m.cursor < len(m.rows) {
		keep = &keptSelection{id: rowIdentity(m.rows[m.cursor]), cursor: m.cursor, screen: m.cursor - m.top}
		limit = max(limit, m.cursor+m.visibleRows()+1)
	}
	cmd := m.reload(limit)
	m.keep = keep
	return cmd
}

// restoreSelection puts the cursor back where Refresh found it, once the
// new first page is in.
func (m *Model) restoreSelection() {
	k := m.keep
	m.keep = nil
	if k == nil || len(m.rows) == 0 {
		return
	}
	at := -1
	for i := range m.rows {
		id := rowIdentity(m.rows[i])
		if k.click {
			id = clickIdentity(m.rows[i])
		}
		if sameIdentity(id, k.id) {
			at = i
			break
		}
	}
	if at < 0 && k.click {
		return
	}
	if at < 0 {
		at = min(k.cursor, len(m.rows)-1)
	}
	m.cursor = at
	m.top = max(0, at-k.screen)
	m.scrollToCursor()
}

// rowIdentity is what names a row across a Refresh: its ID, else its Ref.
func rowIdentity(r Row) any {
	if r.ID != nil {
		return r.ID
	}
	return r.Ref
}

// sameIdentity reports whether two identities name the same row; values
// that cannot be compared never do.
func sameIdentity(a, b any) (same bool) {
	if a == nil || b == nil {
		return false
	}
	defer func() {
		if recover() != nil {
			same = false
		}
	}()
	return a == b
}
