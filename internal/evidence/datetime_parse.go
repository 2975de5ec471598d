package evidence

import (
	"errors"
	"fmt"
	"time"
)

// parseWall is the scanner behind ParseDateTime, ParseDate and DateOrders.
// Besides the Wall it returns the orders the date can be read in: the
// valid ones for an all-numeric date with the year last, otherwise the
// single order it is written in (YMD for 2014-08-28, compact and epoch
// values, DMY for 28 Aug 2014, MDY for Aug 28 2014).
func parseWall(raw string, order DateOrder, dateOnly bool) (Wall, OrderSet, error) {
	s := unwrapValue(raw)
	if s == "" {
		return Wall{}, 0, errEmptyValue
	}
	if w, ok, err := ts32298Stamp(s); ok {
		if err == nil && dateOnly {
			err = fmt.Errorf("%q has a time of day; expected a date only", s)
		}
		return w, OrderYMD, err
	}
	c := valueCursor{s: s}
	var w Wall
	if isLetterByte(c.peek()) {
		save := c.i
		if isWeekday(c.word()) {
			c.accept(',')
			c.spaces()
		} else {
			c.i = save
		}
	}
	var (
		orders   OrderSet
		complete bool // the whole value has been read (ANSIC, compact, epoch)
		compact  bool // a compact date, whose time may be compact too
		err      error
	)
	switch lead := c.digitRun(); {
	case lead == 0:
		orders = OrderMDY
		complete, err = c.monthFirstDate(&w)
	case lead <= 2:
		orders, err = c.dayOrMonthFirstDate(&w, order)
	case lead == 4:
		orders, err = OrderYMD, c.yearFirstDate(&w)
	case lead == 8 || lead == 12 || lead == 14:
		orders, compact, err = OrderYMD, lead == 8, c.compactDate(&w, lead)
	case lead == epochDigits || lead == epochMsDigits:
		orders, complete, err = OrderYMD, true, c.epoch(&w, lead)
	case lead == 5 && excelSerialLike(c.s[c.i+5:]):
		// 45678 or 45678.4375: a spreadsheet's date serial, days from
		// 1899-12-30, or from 1904-01-01 in a workbook of the 1904 system,
		// four years and a day apart: the text cannot say which
		return Wall{}, 0, errDateSerial
	default:
		return Wall{}, 0, fmt.Errorf("a %d-digit number is not a date", lead)
	}
	if err == nil && !complete {
		err = c.afterDate(&w, compact)
	}
	if err != nil {
		return Wall{}, 0, err
	}
	if dateOnly && w.HasTime {
		if w.HasOffset || w.Hour != 0 || w.Minute != 0 || w.Second != 0 || w.Nano != 0 {
			return Wall{}, 0, fmt.Errorf("%q has a time of day; expected a date only", s)
		}
		w.HasTime, w.HasSeconds = false, false
	}
	return w, orders, nil
}

// monthFirstDate reads "Aug 28 2014", "Aug 28, 2014 19:29", "Aug-28-2014"
// and the Unix date layout "Aug 28 19:29:04 [zone] 2014"; complete reports
// that the time (and year) has been read too.
func (c *valueCursor) monthFirstDate(w *Wall) (complete bool, err error) {
	start := c.i
	name := c.word()
	if name == "" {
		return false, fmt.Errorf("not a date: %v", badCharacter(c.s, c.i))
	}
	if w.Month = lookupMonth(name); w.Month == 0 {
		return false, fmt.Errorf("not a date: %q is not a month name", c.s[start:c.i])
	}
	sep := c.peek()
	if sep != '-' && sep != '/' && sep != '.' {
		sep = ' '
	}
	if sep == ' ' && c.spaces() == 0 || sep != ' ' && !c.accept(sep) {
		return false, fmt.Errorf("expected a day after the month %q", name)
	}
	day, nd := c.digits(3)
	if nd == 0 || nd > 2 {
		return false, fmt.Errorf("expected a day of one or two digits after the month %q", name)
	}
	w.Day = day
	if sep == ' ' {
		c.accept(',')
		c.spaces()
	} else if !c.accept(sep) {
		return false, fmt.Errorf("expected %q before the year", sep)
	}
	if run := c.digitRun(); run <= 2 && (c.peekAt(run) == ':' || c.peekAt(run) == '.') && sep == ' ' {
		// Unix date layout: the time comes before the year.
		if _, err := c.clock(w, 0); err != nil {
			return false, err
		}
		if err := c.zone(w); err != nil {
			return false, err
		}
		if c.spaces() == 0 {
			return false, errors.New("expected a year after the time")
		}
		if err := c.year(w); err != nil {
			return false, err
		}
		if !c.done() {
			return false, fmt.Errorf("unexpected %s after the year", c.rest())
		}
		return true, checkDate(w.Year, w.Month, w.Day, "")
	}
	if err := c.year(w); err != nil {
		return false, err
	}
	return false, checkDate(w.Year, w.Month, w.Day, "")
}

// year reads a two- or four-digit year.
func (c *valueCursor) year(w *Wall) error {
	y, n := c.digits(5)
	if n != 2 && n != 4 {
		if n == 0 {
			return errors.New("expected a year")
		}
		return fmt.Errorf("year has %d digits (want 2 or 4)", n)
	}
	w.Year = expandYear(y, n)
	return nil
}

// dayOrMonthFirstDate reads 28/08/2014, 9/22/2011, 28.08.14, 28-Aug-2014
// and 28 Aug 2014.
func (c *valueCursor) dayOrMonthFirstDate(w *Wall, order DateOrder) (OrderSet, error) {
	a, na := c.digits(2)
	sep := c.peek()
	switch sep {
	case '-', '/', '.':
		c.i++
	case ' ':
		c.spaces()
		if !isLetterByte(c.peek()) {
			return 0, errors.New("not a date: numbers separated by spaces")
		}
	default:
		return 0, fmt.Errorf("not a date: expected '/', '-' or '.' after %q", c.s[:c.i])
	}
	if isLetterByte(c.peek()) {
		name := c.word()
		if w.Month = lookupMonth(name); w.Month == 0 {
			return OrderDMY, fmt.Errorf("%q is not a month name", name)
		}
		if sep == ' ' {
			c.accept(',')
			if c.spaces() == 0 {
				return OrderDMY, errors.New("expected a year after the month")
			}
		} else if !c.accept(sep) {
			return OrderDMY, fmt.Errorf("expected %q before the year", sep)
		}
		w.Day = a
		if err := c.year(w); err != nil {
			return OrderDMY, err
		}
		return OrderDMY, checkDate(w.Year, w.Month, w.Day, "")
	}
	b, nb := c.digits(3)
	if nb == 0 || nb > 2 {
		return 0, errors.New("not a date: the second field needs one or two digits")
	}
	if !c.accept(sep) {
		return 0, fmt.Errorf("not a date: expected %q after the second field", sep)
	}
	y, ny := c.digits(5)
	if ny != 2 && ny != 4 {
		return 0, fmt.Errorf("year has %d digits (want 2 or 4)", ny)
	}
	var (
		valid OrderSet
		err   error
	)
	w.Year, w.Month, w.Day, valid, err = numericDate(a, na, b, y, ny, order)
	return valid, err
}

// numericDate reads the fields of an all-numeric date with the year last
// (or, when YMD is forced, a two-digit year first) in the given order. With
// no usable order it takes the only order that gives a valid date; with
// probeOrders it takes any. valid lists the orders (DMY, MDY) that give a
// valid date.
func numericDate(a, na, b, c, nc int, order DateOrder) (y, m, d int, valid OrderSet, err error) {
	y = expandYear(c, nc)
	if dateValid(y, b, a) {
		valid |= OrderDMY
	}
	if dateValid(y, a, b) {
		valid |= OrderMDY
	}
	switch {
	case order == DMY:
		return y, b, a, valid, checkDate(y, b, a, order)
	case order == MDY:
		return y, a, b, valid, checkDate(y, a, b, order)
	case order == YMD && na == 2 && nc == 2:
		y = expandYear(a, na)
		return y, b, c, valid, checkDate(y, b, c, order)
	case valid == OrderDMY|OrderMDY && a != b && order != probeOrders:
		return 0, 0, 0, valid, fmt.Errorf("the date reads as %d %s %d (DMY) or %s %d %d (MDY): the date order must be given",
			a, monthNames[b-1], y, monthNames[a-1], b, y)
	case valid&OrderDMY != 0:
		return y, b, a, valid, nil
	case valid&OrderMDY != 0:
		return y, a, b, valid, nil
	case order == probeOrders:
		return 0, 0, 0, 0, errNoDateOrder
	}
	return 0, 0, 0, 0, fmt.Errorf("neither day-month-year (%v) nor month-day-year (%v) gives a valid date",
		checkDate(y, b, a, DMY), checkDate(y, a, b, MDY))
}

// errNoDateOrder is DateOrders' cheap failure: no order gives a valid date.
var errNoDateOrder = errors.New("no date order gives a valid date")

// dateValid is checkDate without the message.
func dateValid(y, m, d int) bool {
	return y >= minYear && y <= maxYear && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
}

// yearFirstDate reads 2014-08-28, 2014/8/28, 2014.08.28, 2014-Aug-28 and
// the glued 2021-04-0212:23:10, leaving the cursor at a glued time.
func (c *valueCursor) yearFirstDate(w *Wall) error {
	w.Year, _ = c.digits(4)
	sep := c.peek()
	if sep != '-' && sep != '/' && sep != '.' {
		return fmt.Errorf("not a date: expected '-', '/' or '.' after the year %d", w.Year)
	}
	c.i++
	if isLetterByte(c.peek()) {
		name := c.word()
		if w.Month = lookupMonth(name); w.Month == 0 {
			return fmt.Errorf("%q is not a month name", name)
		}
	} else {
		m, n := c.digits(3)
		if n == 0 || n > 2 {
			return errors.New("the month needs one or two digits")
		}
		w.Month = m
	}
	if !c.accept(sep) {
		return fmt.Errorf("expected %q after the month", sep)
	}
	switch run := c.digitRun(); {
	case run == 1 || run == 2:
		w.Day, _ = c.digits(2)
	case run == 4 && c.peekAt(4) == ':':
		w.Day, _ = c.digits(2) // day and hour glued
	case run == 0:
		return errors.New("expected a day after the month")
	default:
		return fmt.Errorf("the day has %d digits", run)
	}
	return checkDate(w.Year, w.Month, w.Day, "")
}

// compactDate reads YYYYMMDD, YYYYMMDDhhmm and YYYYMMDDhhmmss.
func (c *valueCursor) compactDate(w *Wall, lead int) error {
	w.Year, _ = c.digits(4)
	w.Month, _ = c.digits(2)
	w.Day, _ = c.digits(2)
	if err := checkDate(w.Year, w.Month, w.Day, ""); err != nil {
		return err
	}
	if lead == 8 {
		return nil
	}
	w.Hour, _ = c.digits(2)
	w.Minute, _ = c.digits(2)
	w.HasTime = true
	if lead == 14 {
		w.Second, _ = c.digits(2)
		w.HasSeconds = true
	}
	if err := checkClock(w); err != nil {
		return err
	}
	if err := c.zone(w); err != nil {
		return err
	}
	if !c.done() {
		return fmt.Errorf("unexpected %s after the time", c.rest())
	}
	return nil
}

// epoch reads Unix seconds (10 digits, optionally with a fraction) or
// milliseconds (13 digits) as UTC.
func (c *valueCursor) epoch(w *Wall, lead int) error {
	var sec, nano int64
	v, _ := c.digits(lead)
	if lead == epochDigits {
		sec = int64(v)
		if c.peek() == '.' && isDigitByte(c.peekAt(1)) {
			c.i++
			nano = int64(c.nanos())
		}
	} else {
		sec, nano = int64(v)/1000, int64(v)%1000*1e6
	}
	if !c.done() {
		return fmt.Errorf("unexpected %s after a %d-digit number", c.rest(), lead)
	}
	t := time.Unix(sec, nano).UTC()
	if sec < minEpochSec || sec >= maxEpochSec {
		unit := "seconds"
		if lead == epochMsDigits {
			unit = "milliseconds"
		}
		return fmt.Errorf("a %d-digit number read as epoch %s falls in %d (accepted: 2001 to 2099)", lead, unit, t.Year())
	}
	*w = Wall{Year: t.Year(), Month: int(t.Month()), Day: t.Day(), Hour: t.Hour(), Minute: t.Minute(),
		Second: t.Second(), Nano: t.Nanosecond(), HasOffset: true, HasTime: true, HasSeconds: true}
	return nil
}

// afterDate reads what may follow a date: a separator, a time of day and a
// zone. compact allows the 4- and 6-digit times of 20140828 192904.
func (c *valueCursor) afterDate(w *Wall, compact bool) error {
	if c.done() {
		return nil
	}
	switch b := c.peek(); {
	case isDigitByte(b): // glued: 2021-04-0212:23:10
	case b == 'T' || b == 't' || b == ':':
		c.i++
	case (b == '-' || b == '_') && isDigitByte(c.peekAt(1)): // 2025-08-23-11:31:22
		c.i++
	case b == ',':
		c.i++
		c.spaces()
	case c.spaces() > 0:
		if c.accept(',') {
			c.spaces()
		}
	default:
		return fmt.Errorf("unexpected %s after the date", c.rest())
	}
	if !isDigitByte(c.peek()) {
		return fmt.Errorf("unexpected %s after the date", c.rest())
	}
	runs := clockRuns(0)
	if compact {
		runs = clockHHMM | clockHHMMSS
	}
	if _, err := c.clock(w, runs); err != nil {
		return err
	}
	if err := c.zone(w); err != nil {
		return err
	}
	if !c.done() {
		return fmt.Errorf("unexpected %s after the time", c.rest())
	}
	return nil
}

// checkDate validates a calendar date; order, when given, is named in the
// message because it is the likely cause.
func checkDate(y, m, d int, order DateOrder) error {
	note := ""
	if order != "" {
		note = " (date order " + string(order) + ")"
	}
	switch {
	case y < minYear || y > maxYear:
		return fmt.Errorf("year %d outside %d-%d", y, minYear, maxYear)
	case m < 1 || m > 12:
		return fmt.Errorf("month %d out of range%s", m, note)
	case d < 1 || d > 31:
		return fmt.Errorf("day %d out of range%s", d, note)
	case d > daysIn(y, m):
		return fmt.Errorf("day %d does not exist in %s %d%s", d, monthNames[m-1], y, note)
	}
	return nil
}

// errDateSerial refuses a number that may be a spreadsheet's date serial.
var errDateSerial = errors.New("a 5-digit number is not a date: a spreadsheet's date serial, if it is one, " +
	"counts days from 1899-12-30 or from 1904-01-01 (a Mac workbook), 4 years apart, and the text cannot say which; " +
	"import the workbook itself, or export the column formatted as a date")

// excelSerialLike reports what may follow a date serial's 5 digits:
// nothing, or a fraction of a day (".4375").
func excelSerialLike(rest string) bool {
	if rest == "" {
		return true
	}
	if rest[0] != '.' || len(rest) == 1 {
		return false
	}
	for i := 1; i < len(rest); i++ {
		if rest[i] < '0' || rest[i] > '9' {
			return false
		}
	}
	return true
}
