package asterisk

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// IncludeWindow is the time restriction of an include => line
// (extensions.conf: include => context,TIME,DOW,DOM,MON[,TZ]), as
// main/pbx_timing.c's ast_build_timing reads it: TIME a range of minutes
// "hh:mm-hh:mm" (both ends included, wrapping past midnight), DOW a range
// of weekdays (sun..sat), DOM of days of the month (1..31), MON of months
// (jan..dec), each "*" for any and '&' joining several; TZ, when given, the
// zone the clock is read in (else the PBX's own, ast_localtime).
type IncludeWindow struct {
	Spec     string     // as written, ',' between the fields
	minutes  [1440]bool // minute of the day
	dow      [7]bool    // Sunday first
	dom      [32]bool   // 1..31
	mon      [13]bool   // 1..12
	Zone     *time.Location
	ZoneName string
}

var (
	dowNames = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}
	monNames = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
)

// ParseIncludeWindow reads the fields after an include's context
// ("09:00-17:00,mon-fri,*,*" or the older '|'-separated form). A field
// left out is "*". err says which field cannot be read.
func ParseIncludeWindow(spec string) (IncludeWindow, error) {
	spec = strings.ReplaceAll(strings.TrimSpace(spec), "|", ",")
	w := IncludeWindow{Spec: spec}
	f := strings.Split(spec, ",")
	for len(f) < 4 {
		f = append(f, "*")
	}
	field := func(i int) string {
		v := strings.TrimSpace(f[i])
		if v == "" {
			return "*"
		}
		return v
	}
	if err := eachPart(field(0), func(p string) error { return w.setTimes(p) }); err != nil {
		return w, fmt.Errorf("time %q: %v", field(0), err)
	}
	if err := eachPart(field(1), func(p string) error { return setRange(w.dow[:], p, 0, dowNames) }); err != nil {
		return w, fmt.Errorf("day of week %q: %v", field(1), err)
	}
	if err := eachPart(field(2), func(p string) error { return setRange(w.dom[:], p, 1, nil) }); err != nil {
		return w, fmt.Errorf("day of month %q: %v", field(2), err)
	}
	if err := eachPart(field(3), func(p string) error { return setRange(w.mon[:], p, 1, monNames) }); err != nil {
		return w, fmt.Errorf("month %q: %v", field(3), err)
	}
	if len(f) > 4 && strings.TrimSpace(f[4]) != "" {
		name := strings.TrimSpace(f[4])
		loc, err := time.LoadLocation(name)
		if err != nil {
			return w, fmt.Errorf("zone %q: not a zone this machine knows", name)
		}
		w.Zone, w.ZoneName = loc, name
	}
	return w, nil
}

func eachPart(v string, fn func(string) error) error {
	for _, p := range strings.Split(v, "&") {
		if err := fn(strings.TrimSpace(p)); err != nil {
			return err
		}
	}
	return nil
}

func (w *IncludeWindow) setTimes(p string) error {
	if p == "*" {
		for i := range w.minutes {
			w.minutes[i] = true
		}
		return nil
	}
	a, b, ok := strings.Cut(p, "-")
	s, err := minuteOf(a)
	if err != nil {
		return err
	}
	e := s
	if ok {
		if e, err = minuteOf(b); err != nil {
			return err
		}
	}
	for x := s; x != e; x = (x + 1) % 1440 {
		w.minutes[x] = true
	}
	w.minutes[e] = true
	return nil
}

func minuteOf(v string) (int, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(v), ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return 0, fmt.Errorf("%q is not hh:mm", v)
	}
	return hh*60 + mm, nil
}

// setRange marks a range of set (names or numbers from base), wrapping
// when it ends before it starts (fri-mon).
func setRange(set []bool, p string, base int, names []string) error {
	if p == "*" {
		for i := base; i < len(set); i++ {
			set[i] = true
		}
		return nil
	}
	a, b, ranged := strings.Cut(p, "-")
	s, err := rangeValue(a, base, len(set)-1, names)
	if err != nil {
		return err
	}
	e := s
	if ranged {
		if e, err = rangeValue(b, base, len(set)-1, names); err != nil {
			return err
		}
	}
	n := len(set) - base
	for x := s; ; x = base + (x-base+1)%n {
		set[x] = true
		if x == e {
			break
		}
	}
	return nil
}

func rangeValue(v string, lo, hi int, names []string) (int, error) {
	v = strings.ToLower(strings.TrimSpace(v))
	for i, n := range names {
		if v == n {
			return lo + i, nil
		}
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%q is not one of %d..%d%s", v, lo, hi, map[bool]string{true: " or a name", false: ""}[names != nil])
	}
	return n, nil
}

// Covers says whether the include applied at a moment: wall is the PBX's
// wall clock (Unix seconds read as UTC fields), abs the same moment in
// Unix seconds, read in the window's own zone when it names one.
func (w IncludeWindow) Covers(wall, abs int64) bool {
	t := time.Unix(wall, 0).UTC()
	if w.Zone != nil {
		t = time.Unix(abs, 0).In(w.Zone)
	}
	return w.minutes[t.Hour()*60+t.Minute()] && w.dow[int(t.Weekday())] && w.dom[t.Day()] && w.mon[int(t.Month())]
}
