package asterisk

import (
	"fmt"
	"strings"

	"github.com/NimbleMarkets/ntcharts/barchart"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// verticalBars draws one bar per value with ntcharts, labels (cut to the
// bar's width) under the axis, at most w wide and exactly h high.
func verticalBars(st *uikit.Styles, labels []string, values []float64, w, h int, style lipgloss.Style) string {
	n := len(values)
	if n == 0 || w < 4 || h < 3 {
		return ""
	}
	barW, gap := 1, 0
	if w >= 2*n {
		gap = 1
		barW = max(1, min(6, (w+gap)/n-gap))
	}
	var top float64 = 1
	data := make([]barchart.BarData, n)
	for i, v := range values {
		top = max(top, v)
		label := labels[i]
		if len(label) > barW {
			label = ""
		}
		data[i] = barchart.BarData{Label: label, Values: []barchart.BarValue{{Name: labels[i], Value: v, Style: style}}}
	}
	width := min(w, n*barW+(n-1)*gap)
	chart := barchart.New(width, h, barchart.WithNoAutoMaxValue(), barchart.WithMaxValue(top), barchart.WithNoAutoBarWidth(),
		barchart.WithBarWidth(barW), barchart.WithBarGap(gap), barchart.WithStyles(st.Muted, st.Muted), barchart.WithDataSet(data))
	chart.Draw()
	return uikit.FitBlock(chart.View(), w, h)
}

// horizontalBars draws one bar per line: the label (made printable ASCII,
// as ntcharts measures labels in bytes) then the bar, scaled so the
// largest fills the width.
func horizontalBars(st *uikit.Styles, labels []string, values []int64, w int, style lipgloss.Style) string {
	if len(values) == 0 || w < 10 {
		return ""
	}
	labelW := 0
	for _, l := range labels {
		labelW = max(labelW, len(asciiOnly(l)))
	}
	labelW = min(labelW+1, max(8, w*2/3))
	var top int64 = 1
	data := make([]barchart.BarData, len(values))
	for i, v := range values {
		top = max(top, v)
		l := asciiOnly(labels[i])
		if len(l) > labelW-1 {
			l = l[:labelW-1]
		}
		data[i] = barchart.BarData{Label: fmt.Sprintf("%-*s", labelW, l), Values: []barchart.BarValue{{Name: l, Value: float64(v), Style: style}}}
	}
	chart := barchart.New(w, len(values), barchart.WithNoAutoMaxValue(), barchart.WithNoAutoBarWidth(), barchart.WithBarWidth(1),
		barchart.WithBarGap(0), barchart.WithStyles(st.Muted, st.Text), barchart.WithDataSet(data), barchart.WithHorizontalBars(),
		barchart.WithMaxValue(float64(top)))
	chart.Draw()
	return uikit.FitBlock(chart.View(), w, len(values))
}

func asciiOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e {
			return '?'
		}
		return r
	}, s)
}

// shades are the heatmap's levels, lightest first; no calls shows "·".
var shades = []rune("░▒▓█")

// shade returns the glyph of n on a scale whose top is top.
func shade(n, top int64) rune {
	if n <= 0 || top <= 0 {
		return '·'
	}
	i := int((n*int64(len(shades)) - 1) / top)
	return shades[min(max(i, 0), len(shades)-1)]
}

var weekdays = []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}

// heatChart draws weekday × hour of the wall clock, by calls or by talk
// time: each cell a shade (readable without colour) and, when it fits, its
// value; each row ends with its total.
func (p *Pane) heatChart(s analysis.PBXSummary, w, h int) string {
	st := p.env.Styles
	grid, unit := s.HeatCalls, "calls"
	if p.charts.byDuration {
		grid, unit = s.HeatBillSec, "talk time (billsec)"
	}
	var top int64
	var totals [7]int64
	for d := range grid {
		for _, v := range grid[d] {
			top = max(top, v)
			totals[d] += v
		}
	}
	format := func(v int64) string {
		if p.charts.byDuration {
			return talk(v)
		}
		return table.Thousands(v)
	}
	totalW := 0
	for _, t := range totals {
		totalW = max(totalW, len(format(t)))
	}
	cellW := max(1, (w-4-totalW-1)/24)
	// Values go in the cells only when the largest fits beside its shade,
	// so that every cell reads the same way.
	numbers := cellW-1 >= len(format(top))+2
	var b strings.Builder
	b.WriteString(uikit.FitLine(st.Subtitle.Render(fmt.Sprintf("Weekday × hour by %s (u toggles) · darkest = %s", unit, format(top))), w))
	b.WriteString("\n    ")
	for hr := 0; hr < 24; hr++ {
		label := ""
		if cellW >= 3 || hr%3 == 0 {
			label = fmt.Sprintf("%02d", hr)
		}
		b.WriteString(st.Muted.Render(fit(label, cellW)))
	}
	b.WriteString(st.Muted.Render(" " + fmt.Sprintf("%*s", totalW, "Σ")))
	for d := range grid {
		b.WriteString("\n" + weekdays[d] + " ")
		for hr := 0; hr < 24; hr++ {
			v := grid[d][hr]
			g := string(shade(v, top))
			cell := strings.Repeat(g, max(1, cellW-1))
			if text := format(v); v > 0 && numbers {
				cell = strings.Repeat(g, cellW-2-len(text)) + " " + text
			} else if v == 0 {
				cell = fit("·", max(1, cellW-1))
			}
			if cellW > 1 {
				cell += " "
			}
			b.WriteString(st.BarA.Render(cell))
		}
		b.WriteString(fmt.Sprintf(" %*s", totalW, format(totals[d])))
	}
	b.WriteString("\n" + st.Muted.Render(fmt.Sprintf("    · none  %c up to ¼  %c ½  %c ¾  %c above ¾ of the darkest cell", shades[0], shades[1], shades[2], shades[3])))
	return uikit.FitBlock(b.String(), w, max(h, 10))
}

// fit pads or cuts s to exactly w cells.
func fit(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return ansi.Truncate(s, w, "")
}
