package trends

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/ui/bars"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// headerLines are the title line and the line of views and scopes.
const headerLines = 2

func (p *Pane) bodyHeight() int { return max(3, p.height-headerLines) }

func (p *Pane) resize() {
	h := p.bodyHeight()
	if p.picker != nil {
		p.picker.SetSize(p.width, h-1)
	}
	if p.dates != nil {
		p.dates.SetSize(p.width, h)
	}
	if p.conns != nil {
		p.conns.SetSize(p.width, h-1)
	}
}

// View implements uikit.Pane.
func (p *Pane) View() string {
	st := p.env.Styles
	var b strings.Builder
	b.WriteString(p.headerView())
	b.WriteByte('\n')
	switch {
	case p.editingSet:
		b.WriteString(p.setInput.View() + "\n" + st.Muted.Render("enter: count them together · esc: cancel · \"all\": the whole case"))
	case p.picker != nil:
		b.WriteString(st.Subtitle.Render("Pick an application (enter), esc to keep "+inert.String(p.app)) + "\n" + p.picker.View())
	case p.err != nil:
		b.WriteString(st.Bad.Render("error: " + inert.String(p.err.Error())))
	case p.result == nil && p.loading:
		b.WriteString(st.Muted.Render("counting " + inert.String(p.app) + " records…"))
	case p.result == nil:
		b.WriteString(p.emptyView())
	case p.view == viewDates:
		b.WriteString(p.dates.View())
	case p.view == viewConnections:
		b.WriteString(p.connectionsTitle() + "\n" + p.conns.View())
	default:
		b.WriteString(p.chartsView())
	}
	return uikit.FitBlock(b.String(), p.width, p.height)
}

func (p *Pane) emptyView() string {
	if p.scope == scopeSet {
		return strings.Join(uikit.WrapWords("No set of subscribers yet: press M and type MSISDNs separated by commas.", p.width), "\n")
	}
	return strings.Join(uikit.WrapWords("No subscriber in focus. Pick one in the Overview pane (1, then a on a row; b for a second one, B), "+
		"or press o to count the whole case. Then: when they use "+inert.String(p.app)+
		" by three-hour interval of the day, by weekday and by date, and the list of connections (p: another application).", p.width), "\n")
}

func (p *Pane) headerView() string {
	st := p.env.Styles
	title := st.Title.Render("Trends ") + st.Subtitle.Render(inert.String(p.app))
	if r := p.result; r != nil && len(r.trends) > 0 {
		ports := strings.Join(r.trends[0].Ports, ", ")
		if ports == "" { // an application that is only another's reading of its ports
			ports = "none"
		}
		title += st.Muted.Render(" (ports " + inert.String(ports) + ")")
		for i, t := range r.trends {
			title += " · " + inert.String(r.labels[i]) + " " + table.Thousands(t.Total)
		}
	}
	var tabs []string
	for v := range viewCount {
		tabs = append(tabs, uikit.SubTab(st, v.label(), v == p.view))
	}
	var scopes []string
	for s := range scopeCount {
		l := s.label()
		if s == p.scope {
			l = st.Key.Render("[" + l + "]")
		}
		scopes = append(scopes, l)
	}
	line2 := strings.Join(tabs, "") + "  " + st.Muted.Render("scope ") + strings.Join(scopes, " ")
	if note := st.Muted.Render("  wall clock of the evidence"); lipgloss.Width(line2+note) <= p.width {
		line2 += note // a note, left out rather than cut
	}
	return uikit.FitLine(title, p.width) + "\n" + uikit.FitLine(line2, p.width)
}

func (p *Pane) connectionsTitle() string {
	st := p.env.Styles
	var total int64
	for _, t := range p.result.trends {
		total += t.Total
	}
	what := fmt.Sprintf("%s connections to %s", table.Thousands(total), inert.String(p.result.app))
	if p.day != "" {
		what = fmt.Sprintf("connections to %s on %s (esc: every date)", inert.String(p.result.app), p.day)
	}
	return uikit.FitLine(st.Subtitle.Render(what)+st.Muted.Render(" · E: save as text (Figure 7) · e: CSV/JSON"), p.width)
}

// chartsView draws, for one trend, the three-hour intervals and the
// weekdays side by side above the weekday × interval grid; for A and B,
// each one's intervals and grid in its own column, on one scale.
func (p *Pane) chartsView() string {
	st := p.env.Styles
	r := p.result
	ts := make([]analysis.Trend, len(r.trends))
	for i, t := range r.trends {
		ts[i] = t.Trend
	}
	peak := analysis.PeakOf(ts...)
	var notes []string
	if r.trends[0].Note != "" {
		for _, l := range uikit.WrapWords(inert.String(r.trends[0].Note), p.width) { // read whole, not cut
			notes = append(notes, st.Warn.Render(l))
		}
	}
	if r.scope == scopeAB && len(r.trends) == 1 {
		notes = append(notes, st.Muted.Render("no B in focus: choose one in the Overview (b)"))
	}
	body := ""
	if len(r.trends) == 1 {
		left := (p.width - 2) / 2
		right := p.width - left - 2
		intervals := st.Subtitle.Render("Three-hour intervals") + "\n" + bars.Horizontal(st, binBars(r.trends[0].Trend), peak.Bin, left, st.BarA)
		weekdays := st.Subtitle.Render("Weekdays") + "\n" + bars.Horizontal(st, weekdayBars(r.trends[0].Trend), peak.Weekday, right, st.BarA)
		body = sideBySide(intervals, weekdays, left+2)
		if p.heatmap() {
			body += "\n" + st.Subtitle.Render("Weekday × interval") + st.Muted.Render(" (h: counts)") + "\n" +
				heat(p, r.trends[0].Trend, peak.Cell, p.width)
		} else {
			body += "\n" + st.Subtitle.Render("Weekday × interval") + st.Muted.Render(" (░▒▓█ by quarters of the busiest cell, · none)") + "\n" +
				grid(p, r.trends[0].Trend, peak.Cell, p.width, st.BarA)
		}
	} else {
		colW := (p.width - 2) / 2
		var cols []string
		for i, t := range r.trends {
			style := st.BarA
			if i == 1 {
				style = st.BarB
			}
			col := st.Subtitle.Render(inert.String(r.labels[i])) + st.Muted.Render(" "+table.Thousands(t.Total)) + "\n" +
				bars.Horizontal(st, binBars(t.Trend), peak.Bin, colW, style) + "\n"
			if p.heatmap() {
				col += heat(p, t.Trend, peak.Cell, colW)
			} else {
				col += grid(p, t.Trend, peak.Cell, colW, style)
			}
			cols = append(cols, col)
		}
		body = sideBySide(cols[0], cols[1], colW+2) + "\n" + st.Muted.Render("same scale for A and B · weekday totals in Σ")
	}
	if len(notes) > 0 {
		body = strings.Join(notes, "\n") + "\n" + body
	}
	if strings.Count(body, "\n")+2 < p.bodyHeight() { // room for the dictionary in force
		body += "\n\n" + st.Muted.Render("ports: "+inert.String(r.trends[0].Dictionary.Short()))
	}
	return body
}

// heatmap reports whether the weekday × interval grid is drawn as an
// ntcharts heatmap: when the terminal shows colour, unless the analyst
// asked for the counts (h).
func (p *Pane) heatmap() bool { return bars.HasColour(p.env.Styles) && !p.countsGrid }

func heat(p *Pane, t analysis.Trend, top int64, width int) string {
	rows := make([]string, 7)
	cells := make([][]int64, 7)
	for d := range 7 {
		rows[d] = analysis.WeekdayLabel(d)
		cells[d] = t.Grid[d][:]
	}
	cols := make([]string, 8)
	for i := range cols {
		cols[i] = analysis.ThreeHourLabel(i)
	}
	return bars.Heatmap(p.env.Styles, rows, cols, cells, top, width)
}

func grid(p *Pane, t analysis.Trend, top int64, width int, style lipgloss.Style) string {
	rows := make([]string, 7)
	cells := make([][]int64, 7)
	for d := range 7 {
		rows[d] = analysis.WeekdayLabel(d)
		cells[d] = t.Grid[d][:]
	}
	cols := make([]string, 8)
	for i := range cols {
		cols[i] = analysis.ThreeHourLabel(i)
	}
	return bars.Grid(p.env.Styles, rows, cols, cells, top, width, style)
}

func binBars(t analysis.Trend) []bars.Bar {
	out := make([]bars.Bar, 8)
	for i := range out {
		out[i] = bars.Bar{Label: analysis.ThreeHourLabel(i), Value: t.Bins3h[i]}
	}
	return out
}

func weekdayBars(t analysis.Trend) []bars.Bar {
	out := make([]bars.Bar, 7)
	for i := range out {
		out[i] = bars.Bar{Label: analysis.WeekdayLabel(i), Value: t.Weekday[i]}
	}
	return out
}

// sideBySide puts right beside left, left padded to leftW.
func sideBySide(left, right string, leftW int) string {
	ls, rs := strings.Split(left, "\n"), strings.Split(right, "\n")
	out := make([]string, max(len(ls), len(rs)))
	for i := range out {
		l, r := "", ""
		if i < len(ls) {
			l = uikit.FitLine(ls[i], leftW)
		}
		if i < len(rs) {
			r = rs[i]
		}
		out[i] = l + strings.Repeat(" ", max(0, leftW-ansi.StringWidth(l))) + r
	}
	return strings.Join(out, "\n")
}
