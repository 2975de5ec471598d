package evidence

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cdrtui/cdrtui/internal/ident"
)

// A CDMA return gives a cell as a bare number that is unique only on the
// switch that served the call. Sprint's "Key to Understanding CDMA Call
// Detail Records": First Cell 2083 is sector 2 of cell 083, NEID "which
// network element handled the call", the Repoll Number "which phone
// switch handled the call"; an analysts' glossary: "NEID = network element
// identifier = a geographical group of cell towers = the switch".
// Verizon's "Network Element Name" (Pleasanton_2) names the switch of its
// "First Serving Cell Site". Cell 2083 on NEID 210 and cell 2083 on NEID
// 211 are two cells, so the record's cell is written with its switch
// (ident.SwitchCellText: "2083 (switch 210, repoll 17)") and keyed by
// both, the number itself kept as written.

// switchCell is the record's bare cell ci under the switch its row names;
// ci itself when the layout has no switch column or ci is a whole cell
// identity (a CGI names its own network). A bare cell on a row that names
// no switch is a field issue and no cell: keyed alone it would be every
// switch's cell of that number.
func (rd *Reader) switchCell(row *Row, ci string) string {
	if !rd.has(FSwitch) && !rd.has(FRepoll) {
		return ci
	}
	if _, ok := ident.ParseCell(ci); ok {
		return ci
	}
	sw, repoll := unwrapValue(rd.cell(FSwitch)), unwrapValue(rd.cell(FRepoll))
	if placeholder(sw) {
		sw = ""
	}
	if placeholder(repoll) {
		repoll = ""
	}
	if sw == "" && repoll == "" {
		row.issue(FCell, ci, fmt.Errorf("cell %q has no switch on its row (%s): a CDMA cell number is unique only on its switch, not kept", ci, rd.l.switchColumns()))
		return ""
	}
	if strings.ContainsAny(sw+repoll+ci, "(),") {
		row.issue(FCell, ci, errors.New("a bracket or comma in the cell or its switch: not written with its switch, not kept"))
		return ""
	}
	return ident.SwitchCellText(ci, sw, repoll)
}

// switchColumns names the layout's switch columns as its header writes
// them.
func (l *Layout) switchColumns() string {
	var names []string
	for _, f := range []Field{FSwitch, FRepoll} {
		if c, ok := l.Columns[f]; ok && c < len(l.Header) {
			names = append(names, l.Header[c])
		}
	}
	return strings.Join(names, ", ")
}

// switchCellFormat says that the layout's bare cells are keyed under their
// switch, "" when it has no switch column or its cells have a LAC.
func (l *Layout) switchCellFormat() string {
	if !l.Has(FCell) || l.Has(FLAC) || !l.Has(FSwitch) && !l.Has(FRepoll) {
		return ""
	}
	return "cells under their switch (" + l.switchColumns() + ")"
}
