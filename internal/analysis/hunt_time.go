package analysis

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// huntWallForm is one way of writing a wall-clock time, and the unit it gives
// (the end of a window written to the minute includes that whole minute).
type huntWallForm struct {
	layout string
	unit   time.Duration
}

// huntWallForms are the ways a hunt's window may be written, tried in order.
// Every one names the year in full and the month unambiguously.
func huntWallForms() []huntWallForm {
	dates := []string{"2006-01-02", "2006/01/02", "2006.01.02", "2 Jan 2006", "2 January 2006",
		"Jan 2 2006", "January 2 2006", "Jan 2, 2006", "January 2, 2006", "02-Jan-2006", "2-Jan-2006"}
	clocks := []struct {
		layout string
		unit   time.Duration
	}{{"15:04:05", time.Second}, {"15:04", time.Minute}, {"15", time.Hour}}
	var out []huntWallForm
	for _, d := range dates {
		for _, c := range clocks {
			out = append(out, huntWallForm{d + "T" + c.layout, c.unit}, huntWallForm{d + " " + c.layout, c.unit})
		}
		out = append(out, huntWallForm{d, 24 * time.Hour})
	}
	return append(out, huntWallForm{"20060102150405", time.Second}, huntWallForm{"200601021504", time.Minute},
		huntWallForm{"20060102", 24 * time.Hour})
}

// ParseWallTime reads a time in the evidence's wall clock: the cdrtui form
// 2006-01-02T15:04:05 (or with a space), shortened to the minute, the hour
// or the day, with slashes or dots, 20060102150405, or with the month in
// words (2 May 2017 10:02, May 2, 2017, 02-May-2017). Day/month/year with
// slashes is accepted only when it cannot be read two ways. A zone or an
// offset is refused: windows are read in the wall clock the evidence wrote.
// With end set, a time written to the minute, hour or day means the last
// second of it (to 2017-05-02 is up to 2017-05-02 23:59:59). The result is
// the wall clock as Unix seconds read in UTC.
func ParseWallTime(s string, end bool) (int64, error) {
	v := strings.Join(strings.Fields(s), " ")
	if v == "" {
		return 0, fmt.Errorf("empty time")
	}
	if zone := huntZoneSuffix(v); zone != "" {
		return 0, fmt.Errorf("%q carries a zone (%s): write the time as the evidence's wall clock, without a zone", s, zone)
	}
	v = strings.TrimSuffix(strings.TrimSuffix(v, "."), ",")
	if t, unit, ok := huntParseSlashDate(v); ok {
		return huntWallResult(t, unit, end), nil
	} else if unit < 0 {
		return 0, huntAmbiguousDate(s, v)
	}
	for _, f := range huntWallForms() {
		t, err := time.Parse(f.layout, v)
		if err == nil {
			return huntWallResult(t, f.unit, end), nil
		}
		if pe, ok := err.(*time.ParseError); ok && strings.Contains(pe.Message, "out of range") && len(f.layout) == len(v) {
			return 0, fmt.Errorf("%q: %s", s, strings.TrimPrefix(pe.Message, ": "))
		}
	}
	if huntIsClockOnly(v) {
		return 0, fmt.Errorf("%q has no date: write 2017-05-02 %s", s, v)
	}
	return 0, fmt.Errorf("%q is not a time cdrtui reads: write 2017-05-02T10:02:11, 2017-05-02 10:02 or 2017-05-02", s)
}

func huntWallResult(t time.Time, unit time.Duration, end bool) int64 {
	w := t.Unix()
	if end {
		w += int64(unit/time.Second) - 1
	}
	return w
}

// huntZoneSuffix returns a trailing zone or UTC offset ("Z", "+01:00", "UTC").
func huntZoneSuffix(v string) string {
	upper := strings.ToUpper(v)
	for _, z := range []string{" UTC", " GMT", "Z"} {
		if strings.HasSuffix(upper, z) && len(v) > 10 {
			return strings.TrimSpace(v[len(v)-len(z):])
		}
	}
	// an offset after a clock: 10:02:11+01:00, 10:02 -0500
	if i := strings.LastIndexAny(v, "+-"); i > 0 && strings.Contains(v[:i], ":") {
		rest := strings.TrimSpace(v[i+1:])
		if rest != "" && strings.Trim(rest, "0123456789:") == "" {
			return v[i:]
		}
	}
	return ""
}

// huntParseSlashDate reads D/M/YYYY or M/D/YYYY (with an optional clock) when
// only one reading is a date. ok false with unit -1 means it is ambiguous.
func huntParseSlashDate(v string) (time.Time, time.Duration, bool) {
	date, clock, _ := strings.Cut(strings.Replace(v, "T", " ", 1), " ")
	parts := strings.Split(date, "/")
	if len(parts) != 3 || len(parts[2]) != 4 || len(parts[0]) > 2 || len(parts[1]) > 2 {
		return time.Time{}, 0, false
	}
	a, e1 := strconv.Atoi(parts[0])
	b, e2 := strconv.Atoi(parts[1])
	y, e3 := strconv.Atoi(parts[2])
	if e1 != nil || e2 != nil || e3 != nil {
		return time.Time{}, 0, false
	}
	var day, month int
	switch {
	case a > 12 && b <= 12:
		day, month = a, b
	case b > 12 && a <= 12:
		day, month = b, a
	case a == b:
		day, month = a, b
	default:
		return time.Time{}, -1, false
	}
	iso := fmt.Sprintf("%04d-%02d-%02d", y, month, day)
	if clock != "" {
		iso += " " + clock
	}
	for _, f := range huntWallForms() {
		if !strings.HasPrefix(f.layout, "2006-01-02") {
			continue
		}
		if t, err := time.Parse(f.layout, iso); err == nil {
			return t, f.unit, true
		}
	}
	return time.Time{}, 0, false
}

func huntAmbiguousDate(s, v string) error {
	date, _, _ := strings.Cut(v, " ")
	p := strings.Split(date, "/")
	return fmt.Errorf("%q can be read two ways (%s-%s-%s or %s-%s-%s): write the date as YYYY-MM-DD",
		s, p[2], huntPad2(p[1]), huntPad2(p[0]), p[2], huntPad2(p[0]), huntPad2(p[1]))
}

func huntPad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

func huntIsClockOnly(v string) bool {
	return strings.Contains(v, ":") && strings.Trim(v, "0123456789:") == ""
}
