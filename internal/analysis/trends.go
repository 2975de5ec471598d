package analysis

import (
	"fmt"
	"slices"
	"time"
)

// HourCount is the records that started in one hour of the wall clock.
// WallHour counts hours from 1970-01-01 00:00 of the wall clock the
// evidence wrote: floor((start + wall_offset) / 3600).
type HourCount struct {
	WallHour int64
	Count    int64
}

// WallHourOf returns the wall hour of a moment (see HourCount).
func WallHourOf(m Moment) int64 { return floorDiv(m.Unix+int64(m.Offset), 3600) }

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// ThreeHourLabel names interval i (0..7) of the day: "00-03" … "21-24".
func ThreeHourLabel(i int) string { return fmt.Sprintf("%02d-%02d", 3*i, 3*i+3) }

// WeekdayLabel names day i of the week, Monday first (0 = "Mon").
func WeekdayLabel(i int) string { return [7]string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}[i] }

// DayLayout is how dates are written ("2006-01-02").
const DayLayout = "2006-01-02"

// Trend is when records happened, by the wall clock written in the
// evidence: the paper's three-hour intervals of the day (Figure 9), the
// days of the week (Figure 8), both together, and every date of the span.
type Trend struct {
	Total   int64       `json:"total"`
	Bins3h  [8]int64    `json:"bins_3h"`    // 00-03 first
	Weekday [7]int64    `json:"weekday"`    // Monday first
	Grid    [7][8]int64 `json:"weekday_3h"` // [weekday][interval]
	Hours   [24]int64   `json:"hours"`      // per hour of the day
	// FirstDay and LastDay bound the dates with records (days from
	// 1970-01-01 of the wall clock); days holds the count of each.
	FirstDay int64 `json:"-"`
	LastDay  int64 `json:"-"`
	days     map[int64]int64
}

// DateCount is the records of one date.
type DateCount struct {
	Day     int64  `json:"-"`
	Date    string `json:"date"`
	Weekday string `json:"weekday"`
	Count   int64  `json:"count"`
}

// BuildTrend adds up counts per wall hour. The order of hours does not
// matter and an hour may come more than once.
func BuildTrend(hours []HourCount) Trend {
	t := Trend{days: map[int64]int64{}}
	for _, h := range hours {
		if h.Count == 0 {
			continue
		}
		day := floorDiv(h.WallHour, 24)
		hod := int(h.WallHour - 24*day)
		wd := weekdayOfDay(day)
		t.Total += h.Count
		t.Hours[hod] += h.Count
		t.Bins3h[hod/3] += h.Count
		t.Weekday[wd] += h.Count
		t.Grid[wd][hod/3] += h.Count
		if len(t.days) == 0 || day < t.FirstDay {
			t.FirstDay = day
		}
		if len(t.days) == 0 || day > t.LastDay {
			t.LastDay = day
		}
		t.days[day] += h.Count
	}
	return t
}

// weekdayOfDay is the weekday of a day number, Monday 0 (1970-01-01 was a
// Thursday).
func weekdayOfDay(day int64) int {
	return int(((day+3)%7 + 7) % 7)
}

// DayDate writes a day number as "2006-01-02".
func DayDate(day int64) string { return time.Unix(day*86400, 0).UTC().Format(DayLayout) }

// Empty reports whether the trend holds no records.
func (t Trend) Empty() bool { return t.Total == 0 }

// Dates returns every date from first to last day inclusive with its
// count, zeros included, so that gaps show.
func (t Trend) Dates(first, last int64) []DateCount {
	if last < first {
		return nil
	}
	out := make([]DateCount, 0, last-first+1)
	for d := first; d <= last; d++ {
		out = append(out, DateCount{Day: d, Date: DayDate(d), Weekday: WeekdayLabel(weekdayOfDay(d)), Count: t.days[d]})
	}
	return out
}

// ByDate maps every date of the trend's own span to its count.
func (t Trend) ByDate() map[string]int64 {
	out := map[string]int64{}
	if t.Empty() {
		return out
	}
	for _, d := range t.Dates(t.FirstDay, t.LastDay) {
		out[d.Date] = d.Count
	}
	return out
}

// Span returns the union of the trends' date spans; ok is false when none
// holds a record.
func Span(ts ...Trend) (first, last int64, ok bool) {
	for _, t := range ts {
		if t.Empty() {
			continue
		}
		if !ok || t.FirstDay < first {
			first = t.FirstDay
		}
		if !ok || t.LastDay > last {
			last = t.LastDay
		}
		ok = true
	}
	return first, last, ok
}

// Peak returns the largest count among the trends' intervals, weekdays,
// cells of the grid and dates, per kind, so that two trends drawn side by
// side share one scale.
type Peak struct{ Bin, Weekday, Cell, Day int64 }

// PeakOf returns the common peaks of ts.
func PeakOf(ts ...Trend) Peak {
	var p Peak
	for _, t := range ts {
		p.Bin = max(p.Bin, slices.Max(t.Bins3h[:]))
		p.Weekday = max(p.Weekday, slices.Max(t.Weekday[:]))
		for _, row := range t.Grid {
			p.Cell = max(p.Cell, slices.Max(row[:]))
		}
		for _, n := range t.days {
			p.Day = max(p.Day, n)
		}
	}
	return p
}
