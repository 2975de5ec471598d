package calls

import (
	"strings"

	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// maxNoteLines bounds the note under the views (the baseline, the
// method): wrapped at the pane's width, cut on its last line beyond.
const maxNoteLines = 3

// noteLines is the note wrapped at the pane's width (at least one line).
func (p *Pane) noteLines() []string {
	note := ""
	if p.result != nil {
		note = inert.String(p.result.note)
	}
	lines := uikit.WrapWords(note, max(1, p.width))
	if len(lines) == 0 {
		return []string{""}
	}
	if len(lines) > maxNoteLines {
		lines = append(lines[:maxNoteLines-1], uikit.FitLine(strings.Join(lines[maxNoteLines-1:], " "), p.width))
	}
	return lines
}

// bodyHeight is what the title, the views and the note leave.
func (p *Pane) bodyHeight() int { return max(3, p.height-2-len(p.noteLines())) }

// View implements uikit.Pane.
func (p *Pane) View() string {
	st := p.env.Styles
	var b strings.Builder
	title := st.Title.Render("Calls ")
	switch {
	case p.result != nil:
		title += st.Subtitle.Render(inert.String(p.result.title))
	case p.a != "":
		title += st.Subtitle.Render(inert.String(p.a))
	}
	b.WriteString(uikit.FitLine(title, p.width) + "\n")
	var tabs []string
	for v := range viewCount {
		tabs = append(tabs, uikit.SubTab(st, v.label(), v == p.view))
	}
	b.WriteString(uikit.FitLine(strings.Join(tabs, "")+st.Muted.Render("  v: next view"), p.width) + "\n")
	for _, l := range p.noteLines() {
		b.WriteString(uikit.FitLine(st.Muted.Render(l), p.width) + "\n")
	}
	switch {
	case p.drill != nil:
		b.WriteString(uikit.FitLine(st.Subtitle.Render(inert.String(p.drillTitle))+st.Muted.Render(" · esc: back"), p.width) + "\n" + p.drill.View())
	case p.typing:
		b.WriteString(p.input.View() + "\n" + st.Muted.Render("X,Y,Z: numbers common to them · X,Y;Z,W: who links the two groups · enter: apply · esc: cancel"))
	case p.err != nil:
		b.WriteString(strings.Join(uikit.WrapWords("error: "+inert.String(p.err.Error()), p.width), "\n"))
	case p.loading && p.table == nil:
		b.WriteString(st.Muted.Render("reading the voice records…"))
	case p.table == nil && p.view == viewCommon && p.a != "":
		b.WriteString(strings.Join(uikit.WrapWords("Numbers common to A and B: put a second subscriber in focus as B (b on a row of any pane), "+
			"or press M to type subscribers (X,Y,Z: numbers in contact with at least two of them) or two groups "+
			"(X,Y;Z,W: who links them).", p.width), "\n"))
	case p.table == nil:
		b.WriteString(strings.Join(uikit.WrapWords("No subscriber in focus. Pick one in the Overview pane (1, then a on a row; "+
			"b for a second one). Then v switches between contacts by calls, numbers common to A and B (M: any subscribers, or two groups), "+
			"handsets and SIMs over time, silences and bursts, relay chains A→B→C (w: window), international calls and roaming.", p.width), "\n"))
	default:
		b.WriteString(p.table.View())
	}
	return uikit.FitBlock(b.String(), p.width, p.height)
}
