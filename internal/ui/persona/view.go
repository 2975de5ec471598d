package persona

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/ui/bars"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Layout: three header lines (who, dictionary, sections; who wraps), the body, two
// detail lines about the selected row and two lines of hours.
const (
	headerLines = 3
	detailLines = 2
	// chartMinWidth is the width from which the applications chart sits
	// beside the table.
	chartMinWidth = 110
)

// headerHeight is headerLines, and one more when the subscriber's line
// wraps on a narrow screen.
func (p *Pane) headerHeight() int { return strings.Count(p.headerView(), "\n") + 1 }

func (p *Pane) bodyHeight() int {
	if p.drill != nil {
		return max(3, p.height-p.headerHeight())
	}
	return max(3, p.height-p.headerHeight()-p.detailHeight()-p.hourLines())
}

// detailHeight is the lines about the selected row: two on a very small
// terminal, four from 30 lines and for the applications from 18 (80×24
// included), more with i (the details whole); they wrap, so a rule's note
// and the other readings of its ports are read, and what does not fit
// says that i shows it whole.
func (p *Pane) detailHeight() int {
	switch {
	case p.whole:
		return max(detailLines, min(p.wholeLines, p.height-p.headerHeight()-p.hourLines()-5))
	case p.height >= 30, p.height >= 18 && p.section == secApps: // a rule's note is long
		return 2 * detailLines
	}
	return detailLines
}

func (p *Pane) detailBlock() string {
	h := p.detailHeight()
	lines := p.detailWrapped()
	if len(lines) > h {
		more := p.env.Styles.Key.Render(" … i: whole")
		if p.whole {
			more = p.env.Styles.Key.Render(" …")
		}
		lines = lines[:h]
		if w := max(1, p.width-ansi.StringWidth(more)); ansi.StringWidth(lines[h-1]) > w {
			lines[h-1] = ansi.Truncate(lines[h-1], w, "")
		}
		lines[h-1] += more
	}
	return uikit.FitBlock(strings.Join(lines, "\n"), p.width, h)
}

func (p *Pane) detailWrapped() []string {
	if p.result == nil || p.tables[p.section] == nil {
		return nil
	}
	var out []string
	for _, l := range strings.Split(p.detailView(), "\n") {
		out = append(out, uikit.WrapStyled(l, max(20, p.width), max(20, p.width))...)
	}
	return out
}

// hourLines is the height of the hours chart and its axis: taller when
// the terminal is.
func (p *Pane) hourLines() int {
	if p.height >= 40 {
		return 5
	}
	return 2
}

func (p *Pane) tableWidth() int {
	if p.section == secApps && p.width >= chartMinWidth {
		return p.width * 3 / 5
	}
	return p.width
}

func (p *Pane) resize() {
	for _, t := range p.tables {
		if t != nil {
			t.SetSize(p.tableWidth(), p.bodyHeight())
		}
	}
	if p.drill != nil {
		p.drill.SetSize(p.width, p.bodyHeight())
	}
}

// View implements uikit.Pane.
func (p *Pane) View() string {
	st := p.env.Styles
	if p.focus == "" {
		hint := "No subscriber in focus. Pick one in the Overview pane (1, then enter or a on a row): " +
			"this pane then shows what they use (Table III of the paper), their handsets and SIMs, " +
			"cells, destinations and hours of activity, each row leading to its records."
		return uikit.FitBlock(st.Title.Render("Persona")+"\n\n"+strings.Join(uikit.WrapWords(hint, p.width), "\n"), p.width, p.height)
	}
	var b strings.Builder
	b.WriteString(p.headerView())
	b.WriteByte('\n')
	switch {
	case p.err != nil:
		b.WriteString(st.Bad.Render("error: " + inert.String(p.err.Error())))
		return uikit.FitBlock(b.String(), p.width, p.height)
	case p.result == nil:
		b.WriteString(st.Muted.Render("computing the persona of " + inert.String(p.focus) + "…"))
		return uikit.FitBlock(b.String(), p.width, p.height)
	case p.drill != nil:
		b.WriteString(p.drill.View())
		return uikit.FitBlock(b.String(), p.width, p.height)
	}
	body := p.tables[p.section].View()
	if p.section == secApps && p.width < chartMinWidth && p.chartOnly {
		body = p.appChart(p.width, p.bodyHeight())
	}
	if p.section == secApps && p.width >= chartMinWidth {
		body = joinColumns(uikit.FitBlock(body, p.tableWidth(), p.bodyHeight()), p.appChart(p.width-p.tableWidth()-2, p.bodyHeight()), p.tableWidth()+2)
	}
	b.WriteString(uikit.FitBlock(body, p.width, p.bodyHeight()))
	b.WriteByte('\n')
	b.WriteString(p.detailBlock())
	b.WriteByte('\n')
	b.WriteString(uikit.FitBlock(p.hoursView(), p.width, p.hourLines()))
	return uikit.FitBlock(b.String(), p.width, p.height)
}

// joinColumns puts block right beside block left (left padded to leftW).
func joinColumns(left, right string, leftW int) string {
	ls, rs := strings.Split(left, "\n"), strings.Split(right, "\n")
	out := make([]string, max(len(ls), len(rs)))
	for i := range out {
		l, r := "", ""
		if i < len(ls) {
			l = ls[i]
		}
		if i < len(rs) {
			r = rs[i]
		}
		out[i] = uikit.FitLine(l, leftW) + strings.Repeat(" ", max(0, leftW-ansi.StringWidth(uikit.FitLine(l, leftW)))) + r
	}
	return strings.Join(out, "\n")
}

func (p *Pane) headerView() string {
	st := p.env.Styles
	who := []string{st.Title.Render("Persona ") + st.Subtitle.Render(inert.String(p.focus))}
	if r := p.result; r != nil {
		who = []string{st.Title.Render("Persona ") + st.Subtitle.Render(inert.String(r.MSISDN)),
			table.Thousands(r.Total) + " data records", table.Thousands(r.VoiceRecords) + " voice", humanBytes(r.Bytes)}
		if r.First != "" {
			who = append(who, r.First+" → "+r.Last)
		}
		if r.CellSites {
			who = append(who, fmt.Sprintf("%s records placed (%.1f%%)", table.Thousands(r.RecordsPlaced), 100*r.PlacedShare))
		}
	}
	dict := st.Muted.Render("ports: loading…")
	if r := p.result; r != nil {
		d := r.Dictionary
		dict = st.Muted.Render("ports: ") + inert.String(d.Short())
		switch {
		case !d.Stored:
			dict += " " + st.Warn.Render("⚠ not the case's stored dictionary")
		case d.DefaultsOutdated:
			dict += " " + st.Warn.Render("⚠ defaults older than this cdrtui's (cdrtui ports CASE --reset)")
		}
	}
	var tabs []string
	if p.drill != nil {
		tabs = append(tabs, uikit.SubTab(st, "Records of "+inert.String(p.drillTitle), true)+st.Muted.Render(" esc: back"))
	} else {
		for s := range sectionCount {
			label := s.title() + p.sectionCount(s)
			tabs = append(tabs, uikit.SubTab(st, label, s == p.section))
		}
	}
	// who and when, and the sections, are read whole: the lines wrap
	// between their items
	return strings.Join(uikit.WrapItems(who, " · ", p.width), "\n") + "\n" + uikit.FitLine(dict, p.width) + "\n" +
		strings.Join(uikit.WrapItems(tabs, "", p.width), "\n")
}

// sectionCount is the number shown on a section's tab (⚑ when a change of
// handset or SIM was found).
func (p *Pane) sectionCount(s section) string {
	r := p.result
	if r == nil {
		return ""
	}
	switch s {
	case secApps:
		return fmt.Sprintf(" %d", len(r.Apps))
	case secUnknown:
		return fmt.Sprintf(" %d", len(r.UnknownPorts))
	case secDevices:
		n := fmt.Sprintf(" %d/%d", len(r.IMEIs), len(r.IMSIs))
		if len(r.Changes) > 0 {
			n += " ⚑"
		}
		return n
	case secCells:
		return fmt.Sprintf(" %d", len(r.Cells))
	case secDestinations:
		return " " + table.Thousands(int64(r.DistinctDestinations))
	}
	return ""
}

// appChart is Figure 4 of the paper: the applications' records as bars.
func (p *Pane) appChart(width, height int) string {
	st := p.env.Styles
	if width < 16 || p.result == nil {
		return ""
	}
	var bs []bars.Bar
	for _, a := range p.result.Apps {
		if len(bs) == height-1 {
			break
		}
		bs = append(bs, bars.Bar{Label: a.App, Value: a.Count})
	}
	if p.result.UnknownTotal > 0 && len(bs) < height-1 {
		bs = append(bs, bars.Bar{Label: "unknown ports", Value: p.result.UnknownTotal})
	}
	return st.Subtitle.Render("Records per application") + "\n" + bars.Horizontal(st, bs, 0, width, st.BarA)
}

// detailView says more about the selected row: the dictionary's note and
// the other readings of an application's ports, a device change, a
// destination's lookup.
func (p *Pane) detailView() string {
	st := p.env.Styles
	t := p.tables[p.section]
	row, ok := t.Selected()
	if !ok {
		return ""
	}
	hint := st.Muted.Render("enter: its records, with file and line")
	switch ref := row.Ref.(type) {
	case appRef:
		for _, a := range p.result.Apps {
			if a.App != string(ref) || len(a.Ports) == 0 {
				continue
			}
			top := a.Ports[0]
			port := fmt.Sprint(top.Port)
			if top.Port < 0 {
				port = "none"
			}
			line1 := fmt.Sprintf("%s · port %s (%s of %s): %s, %s", inert.String(a.App), port, table.Thousands(top.Count),
				table.Thousands(a.Count), confidenceText(top.Confidence, false), inert.String(top.Note))
			line2 := "rule from " + inert.String(top.Origin)
			if alts := a.Alternatives(); len(alts) > 0 {
				line2 += " · the same ports may be " + inert.String(strings.Join(alts, ", "))
			}
			if len(a.Ports) > 1 {
				line2 += fmt.Sprintf(" · %d ports", len(a.Ports))
			}
			return line1 + "\n" + st.Muted.Render(line2) + "  " + hint
		}
	case unknownSummary:
		return fmt.Sprintf("%s records on %d ports no rule of the dictionary covers", table.Thousands(p.result.UnknownTotal), len(p.result.UnknownPorts)) +
			"\n" + st.Muted.Render("enter: list them by port · add them to a dictionary file: cdrtui ports CASE FILE.csv")
	case deviceRef:
		for _, c := range p.result.Changes {
			if c.To == ref.value {
				how := "after the last use of"
				if c.Alongside {
					how = "while still using"
				}
				return st.Warn.Render(fmt.Sprintf("⚑ %s %s first used %s, %s %s", c.Kind, inert.String(c.To), c.AtWall, how, inert.String(c.From))) + "\n" + hint
			}
		}
		return fmt.Sprintf("%s, %s, %s", plural(len(p.result.IMEIs), "handset"), plural(len(p.result.IMSIs), "SIM"),
			plural(len(p.result.Changes), "change")) + "\n" + hint
	case destRef:
		for _, d := range p.result.Destinations {
			if d.IP == ref.ip && d.Port == ref.port && d.LookedUpAt != "" {
				return "reverse DNS " + inert.String(d.RDNSStatus) + " at " + d.LookedUpAt + " (kept in the case)\n" + hint
			}
		}
		return st.Muted.Render("reverse DNS goes to the network only when you press r") + "\n" + hint
	}
	return "\n" + hint
}

// hoursView is the activity by hour of the wall clock.
func (p *Pane) hoursView() string {
	st := p.env.Styles
	label := "Hours "
	h := p.result.Hours
	peak := 0
	for i, n := range h {
		if n > h[peak] {
			peak = i
		}
	}
	lines := strings.Split(bars.Hours(st, h, min(48, p.width-len(label)-1), p.hourLines()-1, st.BarA), "\n")
	if len(lines) < 2 {
		return uikit.FitBlock("", p.width, p.hourLines())
	}
	notes := []string{fmt.Sprintf(" peak %02d:00-%02d:59 (%s)", peak, peak, table.Thousands(h[peak])), " wall clock"}
	if h[peak] == 0 {
		notes = []string{" no data record in any hour", ""}
		if len(label)+ansi.StringWidth(lines[0])+len(notes[0]) > p.width { // over two lines, not cut ("in any ho…")
			notes = []string{" no data record", " in any hour"}
		}
	}
	for i := range lines {
		prefix := strings.Repeat(" ", len(label))
		if i == len(lines)-2 {
			prefix = st.Subtitle.Render(label)
		}
		note := ""
		if j := i - (len(lines) - 2); j >= 0 && j < len(notes) {
			note = st.Muted.Render(notes[j])
		}
		lines[i] = uikit.FitLine(prefix+lines[i]+note, p.width)
	}
	return strings.Join(lines, "\n")
}

// humanBytes writes a volume as 12 kB, 3.4 MB, 1.2 GB.
func humanBytes(n int64) string {
	switch {
	case n >= 1e9:
		return fmt.Sprintf("%.1f GB", float64(n)/1e9)
	case n >= 1e6:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%d kB", n/1000)
	}
	return fmt.Sprintf("%d B", n)
}

// plural writes "1 SIM", "2 SIMs".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return table.Thousands(int64(n)) + " " + noun + "s"
}
