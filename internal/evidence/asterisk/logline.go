package asterisk

import (
	"strings"
)

// logLineKind says what one physical log line is.
type logLineKind int

const (
	logEntry   logLineKind = iota // a timestamped entry
	logComment                    // a '#' comment line, not Asterisk output
	logText                       // anything else: a continuation or a stray line
)

var monthAbbrev = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}

// stamp holds the parts of a timestamp.
type stamp struct {
	year, month, day, hour, minute, second int
}

// parseLogLine classifies one non-blank line and, for an entry, reads its
// parts. The forms understood:
//
//	[2012-02-13 17:21:54] NOTICE[1638] chan_sip.c: text
//	[2013-02-05 23:44:42] NOTICE[436][C-00000fa9] chan_sip.c: text
//	[2016-06-09 00:01:02] NOTICE [22382] manager.c: text
//	[2016-08-19 11:11:26] NOTICE[12931]: chan_sip.c:28468 handle_request_register: text
//	[Mar 24 15:52:44] Asterisk 11.7.0 built by ...          (restart banner)
//	[Nov  6 06:25:01] ...                                    (space-padded day)
//	Nov 4 18:30:40 localhost asterisk[32229]: NOTICE[32257]: chan_sip.c:23417 in handle_request_register: text
//	2024-01-27T15:07:24.1+03:00 host asterisk[1]: ...        (RFC 3339 syslog)
func parseLogLine(line string, n int64) (LogEntry, logLineKind) {
	e := LogEntry{Line: n, EndLine: n}
	if strings.HasPrefix(line, "#") {
		e.Text = line
		return e, logComment
	}
	if line[0] == '{' {
		if e, ok := parseJSONLogLine(line, n); ok {
			return e, logEntry
		}
	}
	if line[0] == '[' {
		if end := strings.IndexByte(line, ']'); end > 0 && end < 48 {
			if st, ok := parseStampText(line[1:end]); ok {
				e.Stamp = line[1:end]
				e.setStamp(st)
				parseAsteriskBody(strings.TrimLeft(line[end+1:], " \t"), &e)
				return e, logEntry
			}
		}
	}
	if st, width, ok := parseSyslogStamp(line); ok {
		e.Stamp = line[:width]
		e.setStamp(st)
		parseSyslogBody(strings.TrimLeft(line[width:], " \t"), &e)
		return e, logEntry
	}
	e.Text = line
	return e, logText
}

func (e *LogEntry) setStamp(st stamp) {
	e.Year, e.Month, e.Day = st.year, st.month, st.day
	e.Hour, e.Minute, e.Second = st.hour, st.minute, st.second
}

// parseStampText reads a whole bracketed timestamp: "2012-02-13 17:21:54"
// (a 'T' may separate, a fraction may follow the seconds), "Mar 24
// 15:52:44", "Nov  6 06:25:01" or "Mar 24 2015 15:52:44".
func parseStampText(s string) (stamp, bool) {
	if len(s) > 0 && s[0] >= '0' && s[0] <= '9' {
		t, _, err := ParseTime(s)
		if err != nil || strings.Contains(s, "/") {
			return stamp{}, false
		}
		return stamp{t.Year(), int(t.Month()), t.Day(), t.Hour(), t.Minute(), t.Second()}, true
	}
	st, width, ok := parseMonthDayStamp(s)
	return st, ok && width == len(s)
}

// parseMonthDayStamp reads "Mon D HH:MM:SS" (day padded with spaces or not,
// optionally "Mon D YYYY HH:MM:SS", optionally a fraction) at the start of s
// and says how many bytes it used.
func parseMonthDayStamp(s string) (stamp, int, bool) {
	var st stamp
	if len(s) < 3 {
		return st, 0, false
	}
	st.month = monthAbbrev[strings.ToLower(s[:3])]
	if st.month == 0 {
		return st, 0, false
	}
	p := timeScanner{s: s, pos: 3}
	if !p.spaces() {
		return st, 0, false
	}
	var ok bool
	if st.day, ok = p.digits(1, 2); !ok || st.day < 1 || st.day > 31 || !p.spaces() {
		return st, 0, false
	}
	save := p.pos
	if y, ok := p.digits(4, 4); ok && p.spaces() {
		st.year = y
	} else {
		p.pos = save
	}
	h, ok1 := p.digits(2, 2)
	ok2 := p.expect(':')
	m, ok3 := p.digits(2, 2)
	ok4 := p.expect(':')
	sec, ok5 := p.digits(2, 2)
	if !(ok1 && ok2 && ok3 && ok4 && ok5) || h > 23 || m > 59 || sec > 60 {
		return st, 0, false
	}
	if p.expect('.') {
		if _, ok := p.fraction(); !ok {
			return st, 0, false
		}
	}
	if st.day > maxDay(st.year, st.month) {
		return st, 0, false
	}
	st.hour, st.minute, st.second = h, m, sec
	return st, p.pos, true
}

// maxDay is the last day of month; February has 29 when the year is 0
// (unknown) or a leap year.
func maxDay(year, month int) int {
	switch month {
	case 2:
		if year == 0 || year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// spaces skips one or more spaces.
func (p *timeScanner) spaces() bool {
	start := p.pos
	for p.pos < len(p.s) && p.s[p.pos] == ' ' {
		p.pos++
	}
	return p.pos > start
}

// parseSyslogStamp reads the timestamp that starts a syslog line, either
// BSD style ("Nov  4 18:30:40") or RFC 3339 ("2024-01-27T15:07:24+03:00"),
// which must be followed by a space.
func parseSyslogStamp(line string) (stamp, int, bool) {
	if st, w, ok := parseMonthDayStamp(line); ok && w < len(line) && line[w] == ' ' {
		return st, w, true
	}
	tok := line
	if i := strings.IndexByte(line, ' '); i > 0 {
		tok = line[:i]
	} else {
		return stamp{}, 0, false
	}
	if len(tok) < 19 || tok[10] != 'T' {
		return stamp{}, 0, false
	}
	body := tok
	if strings.HasSuffix(body, "Z") {
		body = body[:len(body)-1]
	} else if i := strings.LastIndexAny(body, "+-"); i > 10 {
		body = body[:i]
	}
	t, _, err := ParseTime(body)
	if err != nil {
		return stamp{}, 0, false
	}
	return stamp{t.Year(), int(t.Month()), t.Day(), t.Hour(), t.Minute(), t.Second()}, len(tok), true
}

// parseSyslogBody reads "host program[pid]: rest" and then the Asterisk
// part of rest.
func parseSyslogBody(s string, e *LogEntry) {
	host, rest, _ := strings.Cut(s, " ")
	e.Host = host
	rest = strings.TrimLeft(rest, " ")
	tag, after, found := strings.Cut(rest, ": ")
	if !found || strings.ContainsAny(tag, " \t") {
		e.Text = rest
		return
	}
	e.Program = tag
	if i := strings.IndexByte(tag, '['); i > 0 && strings.HasSuffix(tag, "]") {
		e.Program, e.PID = tag[:i], tag[i+1:len(tag)-1]
	}
	parseAsteriskBody(strings.TrimLeft(after, " "), e)
}

// parseAsteriskBody reads "LEVEL[thread][callid] file: text" and its
// variants into e; when no level is recognised the whole of s is the text.
func parseAsteriskBody(s string, e *LogEntry) {
	level, rest, ok := cutLevel(s, e)
	if !ok {
		e.Thread, e.CallID, e.Text = "", "", s
		return
	}
	e.Level = level
	rest = strings.TrimLeft(rest, " \t")
	tok, after, _ := strings.Cut(rest, " ")
	switch {
	case strings.HasSuffix(tok, ":") && isSourceRef(tok[:len(tok)-1]):
		e.File = tok[:len(tok)-1]
		rest = after
	case isSourceRef(tok) && strings.Contains(tok, ":"):
		e.File = tok
		rest = strings.TrimPrefix(after, "in ")
		if fn, text, found := strings.Cut(rest, ":"); found && isIdentifier(fn) {
			e.Function = fn
			rest = text
		}
	}
	e.Text = strings.TrimLeft(rest, " \t")
}

// cutLevel reads an upper-case level name followed by "[thread]" (possibly
// after a space), any further "[...]" call-id groups and an optional ':'.
// A bare upper-case word followed by ':' also counts.
func cutLevel(s string, e *LogEntry) (level, rest string, ok bool) {
	i := 0
	for i < len(s) && (s[i] >= 'A' && s[i] <= 'Z' || i > 0 && (s[i] >= '0' && s[i] <= '9' || s[i] == '_')) {
		i++
	}
	if i < 2 {
		return "", "", false
	}
	level = s[:i]
	j := i
	if j < len(s) && s[j] == ' ' && j+1 < len(s) && s[j+1] == '[' {
		j++
	}
	sawBracket := false
	for j < len(s) && s[j] == '[' {
		end := strings.IndexByte(s[j:], ']')
		if end < 0 {
			return "", "", false
		}
		inner := s[j+1 : j+end]
		switch {
		case !sawBracket && isDigits(inner):
			e.Thread = inner
		case e.CallID == "":
			e.CallID = inner
		}
		sawBracket = true
		j += end + 1
	}
	colon := j < len(s) && s[j] == ':'
	if colon {
		j++
	}
	if !sawBracket && !colon {
		return "", "", false
	}
	return level, s[j:], true
}

// isSourceRef matches a C source file name with an optional line number:
// "chan_sip.c", "res_pjsip/pjsip_distributor.c", "chan_sip.c:23417".
func isSourceRef(s string) bool {
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		if !isDigits(s[i+1:]) {
			return false
		}
		s = s[:i]
	}
	ext := false
	for _, suffix := range []string{".c", ".cc", ".cpp", ".h"} {
		if strings.HasSuffix(s, suffix) && len(s) > len(suffix) {
			ext = true
		}
	}
	if !ext {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '/' || c == '-') {
			return false
		}
	}
	return true
}

// isIdentifier matches a C function name.
func isIdentifier(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}
