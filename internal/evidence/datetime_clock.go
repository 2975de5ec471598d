package evidence

import (
	"errors"
	"fmt"
	"strings"
)

// clockRuns is a set of digit-run lengths a time of day may be written
// with and no separator.
type clockRuns uint8

const (
	clockHHMM   clockRuns = 1 << 4 // 1929
	clockHHMMSS clockRuns = 1 << 6 // 192904
)

// ParseTimeOfDay reads a time-only value: "19:29:04", "0:02:40", "7:05 PM",
// "07:05:09 am", "19:29:04.250", "192904" (six digits) or "19.29.04" (dots
// need all three fields, so a decimal number is not a time). It returns
// seconds since midnight and nanoseconds.
func ParseTimeOfDay(s string) (sec int, nano int, err error) {
	v := unwrapValue(s)
	if v == "" {
		return 0, 0, errEmptyValue
	}
	c := valueCursor{s: v}
	var w Wall
	sep, err := c.clock(&w, clockHHMMSS)
	if err != nil {
		return 0, 0, err
	}
	if sep == '.' && !w.HasSeconds {
		return 0, 0, fmt.Errorf("%q looks like a number; a time with dots needs seconds (19.29.04)", v)
	}
	if !c.done() {
		return 0, 0, fmt.Errorf("unexpected %s after the time", c.rest())
	}
	return w.Hour*3600 + w.Minute*60 + w.Second, w.Nano, nil
}

// clock reads a time of day into w: H:MM, H:MM:SS, H.MM.SS with an optional
// fraction of a second and AM/PM, or, when runs allows, HHMM or HHMMSS. It
// returns the separator used (0 for a compact time).
func (c *valueCursor) clock(w *Wall, runs clockRuns) (byte, error) {
	run := c.digitRun()
	next := c.peekAt(run)
	var sep byte
	switch {
	case run == 0:
		return 0, errors.New("expected a time of day")
	case run <= 2:
		w.Hour, _ = c.digits(2)
		sep = c.peek()
		if sep != ':' && sep != '.' {
			return 0, fmt.Errorf("expected ':' after the hour, found %s", c.rest())
		}
		c.i++
		m, n := c.digits(3)
		if n != 2 {
			return 0, errors.New("the minutes need two digits")
		}
		w.Minute = m
		if c.peek() == sep && isDigitByte(c.peekAt(1)) {
			c.i++
			sec, n := c.digits(3)
			if n != 2 {
				return 0, errors.New("the seconds need two digits")
			}
			w.Second, w.HasSeconds = sec, true
		}
	case run <= 6 && runs&(1<<run) != 0 && next != ':' && next != '.' || run == 6 && runs&clockHHMMSS != 0 && next == '.':
		w.Hour, _ = c.digits(2)
		w.Minute, _ = c.digits(2)
		if run == 6 {
			w.Second, _ = c.digits(2)
			w.HasSeconds = true
		}
	default:
		return 0, fmt.Errorf("the hour has %d digits", run)
	}
	w.HasTime = true
	if w.HasSeconds && (c.peek() == ',' || c.peek() == '.') && isDigitByte(c.peekAt(1)) {
		c.i++
		w.Nano = c.nanos()
	}
	if err := c.meridiem(w); err != nil {
		return 0, err
	}
	return sep, checkClock(w)
}

// nanos reads the digits of a fraction of a second; digits past the ninth
// are read and dropped.
func (c *valueCursor) nanos() int {
	nano, scale := 0, 100_000_000
	for !c.done() && isDigitByte(c.peek()) {
		nano += int(c.peek()-'0') * scale
		scale /= 10
		c.i++
	}
	return nano
}

// meridiem reads an optional AM/PM marker (am, A.M., pm, p.m.) and turns a
// 12-hour clock into a 24-hour one: 12:00 AM is 0h, 12:30 PM is 12:30.
func (c *valueCursor) meridiem(w *Wall) error {
	save := c.i
	c.spaces()
	b := c.peek() | 0x20
	if b != 'a' && b != 'p' {
		c.i = save
		return nil
	}
	c.i++
	if c.accept('.') {
		c.spaces() // "p. m.": Spanish-language locales (es-MX, es-CO) write the marker so
	}
	if c.peek()|0x20 != 'm' {
		c.i = save
		return nil
	}
	c.i++
	c.accept('.')
	if isLetterByte(c.peek()) {
		c.i = save
		return nil
	}
	switch {
	case w.Hour > 12:
		return fmt.Errorf("hour %d with %s: a 12-hour clock goes up to 12", w.Hour, upperMeridiem(b))
	case w.Hour == 0 && b == 'p':
		return errors.New("hour 0 with PM: a 12-hour clock starts at 1")
	case w.Hour == 12 && b == 'a':
		w.Hour = 0
	case w.Hour != 12 && b == 'p':
		w.Hour += 12
	}
	return nil
}

func upperMeridiem(b byte) string {
	if b == 'p' {
		return "PM"
	}
	return "AM"
}

// checkClock validates the time of day in w.
func checkClock(w *Wall) error {
	switch {
	case w.Hour > 23:
		return fmt.Errorf("hour %d out of range (0-23)", w.Hour)
	case w.Minute > 59:
		return fmt.Errorf("minute %d out of range (0-59)", w.Minute)
	case w.Second == 60:
		return errors.New("second 60 (a leap second) is not supported")
	case w.Second > 59:
		return fmt.Errorf("second %d out of range (0-59)", w.Second)
	}
	return nil
}

// maxOffsetHours bounds a written UTC offset (the widest in use is +14).
const maxOffsetHours = 14

// zone reads an optional zone after a time: Z, +05:30, +0530, +05, -0800,
// "+0530 IST", UTC, GMT, UTC+05:30. Anything else that is not a digit (the year of the
// Unix date layout) is left for the caller to reject. A zone name such as
// IST is ambiguous (India, Israel, Ireland): it is kept in w.Label for
// CheckLabel to judge against the zone the analyst gave.
func (c *valueCursor) zone(w *Wall) error {
	save := c.i
	c.spaces()
	switch b := c.peek(); {
	case b == 'Z' || b == 'z':
		if isLetterByte(c.peekAt(1)) {
			break
		}
		c.i++
		w.HasOffset, w.Offset = true, 0
		return nil
	case b == '+' || b == '-':
		if err := c.offset(w); err != nil {
			return err
		}
		c.zoneLabel()
		return nil
	case isLetterByte(b):
		name := c.word()
		if !equalFoldASCII(name, "UTC") && !equalFoldASCII(name, "GMT") && !equalFoldASCII(name, "UT") {
			if len(name) < 2 || len(name) > 6 {
				return fmt.Errorf("%q after the time is not a zone", name)
			}
			w.Label = strings.ToUpper(name)
			return nil
		}
		w.HasOffset, w.Offset = true, 0
		if b := c.peek(); b == '+' || b == '-' {
			return c.offset(w)
		}
		return nil
	}
	c.i = save
	return nil
}

// zoneLabel skips the abbreviation that may follow a numeric offset and
// end the value ("+0530 IST", as Go and date(1) print): the offset says
// everything, and the label alone would be ambiguous.
func (c *valueCursor) zoneLabel() {
	save := c.i
	if c.spaces() > 0 {
		if n := len(c.word()); n >= 2 && n <= 5 && c.done() {
			return
		}
	}
	c.i = save
}

// offset reads ±hh[:mm], ±hhmm or ±h (after UTC) into w.
func (c *valueCursor) offset(w *Wall) error {
	sign := 1
	if c.peek() == '-' {
		sign = -1
	}
	c.i++
	h, m := 0, 0
	switch run := c.digitRun(); run {
	case 1, 2:
		h, _ = c.digits(2)
		if c.accept(':') {
			var n int
			if m, n = c.digits(3); n != 2 {
				return errors.New("the offset minutes need two digits")
			}
		}
	case 4:
		h, _ = c.digits(2)
		m, _ = c.digits(2)
	default:
		return errors.New("a UTC offset is written +hh:mm, +hhmm or +hh")
	}
	if m > 59 || h*60+m > maxOffsetHours*60 {
		return fmt.Errorf("UTC offset %02d:%02d out of range", h, m)
	}
	w.HasOffset, w.Offset = true, sign*(h*3600+m*60)
	return nil
}
