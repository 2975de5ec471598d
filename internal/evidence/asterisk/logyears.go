package asterisk

import (
	"fmt"
	"time"
)

// PlaceYears gives a year to the entries whose timestamp has none
// ([Mar 24 15:52:44], syslog "Nov  4 18:30:40"), in place, and returns how
// the year was chosen as a sentence.
//
// refYear and refMonth come from another artefact believed to be at least
// as new as the log's end (the newest call record, a file's modification
// time); refMonth may be 0 when unknown. Logs are written in time order, so
// the entries are walked from the last to the first: the last year-less
// entry gets refYear, or refYear-1 when its month is after refMonth (the
// log cannot end after its reference); going back, each time the month
// grows (Jan back to Dec) a year boundary was crossed and the year drops by
// one. An entry that has its own year re-anchors the walk. Entries without
// a timestamp keep year 0. With refYear 0 nothing is changed.
func PlaceYears(entries []LogEntry, refYear int, refMonth int) (note string) {
	if refYear == 0 {
		return "year-less timestamps left without a year: no reference year was given"
	}
	year, prevMonth := refYear, 0
	anchoredByRef := true
	placed, rollovers, fromNeighbour := 0, 0, 0
	var lastPlaced *LogEntry
	for i := len(entries) - 1; i >= 0; i-- {
		e := &entries[i]
		if e.Month == 0 {
			continue
		}
		if e.Year != 0 {
			year, prevMonth, anchoredByRef = e.Year, e.Month, false
			continue
		}
		switch {
		case prevMonth == 0 && anchoredByRef:
			if refMonth >= 1 && refMonth <= 12 && e.Month > refMonth {
				year--
			}
		case prevMonth != 0 && e.Month > prevMonth:
			year--
			rollovers++
		}
		e.Year = year
		prevMonth = e.Month
		placed++
		if !anchoredByRef {
			fromNeighbour++
		}
		if lastPlaced == nil {
			lastPlaced = e
		}
	}
	if placed == 0 {
		return "every timestamp already carries its year"
	}
	ref := fmt.Sprint(refYear)
	if refMonth >= 1 && refMonth <= 12 {
		ref = fmt.Sprintf("%s %d", time.Month(refMonth).String()[:3], refYear)
	}
	note = fmt.Sprintf("%d year-less timestamps dated by counting back from the reference %s: "+
		"the newest (%s %d, line %d) was placed in %d; %d year boundaries (the month growing, as from Jan back to Dec) were crossed going back",
		placed, ref, time.Month(lastPlaced.Month).String()[:3], lastPlaced.Day, lastPlaced.Line, lastPlaced.Year, rollovers)
	if fromNeighbour > 0 {
		note += fmt.Sprintf("; %d of them were dated from a later entry that carries its own year", fromNeighbour)
	}
	return note
}

// PlaceYearsAfter gives a year to the year-less entries of a log begun no
// earlier than fromYear-fromMonth-fromDay (the live log logrotate started
// when it rotated the one before it to a dated name), walking forward: the
// first entry is in fromYear, or the next year when its month and day come
// before the start's; each time the month falls (Dec to Jan) the year
// grows by one. An entry that carries its own year re-anchors the walk.
// It returns the sentence saying how many were placed and where the walk
// crossed a year.
func PlaceYearsAfter(entries []LogEntry, fromYear, fromMonth, fromDay int) (note string) {
	year, prevMonth := 0, 0
	placed, rollovers := 0, 0
	var first *LogEntry
	for i := range entries {
		e := &entries[i]
		if e.Month == 0 {
			continue
		}
		if e.Year != 0 {
			year, prevMonth = e.Year, e.Month
			continue
		}
		switch {
		case year == 0:
			year = fromYear
			if e.Month < fromMonth || e.Month == fromMonth && e.Day < fromDay {
				year++
			}
		case e.Month < prevMonth:
			year++
			rollovers++
		}
		e.Year, prevMonth = year, e.Month
		placed++
		if first == nil {
			first = e
		}
	}
	if placed == 0 {
		return "every timestamp already carries its year"
	}
	return fmt.Sprintf("%d year-less timestamps dated forward from the start %04d-%02d-%02d: the first (%s %d, line %d) was placed in %d; %d year boundaries (the month falling, as from Dec to Jan) were crossed going forward",
		placed, fromYear, fromMonth, fromDay, time.Month(first.Month).String()[:3], first.Day, first.Line, first.Year, rollovers)
}
