package evidence

import (
	"fmt"
	"math"
	"time"
)

// A wall clock written without an offset names one instant in most zones
// on most days. Where a zone's clocks go back (the end of summer time),
// the wall clocks of the hour before the change occur twice; where they
// go forward, those of the hour skipped never occur. time.Date picks one
// instant for either without a word (it reads 02:30 on the morning New
// York's clocks went forward as 01:30 EST), so a record there would be
// placed an hour off. Resolve says so instead.

// ClockError says a wall clock written without an offset names no single
// instant in its zone: it occurred twice (Instants holds both, earlier
// first) or never (Instants is empty).
type ClockError struct {
	Wall     Wall
	Zone     *time.Location
	Instants []int64
}

func (e *ClockError) Error() string {
	if len(e.Instants) == 0 {
		return fmt.Sprintf("%s never occurred in %s (its clocks went forward past it that day) and the value gives no offset",
			e.Wall, e.Zone)
	}
	at := func(u int64) string {
		t := time.Unix(u, 0).In(e.Zone)
		name, _ := t.Zone()
		return fmt.Sprintf("%s (%s, %s UTC)", t.Format("15:04:05"), name, t.UTC().Format("15:04:05"))
	}
	return fmt.Sprintf("%s occurred twice in %s (its clocks went back that day): at %s or at %s, and the value gives no offset",
		e.Wall, e.Zone, at(e.Instants[0]), at(e.Instants[1]))
}

// Resolve is In for a wall clock that must name one instant: where loc's
// clocks went back or forward around it, and the value carries no offset
// of its own, it returns a *ClockError instead of an instant an hour off.
func (w Wall) Resolve(loc *time.Location) (unix int64, wallOffset int32, err error) {
	if w.HasOffset || loc == nil {
		u, off := w.In(loc)
		return u, off, nil
	}
	us := w.instants(loc)
	if len(us) != 1 {
		return 0, 0, &ClockError{Wall: w, Zone: loc, Instants: us}
	}
	asUTC := time.Date(w.Year, time.Month(w.Month), w.Day, w.Hour, w.Minute, w.Second, 0, time.UTC).Unix()
	return us[0], int32(asUTC - us[0]), nil
}

// dstReach is how far from a change of loc's offset a wall clock is looked
// at twice: more than any change of offset a zone has made (Samoa's
// clocks skipped a whole day in 2011).
const dstReach = 26 * 3600

// instants are the instants at which loc's clocks showed w, earliest
// first: one on most days, two in an hour the clocks went back over, none
// in one they skipped.
func (w Wall) instants(loc *time.Location) []int64 {
	asUTC := time.Date(w.Year, time.Month(w.Month), w.Day, w.Hour, w.Minute, w.Second, 0, time.UTC).Unix()
	t := time.Date(w.Year, time.Month(w.Month), w.Day, w.Hour, w.Minute, w.Second, 0, loc)
	_, off := t.Zone()
	start, end := t.ZoneBounds()
	u := asUTC - int64(off)
	near := func(b time.Time) bool { return !b.IsZero() && abs64(u-b.Unix()) < dstReach }
	if !near(start) && !near(end) {
		return []int64{u} // the usual case: no change of offset within a day
	}
	offsets := []int{off}
	if !start.IsZero() {
		_, o := start.Add(-time.Second).Zone()
		offsets = append(offsets, o)
	}
	if !end.IsZero() {
		_, o := end.Zone()
		offsets = append(offsets, o)
	}
	var us []int64
	for _, o := range offsets {
		c := asUTC - int64(o)
		if _, got := time.Unix(c, 0).In(loc).Zone(); got != o {
			continue // at c the clocks were not at offset o: not this wall clock
		}
		dup := false
		for _, x := range us {
			dup = dup || x == c
		}
		if !dup {
			us = append(us, c)
		}
	}
	if len(us) == 2 && us[0] > us[1] {
		us[0], us[1] = us[1], us[0]
	}
	return us
}

// zoneSpan remembers a span of instants over which a zone kept one
// offset, more than dstReach from its changes: a wall clock read at that
// offset into the span names that instant alone, with no lookup in the
// zone's rules (a file's rows mostly fall in one such span).
type zoneSpan struct {
	loc      *time.Location
	from, to int64
	off      int64
}

// resolve is w.Resolve(loc), through the span.
func (z *zoneSpan) resolve(w Wall, loc *time.Location) (int64, int32, error) {
	if w.HasOffset || loc == nil {
		return w.Resolve(loc)
	}
	if z.loc == loc {
		asUTC := time.Date(w.Year, time.Month(w.Month), w.Day, w.Hour, w.Minute, w.Second, 0, time.UTC).Unix()
		if u := asUTC - z.off; u >= z.from && u < z.to {
			return u, int32(z.off), nil
		}
	}
	u, off, err := w.Resolve(loc)
	if err != nil {
		return u, off, err
	}
	start, end := time.Unix(u, 0).In(loc).ZoneBounds()
	*z = zoneSpan{loc: loc, from: math.MinInt64, to: math.MaxInt64, off: int64(off)}
	if !start.IsZero() {
		z.from = start.Unix() + dstReach
	}
	if !end.IsZero() {
		z.to = end.Unix() - dstReach
	}
	return u, off, nil
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// WallOffset is the offset that gives back the wall clock of e at u, one
// of e.Instants.
func (e *ClockError) WallOffset(u int64) int32 {
	w := e.Wall
	return int32(time.Date(w.Year, time.Month(w.Month), w.Day, w.Hour, w.Minute, w.Second, 0, time.UTC).Unix() - u)
}

// Only is the one instant of e for which keep holds, if one alone does.
func (e *ClockError) Only(keep func(unix int64) bool) (int64, bool) {
	var got []int64
	for _, u := range e.Instants {
		if keep(u) {
			got = append(got, u)
		}
	}
	if len(got) != 1 {
		return 0, false
	}
	return got[0], true
}
