package simbox

import (
	"fmt"
	"strings"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

func (p *Pane) headerHeight() int { return 2 }

func (p *Pane) footerHeight() int {
	switch {
	case p.report == nil || p.height < 12:
		return 0
	case p.view == viewSIMs && p.height >= 20: // 80×24: the score line may wrap
		return 4
	case p.view == viewSIMs:
		return 3
	case p.view == viewRecords:
		return 1
	}
	return 0
}

// View implements uikit.Pane.
func (p *Pane) View() string {
	var b strings.Builder
	b.WriteString(p.headerView())
	b.WriteByte('\n')
	if p.report == nil {
		msg := "scoring the SIMs of the case…"
		if p.err != nil {
			msg = "could not score the SIMs: " + p.err.Error()
		}
		b.WriteString(p.env.Styles.Muted.Render(inert.String(msg)))
		return uikit.FitBlock(b.String(), p.width, p.height)
	}
	b.WriteString(p.current().View())
	if p.footerHeight() > 0 {
		b.WriteByte('\n')
		if p.view == viewRecords {
			b.WriteString(p.sourceView())
		} else {
			b.WriteString(p.detailView())
		}
	}
	return uikit.FitBlock(b.String(), p.width, p.height)
}

func (p *Pane) headerView() string {
	st := p.env.Styles
	if p.report == nil {
		return st.Title.Render("SIM-box") + "\n"
	}
	rep := p.report
	var line1, line2 string
	switch p.view {
	case viewBreakdown, viewRecords:
		s := p.selected
		line1 = st.Title.Render("SIM "+inert.String(s.MSISDN)) + " " + scoreWords(&s, p.threshold)
		if p.view == viewRecords {
			def, _ := analysis.SimBoxFeature(p.feature)
			line2 = st.Subtitle.Render("records behind "+p.feature) + st.Muted.Render(": "+def.Meaning)
		} else {
			line2 = st.Subtitle.Render("feature breakdown") + st.Muted.Render(" · enter: the records behind a feature · esc: back")
		}
	default:
		scored := 0
		for _, s := range rep.Subscribers {
			if s.Scored {
				scored++
			}
		}
		where := fmt.Sprintf("%s with voice records, %s scored", analysis.Plural(int64(len(rep.Subscribers)), "SIM", "SIMs"), analysis.Thousands(int64(scored)))
		if p.view == viewCells {
			where = fmt.Sprintf("cells by suspects (own score ≥ %g), a SIM based in its top cell", rep.Config.Neighbours.SuspectScore)
		} else if p.cell != nil {
			where = "SIMs seen in cell " + inert.String(p.cell.name) + " (esc: all SIMs)"
		}
		line1 = st.Title.Render("SIM-box") + " " + where + st.Muted.Render(" · rules: "+inert.String(rep.ConfigOrigin))
		line2 = p.sliderView()
	}
	return uikit.FitLine(line1, p.width) + "\n" + uikit.FitLine(line2, p.width)
}

// scoreWords states a SIM's score and decision.
func scoreWords(s *analysis.SIMScore, threshold float64) string {
	if !s.Scored {
		return "· " + s.Note
	}
	text := fmt.Sprintf("· score %g", s.Score)
	if s.Score != s.BaseScore {
		text += fmt.Sprintf(" = own %g + cell %g", s.BaseScore, s.Score-s.BaseScore)
	}
	if s.Score >= threshold {
		return text + fmt.Sprintf(" · ◆ FLAGGED at ≥ %g", threshold)
	}
	return text + fmt.Sprintf(" · not flagged at ≥ %g", threshold)
}

// sliderView draws the threshold slider with the flagged count, which is
// recounted at every move.
func (p *Pane) sliderView() string {
	st, rep := p.env.Styles, p.report
	flagged := rep.FlaggedAt(p.threshold)
	right := fmt.Sprintf(" %g/%g · ◆ %d flagged", p.threshold, rep.MaxScore, flagged)
	if p.threshold != p.applied {
		right += " …"
	}
	left := "threshold - "
	track := min(60, max(10, p.width-len([]rune(left))-len([]rune(right))-2))
	pos := 0
	if rep.MaxScore > 0 {
		pos = int(p.threshold/rep.MaxScore*float64(track-1) + 0.5)
	}
	bar := strings.Repeat("━", pos) + "●" + strings.Repeat("─", max(0, track-1-pos))
	return st.Subtitle.Render("threshold") + " - " + st.BarA.Render(bar) + " +" + st.Warn.Render(right)
}

// detailView is the selected SIM's summary under the list: its score and
// the rules that fired.
func (p *Pane) detailView() string {
	st := p.env.Styles
	s, ok := p.selectedSIM()
	if !ok {
		return "\n\n"
	}
	// the SIM's score and the way to its breakdown are read whole: they
	// wrap between their items when the footer has room for it
	items := []string{st.Subtitle.Render("▸ " + inert.String(s.MSISDN))}
	items = append(items, strings.Split(strings.TrimPrefix(scoreWords(&s, p.threshold), "· "), " · ")...)
	items = append(items, st.Muted.Render("enter: breakdown"))
	head := uikit.WrapItems(items, " · ", p.width)
	if room := p.footerHeight() - 2; len(head) > room {
		head = []string{uikit.FitLine(strings.Join(items, " · "), p.width)}
	}
	var parts []string
	for _, f := range s.Fired {
		def, _ := analysis.SimBoxFeature(f.Feature)
		parts = append(parts, fmt.Sprintf("✓ %s %s %s %s %+g", f.Feature, def.Unit.Format(f.Value), opText(f.Op), def.Unit.Format(f.Threshold), f.Weight))
	}
	rest := "no rule fired"
	if !s.Scored {
		rest = "not scored"
	}
	if len(parts) > 0 {
		rest = strings.Join(parts, " · ")
	}
	wrapped := wrap(rest, p.width, max(1, p.footerHeight()-len(head)))
	return strings.Join(head, "\n") + "\n" + strings.Join(wrapped, "\n")
}

// wrap splits text at " · " separators into at most n lines of width.
func wrap(text string, width, n int) []string {
	var lines []string
	cur := ""
	for _, part := range strings.Split(text, " · ") {
		next := part
		if cur != "" {
			next = cur + " · " + part
		}
		if len([]rune(next)) > width && cur != "" {
			lines = append(lines, cur)
			cur = part
			continue
		}
		cur = next
	}
	lines = append(lines, cur)
	if len(lines) > n {
		lines = lines[:n]
		lines[n-1] = uikit.FitLine(lines[n-1]+" …", width)
	}
	for len(lines) < n {
		lines = append(lines, "")
	}
	for i := range lines {
		lines[i] = uikit.FitLine(lines[i], width)
	}
	return lines
}

// sourceView names the file and line the selected record was read from,
// in full (the table's column may be cut).
func (p *Pane) sourceView() string {
	row, ok := p.records.Selected()
	if !ok || len(row.Cells) < recordColumns {
		return ""
	}
	// Cells are already inert (the table renders them so when it loads a page).
	return uikit.FitLine(p.env.Styles.Muted.Render("read from ")+row.Cells[recordSourceCol]+p.env.Styles.Muted.Render(", line ")+row.Cells[recordLineCol], p.width)
}
