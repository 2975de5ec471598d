package store

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/cdrtui/cdrtui/internal/evidence"
	"github.com/cdrtui/cdrtui/internal/evidence/htmltable"
)

// Some operator portals save a page whose header row is a table of its
// own and whose records follow in the next table, with no header row: the
// data table alone names no column and was refused ("unknown layout").
// The two are read as one source, "tables 1 and 2", the header table's
// lines then the data table's, when (and only when) nothing else is
// between them on the page, the first holds a header and no record, the
// second names no column of its own, every row of the second is exactly as
// wide as the header, and its first rows read under that header without a
// value refused or dropped. Otherwise the data table stays refused, and
// the refusal says why it was not joined.

// joinSample is how many of the data table's first rows must read under
// the header table's header for the two to be joined.
const joinSample = 20

// maxHeaderTable bounds the text of a table taken for a header table, and
// maxHeaderRows its rows (banner rows and the header): a longer table is
// not read again to find out.
const (
	maxHeaderTable = 64 << 10
	maxHeaderRows  = 10
)

// joinedPage is a page's tables with each header table and the data table
// after it read as one.
type joinedPage struct {
	*htmltable.Page
	names     []string
	joined    map[string]joinedPair // by the joined name
	notJoined map[string]string     // by data table: why it was not joined
}

type joinedPair struct {
	header, data string // the tables' names
	text         string // the header table's text
	lines        int    // its lines
}

// joinHeaderTables opens the page's tables, a header table and the data
// table after it joined where they fit.
func joinHeaderTables(path string, pg *htmltable.Page, opts ImportOptions) *joinedPage {
	opts.Encoding = "" // the tables' text is UTF-8 as htmltable gives it
	j := &joinedPage{Page: pg, joined: map[string]joinedPair{}, notJoined: map[string]string{}}
	names := pg.Sheets()
	for i := 0; i < len(names); i++ {
		if i+1 < len(names) {
			if pair, ok := j.tryJoin(path, names[i], names[i+1], opts); ok {
				name := fmt.Sprintf("tables %s and %s", strings.TrimPrefix(names[i], "table "), strings.TrimPrefix(names[i+1], "table "))
				j.joined[name] = pair
				j.names = append(j.names, name)
				i++
				continue
			}
		}
		j.names = append(j.names, names[i])
	}
	return j
}

// tableNumber is a table's place on the page ("table 3": 3).
func tableNumber(name string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(name, "table "))
	return n
}

// tryJoin says whether table data is read under header table header's
// header row, noting why not when header is a header table and data has
// none of its own.
func (j *joinedPage) tryJoin(path, header, data string, opts ImportOptions) (joinedPair, bool) {
	if tableNumber(data) != tableNumber(header)+1 || j.Page.Rows(header) > maxHeaderRows {
		return joinedPair{}, false // another table between them, or a table of records
	}
	// each detection reads its own text again when it must (the date
	// order over all the rows), never the page's
	opts.reopen = func() (io.ReadCloser, error) { return j.Page.Sheet(header) }
	r, err := j.Page.Sheet(header)
	if err != nil {
		return joinedPair{}, false
	}
	head, err := io.ReadAll(io.LimitReader(r, maxHeaderTable+1))
	r.Close()
	if err != nil || len(head) > maxHeaderTable {
		return joinedPair{}, false
	}
	det, err := detectTable(path, head, true, opts, false)
	if err != nil || det.layout == nil {
		return joinedPair{}, false
	}
	lines := strings.Split(strings.TrimSuffix(string(head), "\n"), "\n")
	h := int(det.layout.HeaderLine)
	if h < 1 || h > len(lines) || strings.TrimSpace(strings.Join(lines[h:], "")) != "" {
		return joinedPair{}, false // a table with records of its own
	}
	open := func() (io.ReadCloser, error) { return j.Page.Sheet(data) }
	body, complete, err := readHead(open)
	if err != nil {
		return joinedPair{}, false
	}
	opts.reopen = open
	if _, err := detectTable(path, body, complete, opts, false); err == nil {
		return joinedPair{}, false // a table with a header of its own
	}
	if !complete {
		body = body[:bytes.LastIndexByte(body, '\n')+1] // its whole lines
	}
	why := func(format string, a ...any) (joinedPair, bool) {
		j.notJoined[data] = fmt.Sprintf("not read under the header of %s before it (a table holding only a header row): ", header) + fmt.Sprintf(format, a...)
		return joinedPair{}, false
	}
	names, err := csv.NewReader(strings.NewReader(lines[h-1])).Read()
	if err != nil {
		return joinedPair{}, false
	}
	row, w, err := otherWidth(body, len(names))
	if err != nil {
		return why("its rows cannot be read as cells (%v)", err)
	}
	if row > 0 {
		return why("that header has %d columns and this table's row %d has %d, so which value is under which column is not known", len(names), row, w)
	}
	text := strings.Join(lines, "\n") + "\n"
	joined := append([]byte(text), body...)
	opts.reopen = func() (io.ReadCloser, error) { return joinReader(text, open) }
	det, err = detectTable(path, joined, complete, opts, false)
	if err != nil || det.layout == nil {
		return why("the two do not read as one table (%v)", err)
	}
	rd := evidence.NewReader(bytes.NewReader(joined), det.layout)
	read := 0
	for read < joinSample {
		row, err := rd.Next()
		if err == io.EOF {
			break
		}
		var rowErr *evidence.RowError
		if errors.As(err, &rowErr) {
			return why("its row %d does not fit that header (%s)", int(rowErr.Line)-len(lines), rowErr.Reason)
		}
		if err != nil {
			return why("%v", err)
		}
		if len(row.Issues) > 0 {
			is := row.Issues[0]
			return why("its row %d does not fit that header (%s %q: %s)", int(row.Line)-len(lines), is.Field, is.Value, is.Reason)
		}
		read++
	}
	if read == 0 {
		return why("no row of it reads as a record under that header")
	}
	return joinedPair{header: header, data: data, text: text, lines: len(lines)}, true
}

// otherWidth is the first non-empty row (its line, 1-based) of a text
// whose width is not want, and that width; row 0 when every row is want
// wide.
func otherWidth(text []byte, want int) (row, width int, err error) {
	r := csv.NewReader(bytes.NewReader(text))
	r.FieldsPerRecord = -1
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return 0, 0, nil
		}
		if err != nil {
			return 0, 0, err
		}
		if line, _ := r.FieldPos(0); len(rec) != want && strings.Join(rec, "") != "" {
			return line, len(rec), nil
		}
	}
}

// Sheets names the page's tables, a joined pair by one name.
func (j *joinedPage) Sheets() []string { return j.names }

// Sheet is a table's text; a joined pair's is the header table's lines
// then the data table's.
func (j *joinedPage) Sheet(name string) (io.ReadCloser, error) {
	pair, ok := j.joined[name]
	if !ok {
		return j.Page.Sheet(name)
	}
	return joinReader(pair.text, func() (io.ReadCloser, error) { return j.Page.Sheet(pair.data) })
}

// joinReader is the header table's text, then the data table's.
func joinReader(header string, data func() (io.ReadCloser, error)) (io.ReadCloser, error) {
	r, err := data()
	if err != nil {
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{io.MultiReader(strings.NewReader(header), r), r}, nil
}

// Scan is a table's cells spanning rows and rows hidden; a joined pair's
// of both, the data table's rows as lines after the header table's.
func (j *joinedPage) Scan(name string) (int, []int) {
	pair, ok := j.joined[name]
	if !ok {
		return j.Page.Scan(name)
	}
	m1, h1 := j.Page.Scan(pair.header)
	m2, h2 := j.Page.Scan(pair.data)
	hidden := append([]int(nil), h1...)
	for _, r := range h2 {
		hidden = append(hidden, r+pair.lines)
	}
	return m1 + m2, hidden
}

// joinNote says how a joined pair is read, "" for a table read alone.
func (j *joinedPage) joinNote(name string) string {
	pair, ok := j.joined[name]
	if !ok {
		return ""
	}
	return fmt.Sprintf(", the records of %s under the header row of %s before it (a table of its own holding only the header, as wide as every row of %s): line n+%d is row n of %s",
		pair.data, pair.header, pair.data, pair.lines, pair.data)
}

// bookJoinNote is a book's joinNote, "" for a book that joins nothing.
func bookJoinNote(b book, name string) string {
	if j, ok := b.(*joinedPage); ok {
		return j.joinNote(name)
	}
	return ""
}

// bookLineNote is the line-numbering clause of a table's format: ", line
// = row" for a sheet or a table read alone, nothing for joined tables,
// whose join note says how their lines are numbered.
func bookLineNote(b book, name string) string {
	if bookJoinNote(b, name) != "" {
		return ""
	}
	return ", line = row"
}

// bookNotJoined says why a table with no header was not joined to the
// header table before it, "" when it was not such a table.
func bookNotJoined(b book, name string) string {
	if j, ok := b.(*joinedPage); ok && j.notJoined[name] != "" {
		return "; " + j.notJoined[name]
	}
	return ""
}
