package store

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/cdrtui/cdrtui/internal/evidence/htmltable"
	"github.com/cdrtui/cdrtui/internal/evidence/spreadsheet"
)

// book is a file of tables each imported as a source of its own through
// the same layout detection as a CSV export: the sheets of an .xlsx
// workbook, the tables of an HTML page saved as a spreadsheet, the
// worksheets of an Excel 2003 XML Spreadsheet.
type book interface {
	Sheets() []string
	Sheet(name string) (io.ReadCloser, error)
	Hidden(name string) bool
	Scan(name string) (merged int, hidden []int)
	Close() error
}

// bookForm is how one form of book is opened and named.
type bookForm struct {
	open func(path string, opts ImportOptions) (book, error)
	// of names the book in a sheet's format ("of an Excel workbook")
	of func(b book) string
	// part names a table of the book in its source's path ("sheet", or ""
	// when its name says it: "table 2")
	part string
}

var (
	xlsxForm = bookForm{
		open: func(p string, _ ImportOptions) (book, error) { return spreadsheet.Open(p) },
		of:   func(book) string { return "of an Excel workbook" },
		part: "sheet",
	}
	htmlForm = bookForm{
		open: func(p string, opts ImportOptions) (book, error) {
			pg, err := htmltable.OpenPage(p, opts.Encoding)
			if err != nil {
				return nil, err
			}
			return joinHeaderTables(p, pg, opts), nil // a header table and the table of records after it as one (tablejoin.go)
		},
		of: func(b book) string {
			return "of an HTML page saved as a spreadsheet, read as " + b.(*joinedPage).Charset()
		},
	}
	xmlForm = bookForm{
		open: func(p string, _ ImportOptions) (book, error) { return htmltable.OpenXML(p) },
		of:   func(book) string { return "of an Excel 2003 XML Spreadsheet" },
		part: "sheet",
	}
)

// tableForm is the book form of a file of tables that is text, by its
// first bytes (an HTML page, an XML Spreadsheet, whatever its name), nil
// for any other file.
func tableForm(p string) *bookForm {
	fi, err := os.Stat(p)
	if err != nil || !fi.Mode().IsRegular() {
		return nil // never opened: a pipe would block
	}
	f, err := os.Open(p) // read-only
	if err != nil {
		return nil
	}
	defer f.Close()
	head := make([]byte, 8<<10) // a page's first tag, an XML Spreadsheet's namespace: in its first lines
	n, _ := io.ReadFull(f, head)
	switch htmltable.Sniff(head[:n]) {
	case htmltable.HTML:
		return &htmlForm
	case htmltable.SpreadsheetML:
		return &xmlForm
	}
	return nil
}

// notTables says a file of tables holds none (a page with no table, or
// cdrtui's own report), which a walk passes over as not evidence.
func notTables(err error) bool {
	return errors.Is(err, htmltable.ErrNoTable) || errors.Is(err, htmltable.ErrNoWorksheet) || errors.Is(err, htmltable.ErrOwnReport)
}

// partLabel is how a source's path names its table: "sheet Calls" for a
// sheet, the table's own name ("table 2") for a page's table.
func partLabel(part, sheet string) string {
	if part == "" {
		return sheet
	}
	return part + " " + sheet
}

// SheetLabel is how the result names the sheet or table it is of
// ("[sheet Calls]", "[table 2]"), "" for a whole file.
func (r FileResult) SheetLabel() string {
	if r.Sheet == "" {
		return ""
	}
	if r.table {
		return fmt.Sprintf("[%s]", r.Sheet)
	}
	return fmt.Sprintf("[sheet %s]", r.Sheet)
}
