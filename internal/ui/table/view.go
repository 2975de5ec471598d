package table

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// maxAutoWidth caps a column sized from its content.
const maxAutoWidth = 42

// widths sizes the columns from their titles and the loaded cells, within
// each column's bounds.
func (m *Model) widths() []int {
	w := make([]int, len(m.cols))
	for i, c := range m.cols {
		w[i] = ansi.StringWidth(c.Title) + 1 // room for the sort mark
		if c.MinWidth > w[i] {
			w[i] = c.MinWidth
		}
	}
	lo := max(0, m.top-50)
	hi := min(len(m.rows), m.top+m.visibleRows()+50)
	limit := make([]int, len(m.cols))
	for i, c := range m.cols {
		limit[i] = maxAutoWidth
		if c.MaxWidth > 0 {
			limit[i] = c.MaxWidth
		}
	}
	for _, r := range m.rows[lo:hi] {
		for i := range m.cols {
			if i < len(r.Cells) {
				w[i] = max(w[i], min(ansi.StringWidth(r.Cells[i]), limit[i]))
			}
		}
	}
	for i, c := range m.cols {
		if c.MaxWidth > 0 && w[i] > c.MaxWidth {
			w[i] = max(c.MaxWidth, c.MinWidth)
		}
	}
	return w
}

// shown returns the columns that fit, and their widths: the first (the
// row's key: a MSISDN, a time) always, then those from colOff past it;
// the last one shown may be cut to fill the line.
func (m *Model) shown() ([]int, []int) {
	all := m.widths()
	var idx, ws []int
	used := 1 // the selection gutter
	order := make([]int, 0, len(m.cols))
	if len(m.cols) > 0 {
		order = append(order, 0)
	}
	for i := 1 + m.colOff; i < len(m.cols); i++ {
		order = append(order, i)
	}
	for _, i := range order {
		need := all[i]
		if used > 0 {
			need++ // separator
		}
		if used+need > m.width {
			if left := m.width - used - 1; len(idx) == 0 || left >= 4 {
				if len(idx) == 0 {
					left = m.width - 1
				}
				idx, ws = append(idx, i), append(ws, left)
			}
			break
		}
		idx, ws = append(idx, i), append(ws, all[i])
		used += need
	}
	return idx, ws
}

// fit pads s to w cells, or cuts it with "…": after its last whole word
// that fits when that keeps at least half the column (a list of numbers
// ends on a whole number, a time is dropped rather than cut in two),
// else where it must.
func fit(s string, w int, right bool) string {
	if w <= 0 {
		return ""
	}
	sw := ansi.StringWidth(s)
	if sw > w {
		cut := ansi.Truncate(s, w-1, "")
		if i := strings.LastIndexByte(cut, ' '); i > 0 && ansi.StringWidth(cut[:i+1]) >= w/2 {
			c := cut[:i+1] + "…"
			return pad(c, ansi.StringWidth(c), w, right)
		}
		return ansi.Truncate(s, w, "…")
	}
	return pad(s, sw, w, right)
}

// fitLeft is fit that cuts the start of a value rather than its end.
func fitLeft(s string, w int, right bool) string {
	if w <= 0 {
		return ""
	}
	sw := ansi.StringWidth(s)
	if sw > w {
		return "…" + ansi.TruncateLeft(s, sw-w+1, "")
	}
	return pad(s, sw, w, right)
}

func pad(s string, sw, w int, right bool) string {
	pad := strings.Repeat(" ", w-sw)
	if right {
		return pad + s
	}
	return s + pad
}

// View draws the header, the visible rows and the footer line.
func (m *Model) View() string {
	idx, ws := m.shown()
	var b strings.Builder
	header := make([]string, len(idx))
	for k, i := range idx {
		title := m.cols[i].Title
		if i == m.sort {
			mark := "▲"
			if m.desc {
				mark = "▼"
			}
			title += mark
		}
		header[k] = fit(title, ws[k], m.cols[i].Right)
	}
	b.WriteString(m.st.Header.Render(fit(" "+strings.Join(header, " "), m.width, false)))
	b.WriteByte('\n')
	vis := m.visibleRows()
	var empty []string
	if len(m.rows) == 0 { // the hint is wrapped, never cut
		empty = strings.Split(ansi.Wrap(m.emptyText(), max(1, m.width-1), " "), "\n")
	}
	for line := 0; line < vis; line++ {
		i := m.top + line
		if i >= len(m.rows) {
			if line < len(empty) {
				b.WriteString(m.st.Muted.Render(fit(empty[line], m.width, false)))
			}
			b.WriteByte('\n')
			continue
		}
		cells := make([]string, len(idx))
		for k, c := range idx {
			v := ""
			if c < len(m.rows[i].Cells) {
				v = m.rows[i].Cells[c]
			}
			if m.cols[c].TruncLeft {
				cells[k] = fitLeft(v, ws[k], m.cols[c].Right)
			} else {
				cells[k] = fit(v, ws[k], m.cols[c].Right)
			}
		}
		gutter := " "
		if i == m.cursor {
			gutter = "▸"
		}
		text := fit(gutter+strings.Join(cells, " "), m.width, false)
		if i == m.cursor {
			text = m.st.Selected.Render(text)
		}
		b.WriteString(text)
		b.WriteByte('\n')
	}
	b.WriteString(m.footer())
	return b.String()
}

func (m *Model) emptyText() string {
	switch {
	case m.err != nil:
		return "error: " + m.err.Error()
	case !m.ready:
		return "loading…"
	case m.filter != "":
		return "no rows match the filter"
	case m.opts.Empty != "":
		return m.opts.Empty
	}
	return "no rows"
}

func (m *Model) footer() string {
	if m.filtering {
		return fit(m.filterInput.View(), m.width, false)
	}
	if m.exporting {
		return fit(m.exportInput.View(), m.width, false)
	}
	var parts []string
	if len(m.rows) > 0 {
		pos := "row ?"
		if base := m.base(); base >= 0 {
			pos = fmt.Sprintf("row %s", Thousands(int64(base+m.cursor+1)))
		}
		if m.count >= 0 {
			pos += " of " + Thousands(m.count)
		} else if m.atStart && m.atEnd {
			pos += " of " + Thousands(int64(len(m.rows)))
		}
		parts = append(parts, pos)
	}
	if m.sort >= 0 && m.sort < len(m.cols) {
		dir := "▲"
		if m.desc {
			dir = "▼"
		}
		parts = append(parts, "sort "+m.cols[m.sort].Title+dir)
	}
	if m.filter != "" {
		parts = append(parts, "filter “"+m.filter+"”")
	}
	if m.colOff > 0 {
		parts = append(parts, fmt.Sprintf("%s + from column %d", m.cols[0].Title, m.colOff+2))
	}
	if m.fetching {
		parts = append(parts, "loading…")
	}
	return m.st.Muted.Render(fit(strings.Join(parts, " · "), m.width, false))
}

// base is the number of rows before the loaded window, -1 when unknown
// (after a jump to the end of a table whose size is not counted).
func (m *Model) base() int {
	if m.before >= 0 {
		return m.before
	}
	if m.count >= 0 && m.atEnd {
		return int(m.count) - len(m.rows)
	}
	return -1
}
