package spreadsheet

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/richardlehane/mscfb"
	"github.com/xuri/excelize/v2"
)

// An Excel 97-2003 workbook is read as an .xlsx is: its cells, typed as
// the BIFF records hold them (a number with its cell's number format, a
// text as written, a Boolean, an error value, a formula's cached value),
// are written into an .xlsx workbook in memory, sheet by sheet, with
// their number formats, merged ranges, hidden rows and hidden sheets, and
// that workbook is read as any other: the same display through the same
// number formats, and the same rules (cells.go) for dates, lengths of
// time, padded digits and numbers beyond 15 digits. The .xls file itself
// is only read.

// oleMagic starts an OLE compound file (an .xls, a .doc, an .msg ...).
const oleMagic = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

// maxXLSStream bounds the Workbook stream read (an .xls holds at most
// 65,536 rows a sheet; operators' returns are far below this).
const maxXLSStream = 1 << 30

// IsXLS says the file at path is an OLE compound file holding an Excel
// workbook stream ("Workbook", or "Book" for Excel 5.0/95, which Open
// refuses with the reason).
func IsXLS(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 8)
	if _, err := io.ReadFull(f, head); err != nil || string(head) != oleMagic {
		return false
	}
	doc, err := mscfb.New(f)
	if err != nil {
		return false
	}
	for e, err := doc.Next(); err == nil; e, err = doc.Next() {
		if e.Name == "Workbook" || e.Name == "Book" {
			return true
		}
	}
	return false
}

// IsOLE says the file at path starts as an OLE compound file (an .xls,
// or a Word document, an Outlook message ...), whether or not the rest of
// it can be read.
func IsOLE(path string) bool { return isOLE(path) }

// isOLE says the file at path starts as an OLE compound file.
func isOLE(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 8)
	_, err = io.ReadFull(f, head)
	return err == nil && string(head) == oleMagic
}

// workbookStream reads the Workbook stream of the compound file at path.
func workbookStream(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := mscfb.New(f)
	if err != nil {
		return nil, fmt.Errorf("a damaged OLE compound file: %w", err)
	}
	for e, err := doc.Next(); err == nil; e, err = doc.Next() {
		switch e.Name {
		case "Book":
			return nil, errors.New("an Excel 5.0/95 workbook (BIFF5), not read: save it as .xlsx in Excel or LibreOffice")
		case "Workbook":
			if e.Size < 0 || e.Size > maxXLSStream {
				return nil, fmt.Errorf("its workbook stream's size (%d bytes) is not one cdrtui reads", e.Size)
			}
			buf := make([]byte, e.Size)
			if _, err := io.ReadFull(e, buf); err != nil {
				return nil, fmt.Errorf("its workbook stream cannot be read whole (truncated or damaged file): %w", err)
			}
			return buf, nil
		}
	}
	return nil, errors.New("an OLE compound file without a workbook stream (a Word or other Office file, not an Excel workbook)")
}

// errNoWorksheet is the refusal of an .xls with no worksheet.
var errNoWorksheet = errors.New("the workbook holds no worksheet")

// openXLS reads the Excel 97-2003 workbook at path into an .xlsx in
// memory and opens that.
func openXLS(path string) (*Workbook, error) {
	stream, err := workbookStream(path)
	if err != nil {
		return nil, err
	}
	conv, err := convertXLS(stream) // the last conversion when of the same bytes (xlscache.go)
	if err != nil {
		return nil, err
	}
	data := conv.data
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipXMLSizeLimit: xmlInMemory})
	if err != nil {
		return nil, fmt.Errorf("its sheets cannot be read: %w", err)
	}
	return &Workbook{path: path, data: data, f: f, sheets: f.GetSheetList(), date1904: conv.date1904, long: conv.long}, nil
}

// toXLSX writes the workbook's sheets, one at a time, into an .xlsx, and
// gives the texts longer than the .xlsx holds, whole, by sheet
// (longtext.go).
func (b *biffBook) toXLSX() ([]byte, map[string]longTexts, error) {
	f := excelize.NewFile()
	defer f.Close()
	if b.date1904 {
		yes := true
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
			return nil, nil, err
		}
	}
	styles := map[uint16]int{}
	style := func(xf uint16) (int, error) {
		if id, ok := styles[xf]; ok {
			return id, nil
		}
		var fmtID uint16
		if int(xf) < len(b.xfFormat) {
			fmtID = b.xfFormat[xf]
		}
		s := &excelize.Style{NumFmt: int(fmtID)}
		if code, ok := b.formats[fmtID]; ok {
			s = &excelize.Style{CustomNumFmt: &code}
		}
		id := 0
		if fmtID != 0 {
			var err error
			if id, err = f.NewStyle(s); err != nil {
				return 0, fmt.Errorf("number format %d (%q): %w", fmtID, b.formats[fmtID], err)
			}
		}
		styles[xf] = id
		return id, nil
	}
	seen := map[string]bool{}
	long := map[string]longTexts{}
	for i, ref := range b.sheets {
		key := strings.ToLower(ref.name)
		if seen[key] {
			return nil, nil, fmt.Errorf("two sheets named %q (damaged file)", ref.name)
		}
		seen[key] = true
		if i == 0 {
			if err := f.SetSheetName("Sheet1", ref.name); err != nil {
				return nil, nil, fmt.Errorf("sheet %q: %w", ref.name, err)
			}
		} else if _, err := f.NewSheet(ref.name); err != nil {
			return nil, nil, fmt.Errorf("sheet %q: %w", ref.name, err)
		}
		sh, err := b.parseSheet(ref)
		if err != nil {
			return nil, nil, err
		}
		for _, c := range sh.cells {
			if c.kind != 'n' && c.kind != 'b' && cellChars(c.text) > maxCellChars {
				if long[ref.name] == nil {
					long[ref.name] = longTexts{}
				}
				long[ref.name][cellPos{c.row + 1, c.col + 1}] = c.text
			}
		}
		if err := writeSheet(f, ref.name, sh, style); err != nil {
			return nil, nil, fmt.Errorf("sheet %q: %w", ref.name, err)
		}
	}
	for _, ref := range b.sheets {
		if ref.hidden {
			if err := f.SetSheetVisible(ref.name, false); err != nil {
				return nil, nil, fmt.Errorf("sheet %q: %w", ref.name, err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, nil, err
	}
	return buf.Bytes(), long, nil
}

// writeSheet writes a sheet's cells, row by row, with their styles (a
// number's format; a text, a Boolean or an error value needs none).
func writeSheet(f *excelize.File, name string, sh *biffSheet, style func(uint16) (int, error)) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	hidden := map[int]bool{}
	for _, r := range sh.hiddenRows {
		hidden[r] = true
	}
	setRow := func(row int, cells []any) error {
		cell, err := excelize.CoordinatesToCellName(1, row)
		if err != nil {
			return err
		}
		opts := []excelize.RowOpts{}
		if hidden[row] {
			opts = append(opts, excelize.RowOpts{Hidden: true})
			delete(hidden, row)
		}
		return sw.SetRow(cell, cells, opts...)
	}
	var row []any
	at := 0 // the 1-based row in row
	flush := func(next int) error {
		if at > 0 {
			if err := setRow(at, row); err != nil {
				return err
			}
		}
		// hidden rows without cells, before the next
		for r := at + 1; r < next && len(hidden) > 0; r++ {
			if hidden[r] {
				if err := setRow(r, nil); err != nil {
					return err
				}
			}
		}
		row, at = row[:0], next
		return nil
	}
	for _, c := range sh.cells {
		if c.row+1 != at {
			if err := flush(c.row + 1); err != nil {
				return err
			}
		}
		if c.col >= excelize.MaxColumns {
			continue
		}
		for len(row) < c.col {
			row = append(row, nil)
		}
		var v any
		switch c.kind {
		case 'n':
			id, err := style(c.xf)
			if err != nil {
				return err
			}
			v = excelize.Cell{StyleID: id, Value: c.num}
		case 'b':
			v = c.num != 0
		default:
			v = c.text
		}
		if len(row) == c.col {
			row = append(row, v)
		} else {
			row[c.col] = v // the same cell twice: the last
		}
	}
	if err := flush(excelize.TotalRows + 1); err != nil {
		return err
	}
	for _, m := range sh.merges {
		from, err1 := excelize.CoordinatesToCellName(m[2]+1, m[0]+1)
		to, err2 := excelize.CoordinatesToCellName(m[3]+1, m[1]+1)
		if err1 != nil || err2 != nil || m[0] > m[1] || m[2] > m[3] || m[0] == m[1] && m[2] == m[3] {
			continue
		}
		if err := sw.MergeCell(from, to); err != nil {
			return err
		}
	}
	return sw.Flush()
}
