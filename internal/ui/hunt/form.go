package hunt

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// The form's fields, in order.
const (
	fieldDests = iota
	fieldPorts
	fieldCells
	fieldFrom
	fieldTo
	fieldCount
)

// fieldLabels are the fields' names as the form shows them.
func fieldLabels() [fieldCount]string {
	return [fieldCount]string{"Destinations", "Ports", "Cells", "From", "To"}
}

// fieldPlaceholders are the hints shown in empty fields; the examples in
// them are this case's own (a destination, a cell, its first and last
// dates) once read, never another case's. Each fits its field at 80
// columns (placeholderMax).
func fieldPlaceholders() [fieldCount]string {
	return [fieldCount]string{
		"IP, IP:port, a.b.c.0/24, first-last",
		"443, 8000-8100 (when no port above)",
		"cell IDs, or a prefix ending in *",
		"YYYY-MM-DD[THH:MM:SS], wall clock",
		"YYYY-MM-DD[ HH:MM], inclusive",
	}
}

// placeholderMax is the widest hint that fits a field at 80 columns.
const placeholderMax = 37

// examplePlaceholders are the hints with examples from the case; an
// example too long for the hint's words keeps the example alone.
func examplePlaceholders(dest, cell, first, last string) [fieldCount]string {
	ph := fieldPlaceholders()
	pick := func(i int, forms ...string) {
		for _, f := range forms {
			if len([]rune(f)) <= placeholderMax {
				ph[i] = f
				return
			}
		}
		ph[i] = forms[len(forms)-1]
	}
	if dest != "" {
		pick(fieldDests, "e.g. "+dest+" or a.b.c.0/24", "e.g. "+dest+", a.b.c.0/24", "e.g. "+dest)
	}
	if cell != "" {
		pick(fieldCells, "e.g. "+cell+", or a prefix*", "e.g. "+cell+" or prefix*", "e.g. "+cell)
	}
	if first != "" {
		pick(fieldFrom, "e.g. "+first+"T00:00:00 (case start)", "e.g. "+first+" (case start)", "e.g. "+first)
	}
	if last != "" {
		pick(fieldTo, "e.g. "+last+" (case end, inclusive)", "e.g. "+last+" (inclusive)", "e.g. "+last)
	}
	return ph
}

// fieldState is what the form knows about one field: valid or not, and
// the words shown beside it.
type fieldState struct {
	ok      bool
	summary string // what was understood, or the error
}

// form is the hunt's query form: five text fields validated as typed.
type form struct {
	inputs  [fieldCount]textinput.Model
	states  [fieldCount]fieldState
	focus   int
	active  bool // a field has the keyboard
	cells   string
	cellsOK string // what the case says of the cells field (matched, unknown)
	// cellsUnknown: the case holds no cell of some the field names exactly
	cellsUnknown bool
}

func newForm(st *uikit.Styles) form {
	var f form
	placeholders := fieldPlaceholders()
	for i := range f.inputs {
		in := textinput.New()
		in.Prompt = ""
		in.Placeholder = placeholders[i]
		in.CharLimit = 100_000 // a pasted list of cells
		in.TextStyle = st.Input
		in.PlaceholderStyle = st.Muted
		in.Cursor.Style = st.Selected
		f.inputs[i] = in
	}
	for i := range f.states {
		f.states[i] = validateField(i, "")
	}
	return f
}

// focusField gives field i the keyboard.
func (f *form) focusField(i int) tea.Cmd {
	f.inputs[f.focus].Blur()
	f.focus = (i + fieldCount) % fieldCount
	f.active = true
	return f.inputs[f.focus].Focus()
}

func (f *form) blur() {
	f.inputs[f.focus].Blur()
	f.active = false
}

// update passes a key to the focused field and validates it again.
func (f *form) update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	f.validate(f.focus)
	return cmd
}

func (f *form) validate(i int) {
	f.states[i] = validateField(i, f.inputs[i].Value())
	if i == fieldCells && f.inputs[i].Value() != f.cells {
		f.cellsOK, f.cellsUnknown = "", false
	}
}

// values returns the form as the analysis reads it.
func (f *form) values() analysis.HuntForm {
	v := func(i int) string { return f.inputs[i].Value() }
	return analysis.HuntForm{Dests: v(fieldDests), Ports: v(fieldPorts), Cells: v(fieldCells), From: v(fieldFrom), To: v(fieldTo)}
}

// set fills the form (a saved hunt being rerun).
func (f *form) set(h analysis.HuntForm) {
	for i, v := range []string{h.Dests, h.Ports, h.Cells, h.From, h.To} {
		f.inputs[i].SetValue(v)
		f.inputs[i].CursorEnd()
		f.validate(i)
	}
}

// firstInvalid is the first field in error, -1 when all are valid.
func (f *form) firstInvalid() int {
	for i, s := range f.states {
		if !s.ok {
			return i
		}
	}
	return -1
}

// validateField reads one field as typed and says what it understood.
func validateField(i int, v string) fieldState {
	empty := strings.TrimSpace(v) == ""
	switch i {
	case fieldDests:
		ds, err := analysis.ParseHuntDests(v)
		if err != nil {
			return fieldState{summary: err.Error()}
		}
		if empty {
			return fieldState{ok: true, summary: "any destination"}
		}
		return fieldState{ok: true, summary: describeDests(ds)}
	case fieldPorts:
		ps, err := analysis.ParseHuntPorts(v)
		if err != nil {
			return fieldState{summary: err.Error()}
		}
		if empty {
			return fieldState{ok: true, summary: "any port"}
		}
		n := 0
		for _, p := range ps {
			n += p.Hi - p.Lo + 1
		}
		return fieldState{ok: true, summary: plural(n, "port", "ports")}
	case fieldCells:
		cs, err := analysis.ParseHuntCells(v)
		if err != nil {
			return fieldState{summary: err.Error()}
		}
		if empty {
			return fieldState{ok: true, summary: "anywhere"}
		}
		exact, prefixes := 0, 0
		for _, c := range cs {
			if c.Prefix {
				prefixes++
			} else {
				exact++
			}
		}
		var parts []string
		if exact > 0 {
			parts = append(parts, plural(exact, "cell", "cells"))
		}
		if prefixes > 0 {
			parts = append(parts, plural(prefixes, "prefix", "prefixes"))
		}
		return fieldState{ok: true, summary: strings.Join(parts, ", ")}
	}
	if empty {
		if i == fieldFrom {
			return fieldState{ok: true, summary: "from the first record"}
		}
		return fieldState{ok: true, summary: "to the last record"}
	}
	w, err := analysis.ParseWallTime(v, i == fieldTo)
	if err != nil {
		return fieldState{summary: err.Error()}
	}
	return fieldState{ok: true, summary: analysis.Moment{Unix: w}.String()}
}

// describeDests sums up destinations: "104.198.99.79:443", "2 addresses",
// "1 network (4,096 addresses)".
func describeDests(ds []analysis.HuntDest) string {
	if len(ds) == 1 && ds[0].Single() {
		return ds[0].String()
	}
	addrs, nets := 0, 0
	var size float64
	for _, d := range ds {
		if d.Single() {
			addrs++
			continue
		}
		nets++
		size += addressCount(d.Prefix)
	}
	var parts []string
	if addrs > 0 {
		parts = append(parts, plural(addrs, "address", "addresses"))
	}
	if nets > 0 {
		s := plural(nets, "network", "networks")
		if size < 1e7 {
			s += fmt.Sprintf(" (%s addresses)", analysisCount(int64(size)))
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

func addressCount(p netip.Prefix) float64 {
	n := 1.0
	for range p.Addr().BitLen() - p.Bits() {
		n *= 2
	}
	return n
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return analysisCount(int64(n)) + " " + many
}

// analysisCount writes n with commas between thousands.
func analysisCount(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
