package evidence

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// The 8-bit encodings of text files spreadsheets and operators write
// outside UTF-8: Windows-1252 (Western Europe and the Americas),
// Windows-1250 (Central Europe), Windows-1251 (Cyrillic) and ISO-8859-1,
// which is never detected (Windows-1252 reads it the same but for the
// control characters 0x80-0x9F) and only given by hand.
const (
	CP1252 Encoding = iota + UTF16BE + 1
	CP1250
	CP1251
	Latin1
)

// charmaps are the tables of the 8-bit encodings.
var charmaps = map[Encoding]*charmap.Charmap{
	CP1252: charmap.Windows1252,
	CP1250: charmap.Windows1250,
	CP1251: charmap.Windows1251,
	Latin1: charmap.ISO8859_1,
}

// detected are the 8-bit encodings detection chooses between, in the
// order it prefers when they read a file the same.
var detected = []Encoding{CP1252, CP1250, CP1251}

// EncodingNames are the names --encoding takes.
const EncodingNames = "cp1252, cp1250, cp1251, latin1, utf-8"

// Name is the encoding as --encoding names it.
func (e Encoding) Name() string {
	switch e {
	case CP1252:
		return "cp1252"
	case CP1250:
		return "cp1250"
	case CP1251:
		return "cp1251"
	case Latin1:
		return "latin1"
	case UTF16LE:
		return "utf-16le"
	case UTF16BE:
		return "utf-16be"
	}
	return "utf-8"
}

// EightBit says the encoding is one of the 8-bit ones.
func (e Encoding) EightBit() bool { return charmaps[e] != nil }

// ParseEncoding reads an --encoding name: cp1252 (also windows-1252,
// 1252), cp1250, cp1251, latin1 (iso-8859-1) or utf-8.
func ParseEncoding(name string) (Encoding, error) {
	n := strings.NewReplacer("-", "", "_", "", " ", "").Replace(strings.ToLower(name))
	n = strings.TrimPrefix(strings.TrimPrefix(n, "windows"), "cp")
	switch n {
	case "1252":
		return CP1252, nil
	case "1250":
		return CP1250, nil
	case "1251":
		return CP1251, nil
	case "latin1", "iso88591":
		return Latin1, nil
	case "utf8":
		return UTF8, nil
	}
	return UTF8, fmt.Errorf("encoding %q: want one of %s", name, EncodingNames)
}

// NewTextReader reads text stored in e as UTF-8.
func NewTextReader(r io.Reader, e Encoding) io.Reader {
	switch {
	case e == UTF16LE || e == UTF16BE:
		return NewUTF16Reader(r, e)
	case e.EightBit():
		return charmaps[e].NewDecoder().Reader(r)
	}
	return r
}

// DecodeText is the UTF-8 of bytes stored in e (a head read for
// detection).
func DecodeText(b []byte, e Encoding) []byte {
	switch {
	case e == UTF16LE || e == UTF16BE:
		return DecodeUTF16(b, e)
	case e.EightBit():
		out := make([]byte, 0, len(b)+len(b)/2)
		cm := charmaps[e]
		for _, c := range b {
			out = utf8.AppendRune(out, cm.DecodeByte(c))
		}
		return out
	}
	return b
}

// ValidUTF8 says head is UTF-8: a character cut at its end counts when
// the head is not the whole file.
func ValidUTF8(head []byte, complete bool) bool {
	if utf8.Valid(head) {
		return true
	}
	if complete {
		return false
	}
	for cut := 1; cut < utf8.UTFMax && cut <= len(head); cut++ {
		if utf8.Valid(head[:len(head)-cut]) {
			return !utf8.FullRune(head[len(head)-cut:])
		}
	}
	return false
}
