package network

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"

	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/ui/table"
)

// cell classes: what draws a cell, so runs of one class share a style.
const (
	clBlank = iota
	clVoice
	clData
	clNode
	clCenter
	clSelected
	clBroker
)

type canvas struct {
	w, h  int
	runes [][]rune
	class [][]int
}

func newCanvas(w, h int) *canvas {
	c := &canvas{w: w, h: h, runes: make([][]rune, h), class: make([][]int, h)}
	for y := range h {
		c.runes[y] = []rune(strings.Repeat(" ", w))
		c.class[y] = make([]int, w)
	}
	return c
}

func (c *canvas) set(x, y int, r rune, cl int) {
	if x >= 0 && x < c.w && y >= 0 && y < c.h {
		c.runes[y][x], c.class[y][x] = r, cl
	}
}

func (c *canvas) text(x, y int, s string, cl int) {
	for _, r := range s {
		c.set(x, y, r, cl)
		x++
	}
}

// Line glyphs: calls and SMS by weight (few: dotted; some: light; many:
// heavy), data correlations by tildes. Under NO_COLOR the two families
// still tell the kinds apart, and the dot, light and heavy strokes the
// weights.
const (
	voiceFew  = '·'
	dataWeak  = '~'
	dataStrng = '≈'
)

func voiceGlyph(weight float64, dir rune) rune {
	switch {
	case weight < 3:
		return voiceFew
	case weight < 10:
		return dir
	}
	switch dir {
	case '─':
		return '━'
	case '│':
		return '┃'
	}
	return dir
}

// slope is the stroke of a line from (x0,y0) to (x1,y1): cells are about
// twice as tall as wide.
func slope(x0, y0, x1, y1 int) rune {
	ax, ay := math.Abs(float64(x1-x0))/2, math.Abs(float64(y1-y0))
	switch {
	case ay < 0.5*ax:
		return '─'
	case ax < 0.5*ay:
		return '│'
	case (x1 > x0) == (y1 > y0):
		return '╲'
	}
	return '╱'
}

// line draws from a to b (Bresenham), endpoints left to the nodes.
func (c *canvas) line(x0, y0, x1, y1 int, r rune, cl int) {
	dx, dy := abs(x1-x0), -abs(y1-y0)
	sx, sy := sign(x1-x0), sign(y1-y0)
	err := dx + dy
	x, y := x0, y0
	for {
		if (x != x0 || y != y0) && (x != x1 || y != y1) {
			c.set(x, y, r, cl)
		}
		if x == x1 && y == y1 {
			return
		}
		e2 := 2 * err
		if e2 >= dy {
			err += dy
			x += sx
		}
		if e2 <= dx {
			err += dx
			y += sy
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func sign(x int) int {
	switch {
	case x < 0:
		return -1
	case x > 0:
		return 1
	}
	return 0
}

// shortLabel keeps a label to width cells: printable ASCII only (anything
// else shown as '?', so the drawing's columns hold), the tail kept (the
// end of a number tells it apart), '…' where cut.
func shortLabel(s string, width int) string {
	s = inert.String(s)
	var b strings.Builder
	for _, r := range s {
		if r < 0x20 || r > 0x7e {
			r = '?'
		}
		b.WriteRune(r)
	}
	s = b.String()
	if width <= 1 {
		return ""
	}
	if len(s) > width {
		return "…" + s[len(s)-width+1:]
	}
	return s
}

// draw renders the layout: edges first, nodes over them.
func (p *Pane) draw(w, h int) []string {
	c := newCanvas(w, h)
	lo, g := p.lo, p.graph
	order := slices.Clone(lo.edges) // strong strokes over weak ones
	slices.SortStableFunc(order, func(x, y drawnEdge) int { return cmp.Compare(x.voice+x.data, y.voice+y.data) })
	for _, e := range order {
		a, b := lo.spots[e.a], lo.spots[e.b]
		if e.voice > 0 {
			c.line(a.x, a.y, b.x, b.y, voiceGlyph(e.voice, slope(a.x, a.y, b.x, b.y)), clVoice)
		} else {
			r := dataWeak
			if e.data >= 20 {
				r = dataStrng
			}
			c.line(a.x, a.y, b.x, b.y, r, clData)
		}
	}
	broker := p.broker()
	for k, s := range lo.spots {
		n := g.Nodes[s.node]
		mark, cl := "○", clNode
		if n.Subscriber {
			mark = "●"
		}
		if n.ID == broker {
			cl = clBroker
		}
		if k == 0 {
			mark, cl = "◉", clCenter
		}
		text := mark + shortLabel(n.Label, p.labelW-1)
		if k == p.sel {
			text, cl = "["+text+"]", clSelected
		}
		x := s.x - utf8.RuneCountInString(text)/2
		x = min(max(x, 0), w-utf8.RuneCountInString(text))
		c.text(x, s.y, text, cl)
	}
	st := p.env.Styles
	styles := map[int]lipgloss.Style{clBlank: st.Cell, clVoice: st.BarA, clData: st.BarB, clNode: st.Text,
		clCenter: st.Title, clSelected: st.Selected, clBroker: st.Warn}
	out := make([]string, h)
	for y := range h {
		var b strings.Builder
		start := 0
		for x := 1; x <= w; x++ {
			if x == w || c.class[y][x] != c.class[y][start] {
				run := string(c.runes[y][start:x])
				if c.class[y][start] == clBlank {
					b.WriteString(run)
				} else {
					b.WriteString(styles[c.class[y][start]].Render(run))
				}
				start = x
			}
		}
		out[y] = b.String()
	}
	return out
}

// broker is the number, other than the centre, with the highest
// betweenness ("" when nobody brokers anything).
func (p *Pane) broker() string {
	if p.graph == nil {
		return ""
	}
	for _, n := range p.graph.Nodes {
		if n.ID != p.graph.Center && n.Betweenness > 0 {
			return n.ID
		}
	}
	return ""
}

// side is the list beside the drawing: every number by betweenness, the
// broker marked, then the selected number's links.
func (p *Pane) side(w, h int) []string {
	st := p.env.Styles
	g := p.graph
	var out []string
	out = append(out, st.Header.Render(fit(fmt.Sprintf("  %-12s %3s %7s", "number", "hop", "between"), w)))
	broker := p.broker()
	selID := ""
	if p.sel >= 0 && p.sel < len(p.lo.spots) {
		selID = g.Nodes[p.lo.spots[p.sel].node].ID
	}
	rows := max(1, h-6)
	for i, n := range g.Nodes {
		if i == rows {
			out = append(out, st.Muted.Render(fit(fmt.Sprintf("… %s more (e exports all)", table.Thousands(int64(len(g.Nodes)-rows))), w)))
			break
		}
		mark := " "
		switch n.ID {
		case g.Center:
			mark = "◉"
		case broker:
			mark = "*"
		}
		cur := " " // the selection marked by a glyph too: NO_COLOR terminals
		if n.ID == selID {
			cur = "▸"
		}
		line := fit(fmt.Sprintf("%s%s%-12s %2d %8s", mark, cur, shortLabel(n.Label, 12), n.Hop, compact(n.Betweenness)), w)
		switch {
		case n.ID == selID:
			line = st.Selected.Render(line)
		case n.ID == broker:
			line = st.Warn.Render(line)
		}
		out = append(out, line)
	}
	if selID != "" {
		n := g.Node(selID)
		out = append(out, "", st.Subtitle.Render(fit(shortLabel(n.Label, w), w)))
		kind := "number"
		if n.Subscriber {
			kind = "subscriber"
		}
		out = append(out, fit(fmt.Sprintf("%s · hop %d", kind, n.Hop), w), fit(fmt.Sprintf("%s linked · betw. %s", table.Thousands(int64(n.Degree)), compact(n.Betweenness)), w))
		if selID != g.Center {
			var links []string
			for _, e := range g.Edges {
				if (e.A == selID && e.B == g.Center) || (e.B == selID && e.A == g.Center) {
					links = append(links, fmt.Sprintf("%s %g", e.Kind, e.Weight))
				}
			}
			if len(links) == 0 {
				links = []string{"none directly"}
			}
			out = append(out, fit("with the centre: "+strings.Join(links, ", "), w))
		}
	}
	if len(out) > h {
		out = out[:h]
	}
	return out
}

// fit pads or cuts s to w cells.
func fit(s string, w int) string {
	n := utf8.RuneCountInString(s)
	if n > w {
		r := []rune(s)
		if w <= 1 {
			return string(r[:max(w, 0)])
		}
		return string(r[:w-1]) + "…"
	}
	return s + strings.Repeat(" ", w-n)
}

// compact writes a betweenness in at most 8 cells: 12.5, 48,213, 1.3M.
func compact(f float64) string {
	switch {
	case f >= 1e6:
		return fmt.Sprintf("%.1fM", f/1e6)
	case f >= 1e4:
		return table.Thousands(int64(f + 0.5))
	}
	return fmt.Sprintf("%.1f", f)
}
