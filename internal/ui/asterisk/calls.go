package asterisk

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// callSource lists the calls the filter keeps, oldest first, each with the
// file and line it was read from.
func callSource(st *store.Store, f store.PBXFilter) *table.SQLSource {
	where, args := f.Where()
	return &table.SQLSource{
		DB:    st.DB(),
		From:  "ast_calls c JOIN sources s ON s.id = c.source_id",
		Where: where,
		Args:  args,
		ID:    "c.id",
		Cols: []table.SQLColumn{
			{Column: table.Column{Title: "Start", MinWidth: 19, Sortable: true}, Expr: "c.start + c.wall_offset", SortExpr: "c.start", Format: table.WallClock},
			{Column: table.Column{Title: "Src", MaxWidth: 16}, Expr: "c.src", Filter: true},
			{Column: table.Column{Title: "Recipient", MinWidth: 9, MaxWidth: 16, Sortable: true}, Expr: "c.recipient", Filter: true},
			{Column: table.Column{Title: "Dur", Right: true, Sortable: true}, Expr: "c.duration", SortExpr: "coalesce(c.duration, -1)", Format: unknownDash},
			{Column: table.Column{Title: "Bill", Right: true, Sortable: true}, Expr: "c.billsec", SortExpr: "coalesce(c.billsec, -1)", Format: unknownDash},
			{Column: table.Column{Title: "Disposition", Sortable: true}, Expr: "c.disposition", Filter: true},
			{Column: table.Column{Title: "Dongle/channel", MaxWidth: 24}, Expr: "CASE WHEN c.dongle <> '' THEN c.dongle ELSE c.channel END", Filter: true},
			{Column: table.Column{Title: "Dir", MaxWidth: 8, Sortable: true}, Expr: "c.direction", Filter: true},
			{Column: table.Column{Title: "Why (direction)", MaxWidth: 60}, Expr: "c.direction_reason", Filter: true},
			{Column: table.Column{Title: "Dst as written", MaxWidth: 24}, Expr: "c.dst", Filter: true},
			{Column: table.Column{Title: "Recipient note", MaxWidth: 60}, Expr: "c.recipient_note"},
			{Column: table.Column{Title: "Caller ID", MaxWidth: 30}, Expr: "c.clid", Filter: true},
			{Column: table.Column{Title: "Read from", MaxWidth: 48, TruncLeft: true}, Expr: "s.path || ':' || c.line"},
		},
	}
}

// unknownDash writes NULL (a duration or talk time the records do not
// give) as —; an export writes it empty (table.ExportValue).
func unknownDash(v any) string {
	if v == nil {
		return "—"
	}
	return table.Plain(v)
}

func (p *Pane) callsKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, p.keys.Open):
		if row, ok := p.calls.Selected(); ok {
			if id, ok := row.Ref.(int64); ok {
				return p.openLogAround(id)
			}
		}
		return nil
	case key.Matches(msg, p.keys.Clear):
		if p.filter.IsZero() {
			return p.calls.Update(msg) // esc then clears the list's / filter
		}
		p.formText = [formFields]string{}
		return p.applyFilter(store.PBXFilter{})
	}
	return p.calls.Update(msg)
}

// The filter form's fields, in order.
const (
	fieldFrom = iota
	fieldTo
	fieldNumber
	fieldDisposition
	fieldDongle
	fieldDirection
	formFields
)

var fieldLabels = [formFields]string{"from", "to", "number", "disposition", "modem", "direction"}

var fieldHints = [formFields]string{
	"2024-03-18, 2024-03-18 10:00 or 2024-03 (wall clock)", "last day, included",
	"a number or part of one, in src, dst or recipient", "ANSWERED, NO ANSWER, BUSY, FAILED ...", "dongle0 ... ('-' for calls on no modem)",
	"inbound, outbound, internal, unknown",
}

// filterForm is the calls filter being edited.
type filterForm struct {
	inputs [formFields]textinput.Model
	focus  int
	err    string
}

func (p *Pane) openForm() {
	f := &filterForm{}
	for i := range f.inputs {
		in := textinput.New()
		in.Prompt = ""
		in.CharLimit = 40
		in.Width = 24
		in.SetValue(p.formText[i])
		f.inputs[i] = in
	}
	f.inputs[0].Focus()
	p.form = f
}

func (p *Pane) formKey(msg tea.KeyMsg) tea.Cmd {
	f := p.form
	switch msg.Type {
	case tea.KeyEsc:
		p.form = nil
		return nil
	case tea.KeyEnter:
		var v [formFields]string
		for i := range v {
			v[i] = f.inputs[i].Value()
		}
		filter, err := casework.PBXFilter(v[fieldFrom], v[fieldTo], v[fieldNumber], v[fieldDisposition], v[fieldDongle])
		if err != nil {
			f.err = err.Error()
			return nil
		}
		// the same rule as cdrtui asterisk --direction
		if filter.Direction, err = casework.ParseDirection(v[fieldDirection]); err != nil {
			f.err = err.Error()
			return nil
		}
		v[fieldDirection] = filter.Direction
		if v[fieldNumber] == "" {
			filter.Key = p.filter.Key // the number the palette chose stays until esc clears it
		}
		p.form, p.formText = nil, v
		return p.applyFilter(filter)
	case tea.KeyTab, tea.KeyDown, tea.KeyShiftTab, tea.KeyUp:
		f.inputs[f.focus].Blur()
		step := 1
		if msg.Type == tea.KeyShiftTab || msg.Type == tea.KeyUp {
			step = formFields - 1
		}
		f.focus = (f.focus + step) % formFields
		return f.inputs[f.focus].Focus()
	}
	var cmd tea.Cmd
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	f.err = ""
	return cmd
}

func (p *Pane) formView(h int) string {
	st := p.env.Styles
	f := p.form
	lines := []string{st.Subtitle.Render("Filter the calls (the dashboard and the modems' counts follow)"), ""}
	for i := range f.inputs {
		mark := "  "
		if i == f.focus {
			mark = "▸ "
		}
		lines = append(lines, mark+st.InputLabel.Render(pad(fieldLabels[i], 12))+"["+f.inputs[i].View()+"]  "+st.Muted.Render(fieldHints[i]))
	}
	lines = append(lines, "")
	if f.err != "" {
		lines = append(lines, st.Bad.Render("✗ "+inert.String(f.err)))
	}
	lines = append(lines, st.Muted.Render("tab/↑↓ field · enter apply · esc cancel · empty fields filter nothing"))
	return uikit.FitBlock(strings.Join(lines, "\n"), p.width, h)
}

// showNumber lists the calls a number is a party of (the palette's hit
// for a number only PBX calls hold): on its key, or as written.
func (p *Pane) showNumber(msg uikit.PBXCallsMsg) tea.Cmd {
	p.form, p.formText = nil, [formFields]string{}
	f := store.PBXFilter{Number: msg.Number}
	if msg.Keyed {
		f = store.PBXFilter{Key: msg.Number}
	}
	return tea.Batch(p.show(viewCalls), p.applyFilter(f))
}

// filterSummary says what the filter keeps, from what was typed.
func filterSummary(f store.PBXFilter, text [formFields]string) string {
	if f.IsZero() {
		return ""
	}
	var parts []string
	if f.Key != "" {
		parts = append(parts, "number "+f.Key+" in any form (caller or called)")
	}
	for i, v := range text {
		if v = strings.TrimSpace(v); v != "" {
			parts = append(parts, fieldLabels[i]+" "+v)
		}
	}
	return "filter: " + strings.Join(parts, " · ") + " (esc clears)"
}

func pad(s string, w int) string {
	if len(s) >= w {
		return s
	}
	return s + strings.Repeat(" ", w-len(s))
}
