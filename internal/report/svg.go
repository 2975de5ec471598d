package report

import (
	"fmt"
	"html"
	"math"
	"strings"
)

// seriesColours are the bars' fills; the second series is also hatched so
// that a black-and-white print tells them apart.
var seriesColours = []string{"#3b6ea5", "#d08c2b", "#5a9e6f"}

// niceMax rounds a chart's top up to 1, 2 or 5 times a power of ten.
func niceMax(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}

// chartGeometry is shared by the SVG and PDF drawings.
type chartGeometry struct {
	W, H, Left, Right, Top, Bottom float64
	Max                            float64
}

// ticks is how many steps the value axis has: 4, or 5 when a quarter of
// the top is not a round number (50 in steps of 10, not 12.5).
func (g chartGeometry) ticks() int {
	q := g.Max / 4
	if q >= 1 && q != math.Trunc(q) || q < 1 && q*4 != math.Trunc(q*4) {
		return 5
	}
	return 4
}

func geometry(c Chart, w, h float64) chartGeometry {
	g := chartGeometry{W: w, H: h, Left: 48, Right: 8, Top: 22, Bottom: 34}
	for _, s := range c.Series {
		for _, v := range s.Values {
			g.Max = math.Max(g.Max, v)
		}
	}
	g.Max = niceMax(g.Max)
	return g
}

// SVG draws a bar chart as inline SVG: every text escaped, no external
// reference.
func SVG(c Chart, uid string) string {
	const w, h = 680.0, 240.0
	g := geometry(c, w, h)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" role="img" aria-label="%s">`, w, h, w, h, html.EscapeString(c.Title))
	fmt.Fprintf(&b, `<defs><pattern id="hatch-%s" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="4" height="4" fill="#d08c2b"/><line x1="0" y1="0" x2="0" y2="4" stroke="#fff" stroke-width="1.5"/></pattern></defs>`, uid)
	fmt.Fprintf(&b, `<text x="%.0f" y="14" font-size="13" font-weight="bold">%s</text>`, g.Left, html.EscapeString(c.Title))
	plotH := h - g.Top - g.Bottom
	plotW := w - g.Left - g.Right
	ticks := g.ticks()
	for i := 0; i <= ticks; i++ {
		v := g.Max * float64(i) / float64(ticks)
		y := g.Top + plotH - plotH*float64(i)/float64(ticks)
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#ccc" stroke-width="0.5"/>`, g.Left, y, w-g.Right, y)
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="10" text-anchor="end">%s</text>`, g.Left-4, y+3, axisLabel(v))
	}
	n := len(c.Labels)
	if n == 0 {
		b.WriteString(`</svg>`)
		return b.String()
	}
	slot := plotW / float64(n)
	ns := max(len(c.Series), 1)
	bw := slot * 0.8 / float64(ns)
	step := 1
	for n/step > 24 {
		step++
	}
	for i, label := range c.Labels {
		x0 := g.Left + slot*float64(i) + slot*0.1
		for si, s := range c.Series {
			if i >= len(s.Values) {
				continue
			}
			v := s.Values[i]
			bh := plotH * v / g.Max
			fill := seriesColours[si%len(seriesColours)]
			if si == 1 {
				fill = "url(#hatch-" + uid + ")"
			}
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s: %s</title></rect>`,
				x0+bw*float64(si), g.Top+plotH-bh, math.Max(bw-1, 0.5), bh, fill, html.EscapeString(label), axisLabel(v))
		}
		if i%step == 0 {
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="10" text-anchor="middle">%s</text>`, g.Left+slot*(float64(i)+0.5), h-g.Bottom+13, html.EscapeString(clip(label, 14)))
		}
	}
	fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#333"/>`, g.Left, g.Top+plotH, w-g.Right, g.Top+plotH)
	if len(c.Series) > 1 {
		x := g.Left
		for si, s := range c.Series {
			fill := seriesColours[si%len(seriesColours)]
			if si == 1 {
				fill = "url(#hatch-" + uid + ")"
			}
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="10" height="10" fill="%s"/><text x="%.1f" y="%.1f" font-size="11">%s</text>`, x, h-14, fill, x+14, h-5, html.EscapeString(s.Name))
			x += 24 + 7*float64(len([]rune(s.Name)))
		}
	}
	if c.YLabel != "" {
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" font-size="10" text-anchor="end">%s</text>`, w-g.Right, 14.0, html.EscapeString(c.YLabel))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

func axisLabel(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	if v < 10 {
		return fmt.Sprintf("%.2f", v)
	}
	return fmt.Sprintf("%.1f", v)
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
