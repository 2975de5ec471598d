package htmltable

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding"
)

// Page is an HTML file's tables, read only.
type Page struct {
	path    string
	enc     encoding.Encoding
	charset string
	names   []string       // the tables that hold text, "table N" (N: its place among the page's <table> tags)
	spans   map[string]int // by table, its cells spanning rows
	hidden  map[string][]int
	rows    map[string]int // by table, its last row's number
}

// ErrNoTable is the refusal of a page with no table holding text.
var ErrNoTable = errors.New("an HTML page with no table holding any text: no call records to read")

// OpenPage reads the page at path once to list its tables. fallback is the
// encoding to read it in when it names none (a WHATWG label, "" for none;
// see pageCharset).
func OpenPage(path, fallback string) (*Page, error) {
	enc, name, err := pageCharset(path, fallback)
	if err != nil {
		return nil, err
	}
	p := &Page{path: path, enc: enc, charset: name, spans: map[string]int{}, hidden: map[string][]int{}, rows: map[string]int{}}
	r, err := decoded(path, enc)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	m := newMachine(r, 0)
	texts, rows := map[int]bool{}, map[int]int{}
	for {
		table, row, cells, ok, err := m.next()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		for _, c := range cells {
			texts[table] = texts[table] || c != ""
		}
		rows[table] = max(rows[table], row)
	}
	for i := 1; i <= m.count; i++ {
		if texts[i] {
			name := "table " + strconv.Itoa(i)
			p.names = append(p.names, name)
			p.spans[name], p.hidden[name], p.rows[name] = m.spans[i], m.hidden[i], rows[i]
		}
	}
	if len(p.names) == 0 {
		return nil, ErrNoTable
	}
	return p, nil
}

// Sheets names the page's tables that hold text, in page order.
func (p *Page) Sheets() []string { return p.names }

// Rows is how many rows a table has (its last row's number).
func (p *Page) Rows(name string) int { return p.rows[name] }

// Charset names the character set the page was read in and why.
func (p *Page) Charset() string { return p.charset }

// Hidden is false: a page's tables are all shown.
func (p *Page) Hidden(string) bool { return false }

// Scan gives the cells of a table spanning rows (each read in every row it
// spans) and its rows hidden by their style (display:none, as Excel saves
// a sheet's hidden rows): read as evidence like the others, and the
// analyst who opens the page does not see them.
func (p *Page) Scan(name string) (merged int, hidden []int) { return p.spans[name], p.hidden[name] }

// Close releases nothing: each table is read from the file when asked for.
func (p *Page) Close() error { return nil }

// Sheet returns the text of a table (see the package's doc).
func (p *Page) Sheet(name string) (io.ReadCloser, error) {
	n, err := strconv.Atoi(strings.TrimPrefix(name, "table "))
	if err != nil || n < 1 {
		return nil, fmt.Errorf("no %s in the page", name)
	}
	r, err := decoded(p.path, p.enc)
	if err != nil {
		return nil, err
	}
	return newTextReader(&tableRows{m: newMachine(r, n), c: r}), nil
}

// tableRows are one table's rows.
type tableRows struct {
	m *machine
	c io.Closer
}

func (t *tableRows) next() (int, []string, bool, error) {
	_, row, cells, ok, err := t.m.next()
	return row, cells, ok, err
}

func (t *tableRows) Close() error { return t.c.Close() }

// Limits of a cell's span, as HTML sets them.
const (
	maxColspan = 1000
	maxRowspan = 65534
)

// The most columns and rows a sheet of Excel holds: a table past them is
// refused, never read as millions of empty cells from a few bytes.
const (
	maxColumns = 16384
	maxRows    = 1 << 20
)

// errTooWide is the refusal of a row past maxColumns.
var errTooWide = fmt.Errorf("a row wider than %d columns, more than a spreadsheet holds: not read", maxColumns)

// machine follows a page's tables through x/net/html's tokenizer: rows
// from <tr> (a cell outside one starts one, as browsers do), cells from
// <td> and <th> (an open cell or row is closed by the next, as HTML
// allows), a nested table being a table of its own whose text is not its
// enclosing cell's.
type machine struct {
	z      *html.Tokenizer
	target int // the table whose rows are given; 0: every table's
	stack  []*table
	count  int           // tables opened so far
	spans  map[int]int   // by table, the cells spanning rows
	hidden map[int][]int // by table, its rows hidden (style display:none)
	skip   int           // inside <script> or <style>
	queue  []done
	eof    bool
	err    error // a table too wide
}

type done struct {
	table, row int
	cells      []string
}

func newMachine(r io.Reader, target int) *machine {
	return &machine{z: html.NewTokenizer(r), target: target, spans: map[int]int{}, hidden: map[int][]int{}}
}

// table is one open table's state.
type table struct {
	index, row      int
	inRow, inCell   bool
	hiddenRow       bool // the open row's style hides it
	cells           []string
	text            strings.Builder
	colspan, rowspn int
	xnum            string // the cell's x:num: the number Excel holds, as a page it saved writes it
	pending         []span // by column: a cell above spanning down
}

type span struct {
	left int
	val  string
}

// next gives the next finished row of the target table (of any, target
// 0): its table, its row and its cells.
func (m *machine) next() (int, int, []string, bool, error) {
	for len(m.queue) == 0 {
		if m.err != nil {
			return 0, 0, nil, false, m.err
		}
		if m.eof {
			return 0, 0, nil, false, nil
		}
		if err := m.step(); err != nil {
			return 0, 0, nil, false, err
		}
	}
	d := m.queue[0]
	m.queue = m.queue[1:]
	return d.table, d.row, d.cells, true, nil
}

// step reads one token.
func (m *machine) step() error {
	tt := m.z.Next()
	var top *table
	if len(m.stack) > 0 {
		top = m.stack[len(m.stack)-1]
	}
	switch tt {
	case html.ErrorToken:
		if err := m.z.Err(); err != io.EOF {
			return err
		}
		for len(m.stack) > 0 {
			m.closeTable()
		}
		m.eof = true
	case html.TextToken:
		if top != nil && top.inCell && m.skip == 0 {
			top.text.Write(m.z.Text()) // entities decoded
		}
	case html.StartTagToken, html.SelfClosingTagToken:
		name, hasAttr := m.z.TagName()
		switch tag := string(name); tag {
		case "table":
			m.count++
			m.stack = append(m.stack, &table{index: m.count})
		case "tr":
			if top != nil {
				m.endRow(top)
				top.row++
				top.inRow, top.cells, top.hiddenRow = true, top.cells[:0], false
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = m.z.TagAttr()
					top.hiddenRow = top.hiddenRow || string(k) == "style" && hiddenStyle(string(v))
				}
			}
		case "td", "th":
			if top == nil {
				break
			}
			if !top.inRow {
				top.row++
				top.inRow, top.cells, top.hiddenRow = true, top.cells[:0], false
			}
			m.endCell(top)
			top.inCell, top.colspan, top.rowspn, top.xnum = true, 1, 1, ""
			top.text.Reset()
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = m.z.TagAttr()
				switch string(k) {
				case "colspan":
					top.colspan = spanOf(string(v), maxColspan)
				case "rowspan":
					top.rowspn = spanOf(string(v), maxRowspan)
				case "x:num":
					top.xnum = string(v)
				}
			}
		case "script", "style":
			if tt == html.StartTagToken {
				m.skip++
			}
		default:
			if top != nil && top.inCell && breaks(tag) {
				top.text.WriteByte(' ')
			}
		}
	case html.EndTagToken:
		name, _ := m.z.TagName()
		switch tag := string(name); tag {
		case "table":
			if top != nil {
				m.closeTable()
			}
		case "tr":
			if top != nil {
				m.endRow(top)
			}
		case "td", "th":
			if top != nil {
				m.endCell(top)
			}
		case "script", "style":
			m.skip = max(0, m.skip-1)
		default:
			if top != nil && top.inCell && breaks(tag) {
				top.text.WriteByte(' ')
			}
		}
	}
	return nil
}

// breaks says a tag breaks a cell's text into lines (read as a space).
func breaks(tag string) bool {
	switch tag {
	case "br", "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "hr":
		return true
	}
	return false
}

// spanOf reads a colspan or rowspan: 1 unless a number from 1 to limit.
func spanOf(v string, limit int) int {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 1 {
		return 1
	}
	return min(n, limit)
}

// closeTable ends the innermost open table.
func (m *machine) closeTable() {
	t := m.stack[len(m.stack)-1]
	m.endRow(t)
	m.stack = m.stack[:len(m.stack)-1]
}

// endCell places an open cell's value in its row: past the columns held
// by cells above spanning down, then its value and an empty cell for
// each further column it spans.
func (m *machine) endCell(t *table) {
	if !t.inCell {
		return
	}
	t.inCell = false
	m.fillSpans(t, false)
	col := len(t.cells)
	if col+t.colspan > maxColumns {
		m.err = errTooWide
		return
	}
	t.cells = append(t.cells, shownOrHeld(clean(t.text.String()), t.xnum))
	for range t.colspan - 1 {
		t.cells = append(t.cells, "")
	}
	if t.rowspn > 1 {
		m.spans[t.index]++
		for len(t.pending) < len(t.cells) {
			t.pending = append(t.pending, span{})
		}
		for c := col; c < len(t.cells); c++ {
			t.pending[c] = span{left: t.rowspn - 1, val: t.cells[c]}
		}
	}
}

// fillSpans places the values of the cells above spanning down into the
// row's next columns: those next in line (all of them, at the row's end).
func (m *machine) fillSpans(t *table, all bool) {
	for c := len(t.cells); c < len(t.pending); c++ {
		p := &t.pending[c]
		if p.left == 0 {
			if !all {
				return
			}
			if !m.spansAfter(t, c) {
				return
			}
			t.cells = append(t.cells, "")
			continue
		}
		t.cells = append(t.cells, p.val)
		p.left--
	}
}

// spansAfter says a cell above spans down into a column from c on.
func (m *machine) spansAfter(t *table, c int) bool {
	for ; c < len(t.pending); c++ {
		if t.pending[c].left > 0 {
			return true
		}
	}
	return false
}

// endRow finishes an open row, queueing it when it is of the target.
func (m *machine) endRow(t *table) {
	if !t.inRow {
		return
	}
	m.endCell(t)
	m.fillSpans(t, true)
	t.inRow = false
	if t.hiddenRow && slices.ContainsFunc(t.cells, func(c string) bool { return c != "" }) {
		// a hidden row holding text (Excel's hidden spacer row of empty
		// cells, which it writes at a table's end, is none)
		m.hidden[t.index] = append(m.hidden[t.index], t.row)
	}
	if m.target == 0 || m.target == t.index {
		m.queue = append(m.queue, done{table: t.index, row: t.row, cells: append([]string(nil), t.cells...)})
	}
}

// shownOrHeld is a cell of a page Excel saved: its text as shown, except
// that a whole number shown in scientific notation (a 12-digit MSISDN
// under the General format: 9.19812E+11) is the number Excel holds (its
// x:num attribute, 919812345678), as a workbook's cell is read as stored.
// A number held beyond 15 significant digits was never exact and stays as
// shown (the value readers refuse it as precision lost).
func shownOrHeld(shown, held string) string {
	if held == "" || !scientific(shown) {
		return shown
	}
	digits := strings.TrimPrefix(held, "-")
	if digits == "" || len(strings.TrimLeft(digits, "0")) > 15 || strings.Trim(digits, "0123456789") != "" {
		return shown
	}
	return held
}

// scientific says s is a number in scientific notation (9.19812E+11).
func scientific(s string) bool {
	mant, exp, ok := strings.Cut(strings.ToUpper(s), "E")
	if !ok || mant == "" || exp == "" {
		return false
	}
	mant = strings.TrimPrefix(mant, "-")
	exp = strings.TrimLeft(exp, "+-")
	whole, frac, _ := strings.Cut(mant, ".")
	return whole != "" && exp != "" && strings.Trim(whole+frac+exp, "0123456789") == ""
}

// hiddenStyle says a style attribute hides its element (display:none).
func hiddenStyle(style string) bool {
	for _, decl := range strings.Split(style, ";") {
		prop, val, ok := strings.Cut(decl, ":")
		if ok && strings.EqualFold(strings.TrimSpace(prop), "display") && strings.EqualFold(strings.TrimSpace(val), "none") {
			return true
		}
	}
	return false
}
