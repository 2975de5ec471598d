package spreadsheet

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"strconv"
)

// NoValue is the text of a formula cell whose value the workbook does not
// hold: a program that writes formulas without calculating them (a
// script's library) leaves the cell's value out, and the cell would read
// as empty, a value silently missing. The evidence readers drop it with
// the reason, as they drop a spreadsheet's error value (#N/A).
const NoValue = "#NOVALUE!"

// cellKind is what the worksheet says of a cell that its values alone do
// not: a formula with no value, or a text (a shared, inline or formula
// string), which is as written even when it is all digits.
type cellKind uint8

const (
	noValue cellKind = iota + 1
	text
)

// unvaluedCells finds, row by row as the sheet is read, the cells that
// hold a formula and no value and the cells that hold text, streaming the
// worksheet part (memory bounded by a row, whatever the sheet's size): the
// reading of a sheet whose kinds change too often for its scan to keep
// them (scan.go). A part that cannot be read gives none.
type unvaluedCells struct {
	r    io.ReadCloser
	d    *xml.Decoder
	row  int        // the row the decoder is in
	cols []cellKind // that row's kinds, by column (see rowKinds)
	done bool
}

func openUnvalued(part *zip.File) *unvaluedCells {
	if part == nil {
		return &unvaluedCells{done: true}
	}
	r, err := part.Open()
	if err != nil {
		return &unvaluedCells{done: true}
	}
	return &unvaluedCells{r: r, d: newDecoder(r)}
}

// in returns the kinds of row's cells (see rowKinds); rows are asked for
// in ascending order.
func (u *unvaluedCells) in(row int) []cellKind {
	for !u.done && u.row < row {
		u.readRow()
	}
	if u.row == row {
		return u.cols
	}
	return nil
}

// readRow reads the next <row> element whole.
func (u *unvaluedCells) readRow() {
	clear(u.cols)
	var cell cellTags
	inRow := false
	for {
		tok, err := u.d.Token()
		if err != nil {
			u.done = true
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "row" {
				cell.start(t)
				continue
			}
			inRow = true
			if n, err := strconv.Atoi(attr(t, "r")); err == nil {
				u.row = n
			} else {
				u.row++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "c":
				if kind, _ := cell.end(); kind != 0 && cell.col > 0 {
					for len(u.cols) <= cell.col {
						u.cols = append(u.cols, 0)
					}
					u.cols[cell.col] = kind
				}
			case "row":
				if inRow {
					return
				}
			case "sheetData":
				u.done = true
				return
			}
		}
	}
}

func (u *unvaluedCells) Close() {
	if u.r != nil {
		u.r.Close()
	}
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
