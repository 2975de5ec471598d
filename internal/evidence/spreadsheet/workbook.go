package spreadsheet

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"
)

// Workbook is an open .xlsx file, or an Excel 97-2003 .xls file read into
// an .xlsx in memory (xls.go), read only.
type Workbook struct {
	path     string
	data     []byte // the .xlsx read from an .xls, nil for an .xlsx file
	f        *excelize.File
	sheets   []string
	date1904 bool
	mu       sync.Mutex
	scans    map[string]sheetScan // by sheet, made once (merges.go)
	z        *zip.ReadCloser      // the workbook's zip, for the scans, opened once
	parts    map[string]*zip.File // by sheet, its worksheet part, found once (scan.go)
	long     map[string]longTexts // by sheet, an .xls's texts too long for the .xlsx in memory, whole (longtext.go)

	fmu        sync.Mutex          // the displayed values (shown.go)
	shownCache map[shownKey]string // displayed values by style and stored value
	plans      map[int]stylePlan   // by style, how its numbers are displayed (shownplan.go)
	scratch    string              // the sheet excelize formats one cell on, once added
	cjk        map[int]dateKind    // by style, its East Asian built-in date or time format (cjkformats.go)
}

// xmlInMemory is the largest worksheet part kept in memory; a larger one is
// unpacked to a temporary file and streamed from there.
const xmlInMemory = 16 << 20

// Open opens the workbook at path (read-only: excelize only reads it): an
// .xlsx, or an Excel 97-2003 .xls (an OLE compound file).
func Open(path string) (*Workbook, error) {
	if isOLE(path) {
		wb, err := openXLS(path)
		if err != nil {
			return nil, fmt.Errorf("not a readable Excel 97-2003 workbook: %w", err)
		}
		return wb, nil
	}
	f, err := excelize.OpenFile(path, excelize.Options{UnzipXMLSizeLimit: xmlInMemory})
	if err != nil {
		return nil, fmt.Errorf("not a readable Excel workbook: %w", err)
	}
	wb := &Workbook{path: path, f: f, sheets: f.GetSheetList()}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		wb.date1904 = *props.Date1904
	}
	return wb, nil
}

// Close releases the workbook's temporary files.
func (wb *Workbook) Close() error {
	wb.mu.Lock()
	if wb.z != nil {
		wb.z.Close()
		wb.z = nil
	}
	wb.mu.Unlock()
	return wb.f.Close()
}

// part is a sheet's worksheet part, nil if it cannot be found: the
// workbook's zip is opened and xl/workbook.xml read once for all its
// sheets. wb.mu is held.
func (wb *Workbook) part(name string) *zip.File {
	if wb.parts == nil {
		wb.parts = map[string]*zip.File{}
		if wb.data != nil {
			if z, err := zip.NewReader(bytes.NewReader(wb.data), int64(len(wb.data))); err == nil {
				if parts := sheetParts(z); parts != nil {
					wb.parts = parts
				}
			}
		} else if z, err := zip.OpenReader(wb.path); err == nil {
			wb.z = z
			if parts := sheetParts(&z.Reader); parts != nil {
				wb.parts = parts
			}
		}
	}
	return wb.parts[name]
}

// kinds gives a sheet's cell kinds row by row: from its scan, else
// streamed from its part.
func (wb *Workbook) kinds(name string) rowKinds {
	if sc := wb.scan(name); sc.kinds != nil {
		return sc.kinds.cursor()
	}
	wb.mu.Lock()
	defer wb.mu.Unlock()
	return openUnvalued(wb.part(name))
}

// Hidden says the sheet is hidden in the workbook (hidden or very hidden):
// its rows are evidence like any other's, and the analyst who opens the
// workbook does not see them.
func (wb *Workbook) Hidden(name string) bool {
	visible, err := wb.f.GetSheetVisible(name)
	return err == nil && !visible
}

// Sheets names the sheets in workbook order.
func (wb *Workbook) Sheets() []string { return wb.sheets }

// Sheet returns the text of a sheet: one comma-separated line per row
// (quoted where needed), line n being row n of the sheet, empty rows empty
// lines. A line break inside a cell becomes a space, so that lines and rows
// stay one to one. Rows are padded with empty cells to the widest row
// before them, as a CSV export writes the empty cells a sheet omits.
func (wb *Workbook) Sheet(name string) (io.ReadCloser, error) {
	raw, err := wb.f.Rows(name)
	if err != nil {
		return nil, err
	}
	wb.mu.Lock()
	attrs := openAttrs(wb.part(name))
	wb.mu.Unlock()
	sr := &sheetReader{wb: wb, raw: raw, attrs: attrs, kinds: wb.kinds(name), fill: newFiller(wb.scan(name).merges), long: wb.long[name]}
	sr.w = csv.NewWriter(&sr.buf)
	return sr, nil
}

// sheetReader renders rows as they are asked for: excelize's streaming
// reader gives the stored values, and a light pass over the same part
// each cell's style and type, from which its displayed value is had when
// it is needed (shown.go).
type sheetReader struct {
	wb    *Workbook
	raw   *excelize.Rows
	attrs *cellAttrs
	buf   bytes.Buffer
	w     *csv.Writer
	cells []string
	width int
	done  bool
	row   int      // the sheet row last read, 1-based
	kinds rowKinds // the kinds of cells values do not tell (a formula with no value, a text), row by row
	fill  *filler  // the merged cells' values, filled down (merges.go)
	long  longTexts
}

func (r *sheetReader) Read(p []byte) (int, error) {
	for r.buf.Len() == 0 {
		if r.done {
			return 0, io.EOF
		}
		if err := r.next(); err != nil {
			return 0, err
		}
	}
	return r.buf.Read(p)
}

var lineBreaks = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

func (r *sheetReader) next() error {
	if !r.raw.Next() {
		r.done = true
		return r.raw.Error()
	}
	raw, err := r.raw.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return err
	}
	r.row++
	kinds := r.kinds.in(r.row)
	for col, k := range kinds {
		for k == noValue && len(raw) < col {
			raw = append(raw, "") // a formula with no value in the row's last cells
		}
	}
	attrs := r.attrs.in(r.row)
	n := len(raw)
	for col := len(attrs) - 1; col > n; col-- {
		// a cell with no stored value past the last that has one: in the
		// row when its style displays something for nothing
		if attrs[col].set && r.wb.shown(attrs[col], "", true) != "" {
			n = col
			break
		}
	}
	r.cells = r.cells[:0]
	for i := range n {
		switch kindAt(kinds, i+1) {
		case noValue:
			r.cells = append(r.cells, NoValue)
			continue
		case text:
			if i < len(raw) {
				// a text as written, digits too: a 16-digit IMEISV or a
				// 19-digit ICCID typed as text is exact, never a number
				// that lost precision
				r.cells = append(r.cells, lineBreaks.Replace(r.long.whole(r.row, i+1, raw[i])))
				continue
			}
		}
		var rv string
		if i < len(raw) {
			rv = r.long.whole(r.row, i+1, raw[i])
		}
		sv := r.wb.shown(attrAt(attrs, i+1), rv, displayRead(rv))
		r.cells = append(r.cells, lineBreaks.Replace(Cell(rv, sv, r.wb.date1904)))
	}
	empty := true
	for _, c := range r.cells {
		empty = empty && c == ""
	}
	r.cells = r.fill.fill(r.row, r.cells, empty)
	if empty {
		r.buf.WriteByte('\n')
		return nil
	}
	// the sheet omits a row's empty trailing cells: pad to the widest row
	// so far (the header, usually), as a CSV export writes them
	r.width = max(r.width, len(r.cells))
	for len(r.cells) < r.width {
		r.cells = append(r.cells, "")
	}
	if err := r.w.Write(r.cells); err != nil {
		return err
	}
	r.w.Flush()
	return r.w.Error()
}

func (r *sheetReader) Close() error {
	r.kinds.Close()
	r.attrs.Close()
	return r.raw.Close()
}

// displayRead says whether Cell reads the display of a cell whose stored
// value is raw: when it is empty or a number.
func displayRead(raw string) bool {
	if raw == "" {
		return true
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	return err == nil && !math.IsInf(v, 0) && !math.IsNaN(v)
}
