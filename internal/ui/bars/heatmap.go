package bars

import (
	"fmt"
	"strings"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/NimbleMarkets/ntcharts/heatmap"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// heatScale is a sequential, colour-blind-safe ramp (viridis), readable on
// light and dark backgrounds alike.
var heatScale = []lipgloss.Color{"#440154", "#46327e", "#365c8d", "#277f8e", "#1fa187", "#4ac16d", "#a0da39", "#fde725"}

// HasColour reports whether st's terminal shows colour (not NO_COLOR or a
// dumb terminal): a colour heatmap says nothing without it.
func HasColour(st *uikit.Styles) bool {
	return st.Renderer.ColorProfile() != termenv.Ascii
}

// Heatmap draws rows × columns of counts as an ntcharts heatmap: each cell
// a block coloured by its count against top (0 stays blank), row labels on
// the left, column labels above and row totals on the right. It needs
// colour (see HasColour; Grid is the form readable without it).
func Heatmap(st *uikit.Styles, rowLabels, colLabels []string, cells [][]int64, top int64, width int) string {
	labelW := 0
	for _, l := range rowLabels {
		labelW = max(labelW, ansi.StringWidth(l))
	}
	totals := make([]int64, len(cells))
	totalW := 1
	for r, row := range cells {
		for _, n := range row {
			totals[r] += n
			top = max(top, n)
		}
		totalW = max(totalW, len(thousands(totals[r])))
	}
	cols, rows := len(colLabels), len(rowLabels)
	cellW := min((width-labelW-2-totalW-1)/max(cols, 1), 8)
	if cellW < 2 || rows == 0 {
		return ""
	}
	w := cols * cellW
	hm := heatmap.New(w, rows, heatmap.WithValueRange(0, float64(max(top, 1))), heatmap.WithColorScale(heatScale),
		heatmap.WithCellStyle(st.Renderer.NewStyle()))
	hm.SetXStep(0)
	hm.SetYStep(0)
	for y := 0; y < rows; y++ { // the cells take this terminal's colour profile
		for x := 0; x < w; x++ {
			hm.Canvas.SetCellStyle(canvas.Point{X: x, Y: y}, st.Renderer.NewStyle())
		}
	}
	// one point per canvas cell: with the ranges set to the graph's own
	// size, point (x, y) lands on column x, line y counted from the bottom (the
	// heatmap scales by the full graph size)
	gw, gh := hm.GraphWidth(), hm.GraphHeight()
	hm.SetXYRange(0, float64(gw), 0, float64(gh))
	hm.SetViewXYRange(0, float64(gw), 0, float64(gh))
	for cx := 0; cx < gw; cx++ {
		for cy := 0; cy < gh; cy++ {
			c := min(cx*cols/gw, cols-1)
			r := rows - 1 - min(cy*rows/gh, rows-1)
			if v := cells[r][c]; v > 0 {
				hm.Push(heatmap.NewHeatPoint(float64(cx), float64(cy), float64(v)))
			}
		}
	}
	hm.Draw()
	lines := strings.Split(hm.View(), "\n")
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", labelW+1))
	for _, c := range colLabels {
		if len(c) > cellW-1 {
			c, _, _ = strings.Cut(c, "-")
		}
		b.WriteString(st.Muted.Render(pad(truncateASCII(c, cellW-1), cellW)))
	}
	b.WriteString(st.Muted.Render(fmt.Sprintf(" %*s", totalW, "Σ")))
	for r := 0; r < rows; r++ {
		b.WriteByte('\n')
		b.WriteString(pad(rowLabels[r], labelW+1))
		if r < len(lines) {
			b.WriteString(lines[r])
		}
		b.WriteString(fmt.Sprintf(" %*s", totalW, thousands(totals[r])))
	}
	b.WriteByte('\n')
	legend := st.Muted.Render("fewer ")
	for _, c := range heatScale {
		legend += st.Renderer.NewStyle().Background(c).Render(" ")
	}
	// the legend is read whole in the width given (A's and B's grids side
	// by side at 80 columns cut it at "blank:…")
	tail := fmt.Sprintf(" more (up to %s) · blank: none", thousands(top))
	if ansi.StringWidth("fewer ")+len(heatScale)+ansi.StringWidth(tail) > width {
		tail = fmt.Sprintf(" more (≤ %s) · blank 0", thousands(top))
	}
	legend += st.Muted.Render(tail)
	b.WriteString(legend)
	return b.String()
}
