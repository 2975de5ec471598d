package correlation

import (
	"fmt"
	"math"
	"strings"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/NimbleMarkets/ntcharts/canvas/runes"
	"github.com/NimbleMarkets/ntcharts/linechart"
	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Chart glyphs: the two series differ by glyph, not only by colour.
const (
	observedMark = '●'
	expectedMark = '·'
	windowMark   = '┊'
)

// chartLegend explains the glyphs under the plot in width cells: the axes'
// note drops "x: window" (the x axis is labelled with windows) before the
// y axis's log scale would be cut off.
func chartLegend(window int64, width int) string {
	marks := fmt.Sprintf("%c observed  %c expected by chance  %c window %s  ", observedMark, expectedMark, windowMark, windowLabel(window))
	for _, axes := range []string{"(x: window, y: matches, log scale)", "(y: matches, log scale)", "(y: log scale)"} {
		if ansi.StringWidth(marks+axes) <= width {
			return marks + axes
		}
	}
	return marks + "(y: log scale)"
}

// renderChart draws the chance plot: matches observed and expected by
// chance against the window (x is the index on the slider's scale, so
// log-like), y on a log10(1+n) scale so that a handful of matches and
// thousands both show. The current window is a dotted vertical line.
func renderChart(st *uikit.Styles, curve []casework.CurvePoint, windows []int64, current int, width, height int) string {
	if width < 20 || height < 5 || len(curve) == 0 {
		return ""
	}
	top := 1.0
	for _, c := range curve {
		top = max(top, float64(c.Observed), c.Expected)
	}
	maxY := math.Ceil(math.Log10(1 + top))
	label := func(_ int, v float64) string { return compactCount(math.Pow(10, v) - 1) }
	xLabel := func(_ int, v float64) string {
		i := int(math.Round(v))
		if i < 0 || i >= len(windows) {
			return ""
		}
		return windowLabel(windows[i])
	}
	chart := linechart.New(width, height, 0, float64(len(curve)-1), 0, maxY,
		linechart.WithXYSteps(6, 2),
		linechart.WithXLabelFormatter(xLabel),
		linechart.WithYLabelFormatter(label),
		linechart.WithStyles(st.Muted, st.Muted, st.Text))
	chart.DrawXYAxisAndLabel()
	pt := func(i int, v float64) canvas.Float64Point {
		return canvas.Float64Point{X: float64(i), Y: math.Log10(1 + max(v, 0))}
	}
	if current >= 0 && current < len(curve) {
		chart.DrawRuneLineWithStyle(pt(current, 0), canvas.Float64Point{X: float64(current), Y: maxY}, windowMark, st.Muted)
	}
	for i := 1; i < len(curve); i++ {
		chart.DrawRuneLineWithStyle(pt(i-1, curve[i-1].Expected), pt(i, curve[i].Expected), expectedMark, st.BarB)
	}
	for i := 1; i < len(curve); i++ {
		chart.DrawLineWithStyle(pt(i-1, float64(curve[i-1].Observed)), pt(i, float64(curve[i].Observed)), runes.ThinLineStyle, st.BarA)
	}
	for i, c := range curve {
		chart.DrawRuneWithStyle(pt(i, float64(c.Observed)), observedMark, st.BarA)
	}
	return chart.View()
}

// compactCount writes 0, 7, 12, 1.5k, 2M.
func compactCount(v float64) string {
	v = math.Round(v)
	switch {
	case v >= 1e6:
		return trimZero(fmt.Sprintf("%.1f", v/1e6)) + "M"
	case v >= 1e3:
		return trimZero(fmt.Sprintf("%.1f", v/1e3)) + "k"
	}
	return fmt.Sprintf("%.0f", v)
}

func trimZero(s string) string { return strings.TrimSuffix(s, ".0") }

// windowLabel writes a window as the slider shows it: 45s, 1m30s, 7m30s,
// 1h.
func windowLabel(w int64) string { return casework.FormatWindow(w) }
