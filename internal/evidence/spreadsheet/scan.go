package spreadsheet

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html/charset"
)

// newDecoder reads a part's XML in the encoding it declares: a writer's
// <?xml version="1.0" encoding="GB2312"?> as excelize reads it (through
// the same charset labels), where encoding/xml alone stops at the
// declaration and the part would be read as holding nothing.
func newDecoder(r io.Reader) *xml.Decoder {
	d := xml.NewDecoder(r)
	d.CharsetReader = charset.NewReaderLabel
	return d
}

// sheetScan is what one pass over a worksheet part says that excelize's
// rows do not: its merged ranges one column wide and more than one row
// high (at the part's end, after the rows), the rows hidden in the sheet
// (their rows are evidence like any other's, and the analyst who opens
// the workbook does not see them), and the kinds of its cells (a formula
// with no value, a text), by column.
type sheetScan struct {
	merges []merge
	hidden []int     // the hidden rows, 1-based, in order
	kinds  *kindRuns // nil when the sheet's kinds change too often to keep: streamed at each reading (formulas.go)
}

// scanSheet reads a worksheet part once, streamed (the part is not held in
// memory). Nothing when the part cannot be read.
func scanSheet(part *zip.File) sheetScan {
	if part == nil {
		return sheetScan{kinds: &kindRuns{}}
	}
	r, err := part.Open()
	if err != nil {
		return sheetScan{kinds: &kindRuns{}}
	}
	defer r.Close()
	return scanPart(r)
}

// scanPart reads a worksheet part's XML: the ref attributes of the
// <mergeCell> elements in its <mergeCells>, the r attributes of its <row>
// tags marked hidden, and its cells' kinds (with or without a namespace
// prefix). A part that stops being XML is read up to there.
func scanPart(r io.Reader) sheetScan {
	sc := sheetScan{kinds: &kindRuns{}}
	d := newDecoder(r)
	row := 0 // by its r, else counted
	var cell cellTags
	inMerges := false
	for {
		tok, err := d.RawToken()
		if err != nil {
			return sc
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				cell.col = 0
				if n, err := strconv.Atoi(attr(t, "r")); err == nil {
					row = n
				} else {
					row++
				}
				if h := attr(t, "hidden"); h == "1" || h == "true" {
					sc.hidden = append(sc.hidden, row)
				}
			case "mergeCells":
				inMerges = true
			case "mergeCell":
				if m, ok := downMerge(attr(t, "ref")); ok && inMerges {
					sc.merges = append(sc.merges, m)
				}
			default:
				cell.start(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "c":
				if kind, ok := cell.end(); ok && sc.kinds != nil && !sc.kinds.add(row, cell.col, kind) {
					sc.kinds = nil // streamed at each reading instead
				}
			case "mergeCells":
				inMerges = false
			}
		}
	}
}

// cellTags follows the tags of a row's cells: the cell's column (by its r,
// else the one after the last) and what it holds.
type cellTags struct {
	col                      int
	inCell, hasF, hasV, text bool
}

// start takes a start tag within a row.
func (c *cellTags) start(t xml.StartElement) {
	switch t.Name.Local {
	case "c":
		c.inCell, c.hasF, c.hasV = true, false, false
		typ := attr(t, "t")
		c.text = typ == "s" || typ == "str" || typ == "inlineStr"
		c.col++
		if col, _, err := excelize.CellNameToCoordinates(attr(t, "r")); err == nil {
			c.col = col
		}
	case "f":
		c.hasF = c.inCell
	case "v", "is":
		c.hasV = c.inCell // even empty: a formula that gave "" holds that
	}
}

// end takes a cell's end tag: the cell's kind, false outside a cell.
func (c *cellTags) end() (cellKind, bool) {
	in := c.inCell
	c.inCell = false
	return kindOf(c.hasF, c.hasV, c.text), in
}

// kindOf is the kind of a cell by what it holds.
func kindOf(hasF, hasV, isText bool) cellKind {
	switch {
	case hasF && !hasV:
		return noValue
	case isText && hasV:
		return text
	}
	return 0
}

// downMerge reads a merged range's ref ("D3:D5"): a merge one column wide
// and more than one row high.
func downMerge(ref string) (merge, bool) {
	from, to, ok := strings.Cut(ref, ":")
	if !ok {
		return merge{}, false
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(from)
	c2, r2, err2 := excelize.CellNameToCoordinates(to)
	if err1 != nil || err2 != nil || c1 != c2 || r2 <= r1 {
		return merge{}, false
	}
	return merge{col: c1, first: r1, last: r2}, true
}

// kindRuns holds a sheet's cell kinds as runs down each column: a text
// column is one run however long the sheet, so that a sheet is read once
// for them however often it is opened. A cell the sheet leaves out is
// empty whatever its kind, so a text run goes on over it; a run of
// formulas with no value does not (the empty cell is not NoValue).
type kindRuns struct {
	cols [][]kindRun // by column, 1-based at index 0
	open []bool      // by column: its last run may grow (no other cell after it)
	n    int
}

type kindRun struct {
	from, to int // rows, inclusive
	kind     cellKind
}

// maxKindRuns bounds the runs kept for a sheet (a few MB): a sheet whose
// kinds change more often is streamed instead.
const maxKindRuns = 1 << 16

// add records the kind of the cell at row, col, as the cells come in
// sheet order; false when it cannot (rows out of order, too many runs).
func (k *kindRuns) add(row, col int, kind cellKind) bool {
	if row < 1 || col < 1 {
		return false
	}
	for len(k.cols) < col {
		k.cols, k.open = append(k.cols, nil), append(k.open, false)
	}
	runs := k.cols[col-1]
	if n := len(runs); n > 0 && runs[n-1].to >= row {
		return false // rows out of order: the cursor reads them in order
	}
	if kind == 0 {
		k.open[col-1] = false
		return true
	}
	if n := len(runs); n > 0 && k.open[col-1] && runs[n-1].kind == kind && (kind == text || runs[n-1].to == row-1) {
		runs[n-1].to = row
		return true
	}
	if k.n++; k.n > maxKindRuns {
		return false
	}
	k.cols[col-1], k.open[col-1] = append(runs, kindRun{from: row, to: row, kind: kind}), true
	return true
}

// rowKinds gives the kinds of a sheet's cells row by row, rows asked for
// in ascending order: by column (index 1 the first), zero for a cell of
// neither kind; the slice holds until the next call.
type rowKinds interface {
	in(row int) []cellKind
	Close()
}

// kindCursor reads kindRuns row by row.
type kindCursor struct {
	k   *kindRuns
	at  []int // by column, the run at or after the row
	row []cellKind
}

func (k *kindRuns) cursor() *kindCursor {
	return &kindCursor{k: k, at: make([]int, len(k.cols)), row: make([]cellKind, len(k.cols)+1)}
}

func (c *kindCursor) in(row int) []cellKind {
	clear(c.row)
	for col, runs := range c.k.cols {
		i := c.at[col]
		for i < len(runs) && runs[i].to < row {
			i++
		}
		c.at[col] = i
		if i < len(runs) && runs[i].from <= row {
			c.row[col+1] = runs[i].kind
		}
	}
	return c.row
}

func (c *kindCursor) Close() {}

// kindAt is the kind of column col (1-based) in a row's kinds.
func kindAt(kinds []cellKind, col int) cellKind {
	if col < len(kinds) {
		return kinds[col]
	}
	return 0
}

// The namespace of a sheet's r:id: excelize reads a workbook saved as
// Strict Open XML (Excel's "Strict Open XML Spreadsheet") as well, and its
// sheets' merges, hidden rows and text cells must be found in it too.
const (
	relsTransitional = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	relsStrict       = "http://purl.oclc.org/ooxml/officeDocument/relationships"
)

// sheetParts finds every sheet's worksheet part, by name: its r:id in the
// workbook part (xl/workbook.xml, or as _rels/.rels names it), the target
// of that id in the workbook's relationships (xl/_rels/workbook.xml.rels).
// Nil when they cannot be read.
func sheetParts(z *zip.Reader) map[string]*zip.File {
	parts := map[string]*zip.File{}
	for _, f := range z.File {
		parts[strings.TrimPrefix(f.Name, "/")] = f
	}
	var wb struct {
		Sheets []struct {
			Name  string     `xml:"name,attr"`
			Attrs []xml.Attr `xml:",any,attr"` // its r:id, in the transitional namespace or Strict OOXML's
		} `xml:"sheets>sheet"`
	}
	type relationships struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	// the workbook part, as the package's relationships name it (as
	// excelize finds it): xl/workbook.xml but for some writers
	book := "xl/workbook.xml"
	var pkg relationships
	if decodePart(parts["_rels/.rels"], &pkg) {
		for _, r := range pkg.Rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				book = strings.TrimPrefix(path.Clean("/"+r.Target), "/")
				break
			}
		}
	}
	dir := path.Dir(book)
	var rels relationships
	if !decodePart(parts[book], &wb) || !decodePart(parts[path.Join(dir, "_rels", path.Base(book)+".rels")], &rels) {
		return nil
	}
	byID := map[string]string{}
	for _, r := range rels.Rels {
		if _, ok := byID[r.ID]; !ok {
			byID[r.ID] = r.Target
		}
	}
	sheets := map[string]*zip.File{}
	for _, s := range wb.Sheets {
		var id string
		for _, a := range s.Attrs {
			if a.Name.Local == "id" && (a.Name.Space == relsTransitional || a.Name.Space == relsStrict) {
				id = a.Value
			}
		}
		target, ok := byID[id]
		if _, seen := sheets[s.Name]; seen || !ok {
			continue // the first sheet of a name, as excelize reads it
		}
		if strings.HasPrefix(target, "/") {
			target = strings.TrimPrefix(path.Clean(target), "/")
		} else {
			target = path.Join(dir, target)
		}
		sheets[s.Name] = parts[target]
	}
	return sheets
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
	return newDecoder(io.LimitReader(r, 64<<20)).Decode(v) == nil
}
