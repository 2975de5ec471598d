package spreadsheet

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// A sheet's displayed values were read by a second excelize row iterator
// over the same part, which formats every cell of the sheet through its
// number format: three times the work of the stored values alone, most of
// it in excelize's date formatting (a date column of 100,000 cells holds
// a few hundred days). Now one light pass over the part gives each cell's
// type and style (cellAttrs), and a cell's displayed value is asked of
// excelize only when its stored value is a number, or empty (the only
// cells whose display Cell reads), once for each style and value
// (shownCache).

// attr of a cell: its style index and its type (t: "" for a number).
type cellAttr struct {
	style int
	typ   string
	set   bool // the cell is in the sheet
}

// cellAttrs streams a worksheet part's cells' styles and types row by
// row (memory bounded by a row), as unvaluedCells streams their kinds.
type cellAttrs struct {
	r    io.ReadCloser
	d    *xml.Decoder
	row  int
	cols []cellAttr // by column, 1-based
	done bool
}

func openAttrs(part *zip.File) *cellAttrs {
	if part == nil {
		return &cellAttrs{done: true}
	}
	r, err := part.Open()
	if err != nil {
		return &cellAttrs{done: true}
	}
	return &cellAttrs{r: r, d: newDecoder(r)}
}

// in returns row's cells' attributes by column (index 1 the first); rows
// are asked for in ascending order. The slice holds until the next call.
func (a *cellAttrs) in(row int) []cellAttr {
	for !a.done && a.row < row {
		a.readRow()
	}
	if a.row == row {
		return a.cols
	}
	return nil
}

func (a *cellAttrs) readRow() {
	clear(a.cols)
	inRow, col := false, 0
	for {
		tok, err := a.d.RawToken()
		if err != nil {
			a.done = true
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				inRow, col = true, 0
				if n, err := strconv.Atoi(attr(t, "r")); err == nil {
					a.row = n
				} else {
					a.row++
				}
			case "c":
				col++
				if c, _, err := excelize.CellNameToCoordinates(attr(t, "r")); err == nil {
					col = c
				}
				style, _ := strconv.Atoi(attr(t, "s"))
				for len(a.cols) <= col {
					a.cols = append(a.cols, cellAttr{})
				}
				a.cols[col] = cellAttr{style: style, typ: attr(t, "t"), set: true}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "row":
				if inRow {
					return
				}
			case "sheetData":
				a.done = true
				return
			}
		}
	}
}

// Close closes the part.
func (a *cellAttrs) Close() {
	if a.r != nil {
		a.r.Close()
	}
}

// attrAt is the attributes of column col (1-based) in a row's.
func attrAt(attrs []cellAttr, col int) cellAttr {
	if col < len(attrs) {
		return attrs[col]
	}
	return cellAttr{}
}

// shownKey is a displayed value's style and stored value.
type shownKey struct {
	style int
	raw   string
}

// maxShown bounds the displayed values kept (a few MB): past it the cache
// starts again.
const maxShown = 1 << 16

// shownSheet is the name of the sheet, added to the workbook in memory
// only (a workbook is never saved), whose one cell excelize formats.
const shownSheet = "cdrtui displayed value"

// shown is what the sheet displays for a cell whose stored value is raw
// (as excelize's stored-value iterator gives it), as excelize's iterator
// of displayed values gave it: a number formatted through its style's
// number format, asked of excelize for each style and value once. need
// says whether Cell reads the display at all; when not, raw is given.
// wb.fmu is taken.
func (wb *Workbook) shown(a cellAttr, raw string, need bool) string {
	if !need || !a.set {
		return raw
	}
	switch a.typ {
	case "b":
		switch raw {
		case "1":
			return "TRUE"
		case "0":
			return "FALSE"
		}
		return raw
	case "", "n", "e":
	case "s", "inlineStr":
		if raw != "" || a.style == 0 {
			return raw
		}
	default: // str, d: as stored
		return raw
	}
	if a.style == 0 && a.typ != "s" && a.typ != "inlineStr" {
		return general(raw)
	}
	key := shownKey{a.style, raw}
	wb.fmu.Lock()
	defer wb.fmu.Unlock()
	if v := wb.byShape(a.style, raw); v != "" {
		return v
	}
	if v, ok := wb.shownCache[key]; ok {
		return v
	}
	v := wb.format(a.style, raw)
	if len(wb.shownCache) >= maxShown || wb.shownCache == nil {
		wb.shownCache = make(map[shownKey]string)
	}
	wb.shownCache[shownKey{a.style, strings.Clone(raw)}] = v
	return v
}

// format asks excelize for the display of a number cell of the style
// holding raw: on a sheet of one cell added to the workbook in memory,
// so that excelize formats it as it formats the cells of the sheets
// (the same styles, date system and options). wb.fmu is held.
func (wb *Workbook) format(style int, raw string) string {
	if v, ok := wb.cjkShown(style, raw); ok {
		return v // a format excelize has no code for without a locale
	}
	if wb.scratch == "" {
		name := shownSheet
		for n := 2; slices.Contains(wb.f.GetSheetList(), name); n++ {
			name = fmt.Sprintf("%s %d", shownSheet, n) // never one of the workbook's own
		}
		if _, err := wb.f.NewSheet(name); err != nil {
			return raw
		}
		wb.scratch = name
	}
	if err := wb.f.SetCellDefault(wb.scratch, "A1", raw); err != nil {
		return raw
	}
	if err := wb.f.SetCellStyle(wb.scratch, "A1", "A1", style); err != nil {
		// a style the workbook does not define: excelize displays the
		// value unformatted
		wb.f.SetCellStyle(wb.scratch, "A1", "A1", 0)
	}
	v, err := wb.f.GetCellValue(wb.scratch, "A1")
	if err != nil {
		return raw
	}
	return v
}
