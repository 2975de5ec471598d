package spreadsheet

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
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
// worksheet part from the workbook's zip (memory bounded by a row, whatever
// the sheet's size). A workbook whose parts cannot be found here gives none.
type unvaluedCells struct {
	z    *zip.ReadCloser
	r    io.ReadCloser
	d    *xml.Decoder
	row  int              // the row the decoder is in
	cols map[int]cellKind // that row's cells with a formula and no value, or text
	done bool
}

func openUnvalued(file, sheet string) *unvaluedCells {
	u := &unvaluedCells{done: true}
	z, err := zip.OpenReader(file)
	if err != nil {
		return u
	}
	part := sheetPart(&z.Reader, sheet)
	if part == nil {
		z.Close()
		return u
	}
	r, err := part.Open()
	if err != nil {
		z.Close()
		return u
	}
	return &unvaluedCells{z: z, r: r, d: xml.NewDecoder(r)}
}

// in returns the kinds of row's cells that hold a formula and no value or
// a text, by column (1-based); rows are asked for in ascending order.
func (u *unvaluedCells) in(row int) map[int]cellKind {
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
	u.cols = nil
	var ref string
	var col int // the cell's column: by its r, else the one after the last
	var inCell, hasF, hasV, inRow, isText bool
	for {
		tok, err := u.d.Token()
		if err != nil {
			u.done = true
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				inRow = true
				if n, err := strconv.Atoi(attr(t, "r")); err == nil {
					u.row = n
				} else {
					u.row++
				}
			case "c":
				inCell, hasF, hasV, ref = true, false, false, attr(t, "r")
				typ := attr(t, "t")
				isText = typ == "s" || typ == "str" || typ == "inlineStr"
				col++
				if c, _, err := excelize.CellNameToCoordinates(ref); err == nil {
					col = c
				}
			case "f":
				hasF = inCell
			case "v", "is":
				hasV = inCell // even empty: a formula that gave "" holds that
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "c":
				kind := cellKind(0)
				switch {
				case hasF && !hasV:
					kind = noValue
				case isText && hasV:
					kind = text
				}
				if kind != 0 {
					if u.cols == nil {
						u.cols = map[int]cellKind{}
					}
					u.cols[col] = kind
				}
				inCell = false
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
	if u.z != nil {
		u.z.Close()
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

// sheetPart finds a sheet's worksheet part: its r:id in xl/workbook.xml,
// the target of that id in xl/_rels/workbook.xml.rels.
func sheetPart(z *zip.Reader, sheet string) *zip.File {
	parts := map[string]*zip.File{}
	for _, f := range z.File {
		parts[strings.TrimPrefix(f.Name, "/")] = f
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if !decodePart(parts["xl/workbook.xml"], &wb) || !decodePart(parts["xl/_rels/workbook.xml.rels"], &rels) {
		return nil
	}
	for _, s := range wb.Sheets {
		if s.Name != sheet {
			continue
		}
		for _, r := range rels.Rels {
			if r.ID == s.ID {
				target := r.Target
				if strings.HasPrefix(target, "/") {
					target = strings.TrimPrefix(target, "/")
				} else {
					target = path.Join("xl", target)
				}
				return parts[target]
			}
		}
	}
	return nil
}

func decodePart(f *zip.File, v any) bool {
	if f == nil {
		return false
	}
	r, err := f.Open()
	if err != nil {
		return false
	}
	defer r.Close()
	return xml.NewDecoder(io.LimitReader(r, 64<<20)).Decode(v) == nil
}
