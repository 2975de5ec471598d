package evidence

import (
	"fmt"
	"slices"
)

// A return may give each time twice, as the wall clock of the place and
// as UTC (Verizon's VoLTE returns: "Record Open Date/Time(Local)" beside
// "Record Open Date/Time(GMT)"). The local one names no zone, so the
// instant it stands for depends on a --tz the analyst may not know to
// give (and repeats or skips an hour where the clocks change); the UTC
// one is the instant. utcOverLocal takes the UTC column for the start
// and the end, and sets a local end aside when it has no UTC twin: an end
// read in one clock beside a start read in the other would make a call
// hours long.

// clockWords reads whether a header names UTC (or GMT) or the local
// clock.
func clockWords(header string) (utc, local bool) {
	words := headerWords(header)
	return slices.Contains(words, "utc") || slices.Contains(words, "gmt"), slices.Contains(words, "local")
}

// utcOverLocal moves the start and end to their UTC columns where the
// chosen ones are the local clock's. A column the analyst named (--map)
// stands.
func utcOverLocal(l *Layout, cands map[Field][]candidate, byCol map[int][]string, forced map[Field]string) {
	startUTC := false
	for _, f := range []Field{FStart, FEnd} {
		c, ok := l.Columns[f]
		if !ok || c >= len(l.Header) {
			continue
		}
		utc, local := clockWords(l.Header[c])
		if utc && f == FStart {
			startUTC = true
		}
		if utc || !local {
			continue
		}
		if _, isForced := forced[f]; isForced {
			continue
		}
		twin := -1
		for _, cd := range cands[f] {
			if u, lo := clockWords(l.Header[cd.col]); u && !lo && cd.col != c && len(byCol[cd.col]) > 0 && valuesFit(f, byCol[cd.col]) {
				twin = cd.col
				break
			}
		}
		switch {
		case twin >= 0:
			l.Columns[f] = twin
			l.Refused = append(l.Refused, fmt.Sprintf("%q not %s (a local clock of no named zone; the same moment in UTC is %q)", l.Header[c], f, l.Header[twin]))
			if f == FStart {
				startUTC = true
			}
		case f == FEnd && startUTC:
			delete(l.Columns, FEnd)
			l.Refused = append(l.Refused, fmt.Sprintf("%q not end (a local clock beside a start in UTC)", l.Header[c]))
		}
	}
}
