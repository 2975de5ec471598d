package inert

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Text is String for text meant to be read as lines (a report, a CSV or
// listing printed on a terminal): newlines and tabs stay what they are,
// everything else that could act on a terminal is escaped as String does.
func Text(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexAny(s, "\n\t")
		if i < 0 {
			b.WriteString(String(s))
			return b.String()
		}
		b.WriteString(String(s[:i]))
		b.WriteByte(s[i])
		s = s[i+1:]
	}
}

// JSON escapes, in encoded JSON, the characters a terminal or a viewer
// would obey although encoding/json leaves them raw: C1 controls (U+009B
// is an 8-bit CSI that xterm acts on), bidirectional overrides and
// isolates (U+202E), zero-width and other format or unprintable
// characters. Each becomes a \uXXXX escape (a surrogate pair beyond the
// Basic Multilingual Plane), so the JSON decodes to the same text. Such
// characters can only stand inside JSON strings, where the escape is
// valid.
func JSON(b []byte) []byte {
	clean := true
	for _, c := range b {
		if c >= 0x80 {
			clean = false
			break
		}
	}
	if clean {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError && r >= 0x80 && dangerous(r) {
			if r > 0xFFFF {
				r -= 0x10000
				out = fmt.Appendf(out, `\u%04x\u%04x`, 0xD800+(r>>10), 0xDC00+(r&0x3FF))
			} else {
				out = fmt.Appendf(out, `\u%04x`, r)
			}
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}
