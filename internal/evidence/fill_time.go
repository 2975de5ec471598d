package evidence

import (
	"errors"
	"fmt"
	"strings"
)

// startTime reads the start from one date-time column or from separate
// date and time columns.
func (rd *Reader) startTime() (int64, int32, string) {
	w, err := rd.wall(FStart, FStartDate, FStartTime)
	if err != nil {
		return 0, 0, "start time: " + err.Error()
	}
	unix, off, err := rd.zone.resolve(w, rd.l.Zone)
	if err != nil {
		return 0, 0, "start time: " + err.Error()
	}
	return unix, off, ""
}

// endTime reads the end, or derives it from a duration. An end time of day
// with no date of its own takes the start's date, and the next day when it
// is earlier than the start (the session ran past midnight).
func (rd *Reader) endTime(row *Row, start int64) (int64, bool) {
	if !rd.has(FEnd) && !rd.has(FEndDate) && !rd.has(FEndTime) {
		if s := rd.cell(FDuration); s != "" {
			n, err := rd.duration(s)
			if err != nil {
				row.issue(FDuration, s, err)
				return 0, false
			}
			return start + n, true
		}
		return 0, false
	}
	dateField := FEndDate
	borrowed := false
	if !rd.has(FEnd) && !rd.has(FEndDate) {
		dateField, borrowed = FStartDate, true
	}
	if rd.cell(FEnd) == "" && rd.cell(FEndTime) == "" && rd.cell(FEndDate) == "" {
		return 0, false
	}
	w, err := rd.wall(FEnd, dateField, FEndTime)
	if err != nil {
		row.issue(FEnd, rd.cell(FEnd)+rd.cell(FEndTime), err)
		return 0, false
	}
	end, _, err := rd.zone.resolve(w, rd.l.Zone)
	if ce := (*ClockError)(nil); errors.As(err, &ce) {
		// an end the clocks showed twice is the one after the start, when
		// only one is
		if end, err = endAfter(ce, start); err != nil {
			row.issue(FEnd, w.String(), err)
			return 0, false
		}
	}
	if end < start && borrowed {
		end += 86400
	}
	if end < start {
		row.issue(FEnd, w.String(), errors.New("end is before start"))
		return 0, false
	}
	return end, true
}

// wall reads a date-time from a full column, or from date and time columns.
func (rd *Reader) wall(full, date, tod Field) (Wall, error) {
	if rd.has(full) {
		s := rd.cell(full)
		if s == "" {
			return Wall{}, errors.New("empty")
		}
		w, err := ParseDateTime(s, rd.l.DateOrder)
		if err == nil {
			w, err = CheckLabel(w, rd.l.Zone)
		}
		if err != nil {
			return Wall{}, fmt.Errorf("%q: %w", s, err)
		}
		if ZeroDate(w) {
			return rd.zeroDatedClock(s, w, date)
		}
		return w, nil
	}
	ds := rd.cell(date)
	if ds == "" {
		return Wall{}, errors.New("empty date")
	}
	d, err := rd.date(ds)
	if err != nil {
		if w, err2 := ParseDateTime(ds, rd.l.DateOrder); err2 == nil && w.HasTime {
			if w, err2 = CheckLabel(w, rd.l.Zone); err2 != nil {
				return Wall{}, fmt.Errorf("date %q: %w", ds, err2)
			}
			if ts := rd.cell(tod); ts != "" {
				return rd.timeAgrees(w, ds, ts)
			}
			return w, nil
		}
		return Wall{}, fmt.Errorf("date %q: %w", ds, err)
	}
	ts := rd.cell(tod)
	if ts == "" {
		return d, nil
	}
	if clock, ok := zeroDated(unwrapValue(strings.TrimSpace(ts))); ok {
		ts = clock // a time column kept as date-times on a zero day (Access: 1899-12-30 09:12:44)
	}
	sec, nano, err := ParseTimeOfDay(ts)
	if err != nil {
		full, err2 := ParseDateTime(ts, rd.l.DateOrder)
		if err2 != nil || !full.HasTime {
			return Wall{}, fmt.Errorf("time %q: %w", ts, err)
		}
		// a time column kept as full date-times (a spreadsheet's time
		// cell that holds its day too): its clock, on the date column's day
		if full.Year != d.Year || full.Month != d.Month || full.Day != d.Day {
			return Wall{}, fmt.Errorf("time %q is dated another day than date %q: which day is the record's is not known", ts, ds)
		}
		sec, nano = full.Hour*3600+full.Minute*60+full.Second, full.Nano
	}
	return Combine(d, sec, nano), nil
}

// timeAgrees reads a date column that holds a time of day too (a
// spreadsheet's date-time cell shown as a date) beside a time column: the
// record's when the time column says the same clock, refused when it says
// another, never one of the two taken silently.
func (rd *Reader) timeAgrees(w Wall, ds, ts string) (Wall, error) {
	clock := strings.TrimSpace(unwrapValue(ts))
	if c, ok := zeroDated(clock); ok {
		clock = c
	}
	sec, _, err := ParseTimeOfDay(clock)
	if err != nil {
		full, err2 := ParseDateTime(clock, rd.l.DateOrder)
		if err2 != nil || !full.HasTime {
			return Wall{}, fmt.Errorf("time %q: %w", ts, err)
		}
		if full.Year != w.Year || full.Month != w.Month || full.Day != w.Day {
			return Wall{}, fmt.Errorf("time %q is dated another day than date %q: which day is the record's is not known", ts, ds)
		}
		sec = full.Hour*3600 + full.Minute*60 + full.Second
	}
	if sec != w.Hour*3600+w.Minute*60+w.Second {
		return Wall{}, fmt.Errorf("date %q holds a time of day and the time column %q another: which is the record's is not known", ds, ts)
	}
	return w, nil
}

// zeroDatedClock reads a date-time written on a zero date (an Ericsson
// MSC's timeForStartOfCharge kept in a date-time type: "1970-01-01
// 09:12:44") as the time of day it holds, on the date of the date column;
// with no date column it is no date at all, never a record of 1970.
func (rd *Reader) zeroDatedClock(s string, w Wall, date Field) (Wall, error) {
	ds := rd.cell(date)
	if !rd.has(date) || ds == "" {
		return Wall{}, fmt.Errorf("%q: dated %04d-%02d-%02d, the day a time of day kept as a date-time is given (or a zero timestamp), and no date column gives the record's date", s, w.Year, w.Month, w.Day)
	}
	d, err := ParseDate(ds, rd.l.DateOrder)
	if err != nil {
		full, err2 := ParseDateTime(ds, rd.l.DateOrder)
		if err2 != nil {
			return Wall{}, fmt.Errorf("date %q: %w", ds, err)
		}
		d = Wall{Year: full.Year, Month: full.Month, Day: full.Day}
	}
	if ZeroDate(d) {
		return Wall{}, fmt.Errorf("%q on date %q: both on a zero date, no date of the record", s, ds)
	}
	d.HasOffset, d.Offset, d.Label = w.HasOffset, w.Offset, w.Label
	return Combine(d, w.Hour*3600+w.Minute*60+w.Second, w.Nano), nil
}

// endAfter picks, of the instants an end's wall clock names, the one not
// before the start; an end the clocks skipped, or one that is after the
// start at both instants, is not read.
func endAfter(ce *ClockError, start int64) (int64, error) {
	var after []int64
	for _, u := range ce.Instants {
		if u >= start {
			after = append(after, u)
		}
	}
	if len(after) == 1 {
		return after[0], nil
	}
	return 0, ce
}
