package table

import (
	"strings"

	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// SelectCell moves the cursor to the first loaded row whose first cell is
// v; false when none of the loaded rows is (or the table is still loading).
func (m *Model) SelectCell(v string) bool {
	if !m.ready {
		return false
	}
	for i, r := range m.rows {
		if len(r.Cells) > 0 && r.Cells[0] == v {
			m.cursor = i
			m.scrollToCursor()
			return true
		}
	}
	return false
}

// Name is the table's name (as its exports are named).
func (m *Model) Name() string { return m.opts.Name }

// BookmarkRow names the row under t's cursor as a place: kind, the first
// cell as the target, the first cells as the label, the table's name kept
// so that LocateRow finds the same table again.
func BookmarkRow(t *Model, kind string) (uikit.Place, bool) {
	if t == nil {
		return uikit.Place{}, false
	}
	r, ok := t.Selected()
	if !ok || len(r.Cells) == 0 {
		return uikit.Place{}, false
	}
	if kind == "" {
		kind = KindOf(t.Name())
	}
	cells := r.Cells[:min(len(r.Cells), 4)]
	return uikit.Place{Kind: kind, Target: r.Cells[0], Label: strings.Join(cells, " · "),
		Extra: map[string]string{"table": t.Name()}}, true
}

// LocateRow selects the place's row in t when t is the table it was made
// in; false while t has not loaded it.
func LocateRow(t *Model, p uikit.Place) bool {
	if t == nil || p.Extra["table"] != t.Name() {
		return t != nil && p.Extra["table"] == "" // nothing to find
	}
	return t.SelectCell(p.Target)
}

// kinds names the item a row of each table is, by the table's name.
var kinds = []struct{ prefix, kind string }{
	{"subscribers", "subscriber"}, {"sources", "source"}, {"rejects", "rejected line"},
	{"hunt-subscribers", "hunt result"}, {"hunt-records", "record"}, {"hunt-saved", "hunt"},
	{"simbox-sims", "sim"}, {"simbox-cells", "cell"}, {"simbox-features", "sim feature"}, {"simbox-records", "call"},
	{"correlation-apps", "pair application"}, {"correlation-pairs", "matched pair"}, {"correlation-contacts", "contact"},
	{"asterisk-calls", "call"}, {"asterisk-modems", "modem"}, {"asterisk-hits", "subscriber"}, {"asterisk-log", "artefact"},
	{"trends-dates", "date"}, {"trends-apps", "application"}, {"persona", "persona item"},
}

// personaKinds name the rows of the persona's tables ("persona-MSISDN-apps").
var personaKinds = map[string]string{"apps": "application", "unknown-ports": "port", "devices": "device",
	"cells": "cell", "destinations": "destination"}

// KindOf is the kind of item a table's rows are.
func KindOf(name string) string {
	if strings.HasPrefix(name, "persona-") {
		for suffix, kind := range personaKinds {
			if strings.HasSuffix(name, "-"+suffix) {
				return kind
			}
		}
	}
	if strings.HasPrefix(name, "records-") {
		return "record"
	}
	for _, k := range kinds {
		if strings.HasPrefix(name, k.prefix) {
			return k.kind
		}
	}
	return "record"
}

// WholeRow is the selected row with every column's title and its value
// whole ("linked: 917… 916… 919…"), for i: a cell cut to its column, a
// column scrolled out of sight, are read in the message line. "" without
// a row.
func (m *Model) WholeRow() string {
	r, ok := m.Selected()
	if !ok {
		return ""
	}
	var parts []string
	for i, c := range m.cols {
		if i < len(r.Cells) && strings.TrimSpace(r.Cells[i]) != "" {
			parts = append(parts, c.Title+": "+strings.TrimSpace(r.Cells[i]))
		}
	}
	return strings.Join(parts, " · ")
}
