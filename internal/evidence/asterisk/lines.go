package asterisk

import (
	"bufio"
	"bytes"
	"io"
)

// lineReader yields physical lines without their "\n" or "\r\n" ending,
// numbered from 1. A UTF-8 byte-order mark at the very start of the input is
// dropped. Lines of any length are returned whole.
type lineReader struct {
	br   *bufio.Reader
	line int64
	buf  []byte
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{br: bufio.NewReaderSize(r, 64<<10)}
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// next returns the next line and its number. The slice is valid until the
// following call. At the end of input it returns io.EOF (a last line
// without a newline is returned first).
func (lr *lineReader) next() ([]byte, int64, error) {
	lr.buf = lr.buf[:0]
	for {
		chunk, err := lr.br.ReadSlice('\n')
		lr.buf = append(lr.buf, chunk...)
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && err != io.EOF {
			return nil, 0, err
		}
		if err == io.EOF && len(lr.buf) == 0 {
			return nil, 0, io.EOF
		}
		break
	}
	lr.line++
	b := lr.buf
	if lr.line == 1 {
		b = bytes.TrimPrefix(b, utf8BOM)
	}
	b = trimEOL(b)
	return b, lr.line, nil
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
