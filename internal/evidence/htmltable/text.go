package htmltable

import (
	"bytes"
	"encoding/csv"
	"io"
	"strings"
)

// rows gives a table's rows in order: its number (1-based, ascending, a
// gap being rows the table leaves out) and its cells, the slice held
// until the next call; ok false at the end.
type rows interface {
	next() (row int, cells []string, ok bool, err error)
	Close() error
}

// textReader renders rows as comma-separated lines, line n being row n:
// an empty row (or one the table leaves out) is an empty line, and a row
// is padded with empty cells to the widest row before it, as a CSV export
// writes the cells a table omits.
type textReader struct {
	src   rows
	buf   bytes.Buffer
	w     *csv.Writer
	line  int // lines written
	width int
	done  bool
}

func newTextReader(src rows) *textReader {
	t := &textReader{src: src}
	t.w = csv.NewWriter(&t.buf)
	return t
}

func (t *textReader) Read(p []byte) (int, error) {
	for t.buf.Len() == 0 {
		if t.done {
			return 0, io.EOF
		}
		row, cells, ok, err := t.src.next()
		if err != nil {
			return 0, err
		}
		if !ok {
			t.done = true
			continue
		}
		for t.line+1 < row {
			t.buf.WriteByte('\n')
			t.line++
		}
		t.line++
		empty := true
		for _, c := range cells {
			empty = empty && c == ""
		}
		if empty {
			t.buf.WriteByte('\n')
			continue
		}
		t.width = max(t.width, len(cells))
		for len(cells) < t.width {
			cells = append(cells, "")
		}
		if err := t.w.Write(cells); err != nil {
			return 0, err
		}
		t.w.Flush()
		if err := t.w.Error(); err != nil {
			return 0, err
		}
	}
	return t.buf.Read(p)
}

func (t *textReader) Close() error { return t.src.Close() }

// clean is a cell's text as a spreadsheet shows it: non-breaking spaces
// and line breaks as spaces, runs of white space one space, trimmed.
func clean(s string) string {
	if s == "" {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\v', '\u00a0':
			return true
		}
		return false
	}), " ")
}
