package evidence

import (
	"fmt"
	"strconv"
	"strings"
)

// A FRITZ!Box (AVM's home router and PBX) exports its call list
// ("Anrufliste") as a semicolon-separated file after a "sep=;" line, in
// the firmware's language: "Typ;Datum;Name;Rufnummer;Nebenstelle;Eigene
// Rufnummer;Dauer" or "Type;Date;Name;Number;Extension;Outgoing Caller
// ID;Duration" (older firmware without Name). Its Dauer/Duration is hours
// and minutes ("0:05" is five minutes, "1:12" an hour and twelve), its
// Datum dd.mm.yy HH:MM, its own number (the line the call used, the
// subscriber's, "Internet: 7321234" for a SIP line) beside the other
// party's, and its Typ a code: 1 incoming, 4 outgoing; 2 (missed, or in
// newer firmware also an outgoing call not answered) and 3 (outgoing in
// older firmware, rejected in newer) name no direction and are kept as
// written, flagged (and every code of the push service's list, whose
// numbering differs). Read as any call file, "1:12" was 72 seconds and no
// column was the subscriber's.

// fritzBoxLists are the headers of the call lists, normalised, with the
// columns of the type, date, other party, own number and duration.
var fritzBoxLists = []struct {
	header                           []string
	typ, date, other, own, durationC int
}{
	{[]string{"typ", "datum", "name", "rufnummer", "nebenstelle", "eigenerufnummer", "dauer"}, 0, 1, 3, 5, 6},
	{[]string{"type", "date", "name", "number", "extension", "outgoingcallerid", "duration"}, 0, 1, 3, 5, 6},
	{[]string{"typ", "date", "name", "number", "extension", "outgoingcallerid", "duration"}, 0, 1, 3, 5, 6},
	{[]string{"type", "date", "name", "number", "extension", "telephonenumber", "duration"}, 0, 1, 3, 5, 6},
	{[]string{"type", "date", "name", "telephonenumber", "extension", "telephonenumber", "duration"}, 0, 1, 3, 5, 6},
	{[]string{"typ", "datum", "rufnummer", "nebenstelle", "eigenerufnummer", "dauer"}, 0, 1, 2, 4, 5},
	{[]string{"type", "date", "number", "extension", "localnumber", "duration"}, 0, 1, 2, 4, 5},
	{[]string{"typ", "date", "number", "extension", "outgoingcallerid", "duration"}, 0, 1, 2, 4, 5},
}

// fritzDirections are the list's type codes that name a direction.
var fritzDirections = map[string]string{"1": "IN", "4": "OUT"}

// fritzBoxMap is the mapping of a FRITZ!Box call list's header, merged
// under the analyst's --map (which wins), or nil for any other header.
func fritzBoxMap(header []string, forced map[Field]string) map[Field]string {
	for _, fl := range fritzBoxLists {
		if len(header) != len(fl.header) {
			continue
		}
		same := true
		for i, h := range header {
			if normalizeHeader(h) != fl.header[i] {
				same = false
				break
			}
		}
		if !same {
			continue
		}
		m := map[Field]string{}
		for f, c := range map[Field]int{FDirection: fl.typ, FStart: fl.date, FOther: fl.other, FMSISDN: fl.own, FDuration: fl.durationC} {
			m[f] = strconv.Itoa(c + 1)
		}
		for f, c := range forced {
			m[f] = c
		}
		return m
	}
	return nil
}

// fritzBoxHeader finds a call list's header among the first records (after
// its "sep=;"), or nil.
func fritzBoxHeader(records []record) *headerCandidate {
	for i, r := range records[:min(len(records), 3)] {
		cells := splitStrings(r.text, ';')
		if fritzBoxMap(cells, nil) != nil {
			return &headerCandidate{delim: ';', index: i, line: r.line, cells: cells, columns: map[Field]int{}}
		}
	}
	return nil
}

// fritzBoxColumns drops the aliases that also took a call list's columns:
// its Typ is the direction code, never a call type, and its Datum the
// start, date and time in one.
func fritzBoxColumns(l *Layout) {
	for _, p := range [][2]Field{{FCallType, FDirection}, {FStartDate, FStart}, {FStartTime, FStart}} {
		if c, ok := l.Columns[p[0]]; ok && c == l.Columns[p[1]] {
			delete(l.Columns, p[0])
		}
	}
}

// hoursMinutes reads a FRITZ!Box duration, "H:MM", in seconds.
func hoursMinutes(s string) (int64, error) {
	v := strings.TrimSpace(s)
	h, m, ok := strings.Cut(v, ":")
	hours, err1 := strconv.Atoi(h)
	mins, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hours < 0 || len(m) != 2 || mins > 59 || mins < 0 || len(h) > 4 {
		return 0, fmt.Errorf("duration %q is not hours:minutes (H:MM), the call list's form", v)
	}
	return int64(hours)*3600 + int64(mins)*60, nil
}

// fritzOwnNumber is the own-number cell without the "Internet: " a
// FRITZ!Box writes before a SIP line's number.
func fritzOwnNumber(s string) string {
	if rest, ok := strings.CutPrefix(strings.TrimSpace(s), "Internet:"); ok {
		return strings.TrimSpace(rest)
	}
	return s
}
