package htmltable

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// ssNS is the namespace of SpreadsheetML's elements and attributes.
const ssNS = "urn:schemas-microsoft-com:office:spreadsheet"

// xlNS is the namespace of a worksheet's options (x:Visible).
const xlNS = "urn:schemas-microsoft-com:office:excel"

// XMLBook is an Excel 2003 XML Spreadsheet's worksheets, read only.
type XMLBook struct {
	path   string
	names  []string
	hidden map[string]bool
	rows   map[string][]int // by sheet, its hidden rows
	spans  map[string]int   // by sheet, its cells spanning rows
}

// ErrNoWorksheet is the refusal of an XML Spreadsheet with no worksheet.
var ErrNoWorksheet = errors.New("an Excel 2003 XML Spreadsheet with no worksheet")

// OpenXML reads the XML Spreadsheet at path once to list its worksheets.
func OpenXML(path string) (*XMLBook, error) {
	b := &XMLBook{path: path, hidden: map[string]bool{}, rows: map[string][]int{}, spans: map[string]int{}}
	r, err := openXML(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	x := &xmlRows{d: newDecoder(r), all: true}
	for {
		_, _, ok, err := x.next()
		if err != nil {
			return nil, fmt.Errorf("not a readable XML Spreadsheet: %w", err)
		}
		if !ok {
			break
		}
	}
	for _, s := range x.sheets {
		if slices.Contains(b.names, s.name) {
			// Excel names its worksheets apart: reading the name would
			// read both as one
			return nil, fmt.Errorf("not a readable XML Spreadsheet: two worksheets named %q", s.name)
		}
		b.names = append(b.names, s.name)
		b.hidden[s.name], b.rows[s.name], b.spans[s.name] = s.hidden, s.hiddenRows, s.spans
	}
	if len(b.names) == 0 {
		return nil, ErrNoWorksheet
	}
	return b, nil
}

// Sheets names the worksheets in workbook order.
func (b *XMLBook) Sheets() []string { return b.names }

// Hidden says the worksheet is hidden in the workbook.
func (b *XMLBook) Hidden(name string) bool { return b.hidden[name] }

// Scan gives a worksheet's cells spanning rows and its hidden rows.
func (b *XMLBook) Scan(name string) (merged int, hidden []int) { return b.spans[name], b.rows[name] }

// Close releases nothing: each worksheet is read from the file when asked.
func (b *XMLBook) Close() error { return nil }

// Sheet returns the text of a worksheet (see the package's doc).
func (b *XMLBook) Sheet(name string) (io.ReadCloser, error) {
	r, err := openXML(b.path)
	if err != nil {
		return nil, err
	}
	return newTextReader(&xmlRows{d: newDecoder(r), target: name, c: r}), nil
}

// openXML opens the file as bytes encoding/xml reads: a UTF-16 file (by
// its byte-order mark) as UTF-8.
func openXML(path string) (io.ReadCloser, error) {
	f, err := os.Open(path) // read-only
	if err != nil {
		return nil, err
	}
	mark := make([]byte, 2)
	n, _ := io.ReadFull(f, mark)
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	if n == 2 && (mark[0] == 0xff && mark[1] == 0xfe || mark[0] == 0xfe && mark[1] == 0xff) {
		dec := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
		return struct {
			io.Reader
			io.Closer
		}{transform.NewReader(f, dec), f}, nil
	}
	return f, nil
}

// newDecoder is a decoder reading the encodings an XML declaration names.
func newDecoder(r io.Reader) *xml.Decoder {
	d := xml.NewDecoder(r)
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		if l := strings.ToLower(label); strings.HasPrefix(l, "utf-16") || l == "unicode" {
			return in, nil // decoded already, by its byte-order mark
		}
		return charset.NewReaderLabel(label, in)
	}
	return d
}

// xmlSheet is what the listing learns of a worksheet.
type xmlSheet struct {
	name       string
	hidden     bool
	hiddenRows []int
	spans      int
}

// xmlRows streams a worksheet's rows (every worksheet's, when all).
type xmlRows struct {
	d      *xml.Decoder
	c      io.Closer
	target string
	all    bool
	sheets []xmlSheet
	styles map[string]string // by style ID, its number format
	style  string            // the style being read
	in     bool              // in the target worksheet (any, all)
	row    int
	cells  []string
	col    int    // the last cell's column, 1-based
	cell   *xcell // the open cell
	data   bool   // in the open cell's Data
	// in a cell's comment (its Data is not the cell's); in a worksheet's
	// Visible option
	comment, visible bool
	text             strings.Builder
	down             []span // by column: a cell above spanning down
	err              error  // a sheet past a spreadsheet's size
}

type xcell struct {
	col, across, down int
	typ, style        string
}

func (x *xmlRows) Close() error {
	if x.c != nil {
		return x.c.Close()
	}
	return nil
}

func ssAttr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name && (a.Name.Space == ssNS || a.Name.Space == "") {
			return a.Value
		}
	}
	return ""
}

// next gives the next row of the target worksheet.
func (x *xmlRows) next() (int, []string, bool, error) {
	for {
		if x.err != nil {
			return 0, nil, false, x.err
		}
		tok, err := x.d.Token()
		if err == io.EOF {
			return 0, nil, false, nil
		}
		if err != nil {
			return 0, nil, false, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			x.start(t)
		case xml.CharData:
			if x.data || x.visible {
				x.text.Write(t)
			}
		case xml.EndElement:
			if t.Name.Space == xlNS && t.Name.Local == "Visible" && x.visible {
				x.visible = false
				x.sheets[len(x.sheets)-1].hidden = strings.Contains(x.text.String(), "Hidden") // SheetHidden, SheetVeryHidden
			}
			if t.Name.Space != ssNS {
				continue // formatting inside a Data (html:B, html:Font)
			}
			switch t.Name.Local {
			case "Worksheet":
				x.in = false
			case "Data":
				x.data = false
			case "Comment":
				x.comment = false
			case "Cell":
				x.endCell()
			case "Row":
				if x.in {
					x.fillDown(true)
					return x.row, x.cells, true, nil
				}
			}
		}
	}
}

// start takes a start tag.
func (x *xmlRows) start(t xml.StartElement) {
	if t.Name.Space == xlNS && t.Name.Local == "Visible" && len(x.sheets) > 0 {
		x.visible = true
		x.text.Reset()
	}
	if t.Name.Space != ssNS {
		return
	}
	switch t.Name.Local {
	case "Style":
		x.style = ssAttr(t, "ID")
	case "NumberFormat":
		if x.styles == nil {
			x.styles = map[string]string{}
		}
		x.styles[x.style] = ssAttr(t, "Format")
	case "Worksheet":
		name := ssAttr(t, "Name")
		if name == "" {
			name = "Sheet" + strconv.Itoa(len(x.sheets)+1)
		}
		x.sheets = append(x.sheets, xmlSheet{name: name})
		x.in = x.all || name == x.target
		x.row, x.down = 0, nil
	case "Comment":
		x.comment = true
	case "Row":
		if !x.in {
			return
		}
		x.row = indexAfter(ssAttr(t, "Index"), x.row)
		if x.row > maxRows {
			x.err = fmt.Errorf("a row past row %d, more than a spreadsheet holds: not read", maxRows)
		}
		if h := ssAttr(t, "Hidden"); h == "1" || h == "true" {
			s := &x.sheets[len(x.sheets)-1]
			s.hiddenRows = append(s.hiddenRows, x.row)
		}
		x.cells, x.col = x.cells[:0], 0
	case "Cell":
		if !x.in {
			return
		}
		c := &xcell{col: indexAfter(ssAttr(t, "Index"), x.col), style: ssAttr(t, "StyleID")}
		c.across, _ = strconv.Atoi(ssAttr(t, "MergeAcross"))
		c.down, _ = strconv.Atoi(ssAttr(t, "MergeDown"))
		c.across, c.down = min(max(c.across, 0), maxColspan), min(max(c.down, 0), maxRowspan)
		if c.col+c.across > maxColumns {
			x.err = errTooWide
		}
		x.cell = c
		x.text.Reset()
	case "Data":
		if x.cell != nil && !x.comment {
			x.data = true
			x.cell.typ = ssAttr(t, "Type")
		}
	}
}

// indexAfter is an ss:Index (1-based), else the one after last.
func indexAfter(v string, last int) int {
	if n, err := strconv.Atoi(v); err == nil && n > last {
		return n
	}
	return last + 1
}

// endCell places the open cell's value at its column, the cells it skips
// empty (or held by a cell above spanning down).
func (x *xmlRows) endCell() {
	c := x.cell
	if c == nil {
		return
	}
	x.cell, x.data = nil, false
	for len(x.cells) < c.col-1 {
		n := len(x.cells)
		x.fillDown(false)
		if len(x.cells) == n {
			x.cells = append(x.cells, "")
		}
	}
	v := x.value(c, x.text.String())
	first := len(x.cells)
	x.cells = append(x.cells, v)
	for range c.across {
		x.cells = append(x.cells, "")
	}
	x.col = c.col + c.across
	if c.down > 0 {
		x.sheets[len(x.sheets)-1].spans++
		for len(x.down) < len(x.cells) {
			x.down = append(x.down, span{})
		}
		for i := first; i < len(x.cells); i++ {
			x.down[i] = span{left: c.down, val: x.cells[i]}
		}
	}
}

// fillDown places the value of a cell above spanning down into the row's
// next column when it does (into every column left, at the row's end).
func (x *xmlRows) fillDown(all bool) {
	for i := len(x.cells); i < len(x.down); i++ {
		if x.down[i].left == 0 {
			if !all {
				return
			}
			x.cells = append(x.cells, "")
			continue
		}
		x.cells = append(x.cells, x.down[i].val)
		x.down[i].left--
		if !all {
			return
		}
	}
}

// value is a cell's text: as written, line breaks as spaces; a DateTime
// as its wall clock in ISO form, its date or time alone when its number
// format shows only that.
func (x *xmlRows) value(c *xcell, s string) string {
	s = strings.TrimSpace(strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s))
	if c.typ != "DateTime" {
		return s
	}
	t, err := time.Parse("2006-01-02T15:04:05", strings.TrimSuffix(s, ".000"))
	if err != nil {
		t, err = time.Parse("2006-01-02T15:04:05.999999999", s)
		if err != nil {
			return s // as written: the value readers judge it
		}
	}
	switch showsOnly(x.styles[c.style]) {
	case "date":
		if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
			return t.Format("2006-01-02")
		}
	case "time":
		if t.Year() == 1899 && t.Month() == 12 && t.Day() == 31 || t.Year() == 1900 && t.Month() == 1 && t.Day() == 0 {
			return t.Format("15:04:05")
		}
	}
	if t.Year() == 1899 && t.Month() == 12 && t.Day() == 31 {
		return t.Format("15:04:05") // a time of day alone: Excel's day 0
	}
	return t.Format("2006-01-02 15:04:05")
}

// showsOnly says a number format shows a date alone ("date"), a time
// alone ("time"), or either ("").
func showsOnly(format string) string {
	switch format {
	case "Short Date", "Medium Date", "Long Date":
		return "date"
	case "Short Time", "Medium Time", "Long Time":
		return "time"
	case "", "General Date", "General":
		return ""
	}
	f := strings.ToLower(format)
	hasDate := strings.ContainsAny(f, "dy")
	hasTime := strings.Contains(f, "h") || strings.Contains(f, "s")
	switch {
	case hasDate && !hasTime:
		return "date"
	case hasTime && !hasDate:
		return "time"
	}
	return ""
}
