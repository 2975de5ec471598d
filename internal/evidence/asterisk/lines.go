package asterisk

import (
	"errors"
	"io"

	"github.com/cdrtui/cdrtui/internal/evidence/textline"
)

// lineReader yields physical lines without their "\n" or "\r\n" ending,
// numbered from 1. A UTF-8 byte-order mark at the very start of the input is
// dropped. A line is held up to textline.MaxLine bytes: a longer one comes
// back as a *textline.TooLong error and reading goes on after it.
type lineReader struct {
	tr *textline.Reader
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{tr: textline.NewReader(r)}
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// next returns the next line and its number. The slice is valid until the
// following call. At the end of input it returns io.EOF (a last line
// without a newline is returned first).
func (lr *lineReader) next() ([]byte, int64, error) { return lr.tr.Next() }

// nextFilled is next, passing over blank lines (spaces and tabs only), as
// a string.
func (lr *lineReader) nextFilled() (string, int64, error) {
	for {
		b, n, err := lr.next()
		if err != nil {
			return "", n, err
		}
		if !isBlank(b) {
			return string(b), n, nil
		}
	}
}

// tooLong reports whether err is a line over the bound.
func tooLong(err error) (*textline.TooLong, bool) {
	var tl *textline.TooLong
	ok := errors.As(err, &tl)
	return tl, ok
}

// trimEOL removes one trailing "\n" and then one trailing "\r".
func trimEOL(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
	}
	if n := len(b); n > 0 && b[n-1] == '\r' {
		b = b[:n-1]
	}
	return b
}

// isBlank reports whether b holds only spaces and tabs.
func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}
