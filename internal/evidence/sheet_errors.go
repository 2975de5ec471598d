package evidence

import (
	"fmt"
	"strings"
)

// sheetErrors are the values a spreadsheet shows in a cell whose formula
// failed (Excel's error values, LibreOffice's Err:NNN): a lookup that found
// nothing (#N/A), a reference deleted (#REF!). They are no value of the
// record: a workbook read cell by cell and a CSV a spreadsheet exported
// both carry them as text.
var sheetErrors = []string{"#N/A", "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!",
	"#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!", "#CONNECT!", "#BUSY!", "#EXTERNAL!", sheetNoValue, sheetCut}

// sheetNoValue is what the workbook reader writes for a formula cell whose
// value the workbook does not hold (spreadsheet.NoValue).
const sheetNoValue = "#NOVALUE!"

// sheetCut is what the workbook reader writes for a text of exactly
// 32,767 characters, the most a cell holds: what a spreadsheet left of a
// longer value (spreadsheet.Cut).
const sheetCut = "#CUT!"

// sheetError reports whether v is a spreadsheet's error value.
func sheetError(v string) bool {
	if rest, ok := strings.CutPrefix(v, "Err:"); ok && len(rest) == 3 && strings.Trim(rest, "0123456789") == "" {
		return true
	}
	if len(v) < 4 || v[0] != '#' {
		return false
	}
	for _, e := range sheetErrors {
		if strings.EqualFold(v, e) {
			return true
		}
	}
	return false
}

// sheetErrorCell is a cell of the row that held a spreadsheet's error.
type sheetErrorCell struct {
	col   int
	value string
}

// takeSheetErrors empties the row's cells that hold a spreadsheet's error
// value, so that no field keeps one as written (a B party "#N/A"), and
// returns them for sheetErrorsRead.
func (rd *Reader) takeSheetErrors(errs []sheetErrorCell) []sheetErrorCell {
	errs = errs[:0]
	for c, v := range rd.cells {
		if v != "" && v[0] != '#' && v[0] != 'E' {
			continue
		}
		if v != "" && sheetError(v) {
			errs = append(errs, sheetErrorCell{c, v})
			rd.cells[c] = ""
		}
	}
	return errs
}

// sheetErrorsRead says what became of the error values taken from a row:
// a value dropped from a row kept (an issue of the field its column is
// read for), or, when the row is rejected, named in the reason, whose
// "empty" they explain.
func (rd *Reader) sheetErrorsRead(row *Row, errs []sheetErrorCell, reason string) string {
	for _, e := range errs {
		why := fmt.Sprintf("the spreadsheet's error value %s (a formula of the sheet that failed), not a value", e.value)
		switch e.value {
		case sheetNoValue:
			why = "a formula whose value the workbook does not hold (saved by a program that does not calculate; open and save the workbook in a spreadsheet program to have its values)"
		case sheetCut:
			why = "a text of exactly 32,767 characters, the most a spreadsheet cell holds: what a spreadsheet left of a longer value, whose whole is not in the file (take the value from the operator's original export), not read as if whole"
		}
		if reason != "" {
			reason += fmt.Sprintf("; %s held %s", rd.columnName(e.col), why)
			continue
		}
		row.issue(rd.columnField(e.col), e.value, fmt.Errorf("%s", why))
	}
	return reason
}

// columnName names column c by its header, else by its number.
func (rd *Reader) columnName(c int) string {
	if c < len(rd.l.Header) && rd.l.Header[c] != "" {
		return fmt.Sprintf("column %q", rd.l.Header[c])
	}
	return fmt.Sprintf("column %d", c+1)
}

// columnField is the field column c is read for (the first in field order
// when several share it).
func (rd *Reader) columnField(c int) Field {
	for _, f := range AllFields() {
		if col, ok := rd.l.Columns[f]; ok && col == c {
			return f
		}
	}
	return Field(rd.columnName(c))
}
