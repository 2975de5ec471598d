package correlation

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// wide reports whether every part fits on screen at once (else a key
// switches between them).
func (p *Pane) wide() bool { return p.width >= 150 && p.height >= 36 }

func (p *Pane) headerHeight() int {
	if p.wide() {
		return 3
	}
	return 4
}

// geometry is where the parts go: sizes of the tables and the plot.
type geometry struct {
	bodyH             int
	leftW, rightW     int // wide: the two columns
	topH, bottomH     int // wide: the two rows
	appsH             int
	chartW, chartH    int // the plot, legend excluded
	pairsH, contactsH int
}

func (p *Pane) geometry() geometry {
	g := geometry{bodyH: max(p.height-p.headerHeight(), 4)}
	nApps := 0
	if p.result != nil {
		nApps = len(p.result.Apps)
	}
	if p.wide() {
		g.leftW = p.width * 3 / 5
		g.rightW = p.width - g.leftW - 1
		g.topH = max(g.bodyH*2/5, 8)
		g.bottomH = g.bodyH - g.topH
		g.appsH = g.topH - 1
		g.chartW, g.chartH = g.rightW, g.topH-2
		g.pairsH, g.contactsH = g.bottomH-1, g.bottomH-1
		return g
	}
	g.appsH = min(max(nApps+2, 3), max(3, g.bodyH-9))
	g.chartW, g.chartH = p.width, g.bodyH-g.appsH-1
	g.pairsH, g.contactsH = g.bodyH-1, g.bodyH-1
	return g
}

// layout sizes the tables (after a resize, a view switch or new results).
func (p *Pane) layout() {
	g := p.geometry()
	if p.wide() {
		p.apps.SetSize(g.leftW, g.appsH)
		p.pairs.SetSize(g.leftW, g.pairsH)
		p.contacts.SetSize(g.rightW, g.contactsH)
	} else {
		p.apps.SetSize(p.width, g.appsH)
		p.pairs.SetSize(p.width, g.pairsH)
		p.contacts.SetSize(p.width, g.contactsH)
	}
	p.rebuildChart()
}

// rebuildChart renders the chance plot for the current figures, size and
// slider position (here, not in View).
func (p *Pane) rebuildChart() {
	g := p.geometry()
	if p.result == nil || g.chartH < 5 {
		p.chart = ""
		return
	}
	p.chart = renderChart(p.env.Styles, p.result.Curve, p.windows, p.win, g.chartW, g.chartH)
}

// View implements uikit.Pane.
func (p *Pane) View() string {
	if p.width <= 0 || p.height <= 0 {
		return ""
	}
	head := p.headerView()
	g := p.geometry()
	var body string
	if p.wide() {
		body = p.wideBody(g)
	} else {
		body = p.narrowBody(g)
	}
	return uikit.FitBlock(head+"\n"+body, p.width, p.height)
}

func (p *Pane) headerView() string {
	st := p.env.Styles
	lines := []string{p.focusLine(), p.sliderLine(), p.figuresLine()}
	if !p.wide() {
		tabs := make([]string, 0, viewCount)
		for v := range viewCount {
			tabs = append(tabs, uikit.SubTab(st, viewNames[v], v == p.view))
		}
		lines = append(lines, strings.Join(tabs, "")+st.Muted.Render("  v: next"))
	}
	for i, l := range lines {
		lines[i] = uikit.FitLine(l, p.width)
	}
	return strings.Join(lines, "\n")
}

func (p *Pane) focusLine() string {
	st := p.env.Styles
	switch {
	case p.a == "":
		return st.Title.Render("Correlation ") + st.Muted.Render("· no A yet: in the Overview, a makes A and b makes B")
	case p.b == "":
		return st.Title.Render("A ") + st.Text.Render(inert.String(p.a)) + st.Muted.Render("  B: none yet (b on a contact below, or in the Overview)")
	}
	match := "by app"
	if p.match == casework.MatchPort {
		match = "by port"
	}
	recsA, recsB, days := "", "", ""
	if r := p.result; r != nil {
		recsA, recsB = fmt.Sprintf(" (%s rec)", table.Thousands(int64(r.RecordsA))), fmt.Sprintf(" (%s rec)", table.Thousands(int64(r.RecordsB)))
		days = fmt.Sprintf(" · %d day%s", r.Days, plural(r.Days))
	}
	return st.Title.Render("A ") + st.Text.Render(inert.String(p.a)) + st.Muted.Render(recsA) + st.Title.Render(" ⇄ B ") +
		st.Text.Render(inert.String(p.b)) + st.Muted.Render(recsB) + st.Muted.Render(" · "+match+days)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// sliderLine draws the window slider: the current window, then a track
// from 1 s to 1 h with the knob at the current step.
func (p *Pane) sliderLine() string {
	st := p.env.Styles
	label := fmt.Sprintf("window %-6s", windowLabel(p.Window()))
	first, last := windowLabel(p.windows[0]), windowLabel(p.windows[len(p.windows)-1])
	room := p.width - len(label) - len(first) - len(last) - 4 - 14
	per := max(1, room/len(p.windows))
	var track strings.Builder
	for i := range p.windows {
		switch {
		case i < p.win:
			track.WriteString(strings.Repeat("━", per))
		case i == p.win:
			track.WriteString(strings.Repeat("━", per-1) + "●")
		default:
			track.WriteString(strings.Repeat("─", per))
		}
	}
	return st.Subtitle.Render(label) + " " + st.Muted.Render(first) + " " + st.Key.Render(track.String()) + " " +
		st.Muted.Render(last) + st.Muted.Render("  [ ] or - +")
}

// figuresLine is the headline: matches, chance, surprise, records.
func (p *Pane) figuresLine() string {
	st := p.env.Styles
	switch {
	case p.a == "" || p.b == "":
		return ""
	case p.pairErr != nil:
		return st.Bad.Render("error: " + inert.String(p.pairErr.Error()))
	case p.result == nil:
		return st.Muted.Render("loading A and B…")
	}
	r := p.result
	var pre, post string
	if r.WindowS != p.Window() {
		pre, post = st.Muted.Render(fmt.Sprintf("[at %s] ", windowLabel(r.WindowS))), st.Warn.Render(" ⟳ "+windowLabel(p.Window())+"…")
	}
	// on a narrow screen the strongest application and window (in the
	// table below), then the ratio, give way whole: a figure is never cut
	// ("p 7.7e-…" at 80 columns)
	score := fmt.Sprintf("score %.1f (%s)", r.Score, casework.FormatStrongest(r.BestApp, r.BestWindowS))
	short := fmt.Sprintf("score %.1f", r.Score)
	expected := "expected " + casework.FormatExpected(r.Expected)
	ratio := "ratio " + casework.FormatRatio(r.Ratio, r.Pairs)
	pv := "p " + casework.FormatP(r.P)
	var line string
	for _, parts := range [][]string{{expected, ratio, score, pv}, {expected, ratio, short, pv}, {expected, short, pv}} {
		line = pre + st.Subtitle.Render(fmt.Sprintf("%s matches", table.Thousands(int64(r.Pairs)))) + " · " + strings.Join(parts, " · ") + post
		if ansi.StringWidth(line) <= p.width {
			break
		}
	}
	return line
}

func (p *Pane) narrowBody(g geometry) string {
	switch p.view {
	case viewPairs:
		return p.pairsTitle(false) + "\n" + p.pairs.View()
	case viewContacts:
		return p.contactsTitle(false) + "\n" + p.contacts.View()
	}
	if p.a == "" || p.b == "" {
		return p.env.Styles.Muted.Render(ansi.Wrap("Choose B to correlate: v shows Contacts of A ranked by score; enter there opens the pair.", max(20, p.width), " "))
	}
	return p.apps.View() + "\n" + p.chartBlock(g.chartW, g.chartH)
}

func (p *Pane) chartBlock(w, h int) string {
	st := p.env.Styles
	if p.chart == "" {
		return uikit.FitBlock(st.Muted.Render("the chance plot appears when A and B are loaded"), w, h+1)
	}
	return uikit.FitBlock(p.chart, w, h) + "\n" + uikit.FitLine(st.Muted.Render(chartLegend(p.Window(), w)), w)
}

func (p *Pane) wideBody(g geometry) string {
	st := p.env.Styles
	appsTitle := p.partTitle(viewSummary, "Applications used by both (Figure 3, with chance)", true, st)
	left := padBlock(appsTitle+"\n"+p.apps.View(), g.leftW, g.topH) + "\n" +
		padBlock(p.pairsTitle(true)+"\n"+p.pairs.View(), g.leftW, g.bottomH)
	right := padBlock("  "+st.Subtitle.Render("Matches against window: observed and by chance")+"\n"+p.chartBlock(g.chartW, g.chartH), g.rightW, g.topH) + "\n" +
		padBlock(p.contactsTitle(true)+"\n"+p.contacts.View(), g.rightW, g.bottomH)
	ls, rs := strings.Split(left, "\n"), strings.Split(right, "\n")
	sep := st.Muted.Render("│")
	out := make([]string, g.bodyH)
	for i := range out {
		var l, r string
		if i < len(ls) {
			l = ls[i]
		}
		if i < len(rs) {
			r = rs[i]
		}
		out[i] = l + sep + r
	}
	return strings.Join(out, "\n")
}

func (p *Pane) pairsTitle(wide bool) string {
	st := p.env.Styles
	text := "Matched pairs"
	if p.result != nil {
		text = fmt.Sprintf("Matched pairs at %s: %s", windowLabel(p.result.WindowS), table.Thousands(int64(p.result.Pairs)))
		if p.listed < p.result.Pairs {
			text += fmt.Sprintf(" (listing the first %s; a smaller window lists all)", table.Thousands(int64(p.listed)))
		}
	}
	text += "  ←/→ columns"
	return p.partTitle(viewPairs, text, wide, st)
}

func (p *Pane) contactsTitle(wide bool) string {
	st := p.env.Styles
	text := "Contacts of A"
	switch {
	case p.a == "":
		text += ": no A in focus"
	case p.contactList == nil:
		text += ": ranking…"
	case p.contactList.RecordsA == 0:
		text += ": A has no data (IPDR) records, nothing to correlate"
	default:
		l := p.contactList
		text = fmt.Sprintf("Contacts of A ranked by score at %s (%s subscribers)", windowLabel(l.WindowS), table.Thousands(int64(l.Candidates)))
		if p.pendingContacts {
			text += " ⟳"
		}
		text += "  enter: open pair"
	}
	return p.partTitle(viewContacts, text, wide, st)
}

func (p *Pane) partTitle(v view, text string, wide bool, st *uikit.Styles) string {
	if !wide {
		return st.Subtitle.Render(text)
	}
	if p.view == v {
		return st.Key.Render("▶ ") + st.Subtitle.Render(text)
	}
	return "  " + st.Muted.Render(text)
}

// padBlock cuts or pads a block to exactly w columns and h lines.
func padBlock(s string, w, h int) string {
	lines := strings.Split(uikit.FitBlock(s, w, h), "\n")
	for i, l := range lines {
		if gap := w - ansi.StringWidth(l); gap > 0 {
			lines[i] = l + strings.Repeat(" ", gap)
		}
	}
	return strings.Join(lines, "\n")
}
