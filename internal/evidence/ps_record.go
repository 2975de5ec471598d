package evidence

import "fmt"

// A packet-core charging record in 3GPP's field names (TS 32.298's
// PGW-CDR, SGW-CDR, G-CDR, as decoders write them) opens at
// recordOpeningTime and lasts its duration. Its startTime and stopTime are
// another thing: the start and stop of the whole IP-CAN session, given in
// the session's first and last record only (TS 32.298 §5.1.2.2.x "Start
// Time", "Stop Time"); a session cut into partial records (a time or
// volume limit) has many records between them. Taken for a record's start
// they would date every partial record, its volumes and its cell at the
// session's beginning.

// recordOpeningOverSession takes recordOpeningTime for the start when the
// start chosen is another column (startTime: an earlier alias) and
// recordOpeningTime's values fit, and sets aside the session's stopTime
// as the end: the record's end is then its opening plus its duration.
func recordOpeningOverSession(l *Layout, cands map[Field][]candidate, byCol map[int][]string, forced map[Field]string) {
	if _, ok := forced[FStart]; ok {
		return
	}
	c, ok := l.Columns[FStart]
	if !ok || normalizeHeader(l.Header[c]) == "recordopeningtime" {
		return
	}
	opening := -1
	for _, cd := range cands[FStart] {
		if normalizeHeader(l.Header[cd.col]) == "recordopeningtime" && len(byCol[cd.col]) > 0 && valuesFit(FStart, byCol[cd.col]) {
			opening = cd.col
			break
		}
	}
	if opening < 0 {
		return
	}
	l.Columns[FStart] = opening
	l.Refused = append(l.Refused, fmt.Sprintf("%q not start (the IP-CAN session's, TS 32.298; the record opens at %q)", l.Header[c], l.Header[opening]))
	if e, ok := l.Columns[FEnd]; ok && normalizeHeader(l.Header[e]) == "stoptime" {
		if _, isForced := forced[FEnd]; !isForced {
			delete(l.Columns, FEnd)
			l.Refused = append(l.Refused, fmt.Sprintf("%q not end (the IP-CAN session's; the record ends at its opening plus its duration)", l.Header[e]))
		}
	}
}

// volumesWithoutParty reports a file with data volumes and no column for
// another party: data sessions, whatever a record type and a duration
// beside the volumes suggest (a PGW-CDR's recordType 85 and duration).
func volumesWithoutParty(l *Layout) bool {
	for _, f := range []Field{FOther, FAParty, FBParty} {
		if l.Has(f) {
			return false
		}
	}
	return l.Has(FUplink) || l.Has(FDownlink) || l.Has(FTotal)
}
