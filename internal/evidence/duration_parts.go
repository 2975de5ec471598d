package evidence

import (
	"fmt"
	"strconv"
	"strings"
)

// A duration written in two columns, the minutes and the seconds after
// them: Zong's (China Mobile Pakistan) returns, CALL_TYPE, MSISDN_ID,
// STRT_TM, BNUMBER, MINS, SECS, ...; a CDR normaliser counts the duration
// as MINS × 60 + SECS. The pair is read so only when every sampled SECS
// is 0 to 59: a SECS of 60 or more is a whole duration in seconds, not
// what is left after the minutes, and adding the minutes to it would count
// them twice; the columns are then refused, and no duration is read.

// minuteColumns and secondColumns are the names of the two columns.
var (
	minuteColumns = []string{"mins", "minutes", "durmins", "durationmins", "durationminutes"}
	secondColumns = []string{"secs", "seconds", "dursecs", "durationsecs", "durationseconds"}
)

// minutesSecondsDuration reads the duration of a call file from its
// minutes and seconds columns when no column is the duration.
func minutesSecondsDuration(l *Layout, records []record, forced map[Field]string) {
	if l.Kind != KindVoice || l.Has(FDuration) {
		return
	}
	if _, ok := forced[FDuration]; ok {
		return
	}
	mins, secs := -1, -1
	for i, h := range l.Header {
		n := normalizeHeader(h)
		for _, m := range minuteColumns {
			if n == m && mins < 0 {
				mins = i
			}
		}
		for _, s := range secondColumns {
			if n == s && secs < 0 {
				secs = i
			}
		}
	}
	if mins < 0 || secs < 0 {
		return
	}
	names := fmt.Sprintf("%s×60+%s", l.Header[mins], l.Header[secs])
	for i, r := range records {
		if i >= sampleRows {
			break
		}
		cells := splitStrings(r.text, l.Delimiter)
		if secs >= len(cells) {
			continue
		}
		if v := strings.TrimSpace(unwrapValue(cells[secs])); allDigits(v) && v != "" {
			if n, _ := strconv.Atoi(v); n >= 60 {
				l.Refused = append(l.Refused, fmt.Sprintf("%q, %q not duration (%s %s on line %d: a whole duration in seconds, not the seconds after the minutes)",
					l.Header[mins], l.Header[secs], l.Header[secs], v, r.line))
				return
			}
		}
	}
	if l.Joined == nil {
		l.Joined = map[int]joinedColumn{}
	}
	virtual := len(l.Header) + len(l.Joined)
	l.Joined[virtual] = joinedColumn{field: FDuration, cols: []int{mins, secs}, base: names}
	l.Columns[FDuration] = virtual
}

// joinedDuration counts a row's duration from its minutes and seconds
// ("135" of 2 and 15): "" when both are empty; reason non-empty when one
// is no whole number or the seconds are 60 or more (the value then shows
// them as written).
func (rd *Reader) joinedDuration(j joinedColumn) (value, reason string) {
	var parts [2]string
	for i, c := range j.cols {
		if c < len(rd.cells) {
			parts[i] = strings.TrimSpace(unwrapValue(rd.cells[c]))
		}
	}
	if parts[0] == "" && parts[1] == "" {
		return "", ""
	}
	shown := fmt.Sprintf("%s=%s %s=%s", rd.l.Header[j.cols[0]], parts[0], rd.l.Header[j.cols[1]], parts[1])
	m, errM := strconv.ParseInt(parts[0], 10, 64)
	s, errS := strconv.ParseInt(parts[1], 10, 64)
	switch {
	case errM != nil || errS != nil || m < 0 || s < 0 || !allDigits(parts[0]) || !allDigits(parts[1]):
		return shown, "minutes and seconds that are not both whole numbers: the duration is not counted"
	case s >= 60:
		return shown, fmt.Sprintf("%d seconds after the minutes: not the seconds left over, the duration is not counted", s)
	}
	return strconv.FormatInt(m*60+s, 10), ""
}
