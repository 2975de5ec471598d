package evidence

import (
	"strings"
	"time"
)

// DateOrder is the order of day, month and year in a date written with numbers.
type DateOrder string

// The date orders evidence files use.
const (
	DMY DateOrder = "DMY" // 28/08/2014
	MDY DateOrder = "MDY" // 8/28/2014
	YMD DateOrder = "YMD" // 2014-08-28
)

// OrderSet is a set of date orders (a bitmask).
type OrderSet uint8

// The members of an OrderSet.
const (
	OrderDMY OrderSet = 1 << iota
	OrderMDY
	OrderYMD
)

// orderBit maps a DateOrder to its OrderSet bit (0 for an unknown order).
func orderBit(o DateOrder) OrderSet {
	switch o {
	case DMY:
		return OrderDMY
	case MDY:
		return OrderMDY
	case YMD:
		return OrderYMD
	}
	return 0
}

// Has reports whether o is in the set.
func (s OrderSet) Has(o DateOrder) bool {
	b := orderBit(o)
	return b != 0 && s&b != 0
}

// Orders lists the orders in the set, in the order DMY, MDY, YMD.
func (s OrderSet) Orders() []DateOrder {
	var out []DateOrder
	for _, o := range [...]DateOrder{DMY, MDY, YMD} {
		if s.Has(o) {
			out = append(out, o)
		}
	}
	return out
}

// Wall is a calendar date and time of day as written in evidence. It is
// zone-less unless HasOffset.
type Wall struct {
	Year, Month, Day, Hour, Minute, Second, Nano int

	HasOffset  bool // the value itself carried a zone (Z, +05:30, -0800, UTC, epoch)
	Offset     int  // seconds east of UTC when HasOffset
	HasTime    bool // a time of day was present
	HasSeconds bool // seconds were present (false for "2020/2/10 22:41", a spreadsheet re-save)
	// Label is a zone written as a name after the time ("IST"), which says
	// nothing by itself (India, Israel or Ireland): CheckLabel decides.
	Label string
}

// In returns the Unix seconds of w read in loc (or in its own offset when
// HasOffset), and the offset in seconds to add to the Unix time to get back
// the wall clock as written. loc == nil means "no zone given": the wall
// clock is kept as written, i.e. read as UTC, offset 0. Nonexistent or
// ambiguous local times (DST gaps and overlaps) follow time.Date's rules;
// the returned offset still gives back the wall clock as written.
func (w Wall) In(loc *time.Location) (unix int64, wallOffset int32) {
	asUTC := time.Date(w.Year, time.Month(w.Month), w.Day, w.Hour, w.Minute, w.Second, 0, time.UTC).Unix()
	switch {
	case w.HasOffset:
		return asUTC - int64(w.Offset), int32(w.Offset)
	case loc == nil:
		return asUTC, 0
	}
	u := time.Date(w.Year, time.Month(w.Month), w.Day, w.Hour, w.Minute, w.Second, w.Nano, loc).Unix()
	return u, int32(asUTC - u)
}

// String formats the wall clock as "2006-01-02 15:04:05".
func (w Wall) String() string {
	var b [19]byte
	put := func(at, v, width int) {
		for i := at + width - 1; i >= at; i-- {
			b[i] = byte('0' + v%10)
			v /= 10
		}
	}
	put(0, w.Year, 4)
	b[4] = '-'
	put(5, w.Month, 2)
	b[7] = '-'
	put(8, w.Day, 2)
	b[10] = ' '
	put(11, w.Hour, 2)
	b[13] = ':'
	put(14, w.Minute, 2)
	b[16] = ':'
	put(17, w.Second, 2)
	return string(b[:])
}

// Combine puts a date from ParseDate and a time of day from
// ParseTimeOfDay together. The result has HasTime and HasSeconds set.
func Combine(date Wall, sec, nano int) Wall {
	date.Hour, date.Minute, date.Second = sec/3600, sec/60%60, sec%60
	date.Nano = nano
	date.HasTime, date.HasSeconds = true, true
	return date
}

// zeroDates are the days a time of day is dated when a date-time type
// holds it: the Unix epoch, day zero of SQL Server, and the days a
// spreadsheet dates a time with no date (1899-12-30 and -31 in the 1900
// system, 1904-01-01 in the 1904 one). No record of a mobile network is
// dated on them.
var zeroDates = []string{"1970-01-01", "1900-01-01", "1899-12-30", "1899-12-31", "1904-01-01"}

// ZeroDate reports a date that stands for no date (zeroDates).
func ZeroDate(w Wall) bool {
	switch w.Year*10000 + w.Month*100 + w.Day {
	case 19700101, 19000101, 18991230, 18991231, 19040101:
		return true
	}
	return false
}

// zeroDated returns the clock of a value written on a zero date
// ("1970-01-01 00:02:18", "1900-01-01T09:12:44"): what follows the date.
func zeroDated(v string) (string, bool) {
	for _, z := range zeroDates {
		if rest, ok := strings.CutPrefix(v, z); ok && len(rest) > 1 && (rest[0] == ' ' || rest[0] == 'T') {
			return strings.TrimSpace(rest[1:]), true
		}
	}
	return "", false
}

// DateOrders reports which orders can read s (a date, or a date followed by
// a time, as accepted by ParseDateTime) as a valid calendar date:
// "28/08/2014" gives DMY only, "9/22/2011" MDY only, "05/06/2020" DMY and
// MDY, "2014-08-28" and "2021-04-0212:23:10" YMD, anything that is not a
// date 0. A 4-digit first field means YMD only; an all-numeric date with the
// year last is DMY, MDY or both. Dates that need no order report the order
// they are written in: YMD for compact (20140828) and epoch values, DMY for
// "28 Aug 2014", MDY for "Aug 28 2014".
func DateOrders(s string) OrderSet {
	_, orders, err := parseWall(s, probeOrders, false)
	if err != nil {
		return 0
	}
	return orders
}

// ParseDateTime reads one value holding a date and, optionally, a time of
// day, in the layouts operators and spreadsheets write, tolerant of
// surrounding spaces and quotes:
//
//	2014-08-28 19:29:04, 2014-08-28T19:29:04.123Z, 2014-08-28 19:29:04+05:30,
//	2021-04-0212:23:10 (date and time glued), 28/08/2014 19:29:04,
//	9/22/2011 10:54 PM, 28.08.2014 19:29, 2020/2/10 22:41, 28-Aug-2014 19:29:04,
//	28 Aug 2014, Aug 28, 2014 7:29 PM, Thu Aug 28 19:29:04 2014, 28-Aug-14,
//	20140828192904, 20140828 192904, 1409254144 (epoch seconds),
//	1409254144123 (epoch milliseconds).
//
// order tells how to read all-numeric dates whose first field is not four
// digits; it is ignored when the layout is not ambiguous (month names, a
// 4-digit first field). With order "" (or YMD for a date whose year is
// last) such a date is read in the only order that gives a valid date, and
// is an error when both DMY and MDY would; YMD forced on a date with a
// two-digit first and last field reads it as yy/mm/dd. Two-digit years 00-69 are 20xx,
// 70-99 19xx. Epoch values are UTC (HasOffset, Offset 0) between 2001 and
// 2100, which keeps 10- and 13-digit phone numbers from reading as times.
// Zones are offsets, Z, UTC or GMT; a name alone (IST: India, Israel or
// Ireland?) is kept in Label for CheckLabel, and "+0530 IST" is read by its
// offset.
// Impossible dates and times are errors saying what was wrong, e.g.
// "day 31 does not exist in February 2020", "month 13 out of range (date
// order DMY)". Years must lie between 1900 and 2199.
func ParseDateTime(s string, order DateOrder) (Wall, error) {
	w, _, err := parseWall(s, order, false)
	return w, err
}

// ParseDate reads a date-only value, in the same date layouts as
// ParseDateTime; HasTime is false. A time of exactly midnight after the date
// ("28/08/2014 00:00:00", what spreadsheets append to dates) is dropped; any
// other time of day is an error.
func ParseDate(s string, order DateOrder) (Wall, error) {
	w, _, err := parseWall(s, order, true)
	return w, err
}

// probeOrders is the order parseWall is given by DateOrders: an
// all-numeric date is read in any order that makes it valid, and the
// orders are reported without building errors for the others.
const probeOrders DateOrder = "probe"

// Plausible years, and the epoch range read from 10- and 13-digit numbers.
const (
	minYear       = 1900
	maxYear       = 2199
	minEpochSec   = 1_000_000_000 // 2001-09-09
	maxEpochSec   = 4_102_444_800 // 2100-01-01
	epochDigits   = 10
	epochMsDigits = 13
)

var monthNames = [...]string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// daysIn returns the number of days in month m of year y.
func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// expandYear turns a two-digit year into 1970-2069.
func expandYear(y, digits int) int {
	if digits > 2 {
		return y
	}
	if y < 70 {
		return 2000 + y
	}
	return 1900 + y
}

// lookupMonth reads a month name or abbreviation, any case: English
// ("Aug", "August", "Sept"), and the names and abbreviations written in
// ASCII letters by the other languages of the evidence cdrtui reads
// (Oracle's NLS_DATE_LANGUAGE abbreviations, spreadsheets' and billing
// systems' long names): Spanish ("18-ABR-24", "enero"), Portuguese
// ("SET", "OUT", "dezembro"), Italian ("GEN", "MAG", "dicembre"), German
// ("MRZ", "OKT", "Dezember"), French ("AVR", "JUIN", "janv"), Dutch
// ("MRT", "MEI", "maart"). No spelling names two months in two
// languages; names with letters beyond ASCII (März, août, février) are
// not read. 0 if w is none.
func lookupMonth(w string) int {
	if len(w) < 3 || len(w) > 10 {
		return 0
	}
	var b [10]byte
	for i := 0; i < len(w); i++ {
		b[i] = w[i] | 0x20
	}
	return monthWords[string(b[:len(w)])]
}

// monthWords are the month names and abbreviations lookupMonth reads, in
// lower case.
var monthWords = func() map[string]int {
	m := map[string]int{"sept": 9}
	for i, name := range monthNames {
		m[strings.ToLower(name)], m[strings.ToLower(name[:3])] = i+1, i+1
	}
	for i, names := range [12]string{
		"ene enero gen gennaio januar janv janvier januari janeiro",
		"fev febrero fevereiro febbraio februar fevr februari",
		"marzo mrz maerz mars mrt maart",
		"abr abril aprile avr avril",
		"mayo maio mag maggio mai mei",
		"junio junho giu giugno juni juin",
		"julio julho lug luglio juli juil juillet",
		"ago agosto aout augustus",
		"set septiembre setiembre setembro settembre",
		"octubre out outubro ott ottobre okt oktober octobre",
		"noviembre novembro novembre",
		"dic diciembre dez dezembro dicembre dezember decembre",
	} {
		for _, n := range strings.Fields(names) {
			if old, ok := m[n]; ok && old != i+1 {
				panic("month word " + n + " names two months")
			}
			m[n] = i + 1
		}
	}
	return m
}()

// isWeekday reports whether w names a day of the week (Thu, Thursday).
func isWeekday(w string) bool {
	for _, d := range [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"} {
		if len(w) == 3 && equalFoldASCII(w, d[:3]) || equalFoldASCII(w, d) {
			return true
		}
	}
	return false
}
