package evidence

import (
	"fmt"
	"slices"
)

// An IPDR that lists the events of a session (Airtel's dynamic IPDR:
// Event_Start_Time beside Session_Start_Time and Session_End_Time) has a
// row per event: a NAT port is the event's, held around the event's time,
// not for the whole session. The record's start is then the event's, and
// the session's end is not its end.

// eventOverSession takes the event's start for the record's when the
// start chosen is the session's and another start column names the event
// and its values fit. The session's end columns are then set aside, and so
// is an unqualified duration (beside session times it may be the
// session's): the record has no end rather than a wrong one.
func eventOverSession(l *Layout, cands map[Field][]candidate, byCol map[int][]string, forced map[Field]string) {
	if _, ok := forced[FStart]; ok {
		return
	}
	c, ok := l.Columns[FStart]
	if !ok || !headerHas(l, c, "session") {
		return
	}
	event := -1
	for _, cd := range cands[FStart] {
		if cd.col != c && headerHas(l, cd.col, "event") && !headerHas(l, cd.col, "session") && valuesFit(FStart, byCol[cd.col]) {
			event = cd.col
			break
		}
	}
	if event < 0 {
		return
	}
	l.Columns[FStart] = event
	l.Refused = append(l.Refused, fmt.Sprintf("%q not start (the session's; the row is an event within it)", l.Header[c]))
	for _, f := range []Field{FEnd, FEndDate, FEndTime, FDuration} {
		col, ok := l.Columns[f]
		if _, isForced := forced[f]; !ok || isForced || headerHas(l, col, "event") {
			continue
		}
		if f == FDuration || headerHas(l, col, "session") {
			delete(l.Columns, f)
			l.Refused = append(l.Refused, fmt.Sprintf("%q not the event's %s", l.Header[col], f))
		}
	}
}

// headerHas reports whether the header of column c has the word w.
func headerHas(l *Layout, c int, w string) bool {
	return c < len(l.Header) && slices.Contains(headerWords(l.Header[c]), w)
}
