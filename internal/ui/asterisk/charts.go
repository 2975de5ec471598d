package asterisk

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// The dashboard's charts, as the seed's web dashboard has them.
const (
	chartBars = iota // calls per day, or per month
	chartHeat        // weekday × hour, by calls or by talk time
	chartTop         // talk time per recipient, top 10/20/50
	chartDirs        // directions with their reasons, the CDR clock check, queues
	chartCount
)

// topSizes are the recipient counts the top chart cycles through.
var topSizes = []int{10, 20, 50}

// chartState is what the analyst chose on the dashboard.
type chartState struct {
	which      int
	perMonth   bool
	byDuration bool
	top        int // index in topSizes
	scroll     int // first recipient shown when the top list is longer than the screen
	dirScroll  int // first line of the directions page shown
}

func newChartState() chartState { return chartState{} }

func (p *Pane) chartsKey(msg tea.KeyMsg) tea.Cmd {
	c, km := &p.charts, p.keys
	switch {
	case key.Matches(msg, km.NextChart):
		c.which = (c.which + 1) % chartCount
	case key.Matches(msg, km.DayMonth):
		c.perMonth, c.which = !c.perMonth, chartBars
	case key.Matches(msg, km.HeatUnit):
		c.byDuration, c.which = !c.byDuration, chartHeat
	case key.Matches(msg, km.TopN):
		c.top, c.which, c.scroll = (c.top+1)%len(topSizes), chartTop, 0
	case key.Matches(msg, km.Down):
		c.scroll++
		c.dirScroll++
	case key.Matches(msg, km.Up):
		c.scroll = max(0, c.scroll-1)
		c.dirScroll = max(0, c.dirScroll-1)
	case key.Matches(msg, km.Clear):
		if !p.filter.IsZero() {
			p.formText = [formFields]string{}
			return p.applyFilter(store.PBXFilter{})
		}
	}
	return nil
}

// wideDashboard reports whether all four charts fit at once.
func (p *Pane) wideDashboard(h int) bool { return p.width >= 150 && h >= 34 }

func (p *Pane) chartsView(h int) string {
	st := p.env.Styles
	if p.report == nil {
		return st.Muted.Render("loading…")
	}
	s := p.report.Summary()
	if s.Calls == 0 {
		msg := "no calls to chart"
		if !p.filter.IsZero() {
			msg += ": the filter keeps none (esc clears it)"
		}
		return st.Muted.Render(msg)
	}
	if p.wideDashboard(h) && p.charts.which != chartDirs {
		left, right := (p.width-1)/2, p.width-1-(p.width-1)/2
		top, bottom := h/2, h-h/2
		row1 := lipgloss.JoinHorizontal(lipgloss.Top, uikit.FitBlock(p.dayChart(s, left, top), left, top), " ",
			uikit.FitBlock(p.monthChart(s, right, top), right, top))
		row2 := lipgloss.JoinHorizontal(lipgloss.Top, uikit.FitBlock(p.heatChart(s, left, bottom), left, bottom), " ",
			uikit.FitBlock(p.topChart(s, right, bottom), right, bottom))
		return row1 + "\n" + row2
	}
	// the charts' names and keys are read whole: they wrap (the chart
	// gives up the lines), at 80 columns they were cut at "[directions…"
	names := []string{"calls per day/month", "weekday × hour", "talk time per recipient", "directions"}
	var items []string
	for i, n := range names {
		if i == p.charts.which {
			n = "[" + n + "]"
		}
		if i == 0 {
			n = "n: " + n
		}
		items = append(items, n)
	}
	items = append(items, "p day/month", "u calls/duration", "t top 10/20/50", "↑↓ scroll")
	foot := uikit.WrapItems(items, " · ", p.width)
	bh := max(1, h-len(foot))
	var body string
	switch p.charts.which {
	case chartBars:
		if p.charts.perMonth {
			body = p.monthChart(s, p.width, bh)
		} else {
			body = p.dayChart(s, p.width, bh)
		}
	case chartHeat:
		body = p.heatChart(s, p.width, bh)
	case chartTop:
		body = p.topChart(s, p.width, bh)
	case chartDirs:
		body = p.dirsView(p.width, bh)
	}
	return uikit.FitBlock(body, p.width, bh) + "\n" + st.Muted.Render(strings.Join(foot, "\n"))
}

// dayChart draws calls per wall-clock day, every day of the span (days
// without calls at zero), as vertical bars; when the days outnumber the
// columns, the latest days that fit are shown and the title says so.
func (p *Pane) dayChart(s analysis.PBXSummary, w, h int) string {
	st := p.env.Styles
	days := calendar(s.PerDay)
	shown := days
	if len(shown) > w {
		shown = shown[len(shown)-w:]
	}
	var top int64
	topDay := ""
	values := make([]float64, len(shown))
	labels := make([]string, len(shown))
	for i, d := range shown {
		n := s.PerDay[d]
		values[i] = float64(n)
		labels[i] = d[8:10]
		if n > top {
			top, topDay = n, d
		}
	}
	title := fmt.Sprintf("Calls per day, %s to %s · busiest %s with %d", shown[0], shown[len(shown)-1], topDay, top)
	if len(shown) < len(days) {
		title += fmt.Sprintf(" · last %d of %d days (p: per month)", len(shown), len(days))
	}
	chart := verticalBars(st, labels, values, w, max(4, h-1), st.BarA)
	return uikit.FitLine(st.Subtitle.Render(title), w) + "\n" + chart
}

// calendar lists every date from the first to the last key of perDay.
func calendar(perDay map[string]int64) []string {
	keys := analysis.SortedKeys(perDay)
	if len(keys) == 0 {
		return nil
	}
	first, err1 := time.Parse("2006-01-02", keys[0])
	last, err2 := time.Parse("2006-01-02", keys[len(keys)-1])
	if err1 != nil || err2 != nil || last.Sub(first) > 20*366*24*time.Hour {
		return keys
	}
	var out []string
	for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
		out = append(out, d.Format("2006-01-02"))
	}
	return out
}

// monthChart draws calls per month as horizontal bars.
func (p *Pane) monthChart(s analysis.PBXSummary, w, h int) string {
	st := p.env.Styles
	months := analysis.SortedKeys(s.PerMonth)
	if len(months) > h-1 {
		months = months[len(months)-(h-1):]
	}
	labels := make([]string, len(months))
	values := make([]int64, len(months))
	for i, m := range months {
		labels[i] = fmt.Sprintf("%s %6d", m, s.PerMonth[m])
		values[i] = s.PerMonth[m]
	}
	return uikit.FitLine(st.Subtitle.Render(fmt.Sprintf("Calls per month (%d months)", len(s.PerMonth))), w) + "\n" +
		horizontalBars(st, labels, values, w, st.BarA)
}

// topChart draws talk time per recipient, the top 10, 20 or 50.
func (p *Pane) topChart(s analysis.PBXSummary, w, h int) string {
	st := p.env.Styles
	n := topSizes[p.charts.top]
	top := s.TopRecipients(n)
	room := max(1, h-1)
	p.charts.scroll = min(p.charts.scroll, max(0, len(top)-room))
	shown := top[p.charts.scroll:min(len(top), p.charts.scroll+room)]
	labels := make([]string, len(shown))
	values := make([]int64, len(shown))
	for i, r := range shown {
		word := "calls"
		if r.Calls == 1 {
			word = "call"
		}
		calls := fmt.Sprintf("%4d %s", r.Calls, word)
		if r.NoBillSec > 0 {
			// its talk time is a sum of the calls that have one: a
			// recipient reached only by calls without is not at 0s
			calls += fmt.Sprintf(" (%d unknown)", r.NoBillSec)
		}
		labels[i] = fmt.Sprintf("%2d %-14s %9s %s", p.charts.scroll+i+1, inert.String(r.Number), talk(r.BillSec), calls)
		values[i] = r.BillSec
	}
	title := fmt.Sprintf("Talk time per recipient, top %d of %d", n, len(s.Recipients))
	if len(s.Recipients) <= n {
		title = fmt.Sprintf("Talk time per recipient, all %d", len(s.Recipients))
	}
	if s.NoBillSec > 0 {
		title += fmt.Sprintf(" · %s without talk time left out", analysis.Plural(s.NoBillSec, "call", "calls"))
	}
	if len(shown) < len(top) {
		title += fmt.Sprintf(" · %d-%d shown (j/k)", p.charts.scroll+1, p.charts.scroll+len(shown))
	}
	return uikit.FitLine(st.Subtitle.Render(title), w) + "\n" + horizontalBars(st, labels, values, w, st.BarB)
}

// talk writes seconds as 1h02m03s, 4m05s or 37s.
func talk(sec int64) string {
	h, m, s := sec/3600, sec/60%60, sec%60
	switch {
	case h > 0:
		return fmt.Sprintf("%dh%02dm%02ds", h, m, s)
	case m > 0:
		return fmt.Sprintf("%dm%02ds", m, s)
	}
	return fmt.Sprintf("%ds", s)
}
