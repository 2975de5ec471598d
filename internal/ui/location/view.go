package location

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Glyphs of A's and B's sites: two shapes, so that they stay apart without
// colour (NO_COLOR).
const (
	glyphA = '●'
	glyphB = '■'
)

// fit cuts plain text to width cells.
func fit(s string, width int) string { return ansi.Truncate(inert.String(s), width, "…") }

// wrap lays a message (guidance, an error) on as many lines of width cells
// as it needs, made inert: what to do is read whole, never cut.
func wrap(s string, width int) string {
	return strings.Join(uikit.WrapWords(inert.String(s), width), "\n")
}

// fitStyled cuts styled text to width cells.
func fitStyled(s string, width int) string { return ansi.Truncate(s, width, "…") }

func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// dayLine is one line of the timeline with the instant it sorts by.
type dayLine struct {
	at   string
	text string
}

// timelineView lists the selected day's stays and moves of A and B.
func (p *Pane) timelineView(width, height int) string {
	s := p.env.Styles
	if len(p.days) == 0 {
		return s.Muted.Render(fit("No placed record: nothing to put on a timeline.", width))
	}
	day := p.days[p.day]
	var lines []dayLine
	stays, moves := 0, 0
	for i, r := range []*casework.LocationReport{p.a, p.b} {
		if r == nil {
			continue
		}
		glyph, st := string(glyphA), s.BarA
		if i == 1 {
			glyph, st = string(glyphB), s.BarB
		}
		g := st.Render(glyph)
		for _, x := range r.Stays {
			if x.From[:10] != day {
				continue
			}
			t := fmt.Sprintf("%s %s–%s ▪ at %-18s %5s rec", g, x.From[11:], x.To[11:], inert.String(x.Cell), thousands(int64(x.Records)))
			if x.To[:10] != x.From[:10] {
				// a stay past midnight says the day it ended after the
				// columns, which keep their width
				t += "  ended " + x.To[:10]
			}
			stays++
			lines = append(lines, dayLine{x.From, t})
		}
		for _, m := range r.Moves {
			if m.At[:10] != day {
				continue
			}
			t := fmt.Sprintf("%s %s→%s → to %-18s %6.2f km %5.0f km/h", g, m.Left[11:], m.At[11:], inert.String(m.ToCell), m.KM, m.KMH)
			if m.Left[:10] != m.At[:10] {
				// a move that left on an earlier day says that day after
				// the columns, as a stay past midnight does: month and
				// day in the shown day's year (which fits 80 columns),
				// the whole date in another year
				left := m.Left[5:10]
				if m.Left[:4] != m.At[:4] {
					left = m.Left[:10]
				}
				t += "  left " + left
			}
			if m.Impossible {
				t += "  " + s.Bad.Render("▲ IMPOSSIBLE")
			}
			moves++
			lines = append(lines, dayLine{m.Left + "~", t})
		}
	}
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].at < lines[j].at })
	head := s.Subtitle.Render(fmt.Sprintf("%s: %s, %s", day, analysis.Plural(int64(stays), "stay", "stays"), analysis.Plural(int64(moves), "move", "moves")))
	rows := height - 1
	if p.scroll > max(len(lines)-rows, 0) {
		p.scroll = max(len(lines)-rows, 0)
	}
	out := []string{fitStyled(head, width)}
	for _, l := range lines[p.scroll:min(len(lines), p.scroll+rows)] {
		out = append(out, fitStyled(l.text, width))
	}
	return strings.Join(out, "\n")
}

// placesView says home and work with their support, coverage and the
// cells whose sources disagree.
func (p *Pane) placesView(width, height int) string {
	s := p.env.Styles
	var out []string
	add := func(t string) {
		// a wrapped line is indented under its own start (hanging indent)
		indent := strings.Repeat(" ", len(ansi.Strip(t))-len(strings.TrimLeft(ansi.Strip(t), " "))+2)
		for i, l := range uikit.WrapStyled(t, max(10, width), max(10, width-len(indent))) {
			if i > 0 {
				l = indent + l
			}
			out = append(out, fitStyled(l, width))
		}
	}
	for i, r := range []*casework.LocationReport{p.a, p.b} {
		if r == nil {
			continue
		}
		glyph, st := string(glyphA), s.BarA
		if i == 1 {
			glyph, st = string(glyphB), s.BarB
		}
		add(st.Render(glyph) + " " + s.Subtitle.Render(roleName(i)+" "+r.MSISDN) +
			fmt.Sprintf("  %s of %s records placed (%.1f%%)", thousands(int64(r.Placed)), thousands(int64(r.Records)), 100*r.PlacedShare))
		if h := r.Places.Home; h != nil {
			add(fmt.Sprintf("  home (night %s): %s  %.5f,%.5f  most used on %d of %d nights", r.Night, inert.String(h.Cell), h.Lat, h.Lon, h.Nights, h.Of))
			add("    nights: " + strings.Join(h.Dates, " "))
		} else {
			add("  home (night " + r.Night + "): none — no placed record at night")
		}
		if w := r.Places.Work; w != nil {
			add(fmt.Sprintf("  work (weekdays %s): %s  %.5f,%.5f  most used on %d of %d weekdays", r.Day, inert.String(w.Cell), w.Lat, w.Lon, w.Days, w.Of))
			add("    days: " + strings.Join(w.Dates, " "))
		} else {
			add("  work (weekdays " + r.Day + "): none — no placed record in office hours")
		}
		add(fmt.Sprintf("  %s, %s, %s (%s at an impossible speed), %s with no position", analysis.Plural(int64(len(r.Sites)), "site", "sites"),
			analysis.Plural(int64(len(r.Stays)), "stay", "stays"), analysis.Plural(int64(len(r.Moves)), "move", "moves"), thousands(int64(r.Impossible)),
			analysis.Plural(int64(len(r.Unplaced)), "cell", "cells")))
		for _, x := range r.Sites {
			if x.Disagree {
				add(s.Warn.Render(fmt.Sprintf("  ! %s: sources disagree by %.1f km (drawn from %s line %d)", inert.String(x.Cell), x.SpreadM/1000, inert.String(x.Source), x.Line)))
			}
		}
		add("")
	}
	add(s.Muted.Render("n: other hours of the night · w: other working hours · e: export (CSV, KML, GeoJSON)"))
	if p.scroll > max(len(out)-height, 0) {
		p.scroll = max(len(out)-height, 0)
	}
	out = out[p.scroll:]
	if len(out) > height {
		out = out[:height]
	}
	return strings.Join(out, "\n")
}

// niceDistance is the largest of 1, 2, 5 × 10^n metres not above m.
func niceDistance(m float64) float64 {
	if m <= 0 {
		return 0
	}
	p := math.Pow(10, math.Floor(math.Log10(m)))
	for _, f := range []float64{5, 2, 1} {
		if f*p <= m {
			return f * p
		}
	}
	return p
}

// distanceText writes metres as the scale bar says them.
func distanceText(m float64) string {
	if m >= 1000 {
		return strconv.FormatFloat(m/1000, 'f', -1, 64) + " km"
	}
	return strconv.FormatFloat(m, 'f', -1, 64) + " m"
}
