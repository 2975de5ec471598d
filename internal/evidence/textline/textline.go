// Package textline reads physical lines of evidence with a bound: a line is
// never held beyond MaxLine bytes, whatever the file holds (a 2 GB line of a
// seized log, a decompressed gzip bomb). A longer line is reported with its
// number, its length and its first SampleBytes bytes, and reading goes on
// at the next line, so memory stays bounded while every line is counted.
package textline

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
)

// MaxLine is the longest line read whole: 1 MiB, as for operator tables.
const MaxLine = 1 << 20

// SampleBytes is how much of a rejected line is kept as its raw sample.
const SampleBytes = 512

// TooLong is a line longer than MaxLine: where, how long, and how it began.
type TooLong struct {
	Line   int64  // physical line, 1-based
	Length int64  // bytes, without the line ending
	Sample string // the first SampleBytes bytes
}

func (e *TooLong) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Reason()) }

// Reason says why the line was not read, for a reject.
func (e *TooLong) Reason() string {
	return fmt.Sprintf("line of %d bytes, longer than the 1 MiB a line may hold: not read", e.Length)
}

// Reader yields physical lines without "\n" or "\r\n", numbered from 1. A
// UTF-8 byte-order mark at the very start is dropped.
type Reader struct {
	br      *bufio.Reader
	line    int64
	buf     []byte
	max     int
	sawCRLF bool
	sawBOM  bool
}

// NewReader reads r with the MaxLine bound.
func NewReader(r io.Reader) *Reader { return NewReaderSize(r, 64<<10, MaxLine) }

// NewReaderSize reads r through a buffer of bufSize bytes, holding lines of
// up to max bytes.
func NewReaderSize(r io.Reader, bufSize, max int) *Reader {
	return &Reader{br: bufio.NewReaderSize(r, bufSize), max: max}
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Next returns the next line and its number; the slice is valid until the
// following call. A line longer than the bound returns a *TooLong error
// (and the line's number); the next call reads the line after it. At the
// end of input it returns io.EOF (a last line without a newline first).
func (r *Reader) Next() ([]byte, int64, error) {
	r.buf = r.buf[:0]
	var length int64 // bytes of the line, its ending included
	long := false
	var prev, last byte // the last two bytes read
	for {
		chunk, err := r.br.ReadSlice('\n')
		length += int64(len(chunk))
		if n := len(chunk); n > 1 {
			prev, last = chunk[n-2], chunk[n-1]
		} else if n == 1 {
			prev, last = last, chunk[0]
		}
		if !long && len(r.buf)+len(chunk) > r.max+5 { // room for a BOM and "\r\n"
			long = true
			if room := SampleBytes + 3 - len(r.buf); room > 0 {
				r.buf = append(r.buf, chunk[:min(len(chunk), room)]...)
			}
		} else if !long {
			r.buf = append(r.buf, chunk...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && err != io.EOF {
			return nil, 0, err
		}
		if err == io.EOF && length == 0 {
			return nil, 0, io.EOF
		}
		break
	}
	r.line++
	ending := int64(0)
	switch {
	case last == '\n':
		ending = 1
		if prev == '\r' && length > 1 {
			ending = 2
			r.sawCRLF = true
		}
	case last == '\r' && length > 0:
		ending = 1 // a CRLF file cut after its last CR
	}
	b := r.buf
	if int64(len(b)) == length { // the whole line is held: drop its ending
		b = b[:len(b)-int(ending)]
	}
	if r.line == 1 && bytes.HasPrefix(b, utf8BOM) {
		b = b[3:]
		length -= 3
		r.sawBOM = true
	}
	length -= ending
	if length == 0 && ending == 0 {
		r.line--
		return nil, 0, io.EOF // a byte-order mark and nothing else
	}
	if long || len(b) > r.max {
		// The sample is of the line itself: a held "\r" of a long line's
		// "\r\n" (its "\n" read in a later chunk) is not part of it.
		sample := b[:min(len(b), SampleBytes, int(length))]
		return nil, r.line, &TooLong{Line: r.line, Length: length, Sample: string(sample)}
	}
	return b, r.line, nil
}

// Line is the number of lines read so far.
func (r *Reader) Line() int64 { return r.line }

// SawCRLF reports whether a CRLF line ending was seen.
func (r *Reader) SawCRLF() bool { return r.sawCRLF }

// SawBOM reports whether the input began with a UTF-8 byte-order mark.
func (r *Reader) SawBOM() bool { return r.sawBOM }
