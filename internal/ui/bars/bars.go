// Package bars draws the workbench's simple charts with ntcharts: labelled
// horizontal bars on a scale the caller fixes (so that two subscribers
// drawn side by side compare), an hour-of-day strip, and a shaded
// weekday × interval grid whose cells carry their counts (readable without
// colour).
package bars

import (
	"fmt"
	"strings"

	"github.com/NimbleMarkets/ntcharts/barchart"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Bar is one labelled value.
type Bar struct {
	Label string
	Value int64
}

// Horizontal draws one bar per line: the label (made ASCII and padded to
// the longest), the value, an axis and the bar, scaled so that top fills
// the width. top below the largest value is raised to it. The result is
// exactly width wide and len(bars) lines high.
func Horizontal(st *uikit.Styles, bs []Bar, top int64, width int, style lipgloss.Style) string {
	if len(bs) == 0 || width < 8 {
		return ""
	}
	labelW, valueW := 0, 0
	for _, b := range bs {
		labelW = max(labelW, len(asciiLabel(b.Label)))
		valueW = max(valueW, len(thousands(b.Value)))
		top = max(top, b.Value)
	}
	labelW = min(labelW, max(4, width/3))
	data := make([]barchart.BarData, len(bs))
	for i, b := range bs {
		label := fmt.Sprintf("%-*s %*s ", labelW, truncateASCII(asciiLabel(b.Label), labelW), valueW, thousands(b.Value))
		data[i] = barchart.BarData{Label: label, Values: []barchart.BarValue{{Name: b.Label, Value: float64(b.Value), Style: style}}}
	}
	chart := barchart.New(width, len(bs),
		barchart.WithNoAutoMaxValue(), barchart.WithNoAutoBarWidth(), barchart.WithBarWidth(1), barchart.WithBarGap(0),
		barchart.WithStyles(st.Muted, st.Text),
		barchart.WithDataSet(data), // before the layout: the label width sets the axis
		barchart.WithHorizontalBars(),
		barchart.WithMaxValue(float64(max(top, 1))))
	chart.Draw()
	return uikit.FitBlock(chart.View(), width, len(bs))
}

// Hours draws 24 counts (hour 0 first) as a sparkline of height lines,
// two cells per hour, with an axis line under it: height+1 lines, 48 wide
// (one cell per hour below 48 columns, nothing below 24).
func Hours(st *uikit.Styles, hours [24]int64, width, height int, style lipgloss.Style) string {
	per := 2
	if width < 48 {
		per = 1
	}
	if width < 24 || height < 1 {
		return ""
	}
	var top int64 = 1
	for _, h := range hours {
		top = max(top, h)
	}
	// Drawn here rather than by a sparkline that rounds small values away:
	// an hour with any record shows at least the lowest eighth, so a
	// quiet hour beside a busy one is never drawn as empty.
	rows := make([]strings.Builder, height)
	for _, n := range hours {
		eighths := 0
		if n > 0 {
			eighths = max(1, int((n*int64(8*height)+top/2)/top))
		}
		for r := range height { // r = 0 is the top row
			level := eighths - 8*(height-1-r)
			var cell string
			switch {
			case level >= 8:
				cell = "█"
			case level > 0:
				cell = string([]rune(sparkGlyphs)[level-1])
			default:
				cell = " "
			}
			rows[r].WriteString(style.Render(strings.Repeat(cell, per)))
		}
	}
	lines := make([]string, height)
	for r := range rows {
		lines[r] = rows[r].String()
	}
	var axis strings.Builder
	for h := 0; h < 24; h += 6 {
		label := fmt.Sprintf("%02d", h)
		if per == 1 {
			label = fmt.Sprintf("%d", h)
		}
		axis.WriteString(fmt.Sprintf("%-*s", 6*per, label))
	}
	return uikit.FitBlock(strings.Join(lines, "\n"), width, height) + "\n" + st.Muted.Render(uikit.FitLine(axis.String(), width))
}

// sparkGlyphs are the eighths of a cell, lowest first.
const sparkGlyphs = "▁▂▃▄▅▆▇"

// shadeGlyphs are the grid's levels, lightest first; a zero count shows "·".
const shadeGlyphs = "░▒▓█"

// Shade returns the glyph for n on a scale whose top is top: ░ up to a
// quarter of top, ▒ to a half, ▓ to three quarters, █ above; · for none.
func Shade(n, top int64) string {
	if n <= 0 || top <= 0 {
		return "·"
	}
	levels := []rune(shadeGlyphs)
	i := int((n*int64(len(levels)) - 1) / top)
	return string(levels[min(max(i, 0), len(levels)-1)])
}

// Grid draws rows × columns of counts: a header of column labels, then a
// row label and one cell per count, each cell a shade glyph (scaled to
// top) followed by the count when the cell is wide enough, and the row's
// total at the end. The width of every line is at most width.
func Grid(st *uikit.Styles, rowLabels, colLabels []string, cells [][]int64, top int64, width int, style lipgloss.Style) string {
	labelW := 0
	for _, l := range rowLabels {
		labelW = max(labelW, ansi.StringWidth(l))
	}
	var totalW int
	totals := make([]int64, len(cells))
	for r, row := range cells {
		for _, n := range row {
			totals[r] += n
			top = max(top, n)
		}
		totalW = max(totalW, len(thousands(totals[r])))
	}
	cols := len(colLabels)
	cellW := min((width-labelW-1-totalW-2)/max(cols, 1), 10) // wider cells say nothing more
	if cellW < 2 {
		return ""
	}
	// every cell writes its count the same way: in full when all fit,
	// else all compact (7,880 as 7.9k)
	text := thousands
	for _, row := range cells {
		for _, n := range row {
			if len(thousands(n))+2 > cellW-1 {
				text = Compact
			}
		}
	}
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", labelW+1))
	for _, c := range colLabels {
		if len(c) > cellW-1 {
			c, _, _ = strings.Cut(c, "-") // "00-03" becomes "00"
		}
		b.WriteString(st.Muted.Render(pad(truncateASCII(c, cellW-1), cellW)))
	}
	b.WriteString(st.Muted.Render(fmt.Sprintf(" %*s", totalW, "Σ")))
	for r, row := range cells {
		b.WriteByte('\n')
		b.WriteString(pad(rowLabels[r], labelW+1))
		for _, n := range row {
			glyph := Shade(n, top)
			count := text(n)
			cell := strings.Repeat(glyph, cellW-1)
			if n == 0 {
				cell = pad("·", cellW-1)
			} else if cellW-1 >= len(count)+2 {
				cell = strings.Repeat(glyph, cellW-2-len(count)) + " " + count
			}
			b.WriteString(style.Render(cell) + " ")
		}
		b.WriteString(fmt.Sprintf(" %*s", totalW, thousands(totals[r])))
	}
	return b.String()
}

func pad(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// asciiLabel replaces what is not printable ASCII (ntcharts measures
// labels in bytes).
func asciiLabel(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e {
			return '?'
		}
		return r
	}, s)
}

func truncateASCII(s string, w int) string {
	if len(s) <= w {
		return s
	}
	if w <= 1 {
		return s[:max(w, 0)]
	}
	return s[:w-1] + "~"
}

// Compact writes a count in at most five characters: 999, 7.9k, 105k,
// 1.2M.
func Compact(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprint(n)
	case n < 10_000:
		return trimPoint(fmt.Sprintf("%.1f", float64(n)/1e3)) + "k"
	case n < 1_000_000:
		return fmt.Sprintf("%dk", n/1000)
	case n < 10_000_000:
		return trimPoint(fmt.Sprintf("%.1f", float64(n)/1e6)) + "M"
	}
	return fmt.Sprintf("%dM", n/1_000_000)
}

func trimPoint(s string) string { return strings.TrimSuffix(s, ".0") }

// thousands writes 1234567 as 1,234,567.
func thousands(n int64) string { return analysis.Thousands(n) }

// Text draws n on a scale whose top fills width cells, in eighths of a
// cell, as plain text (for table cells).
func Text(n, top int64, width int) string {
	if n <= 0 || top <= 0 || width <= 0 {
		return ""
	}
	eighths := int((n*int64(width)*8 + top - 1) / top) // round up: any record shows
	eighths = min(eighths, width*8)
	s := strings.Repeat("█", eighths/8)
	if r := eighths % 8; r > 0 {
		s += string([]rune("▏▎▍▌▋▊▉")[r-1])
	}
	return s
}
