package evidence

import (
	"io"
	"maps"
	"slices"
)

// The base of the LAC and cell columns is decided over the whole file
// (cell_base.go), which ResolveCellBase reads before the import reads it
// again. An import may instead decide from the head's values alone and
// check, over the text it reads anyway, that the whole file decides the
// same: it almost always does (a column whose head has a letter a-f is
// hexadecimal, one whose values are all digits to the end decimal), and
// where it does not (the first letter past the head, a wider all-digit
// value past it that makes the column refused, or names another line) the
// import is made again with the file's decision, never kept with the
// head's.

// CellBaseCheck is a decision of a layout's LAC and cell columns' base
// made from its head, and the check of it over the whole file.
type CellBaseCheck struct {
	b                  *cellBase
	undecided, decided *Layout // the columns and refusals before the decision and after
}

// DecideCellBaseFromHead decides the base of l's LAC and cell columns from
// the head's values, as if the head were the whole file, and returns the
// check that the whole file's values decide the same; nil when l needs no
// whole-file read (NeedsCellBase).
func DecideCellBaseFromHead(l *Layout) *CellBaseCheck {
	if !l.NeedsCellBase() {
		return nil
	}
	c := &CellBaseCheck{b: l.cellBase, undecided: baseColumns(l)}
	l.cellBase.decide(l)
	c.decided = baseColumns(l)
	return c
}

// Read takes the whole file's text (from its beginning, header included),
// as ResolveCellBase reads it. A read error ends it; Holds then is false.
func (c *CellBaseCheck) Read(r io.Reader) error {
	return addCellValues(r, c.undecided, c.b)
}

// Holds says the values read decide, with the head's, what the head
// decided: the same columns read as hexadecimal, the same columns refused
// for the same reasons (the same values and lines named).
func (c *CellBaseCheck) Holds() bool {
	final := baseColumns(c.undecided)
	c.b.decide(final)
	return maps.Equal(final.Columns, c.decided.Columns) && maps.Equal(final.CalledColumns, c.decided.CalledColumns) &&
		maps.Equal(final.HexColumns, c.decided.HexColumns) && slices.Equal(final.Refused, c.decided.Refused)
}

// baseColumns is a copy of what deciding the base reads and changes of l.
func baseColumns(l *Layout) *Layout {
	return &Layout{Header: l.Header, Delimiter: l.Delimiter, HeaderLine: l.HeaderLine, Columns: maps.Clone(l.Columns),
		CalledColumns: maps.Clone(l.CalledColumns), HexColumns: maps.Clone(l.HexColumns), Refused: slices.Clone(l.Refused)}
}
