// Package inert renders text that came from evidence so that it cannot act
// on a terminal: control characters, escape sequences and bidirectional
// overrides are shown as visible escapes (ESC becomes \x1b), bytes that are
// not UTF-8 are shown as \xNN rather than dropped, and a backslash is
// doubled so that an escape shown is never confused with text written.
// Every string from evidence passes through String before it is drawn or
// printed.
package inert

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// String returns s with everything that could act on a terminal escaped.
func String(s string) string {
	if plainASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02X`, s[i])
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case dangerous(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// Command is a command line cdrtui wrote for a reader to paste (a report's
// "Reproduce" line, a trace's query): shown as written when nothing in it
// acts on a terminal, a backslash being then itself, so that the pasted
// line is the one written (String doubles a backslash, which a shell or a
// query then reads as two); else String, inert and not pasteable.
func Command(s string) string {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\n' || r == '\r' || r == '\t' || r < 0x20 || r == 0x7f || dangerous(r) {
			return String(s)
		}
		i += size
	}
	return s
}

// Strings applies String to each element, in place, and returns the slice.
func Strings(ss []string) []string {
	for i, s := range ss {
		ss[i] = String(s)
	}
	return ss
}

func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || c == '\\' {
			return false
		}
	}
	return true
}

// dangerous reports runes that are not printable or that reorder or hide
// text: C1 controls (U+009B is an 8-bit CSI), bidirectional embeddings,
// overrides and isolates, zero-width and other format characters.
func dangerous(r rune) bool {
	if r >= 0x80 && r <= 0x9f {
		return true
	}
	if unicode.Is(unicode.Cf, r) { // format: bidi controls, zero-width joiners, BOM
		return true
	}
	return !unicode.IsPrint(r) && r != ' '
}
