package hunt

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// View implements uikit.Pane: the title, the form, a message line, the
// table of the current mode and, under it, the statement of the selected
// subscriber (or the source of the selected record).
func (p *Pane) View() string {
	if p.sc.on {
		return uikit.FitBlock(p.sc.view(), p.width, p.height)
	}
	lines := []string{p.titleLine()}
	if p.formShown() {
		lines = append(lines, p.fieldLines()...)
	}
	lines = append(lines, p.huntLines()...)
	lines = append(lines, p.messageLine())
	body := strings.Join(lines, "\n") + "\n" + p.current().View() + "\n" + p.infoView()
	return uikit.FitBlock(body, p.width, p.height)
}

func (p *Pane) titleLine() string {
	st := p.env.Styles
	title := st.Title.Render("Server hunt")
	switch {
	case p.running:
		return uikit.FitLine(title+" "+st.Muted.Render("hunting…"), p.width)
	case p.result == nil:
		return uikit.FitLine(title+" "+st.Muted.Render("who reached a server, from which cells, when"), p.width)
	}
	res := p.result
	text := " " + st.Subtitle.Render(plural(len(res.Subscribers), "subscriber", "subscribers")) +
		" · " + plural(int(res.Records), "record", "records") + " · " + plural(int(res.Bytes), "byte", "bytes")
	if !p.formShown() {
		return title + text // the hunt itself is on the lines below
	}
	return uikit.FitLine(title+text+" · "+inert.String(res.Description), p.width)
}

// huntLines say what was hunted, whole (wrapped, at most three lines),
// while the form is hidden.
func (p *Pane) huntLines() []string {
	if p.formShown() || p.result == nil {
		return nil
	}
	lines := uikit.WrapWords("hunted: "+inert.String(p.result.Description), max(10, p.width))
	if len(lines) > 3 {
		lines = lines[:3]
		lines[2] = uikit.FitLine(lines[2]+" …", p.width)
	}
	for i := range lines {
		lines[i] = p.env.Styles.Muted.Render(lines[i])
	}
	return lines
}

// fieldLines draws each field: a focus marker, the label, the input and
// what was understood (✓) or what is wrong (✗).
func (p *Pane) fieldLines() []string {
	st := p.env.Styles
	labels := fieldLabels()
	out := make([]string, fieldCount)
	for i := range p.form.inputs {
		marker := "  "
		label := st.InputLabel.Render(padRight(labels[i], labelWidth-2))
		if p.form.active && p.form.focus == i {
			marker = st.Key.Render("▸ ")
			label = st.Selected.Render(padRight(labels[i], labelWidth-3)) + " "
		}
		in := p.form.inputs[i]
		view := in.View()
		view = padRight(view, in.Width+1)
		s := p.form.states[i]
		status := st.Good.Render("✓ ") + st.Muted.Render(inert.String(s.summary))
		if !s.ok {
			status = st.Bad.Render("✗ " + inert.String(s.summary))
		} else if i == fieldCells && p.form.cellsOK != "" && p.form.cells == in.Value() {
			status += st.Muted.Render(" · " + inert.String(p.form.cellsOK))
			if p.form.cellsUnknown { // read, but not all in the case: no ✓
				status = st.Warn.Render("⚠ ") + st.Muted.Render(inert.String(s.summary)) + st.Warn.Render(" · "+inert.String(p.form.cellsOK))
			}
		}
		out[i] = uikit.FitLine(marker+label+view+" "+status, p.width)
	}
	return out
}

// messageLine says what needs saying now: the focused field's error in
// full, a problem of the whole hunt, the save prompt, or a hint.
func (p *Pane) messageLine() string { return strings.Join(p.messageLines(), "\n") }

// messageLines are the message line: a problem (a field's error, unknown
// cells) is read whole, on a second line when it needs one.
func (p *Pane) messageLines() []string {
	st := p.env.Styles
	var s string
	problem := func(style lipgloss.Style, text string) []string {
		lines := uikit.WrapWords(text, max(10, p.width))
		if len(lines) > 2 {
			lines = lines[:2]
			lines[1] = uikit.FitLine(lines[1]+" …", p.width)
		}
		for i := range lines {
			lines[i] = style.Render(lines[i])
		}
		return lines
	}
	switch {
	case p.naming:
		s = st.InputLabel.Render("save hunt as: ") + p.nameInput.View()
	case p.form.active && !p.form.states[p.form.focus].ok:
		return problem(st.Bad, "✗ "+fieldLabels()[p.form.focus]+": "+inert.String(p.form.states[p.form.focus].summary))
	case p.form.active && p.form.focus == fieldCells && p.form.cellsOK != "" && p.form.cellsUnknown:
		return problem(st.Warn, "⚠ Cells: "+inert.String(p.form.cellsOK))
	case p.formErr != "":
		return problem(st.Bad, "✗ "+inert.String(p.formErr))
	case p.form.active:
		s = st.Muted.Render("enter hunts · tab/↓ next field · esc leaves the form · evidence wall clock")
	case p.mode == modeRecords:
		s = st.Subtitle.Render("Records of "+inert.String(p.recordsOf)+" in this hunt: ") + analysisCount(int64(len(p.recs))) + st.Muted.Render(" · esc back · w saves the hunt")
	case p.mode == modeSaved:
		s = st.Subtitle.Render("Saved hunts") + st.Muted.Render(" · enter reruns · D deletes · esc back")
	case p.result != nil && len(p.result.SwitchCells) > 0:
		h := p.result.SwitchCells[0].ShortLines() // the others are in the CLI's answer
		return []string{uikit.FitLine(st.Warn.Render("⚠ "+inert.String(h[0])), p.width), uikit.FitLine(st.Warn.Render(inert.String(h[1])), p.width)}
	case p.result != nil && len(p.result.UnknownCells) > 0:
		s = st.Warn.Render("⚠ the case holds no cell " + inert.String(strings.Join(p.result.UnknownCells, ", ")))
	case p.outcome != "":
		s = st.Muted.Render(p.outcome + " · read by " + p.result.Access)
	default:
		s = st.Muted.Render("press f to write a hunt · o for saved hunts")
	}
	if !p.formShown() && s != "" && !p.naming && p.mode != modeRecords { // f does not reach the form from the drill-down
		s += st.Muted.Render(" · f edits the hunt")
	}
	return []string{uikit.FitLine(s, p.width)}
}

// infoView is the area under the table: the selected subscriber's
// statement, the selected record's source, or the selected saved hunt.
func (p *Pane) infoView() string {
	st := p.env.Styles
	n := p.infoLines()
	title, text := p.infoText()
	if title == "" {
		return ""
	}
	lines := uikit.WrapWords(text, max(10, p.width))
	if len(lines) > n-1 {
		lines = lines[:n-1]
		lines[n-2] = uikit.FitLine(lines[n-2]+" …", p.width)
	}
	return st.Subtitle.Render(title) + "\n" + strings.Join(lines, "\n")
}

// infoText is the title and text of the area under the table.
func (p *Pane) infoText() (title, text string) {
	switch p.mode {
	case modeRecords:
		row, ok := p.records.Selected()
		if i, _ := row.Ref.(int); ok && i < len(p.recs) {
			r := p.recs[i]
			title = "Source"
			text = inert.String(r.Source.Path) + ", line " + strconv.FormatInt(r.Line, 10) + ", SHA-256 " + inert.String(r.Source.SHA256) +
				"; clock " + inert.String(zoneText(r.Source.Zone, r.At.Offset))
		}
	case modeSaved:
		if h, ok := p.selectedSaved(); ok {
			title = "Saved hunt " + inert.String(h.Name)
			text = inert.String(h.Description) + " · saved " + h.CreatedWall + ", last run " + h.RanWall
		}
	default:
		if s, ok := p.selectedSubscriber(); ok {
			title = "Statement"
			text = inert.String(s.Statement)
		} else {
			title = "Statements"
			text = "Each subscriber found gets a statement built only from the records: MSISDN, IMSI and IMEI, " +
				"destinations, cells, first and last contact in the evidence's wall clock with its zone, and every source file " +
				"with its SHA-256 and lines. E exports them all."
		}
	}
	return title, text
}

// padRight pads a (possibly styled) string with spaces to width cells.
func padRight(s string, width int) string {
	if w := ansi.StringWidth(s); w < width {
		return s + strings.Repeat(" ", width-w)
	}
	return s
}
