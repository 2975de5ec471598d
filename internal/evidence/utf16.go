package evidence

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// Encoding is how a text file's characters are stored.
type Encoding int

// The encodings detection tells apart. UTF-8 covers ASCII; UTF-16 is what
// spreadsheets write as "Unicode text".
const (
	UTF8 Encoding = iota
	UTF16LE
	UTF16BE
)

func (e Encoding) String() string {
	switch e {
	case UTF16LE:
		return "UTF-16LE"
	case UTF16BE:
		return "UTF-16BE"
	case CP1252:
		return "Windows-1252"
	case CP1250:
		return "Windows-1250"
	case CP1251:
		return "Windows-1251"
	case Latin1:
		return "ISO-8859-1"
	}
	return "UTF-8"
}

// DetectUTF16 tells UTF-16 text from its first bytes: by its byte-order
// mark, or without one by the zero bytes of ASCII text in one half of
// every pair and not in the other.
func DetectUTF16(head []byte) Encoding {
	switch {
	case len(head) >= 2 && head[0] == 0xff && head[1] == 0xfe:
		return UTF16LE
	case len(head) >= 2 && head[0] == 0xfe && head[1] == 0xff:
		return UTF16BE
	}
	n := min(len(head), 4096) &^ 1
	if n < 16 {
		return UTF8
	}
	var evenZero, oddZero int
	for i := 0; i < n; i += 2 {
		if head[i] == 0 {
			evenZero++
		}
		if head[i+1] == 0 {
			oddZero++
		}
	}
	pairs := n / 2
	switch {
	case oddZero*10 >= pairs*7 && evenZero*20 <= pairs:
		return UTF16LE
	case evenZero*10 >= pairs*7 && oddZero*20 <= pairs:
		return UTF16BE
	}
	return UTF8
}

// DecodeUTF16 returns the UTF-8 of UTF-16 bytes (a head read for
// detection: an odd byte cut at its end is dropped).
func DecodeUTF16(b []byte, e Encoding) []byte {
	out, _ := io.ReadAll(NewUTF16Reader(bytes.NewReader(b[:len(b)&^1]), e))
	return out
}

// NewUTF16Reader reads UTF-16 text in byte order e as UTF-8. Unpaired
// surrogates and a final odd byte come out as U+FFFD, so nothing is lost
// silently.
func NewUTF16Reader(r io.Reader, e Encoding) io.Reader {
	return &utf16Reader{in: bufio.NewReaderSize(r, 64<<10), big: e == UTF16BE}
}

type utf16Reader struct {
	in      *bufio.Reader
	big     bool
	pending []byte // UTF-8 not yet handed out
	err     error
}

func (u *utf16Reader) unit() (uint16, error) {
	a, err := u.in.ReadByte()
	if err != nil {
		return 0, err
	}
	b, err := u.in.ReadByte()
	if err != nil {
		return 0, io.ErrUnexpectedEOF
	}
	if u.big {
		return uint16(a)<<8 | uint16(b), nil
	}
	return uint16(b)<<8 | uint16(a), nil
}

func (u *utf16Reader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(u.pending) > 0 {
			c := copy(p[n:], u.pending)
			n += c
			u.pending = u.pending[c:]
			continue
		}
		if u.err != nil {
			break
		}
		r, err := u.next()
		if err != nil {
			u.err = err
			continue
		}
		var buf [utf8.UTFMax]byte
		w := utf8.EncodeRune(buf[:], r)
		if n+w <= len(p) {
			n += copy(p[n:], buf[:w])
		} else {
			u.pending = append(u.pending[:0], buf[:w]...)
		}
	}
	if n > 0 {
		return n, nil
	}
	return 0, u.err
}

// next decodes one character.
func (u *utf16Reader) next() (rune, error) {
	c, err := u.unit()
	if err == io.ErrUnexpectedEOF {
		return utf8.RuneError, nil // a final odd byte
	}
	if err != nil {
		return 0, err
	}
	if !utf16.IsSurrogate(rune(c)) {
		return rune(c), nil
	}
	if c >= 0xdc00 { // a low surrogate first
		return utf8.RuneError, nil
	}
	if peek, err := u.in.Peek(2); err == nil {
		var d uint16
		if u.big {
			d = uint16(peek[0])<<8 | uint16(peek[1])
		} else {
			d = uint16(peek[1])<<8 | uint16(peek[0])
		}
		if d >= 0xdc00 && d <= 0xdfff {
			u.in.Discard(2)
			return utf16.DecodeRune(rune(c), rune(d)), nil
		}
	}
	return utf8.RuneError, nil
}
