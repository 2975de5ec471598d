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
	t, lostSeconds, _, hasOffset, err := ParseTimeOffset(s)
	if err == nil && hasOffset {
		return time.Time{}, false, timeError(s)
	}
	return t, lostSeconds, err
}

// ParseTimeOffset is ParseTime that also reads a UTC offset after the
// seconds, as PostgreSQL writes a timestamptz (cdr_pgsql's calldate, a
// COPY ... CSV export): "2025-01-02 10:00:00+05:30", "+00", "-0800",
// "+05:53:28" (a local mean time), or "Z". offset is seconds east of UTC;
// t is still the wall clock as written (in UTC standing for it).
func ParseTimeOffset(s string) (t time.Time, lostSeconds bool, offset int, hasOffset bool, err error) {
	s = strings.TrimSpace(s)
	body, offset, hasOffset, ok := cutOffset(s)
	if !ok {
		return time.Time{}, false, 0, false, timeError(s)
	}
	t, lostSeconds, err = parseWall(body)
	if err != nil {
		return time.Time{}, false, 0, false, timeError(s)
	}
	if hasOffset && lostSeconds {
		return time.Time{}, false, 0, false, timeError(s)
	}
	return t, lostSeconds, offset, hasOffset, nil
}

// cutOffset splits a trailing UTC offset from a date-time: "Z", or a sign
// after the seconds followed by hh, hh:mm, hhmm or hh:mm:ss. ok is false
// for an offset that does not read (or is beyond 15 hours).
func cutOffset(s string) (body string, offset int, has, ok bool) {
	if strings.HasSuffix(s, "Z") {
		return s[:len(s)-1], 0, true, true
	}
	// the sign must come after "hh:mm:ss" (index 16 at least): the date's
	// own '-' come before it
	i := strings.LastIndexAny(s, "+-")
	if i < 17 {
		return s, 0, false, true
	}
	body, tail := s[:i], s[i+1:]
	sign := 1
	if s[i] == '-' {
		sign = -1
	}
	parts := strings.Split(tail, ":")
	if len(parts) == 1 && len(tail) == 4 {
		parts = []string{tail[:2], tail[2:]}
	}
	if len(parts) > 3 {
		return s, 0, false, false
	}
	sec, mult := 0, 3600
	for _, p := range parts {
		if len(p) != 2 || !isDigits(p) {
			return s, 0, false, false
		}
		v := int(p[0]-'0')*10 + int(p[1]-'0')
		if mult < 3600 && v > 59 {
			return s, 0, false, false
		}
		sec += v * mult
		mult /= 60
	}
	if sec > 15*3600 {
		return s, 0, false, false
	}
	return body, sign * sec, true, true
}

// parseWall reads a date-time without an offset (see ParseTime).
func parseWall(s string) (t time.Time, lostSeconds bool, err error) {
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
	_, _, _, _, err := ParseTimeOffset(s)
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
