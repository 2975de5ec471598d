package calls

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// headerLines are the title, the views and the note (which wraps, on
// three lines at most).
func (p *Pane) headerLines() int { return 2 + len(p.noteLines()) }

func (p *Pane) bodyHeight() int { return max(3, p.height-p.headerLines()) }

// noteLines say what the view holds, whole when two lines can.
func (p *Pane) noteLines() []string {
	note := ""
	if p.result != nil {
		note = p.result.note
	}
	w := max(10, p.width)
	items := strings.Split(inert.String(note), " · ")
	lines := uikit.WrapItems(items, " · ", w)
	for _, it := range items {
		if ansi.StringWidth(it) > w { // an item wider than the line: by words
			lines = uikit.WrapWords(inert.String(note), w)
			break
		}
	}
	if len(lines) > 3 {
		lines = lines[:3]
		lines[2] = uikit.FitLine(lines[2]+" …", p.width)
	}
	for i := range lines {
		lines[i] = p.env.Styles.Muted.Render(lines[i])
	}
	return lines
}

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
	b.WriteString(strings.Join(p.noteLines(), "\n") + "\n")
	switch {
	case p.drill != nil:
		b.WriteString(uikit.FitLine(st.Subtitle.Render(inert.String(p.drillTitle))+st.Muted.Render(" · esc: back"), p.width) + "\n" + p.drill.View())
	case p.typing:
		hint := uikit.WrapItems([]string{"X,Y,Z: numbers common to them", "X,Y;Z,W: who links the two groups", "enter: apply", "esc: cancel"}, " · ", max(10, p.width))
		b.WriteString(p.input.View() + "\n" + st.Muted.Render(strings.Join(hint, "\n")))
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
