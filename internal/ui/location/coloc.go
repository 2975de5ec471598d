package location

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// The co-location sub-view: with B in focus, A's and B's meetings (the
// records of both that make each) beside what chance gives, as `cdrtui
// colocate CASE A B`; with A alone, who was most with A, as `cdrtui
// colocate CASE A`. r steps the radius, t the window; b makes the
// companion under the cursor B. It is computed when first shown.

var (
	radiusChoices = []float64{0, 500, 1000, 2000}
	windowChoices = []int64{900, 300, 1800, 3600}
)

type colocMsg struct {
	tag        uint64
	key        string
	coloc      *casework.ColocReport
	companions *casework.CompanionsReport
	err        error
}

// colocKey says what the shown co-location was computed for.
func (p *Pane) colocKey() string {
	return fmt.Sprintf("%s|%s|%d|%d|%d|%d", p.focusA, p.focusB, p.radius, p.window, p.env.Scope.From, p.env.Scope.To)
}

func (p *Pane) colocParams() casework.ColocParams {
	cp := casework.DefaultColocParams()
	cp.Scope = p.env.Scope
	cp.RadiusM = radiusChoices[p.radius]
	cp.WindowS = windowChoices[p.window]
	return cp
}

// loadColoc computes the sub-view off the UI goroutine when what it shows
// is not what is in focus.
func (p *Pane) loadColoc() tea.Cmd {
	key := p.colocKey()
	if p.focusA == "" || key == p.colocFor {
		return nil
	}
	p.colocFor, p.coloc, p.companions, p.colocErr = key, nil, nil, nil
	tag := p.colocTicket.Next()
	st, ctx, cp, a, b := p.env.Locator(), p.env.Context, p.colocParams(), p.focusA, p.focusB
	work := func() tea.Msg { return computeColoc(ctx, st, cp, a, b, key, tag) }
	return tea.Sequence(uikit.Busy(busyKey+"-coloc", true), work)
}

func computeColoc(ctx context.Context, st casework.Locator, cp casework.ColocParams, a, b, key string, tag uint64) colocMsg {
	msg := colocMsg{tag: tag, key: key}
	if b != "" && b != a {
		msg.coloc, msg.err = casework.Colocate(ctx, st, a, b, cp)
	} else {
		msg.companions, msg.err = casework.ColocateTop(ctx, st, a, cp)
	}
	return msg
}

func (p *Pane) colocLoaded(msg colocMsg) tea.Cmd {
	done := uikit.Busy(busyKey+"-coloc", false)
	if !p.colocTicket.Current(msg.tag) {
		return done
	}
	p.coloc, p.companions, p.colocErr = msg.coloc, msg.companions, msg.err
	p.scroll = 0
	if msg.err != nil {
		return tea.Batch(done, uikit.Fail(msg.err))
	}
	return done
}

// colocKeys handles r, t and b in the sub-view; false for other keys.
func (p *Pane) colocKeys(msg tea.KeyMsg) (tea.Cmd, bool) {
	switch msg.String() {
	case "r":
		p.radius = (p.radius + 1) % len(radiusChoices)
		return p.loadColoc(), true
	case "t":
		p.window = (p.window + 1) % len(windowChoices)
		return p.loadColoc(), true
	case "b":
		if p.companions != nil && p.scroll < len(p.companions.Companions) {
			return uikit.RequestFocus(uikit.RoleB, p.companions.Companions[p.scroll].MSISDN, ""), true
		}
	}
	return nil, false
}

func radiusLabel(m float64) string {
	if m <= 0 {
		return "at the same site"
	}
	return "within " + distanceText(m)
}

// windowLabel writes a window of seconds as an analyst says it.
func windowLabel(s int64) string { return uikit.WindowText(time.Duration(s) * time.Second) }

// companionLayout is how the ranking's columns fit a width: the date
// format of FIRST and LAST (cut to dateW: to the second, else the minute)
// and whether EXCESS (meetings beyond chance) has room.
type companionLayout struct {
	msisdnW, dateW int
	excess         bool
}

func (l companionLayout) width() int {
	w := 1 + l.msisdnW + 1 + 8 + 1 + 8 + 1 + 6 + 2 + l.dateW + 1 + l.dateW
	if l.excess {
		w += 8
	}
	return w
}

func (l companionLayout) row(msisdn, meetings, expected, excess, score, first, last string) string {
	ex := ""
	if l.excess {
		ex = fmt.Sprintf(" %7s", excess)
	}
	cut := func(d string) string { return d[:min(len(d), l.dateW)] }
	return fmt.Sprintf(" %-*s %8s %8s%s %6s  %-*s %-*s", l.msisdnW, msisdn, meetings, expected, ex, score, l.dateW, cut(first), l.dateW, cut(last))
}

func layoutCompanions(r *casework.CompanionsReport, width int) companionLayout {
	mw := len("MSISDN")
	for _, c := range r.Companions {
		mw = max(mw, ansi.StringWidth(inert.String(c.MSISDN)))
	}
	for _, l := range []companionLayout{{mw, 19, true}, {mw, 19, false}, {mw, 16, false}} {
		if l.width() <= width {
			return l
		}
	}
	return companionLayout{mw, 16, false}
}

// colocView draws the sub-view. Its head lines wrap (never cut); the
// ranking's columns fit the width (seconds, then EXCESS, give way).
func (p *Pane) colocView(width, height int) string {
	s := p.env.Styles
	params := fmt.Sprintf("%s, within %s of each other (r: radius, t: window)", radiusLabel(radiusChoices[p.radius]), windowLabel(windowChoices[p.window]))
	switch {
	case p.colocErr != nil:
		return s.Bad.Render(fit("Co-location: "+p.colocErr.Error(), width))
	case p.coloc == nil && p.companions == nil:
		return s.Muted.Render(fit("Finding who was with "+p.focusA+" "+params+"…", width))
	}
	var out []string
	add := func(t string) {
		for i, l := range uikit.WrapStyled(t, max(10, width), max(10, width-2)) {
			if i > 0 { // a wrapped line is indented under its start
				l = "  " + l
			}
			out = append(out, fitStyled(l, width))
		}
	}
	var rows []string
	if r := p.coloc; r != nil {
		add(s.Subtitle.Render(fmt.Sprintf("%s and %s: %s; chance gives %.2f (score %.2f)", r.A, r.B,
			analysis.Plural(int64(len(r.Meetings)), "meeting", "meetings"), r.Expected, r.Score)))
		add(s.Muted.Render(params + fmt.Sprintf(" · placed: A %s, B %s records", thousands(int64(r.PlacedA)), thousands(int64(r.PlacedB)))))
		for _, m := range r.Meetings {
			where := inert.String(m.CellA)
			if m.CellB != m.CellA {
				where += fmt.Sprintf(" / %s (%.0f m)", inert.String(m.CellB), m.DistanceM)
			}
			var na, nb int
			for _, rec := range m.Records {
				if rec.Side == "b" {
					nb++
				} else {
					na++
				}
			}
			rows = append(rows, s.Subtitle.Render(fmt.Sprintf("%s–%s", m.At, m.End[11:]))+" at "+where+
				s.Muted.Render(fmt.Sprintf(" · A %d, B %d", na, nb)))
			for _, rec := range m.Records {
				glyph, st := string(glyphA), s.BarA
				if rec.Side == "b" {
					glyph, st = string(glyphB), s.BarB
				}
				rows = append(rows, fmt.Sprintf("  %s %s %-5s %s  %s:%d", st.Render(glyph), rec.At[11:], rec.Kind, inert.String(rec.Cell),
					inert.String(shortPath(rec.File)), rec.Line))
			}
		}
		if len(r.Meetings) == 0 {
			add(s.Muted.Render(fmt.Sprintf("never together %s within %s", radiusLabel(radiusChoices[p.radius]), windowLabel(windowChoices[p.window]))))
		}
	} else if r := p.companions; r != nil {
		shown := ""
		if len(r.Companions) < r.Candidates {
			shown = fmt.Sprintf(", the first %d", len(r.Companions))
		}
		add(s.Subtitle.Render(fmt.Sprintf("Who was most with %s: %s near A's records%s", r.A,
			analysis.Plural(int64(r.Candidates), "subscriber", "subscribers"), shown)) + s.Muted.Render("  (b: make B)"))
		add(s.Muted.Render(params + " · ranked by how unlikely by chance"))
		if len(r.Companions) == 0 {
			add(s.Muted.Render(fmt.Sprintf("nobody was with A %s within %s", radiusLabel(radiusChoices[p.radius]), windowLabel(windowChoices[p.window]))))
			return strings.Join(out[:min(len(out), max(height, 0))], "\n")
		}
		l := layoutCompanions(r, width)
		rows = append(rows, s.Header.Render(l.row("MSISDN", "MEETINGS", "EXPECTED", "EXCESS", "SCORE", "FIRST", "LAST")))
		for i, c := range r.Companions {
			line := l.row(inert.String(c.MSISDN), strconv.Itoa(c.Meetings), fmt.Sprintf("%.2f", c.Expected), fmt.Sprintf("%.2f", c.Excess),
				fmt.Sprintf("%.2f", c.Score), c.First, c.Last)
			if i == p.scroll {
				line = s.Selected.Render("▸" + line[1:]) // a mark as well as the style: NO_COLOR terminals
			}
			rows = append(rows, line)
		}
	}
	room := height - len(out)
	first := 0
	if p.coloc != nil {
		p.scroll = min(p.scroll, max(len(rows)-room, 0))
		first = p.scroll
	} else if p.companions != nil {
		p.scroll = min(p.scroll, max(len(p.companions.Companions)-1, 0))
		first = max(0, p.scroll+1-(room-1)) // keep the cursor in view below the header
		if first > 0 {
			rows = append(rows[:1], rows[1+first:]...)
			first = 0
		}
	}
	for _, l := range rows[first:min(len(rows), first+max(room, 0))] {
		out = append(out, fitStyled(l, width))
	}
	return strings.Join(out, "\n")
}

// shortPath keeps a record's file readable in a narrow pane: its name.
func shortPath(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return ansi.Strip(p[i+1:])
	}
	return p
}
