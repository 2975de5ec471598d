package importer

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/evidence"
	"github.com/cdrtui/cdrtui/internal/ident"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
)

// The import's options, set in the preview after the detected layouts are
// seen (the command's flags of the same names): the files are detected
// again with them before anything runs.
type options struct {
	zone    string             // --tz, as typed
	order   evidence.DateOrder // --date-order, "" to detect
	maps    []string           // --map FIELD=COLUMN, as typed
	kind    evidence.Kind      // --kind, "" to decide from the columns
	country string             // --country ISO code, "" for the case's or inferred
	plmn    string             // --plmn MCC-MNC, "" for none
	enc     string             // --encoding of text not UTF-8, "" to detect
}

// field is the option a text field is open for.
type field int

const (
	noField field = iota
	zoneField
	mapField
	countryField
	plmnField
)

// option keys of the preview.
const (
	keyZone    = "z"
	keyOrder   = "d"
	keyMap     = "m"
	keyKind    = "k"
	keyCountry = "c"
	keyPLMN    = "n"
	keyEnc     = "e"
)

func newOptionInput() textinput.Model {
	in := textinput.New()
	in.CharLimit = 1024
	return in
}

// store turns the options into the import's, or says which is wrong.
func (o options) store() (store.ImportOptions, error) {
	// cell-site lists chosen or found beside the evidence are read as
	// cdrtui cells reads them: the workbench needs no shell for them
	opts := store.ImportOptions{DateOrder: o.order, Kind: o.kind, Encoding: o.enc, CellSites: true}
	if o.zone != "" {
		loc, err := evidence.ParseZone(o.zone)
		if err != nil {
			return opts, fmt.Errorf("zone %q: %w (z to change it)", o.zone, err)
		}
		opts.Zone = loc
	}
	m, err := parseMaps(o.maps)
	if err != nil {
		return opts, err
	}
	opts.Map = m
	if o.country != "" {
		p, ok := ident.PlanFor(o.country)
		if !ok {
			return opts, fmt.Errorf("country %q: no numbering plan known for it (known: %s; c to change it)", o.country, ident.Countries())
		}
		opts.Country = p.Country
	}
	if o.plmn != "" {
		if _, err := evidence.ParsePLMN(o.plmn); err != nil {
			return opts, fmt.Errorf("network %q: %w (n to change it)", o.plmn, err)
		}
		opts.PLMN = o.plmn
	}
	return opts, nil
}

// flags are the options set, by the command's flag names (what the audit
// trail records of an import run inside, as it records the command's
// arguments).
func (o options) flags() map[string]any {
	out := map[string]any{"cells": true} // as import --cells
	for k, v := range map[string]string{"tz": o.zone, "date-order": string(o.order), "kind": string(o.kind), "country": o.country, "plmn": o.plmn, "encoding": o.enc} {
		if v != "" {
			out[k] = v
		}
	}
	if len(o.maps) > 0 {
		out["map"] = append([]string(nil), o.maps...)
	}
	return out
}

// parseMaps reads FIELD=COLUMN entries as --map does (COLUMN a header name
// or a 1-based number).
func parseMaps(entries []string) (map[evidence.Field]string, error) {
	var out map[evidence.Field]string
	for _, e := range entries {
		name, col, ok := strings.Cut(e, "=")
		f, known := evidence.ParseField(strings.TrimSpace(name))
		col = strings.TrimSpace(col)
		if !ok || !known || col == "" {
			return nil, fmt.Errorf("map %q: want FIELD=COLUMN with FIELD one of %s (m to change it)", e, fieldNames())
		}
		if out == nil {
			out = map[evidence.Field]string{}
		}
		out[f] = col
	}
	return out, nil
}

// splitMaps cuts what was typed in the map field into entries: they are
// separated by ";" (a column name may hold a comma or a space).
func splitMaps(typed string) []string {
	var out []string
	for _, e := range strings.Split(typed, ";") {
		if e = strings.TrimSpace(e); e != "" {
			out = append(out, e)
		}
	}
	return out
}

func fieldNames() string {
	var names []string
	for _, f := range evidence.AllFields() {
		names = append(names, string(f))
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// nextOrder and nextKind cycle through the choices, "" (detect) first.
func nextOrder(o evidence.DateOrder) evidence.DateOrder {
	return map[evidence.DateOrder]evidence.DateOrder{"": evidence.DMY, evidence.DMY: evidence.MDY, evidence.MDY: evidence.YMD, evidence.YMD: ""}[o]
}

// nextEncoding cycles through the encodings --encoding takes.
func nextEncoding(e string) string {
	return map[string]string{"": "cp1252", "cp1252": "cp1250", "cp1250": "cp1251", "cp1251": "latin1", "latin1": "utf-8", "utf-8": ""}[e]
}

func nextKind(k evidence.Kind) evidence.Kind {
	return map[evidence.Kind]evidence.Kind{"": evidence.KindVoice, evidence.KindVoice: evidence.KindData, evidence.KindData: ""}[k]
}

// optionKey handles the preview's option keys; ok is false for other keys.
func (m *Model) optionKey(k string) (tea.Cmd, bool) {
	switch k {
	case keyOrder:
		m.opts.order = nextOrder(m.opts.order)
		return m.startPreview(), true
	case keyKind:
		m.opts.kind = nextKind(m.opts.kind)
		return m.startPreview(), true
	case keyEnc:
		m.opts.enc = nextEncoding(m.opts.enc)
		return m.startPreview(), true
	case keyZone:
		return m.openField(zoneField, "zone (--tz): ", "Asia/Kolkata, UTC, +05:30 (empty: keep the wall clocks as written)", m.opts.zone), true
	case keyMap:
		return m.openField(mapField, "map (--map): ", "msisdn=Mobile No; start=Date Time; dest_ip=4 (FIELD=COLUMN name or number, ; between)",
			strings.Join(m.opts.maps, "; ")), true
	case keyCountry:
		return m.openField(countryField, "country (--country): ", "IN, US, DE … (empty: the case's, or told from the numbers)", m.opts.country), true
	case keyPLMN:
		return m.openField(plmnField, "network (--plmn): ", "310-260: the serving MCC-MNC of records whose files name none (empty: none)", m.opts.plmn), true
	}
	return nil, false
}

func (m *Model) openField(f field, prompt, placeholder, value string) tea.Cmd {
	m.editing = f
	m.input.Prompt = prompt
	m.input.Placeholder = placeholder
	m.input.SetValue(value)
	m.input.CursorEnd()
	return m.input.Focus()
}

// fieldKey handles a key while a text field is open: enter sets the
// option and detects the layouts again, esc leaves it as it was.
func (m *Model) fieldKey(msg tea.KeyMsg) tea.Cmd {
	switch msg.Type {
	case tea.KeyEnter:
		v := strings.TrimSpace(m.input.Value())
		switch m.editing {
		case zoneField:
			m.opts.zone = v
		case mapField:
			m.opts.maps = splitMaps(v)
		case countryField:
			m.opts.country = strings.ToUpper(v)
		case plmnField:
			m.opts.plmn = v
		}
		m.editing = noField
		m.input.Blur()
		return m.startPreview()
	case tea.KeyEsc:
		m.editing = noField
		m.input.Blur()
		return nil
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return cmd
}

// optionsLine shows the options the import will use, or the field being
// typed (with the fields a map may name).
func (m *Model) optionsLine() string {
	st := m.env.Styles
	if m.editing != noField {
		line := m.input.View()
		if m.editing == mapField {
			line += "\n" + st.Muted.Render("fields: "+fieldNames())
		}
		return line
	}
	o := m.opts
	val := func(v, unset string) string {
		if v == "" {
			return st.Muted.Render(unset)
		}
		return inert.String(v)
	}
	maps := ""
	if len(o.maps) > 0 {
		maps = strings.Join(o.maps, "; ")
	}
	return st.Muted.Render("zone: ") + val(o.zone, "as written") +
		st.Muted.Render(" · date order: ") + val(string(o.order), "detected") +
		st.Muted.Render(" · kind: ") + val(string(o.kind), "from the columns") +
		st.Muted.Render(" · country: ") + val(o.country, "the case's or told") +
		st.Muted.Render(" · network: ") + val(o.plmn, "none") +
		st.Muted.Render(" · map (every file): ") + val(maps, "none") +
		st.Muted.Render(" · encoding: ") + val(o.enc, "detected")
}
