package evidence

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// The value parsers in this package share one way of reading a field: the
// spreadsheet and operator wrappings are removed first (unwrapValue), then a
// small hand-rolled scanner (valueCursor) reads the rest without regular
// expressions or allocations on the success path, because they run once per
// field on files of millions of rows.

// ErrPrecisionLost marks a number that a spreadsheet rewrote in scientific
// notation (9.18E+11): the digits it dropped cannot be recovered.
var ErrPrecisionLost = errors.New("precision lost: number was written in scientific notation by a spreadsheet")

// errEmptyValue is returned for a value that is empty once unwrapped.
var errEmptyValue = errors.New("empty")

// CleanText trims surrounding white space and removes one pair of
// surrounding quotes ("x" or 'x') or the spreadsheet text guard ="x". Every
// other byte is kept, including invalid UTF-8 and control characters:
// sanitising for display happens elsewhere.
func CleanText(s string) string {
	s = trimValueSpace(s)
	if inner, ok := stripQuotePair(s); ok {
		return trimValueSpace(inner)
	}
	return s
}

// unwrapValue is CleanText for values that must be numbers or identifiers:
// it also drops the leading apostrophe spreadsheets use to keep digits as
// text ('9714499703).
//
// Up to two wrappings are removed, so a quoted field holding an Airtel
// value ("'9714499703'") comes out clean too.
func unwrapValue(s string) string {
	s = trimValueSpace(s)
	for k := 0; k < 2; k++ {
		inner, ok := stripQuotePair(s)
		if !ok {
			break
		}
		s = trimValueSpace(inner)
	}
	if len(s) > 0 && s[0] == '\'' {
		return trimValueSpace(s[1:])
	}
	return s
}

// stripQuotePair removes ="..." or one pair of matching quotes.
func stripQuotePair(s string) (string, bool) {
	n := len(s)
	if n >= 3 && s[0] == '=' && s[1] == '"' && s[n-1] == '"' {
		return s[2 : n-1], true
	}
	if n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n-1] == s[0] {
		return s[1 : n-1], true
	}
	return s, false
}

// trimValueSpace trims ASCII white space and the no-break space (U+00A0)
// spreadsheets leave around numbers.
func trimValueSpace(s string) string {
	for len(s) > 0 {
		switch {
		case isValueSpace(s[0]):
			s = s[1:]
		case len(s) >= 2 && s[0] == 0xC2 && s[1] == 0xA0:
			s = s[2:]
		default:
			goto right
		}
	}
right:
	for len(s) > 0 {
		n := len(s)
		switch {
		case isValueSpace(s[n-1]):
			s = s[:n-1]
		case n >= 2 && s[n-2] == 0xC2 && s[n-1] == 0xA0:
			s = s[:n-2]
		default:
			return s
		}
	}
	return s
}

func isValueSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '\v' || b == '\f'
}

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

func isLetterByte(b byte) bool { return (b|0x20) >= 'a' && (b|0x20) <= 'z' }

// valueCursor reads a value left to right.
type valueCursor struct {
	s string
	i int
}

func (c *valueCursor) done() bool { return c.i >= len(c.s) }

// peek returns the next byte, or 0 at the end.
func (c *valueCursor) peek() byte {
	if c.i < len(c.s) {
		return c.s[c.i]
	}
	return 0
}

// peekAt returns the byte k places ahead, or 0 past the end.
func (c *valueCursor) peekAt(k int) byte {
	if c.i+k < len(c.s) {
		return c.s[c.i+k]
	}
	return 0
}

// accept consumes b if it is next.
func (c *valueCursor) accept(b byte) bool {
	if c.i < len(c.s) && c.s[c.i] == b {
		c.i++
		return true
	}
	return false
}

// digits reads at most max digits and returns their value and count.
func (c *valueCursor) digits(max int) (v, n int) {
	for c.i < len(c.s) && n < max && isDigitByte(c.s[c.i]) {
		v = v*10 + int(c.s[c.i]-'0')
		c.i++
		n++
	}
	return v, n
}

// digitRun returns the length of the run of digits starting at the cursor
// without consuming it.
func (c *valueCursor) digitRun() int {
	j := c.i
	for j < len(c.s) && isDigitByte(c.s[j]) {
		j++
	}
	return j - c.i
}

// spaces skips blanks and returns how many were skipped.
func (c *valueCursor) spaces() int {
	j := c.i
	for c.i < len(c.s) {
		switch {
		case c.s[c.i] == ' ' || c.s[c.i] == '\t':
			c.i++
		case strings.HasPrefix(c.s[c.i:], "\u00a0"): // no-break space: Excel in many locales
			c.i += 2
		case strings.HasPrefix(c.s[c.i:], "\u202f"): // narrow no-break space: ICU's "10:15\u202fPM", French digit groups
			c.i += 3
		default:
			return c.i - j
		}
	}
	return c.i - j
}

// word reads a run of ASCII letters.
func (c *valueCursor) word() string {
	j := c.i
	for c.i < len(c.s) && isLetterByte(c.s[c.i]) {
		c.i++
	}
	return c.s[j:c.i]
}

// rest describes what is left, for error messages.
func (c *valueCursor) rest() string {
	r := c.s[c.i:]
	if len(r) > 24 {
		r = r[:24] + "..."
	}
	return fmt.Sprintf("%q", r)
}

// isScientific reports whether s is a number in scientific notation as
// spreadsheets write it: 9.18E+11, 9,18E+11, 1E6, -2.5e-3.
func isScientific(s string) bool {
	c := valueCursor{s: s}
	if !c.accept('-') {
		c.accept('+')
	}
	if _, n := c.digits(len(s)); n == 0 {
		return false
	}
	if c.accept('.') || c.accept(',') {
		c.digits(len(s))
	}
	if !c.accept('E') && !c.accept('e') {
		return false
	}
	if !c.accept('+') {
		c.accept('-')
	}
	_, n := c.digits(len(s))
	return n > 0 && c.done()
}

// badCharacter names the unexpected byte at s[i], for errors.
func badCharacter(s string, i int) error {
	if i >= len(s) {
		return fmt.Errorf("value ends early (%q)", s)
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError {
		return fmt.Errorf("unexpected byte 0x%02X at position %d", s[i], i+1)
	}
	return fmt.Errorf("unexpected character %q at position %d", r, i+1)
}

// zeroDecimal reports whether s is digits followed by a decimal point and
// only zeros ("919871808000.0"): a number a spreadsheet stored as a float.
func zeroDecimal(s string) bool {
	dot := -1
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '.':
			if dot >= 0 {
				return false
			}
			dot = i
		case !isDigitByte(s[i]):
			return false
		case dot >= 0 && s[i] != '0':
			return false
		}
	}
	return dot > 0
}
