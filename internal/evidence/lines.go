package evidence

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// maxRecordBytes bounds one logical record (a line plus the lines a quoted
// field carries on to). Longer records are rejected, not buffered forever.
const maxRecordBytes = 1 << 20

// maxJoinedLines bounds how many physical lines one quoted field may span.
const maxJoinedLines = 32

// LineReader yields logical records of a delimited file: physical lines
// joined while a quoted field is open, with the line number of the first
// one. It strips a UTF-8 byte-order mark and the CR of CRLF endings.
type LineReader struct {
	br        *bufio.Reader
	delim     byte
	line      int64 // physical lines consumed
	buf       []byte
	started   bool
	sawCRLF   bool
	sawBOM    bool
	tooLong   bool
	unbalance bool
}

// NewLineReader reads records split by delim from r.
func NewLineReader(r io.Reader, delim byte) *LineReader {
	return &LineReader{br: bufio.NewReaderSize(r, 256<<10), delim: delim}
}

// ErrRecordTooLong is returned (with the record's first line) when a record
// passes maxRecordBytes; the reader skips to the next line.
var ErrRecordTooLong = errors.New("record longer than 1 MiB")

// Next returns the next logical record and the physical line it starts on.
// The returned slice is valid until the next call. An unterminated quote is
// closed at maxJoinedLines and reported by Unbalanced.
func (lr *LineReader) Next() (rec []byte, line int64, err error) {
	lr.buf = lr.buf[:0]
	lr.tooLong, lr.unbalance = false, false
	first := int64(0)
	joined := 0
	for {
		phys, err := lr.physical()
		if err != nil {
			if err == io.EOF && first != 0 {
				lr.unbalance = true
				return lr.buf, first, nil
			}
			return nil, 0, err
		}
		if first == 0 {
			first = lr.line
		} else {
			lr.buf = append(lr.buf, '\n')
		}
		if len(lr.buf)+len(phys) > maxRecordBytes {
			lr.tooLong = true
		} else {
			lr.buf = append(lr.buf, phys...)
		}
		joined++
		if lr.tooLong {
			return lr.buf, first, ErrRecordTooLong
		}
		if quotesBalanced(lr.buf) {
			return lr.buf, first, nil
		}
		if joined >= maxJoinedLines {
			lr.unbalance = true
			return lr.buf, first, nil
		}
	}
}

// Unbalanced reports whether the last record had a quote never closed.
func (lr *LineReader) Unbalanced() bool { return lr.unbalance }

// SawCRLF reports whether CRLF line endings were seen.
func (lr *LineReader) SawCRLF() bool { return lr.sawCRLF }

// SawBOM reports whether the input began with a UTF-8 byte-order mark.
func (lr *LineReader) SawBOM() bool { return lr.sawBOM }

// Line is the number of physical lines read so far.
func (lr *LineReader) Line() int64 { return lr.line }

// physical reads one physical line without its terminator.
func (lr *LineReader) physical() ([]byte, error) {
	b, err := lr.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		long := append([]byte(nil), b...)
		for err == bufio.ErrBufferFull {
			b, err = lr.br.ReadSlice('\n')
			if len(long) <= maxRecordBytes {
				long = append(long, b...)
			}
		}
		b = long
	}
	if err != nil && err != io.EOF {
		return nil, err
	}
	if len(b) == 0 && err == io.EOF {
		return nil, io.EOF
	}
	lr.line++
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
		if n := len(b); n > 0 && b[n-1] == '\r' {
			b = b[:n-1]
			lr.sawCRLF = true
		}
	}
	if !lr.started {
		lr.started = true
		if bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
			b = b[3:]
			lr.sawBOM = true
		}
	}
	return b, nil
}

// quotesBalanced reports whether every double quote opened in rec is closed.
func quotesBalanced(rec []byte) bool {
	return bytes.Count(rec, []byte{'"'})%2 == 0
}

// SplitFields splits one record into fields, honouring double quotes with
// doubled inner quotes, and appends them to dst. Quoted fields are unquoted;
// a quote inside an unquoted field is kept as written. Fields alias rec
// unless they needed unquoting.
func SplitFields(dst [][]byte, rec []byte, delim byte) [][]byte {
	dst = dst[:0]
	i := 0
	for {
		if i < len(rec) && rec[i] == '"' {
			field, next := quotedField(rec, i, delim)
			dst = append(dst, field)
			if next >= len(rec) {
				return dst
			}
			i = next + 1
			continue
		}
		j := bytes.IndexByte(rec[i:], delim)
		if j < 0 {
			return append(dst, rec[i:])
		}
		dst = append(dst, rec[i:i+j])
		i += j + 1
	}
}

// quotedField reads a quoted field starting at rec[start] == '"'. It returns
// the unquoted value and the index of the delimiter that ends it (or
// len(rec)). Text after the closing quote and before the delimiter is kept.
func quotedField(rec []byte, start int, delim byte) ([]byte, int) {
	var out []byte
	i := start + 1
	seg := i
	for i < len(rec) {
		if rec[i] != '"' {
			i++
			continue
		}
		if i+1 < len(rec) && rec[i+1] == '"' {
			if out == nil {
				out = make([]byte, 0, len(rec)-start)
			}
			out = append(out, rec[seg:i+1]...)
			i += 2
			seg = i
			continue
		}
		// closing quote
		val := rec[seg:i]
		if out != nil {
			val = append(out, val...)
		}
		i++
		j := bytes.IndexByte(rec[i:], delim)
		if j < 0 {
			if i < len(rec) {
				val = append(append([]byte(nil), val...), rec[i:]...)
			}
			return val, len(rec)
		}
		if j > 0 {
			val = append(append([]byte(nil), val...), rec[i:i+j]...)
		}
		return val, i + j
	}
	// unterminated: take the rest
	val := rec[seg:]
	if out != nil {
		val = append(out, val...)
	}
	return val, len(rec)
}
