package asterisk

import (
	"fmt"
	"strings"
	"time"
)

// ParseTime reads a call-record time as written, with no zone:
//
//	2024-01-27 15:07:24   cdr_csv and stock cdr_custom ("%Y-%m-%d %T")
//	2024-01-27T15:07:24   ISO form (custom strftime mappings)
//	2020/2/10 22:41:05    FreeSWITCH files re-saved by a spreadsheet
//	2020/2/10 22:41       the same with the seconds dropped
//
// Month, day and hour may have one or two digits; a fraction after the
// seconds is kept as nanoseconds. Without seconds the result has second 0
// and lostSeconds is true. The time comes back in UTC standing for the wall
// clock: the caller applies the PBX's zone.
func ParseTime(s string) (t time.Time, lostSeconds bool, err error) {
	s = strings.TrimSpace(s)
	p := timeScanner{s: s}
	year, ok := p.digits(4, 4)
	if !ok {
		return time.Time{}, false, timeError(s)
	}
	sep := p.peek()
	if sep != '-' && sep != '/' {
		return time.Time{}, false, timeError(s)
	}
	p.pos++
	month, ok1 := p.digits(1, 2)
	ok2 := p.expect(sep)
	day, ok3 := p.digits(1, 2)
	ok4 := p.expect(' ') || p.expect('T')
	hour, ok5 := p.digits(1, 2)
	ok6 := p.expect(':')
	minute, ok7 := p.digits(2, 2)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7) {
		return time.Time{}, false, timeError(s)
	}
	second, nanos := 0, 0
	lostSeconds = true
	if p.expect(':') {
		if second, ok = p.digits(2, 2); !ok {
			return time.Time{}, false, timeError(s)
		}
		lostSeconds = false
		if p.expect('.') || p.expect(',') {
			nanos, ok = p.fraction()
			if !ok {
				return time.Time{}, false, timeError(s)
			}
		}
	}
	if p.pos != len(s) {
		return time.Time{}, false, timeError(s)
	}
	if month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60 {
		return time.Time{}, false, timeError(s)
	}
	t = time.Date(year, time.Month(month), day, hour, minute, second, nanos, time.UTC)
	if t.Day() != day {
		return time.Time{}, false, timeError(s)
	}
	return t, lostSeconds, nil
}

// isDateTime reports whether s reads as a call-record time.
func isDateTime(s string) bool {
	if len(s) < 14 || len(s) > 40 {
		return false
	}
	_, _, err := ParseTime(s)
	return err == nil
}

func timeError(s string) error {
	return fmt.Errorf("%q is not a date-time like 2006-01-02 15:04:05", s)
}

// timeScanner walks a date-time string left to right.
type timeScanner struct {
	s   string
	pos int
}

func (p *timeScanner) peek() byte {
	if p.pos < len(p.s) {
		return p.s[p.pos]
	}
	return 0
}

func (p *timeScanner) expect(c byte) bool {
	if p.peek() == c {
		p.pos++
		return true
	}
	return false
}

// digits reads between lo and hi decimal digits.
func (p *timeScanner) digits(lo, hi int) (int, bool) {
	n, v := 0, 0
	for n < hi && p.pos < len(p.s) && p.s[p.pos] >= '0' && p.s[p.pos] <= '9' {
		v = v*10 + int(p.s[p.pos]-'0')
		p.pos++
		n++
	}
	return v, n >= lo
}

// fraction reads up to nine fractional digits as nanoseconds (more are
// read and ignored).
func (p *timeScanner) fraction() (int, bool) {
	n, v := 0, 0
	for p.pos < len(p.s) && p.s[p.pos] >= '0' && p.s[p.pos] <= '9' {
		if n < 9 {
			v = v*10 + int(p.s[p.pos]-'0')
		}
		p.pos++
		n++
	}
	for k := n; k < 9; k++ {
		v *= 10
	}
	return v, n > 0
}
