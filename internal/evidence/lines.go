package evidence

import (
	"bytes"
	"errors"
	"io"

	"github.com/cdrtui/cdrtui/internal/evidence/textline"
)

// maxRecordBytes bounds one logical record (a line plus the lines a quoted
// field carries on to). Longer records are rejected, not buffered forever.
const maxRecordBytes = textline.MaxLine

// maxJoinedLines bounds how many physical lines one quoted field may span.
const maxJoinedLines = 32

// LineReader yields logical records of a delimited file: physical lines
// joined while a quoted field is open, with the line number of the first
// one. It strips a UTF-8 byte-order mark and the CR of CRLF endings.
//
// A join is kept only when it closes its quote within maxJoinedLines and
// maxRecordBytes and, when Accept is set, Accept takes the joined record
// (the header's width); otherwise the first line alone comes back as
// Unbalanced and the lines after it are read again on their own, so that a
// stray double quote costs one line, never the good rows after it.
type LineReader struct {
	tr        *textline.Reader
	delim     byte
	buf       []byte
	pending   []physLine // lines read ahead by a join that was undone
	unbalance bool
	tooLong   *textline.TooLong
	// Accept, when set, says whether a record joined from several lines
	// is a real one.
	Accept func(rec []byte) bool
}

// physLine is one physical line read ahead.
type physLine struct {
	b    []byte
	n    int64
	long *textline.TooLong
}

// NewLineReader reads records split by delim from r.
func NewLineReader(r io.Reader, delim byte) *LineReader {
	return &LineReader{tr: textline.NewReaderSize(r, 256<<10, maxRecordBytes), delim: delim}
}

// ErrRecordTooLong is returned (with the record's first line) when a record
// passes maxRecordBytes; the reader skips to the next line. TooLong gives
// the line's length and its first bytes.
var ErrRecordTooLong = errors.New("record longer than 1 MiB")

// Next returns the next logical record and the physical line it starts on.
// The returned slice is valid until the next call.
func (lr *LineReader) Next() (rec []byte, line int64, err error) {
	lr.buf = lr.buf[:0]
	lr.tooLong, lr.unbalance = nil, false
	first, err := lr.physical()
	if err != nil {
		return nil, 0, err
	}
	if first.long != nil {
		lr.tooLong = first.long
		lr.buf = append(lr.buf, first.long.Sample...)
		return lr.buf, first.n, ErrRecordTooLong
	}
	lr.buf = append(lr.buf, first.b...)
	if quotesBalanced(lr.buf) {
		return lr.buf, first.n, nil
	}
	var read []physLine // the lines joined after the first, kept to undo the join
	for len(read)+1 < maxJoinedLines {
		p, err := lr.physical()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, 0, err
		}
		p.b = append([]byte(nil), p.b...) // kept past the next read
		read = append(read, p)
		if p.long != nil || len(lr.buf)+1+len(p.b) > maxRecordBytes {
			break
		}
		lr.buf = append(append(lr.buf, '\n'), p.b...)
		if quotesBalanced(lr.buf) {
			if lr.Accept == nil || lr.Accept(lr.buf) {
				return lr.buf, first.n, nil
			}
			break
		}
	}
	// undo the join: the first line alone is the bad one
	lr.pending = append(read, lr.pending...)
	lr.unbalance = true
	return lr.buf[:len(first.b)], first.n, nil
}

// Unbalanced reports whether the last record had a quote never closed (or
// closed only by joining lines into a record of the wrong width).
func (lr *LineReader) Unbalanced() bool { return lr.unbalance }

// TooLong describes the last record when Next returned ErrRecordTooLong.
func (lr *LineReader) TooLong() *textline.TooLong { return lr.tooLong }

// SawCRLF reports whether CRLF line endings were seen.
func (lr *LineReader) SawCRLF() bool { return lr.tr.SawCRLF() }

// SawBOM reports whether the input began with a UTF-8 byte-order mark.
func (lr *LineReader) SawBOM() bool { return lr.tr.SawBOM() }

// Line is the number of physical lines read so far.
func (lr *LineReader) Line() int64 { return lr.tr.Line() }

// physical returns the next physical line: one read ahead by an undone
// join first, then the file's next (valid until the next read).
func (lr *LineReader) physical() (physLine, error) {
	if len(lr.pending) > 0 {
		p := lr.pending[0]
		lr.pending = lr.pending[1:]
		return p, nil
	}
	b, n, err := lr.tr.Next()
	var long *textline.TooLong
	if errors.As(err, &long) {
		return physLine{n: n, long: long}, nil
	}
	if err != nil {
		return physLine{}, err
	}
	return physLine{b: b, n: n}, nil
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
