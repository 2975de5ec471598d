package notes

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/report"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// ReportDoneMsg reports a report written (or why not).
type ReportDoneMsg struct {
	Out, Hash string
	Err       error
}

var formats = []string{".html", ".pdf", ".xlsx"}

// Report is the report dialog: who, which sections, which format, where.
type Report struct {
	env      *uikit.Env
	subs     textinput.Model
	out      textinput.Model
	kinds    []string
	on       []bool
	format   int
	row      int // 0 subscribers, 1..len(kinds) sections, then format, file, make
	done     bool
	width    int
	height   int
	outTyped bool
}

// NewReport opens the dialog for the subscribers in focus.
func NewReport(env *uikit.Env, a, b string) *Report {
	subs := textinput.New()
	subs.Prompt = ""
	subs.Placeholder = "MSISDNs, comma-separated"
	var who []string
	for _, s := range []string{a, b} {
		if s != "" {
			who = append(who, s)
		}
	}
	subs.SetValue(strings.Join(who, ","))
	out := textinput.New()
	out.Prompt = ""
	out.CharLimit = 4096
	r := &Report{env: env, subs: subs, out: out, kinds: report.Kinds(), width: 80, height: 20}
	r.on = make([]bool, len(r.kinds))
	for i := range r.on {
		r.on[i] = true
	}
	r.setOut()
	r.subs.Focus()
	return r
}

func (r *Report) setOut() {
	dir := r.env.ExportDir
	if dir == "" {
		dir = "."
	}
	r.out.SetValue(filepath.Join(dir, "report-"+time.Now().Format("20060102-150405")+formats[r.format]))
}

func (r *Report) rows() int { return len(r.kinds) + 4 }

// Done reports that the dialog closed.
func (r *Report) Done() bool { return r.done }

// SetSize sets the area.
func (r *Report) SetSize(w, h int) {
	r.width, r.height = w, h
	r.subs.Width, r.out.Width = max(w-18, 10), max(w-18, 10)
}

func (r *Report) focusRow() tea.Cmd {
	r.subs.Blur()
	r.out.Blur()
	switch r.row {
	case 0:
		return r.subs.Focus()
	case len(r.kinds) + 2:
		return r.out.Focus()
	}
	return nil
}

// Update handles the dialog's keys.
func (r *Report) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	formatRow, fileRow, makeRow := len(r.kinds)+1, len(r.kinds)+2, len(r.kinds)+3
	switch k.String() {
	case "esc":
		r.done = true
		return nil
	case "up", "shift+tab":
		r.row = (r.row + r.rows() - 1) % r.rows()
		return r.focusRow()
	case "down", "tab":
		r.row = (r.row + 1) % r.rows()
		return r.focusRow()
	case "enter":
		if r.row == makeRow || r.row == fileRow || r.row == 0 {
			return r.make()
		}
		fallthrough
	case " ", "left", "right":
		switch {
		case r.row >= 1 && r.row <= len(r.kinds):
			if !slices.Contains([]string{"case", "notes", "audit"}, r.kinds[r.row-1]) || !r.on[r.row-1] {
				r.on[r.row-1] = !r.on[r.row-1]
			}
			return nil
		case r.row == formatRow:
			if k.String() == "left" {
				r.format = (r.format + len(formats) - 1) % len(formats)
			} else {
				r.format = (r.format + 1) % len(formats)
			}
			v := r.out.Value()
			r.out.SetValue(strings.TrimSuffix(v, filepath.Ext(v)) + formats[r.format])
			return nil
		}
	}
	var cmd tea.Cmd
	switch r.row {
	case 0:
		r.subs, cmd = r.subs.Update(msg)
	case fileRow:
		r.out, cmd = r.out.Update(msg)
	}
	return cmd
}

func (r *Report) make() tea.Cmd {
	var secs []string
	for i, k := range r.kinds {
		if r.on[i] {
			secs = append(secs, k)
		}
	}
	var subs []string
	for _, s := range strings.Split(r.subs.Value(), ",") {
		if s = strings.TrimSpace(s); s != "" {
			subs = append(subs, s)
		}
	}
	out := strings.TrimSpace(r.out.Value())
	r.done = true
	st, ctx := r.env.Case, r.env.Context
	p := report.Params{Case: st.Path(), Subscribers: subs, Sections: secs}
	if t, ok := st.(casework.Tracer); ok {
		p.Case = t.CaseArg() // a ClickHouse case's URL and cluster, as a command takes it
	}
	run := func() tea.Msg {
		if dir := filepath.Dir(out); dir != "" {
			if err := mkdirAll(dir); err != nil {
				return ReportDoneMsg{Out: out, Err: err}
			}
		}
		rep, _, err := report.Make(ctx, st, p, "", out)
		if err != nil && rep != nil && casework.NotRecorded(err) {
			err = nil
		}
		if err != nil {
			return ReportDoneMsg{Out: out, Err: err}
		}
		return ReportDoneMsg{Out: out, Hash: report.FiguresHash(rep)}
	}
	return tea.Sequence(uikit.Busy("report", true), run, uikit.Busy("report", false))
}

// View draws the dialog.
func (r *Report) View() string {
	st := r.env.Styles
	var b strings.Builder
	b.WriteString(st.Title.Render("Report") + st.Muted.Render("  of "+inert.String(caseName(r.env.Case.Path()))) + "\n\n")
	mark := func(i int) string {
		if r.row == i {
			return "▸ "
		}
		return "  "
	}
	fmt.Fprintf(&b, "%s%s %s\n", mark(0), st.InputLabel.Render("subscribers"), r.subs.View())
	b.WriteString(st.Muted.Render("  sections (space toggles; case, notes and audit are always in)") + "\n")
	line := ""
	for i, k := range r.kinds {
		box := "[ ]"
		if r.on[i] {
			box = "[x]"
		}
		item := fmt.Sprintf("%s%s %s", mark(i+1), box, k)
		if r.height >= len(r.kinds)+12 {
			b.WriteString(item + "\n")
			continue
		}
		// a short terminal: the sections two to a line
		if line == "" {
			line = fmt.Sprintf("%-22s", item)
		} else {
			b.WriteString(line + item + "\n")
			line = ""
		}
	}
	if line != "" {
		b.WriteString(line + "\n")
	}
	fmt.Fprintf(&b, "%s%s %s\n", mark(len(r.kinds)+1), st.InputLabel.Render("format     "), strings.Join(markFormat(r.format), " "))
	fmt.Fprintf(&b, "%s%s %s\n", mark(len(r.kinds)+2), st.InputLabel.Render("file       "), r.out.View())
	fmt.Fprintf(&b, "%s%s\n", mark(len(r.kinds)+3), st.Key.Render("[ make the report ]"))
	b.WriteString(st.Muted.Render("↑/↓ move · space toggle · ←/→ format · enter make · esc cancel"))
	return uikit.FitBlock(b.String(), r.width, r.height)
}

func markFormat(sel int) []string {
	out := make([]string, len(formats))
	for i, f := range formats {
		if i == sel {
			out[i] = "(•) " + f[1:]
		} else {
			out[i] = "( ) " + f[1:]
		}
	}
	return out
}

// caseName is how the dialog names the case: a local case's file name, a
// ClickHouse case's URL.
func caseName(path string) string {
	if strings.Contains(path, "://") {
		return path
	}
	return filepath.Base(path)
}
