package asterisk

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/cdrtui/cdrtui/internal/evidence"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// CELEvent is one Channel Event Logging row: one event of one channel
// (a call is many), as written, with its place in the file.
type CELEvent struct {
	Line     int64
	Time     int64 // Unix seconds
	Usec     int64 // microseconds within Time (0 when the file writes none)
	TimeText string
	Event    string // CHAN_START, ANSWER ... or a user event's name
	UserType string // CELGenUserEvent()'s name (userdeftype)
	CIDName, CIDNum, CIDAni, CIDDnid,
	Exten, Context, Channel, App, AppData, AccountCode,
	UniqueID, LinkedID, Peer, Extra string
}

// CELClock says how the event times of a file are read: Unix seconds
// (cel.conf without dateformat writes "%ld.%06ld") need nothing; a time
// formatted by cel.conf's dateformat (DateFormat, a strftime pattern, ""
// when cel.conf sets none) is the PBX's wall clock (ast_localtime), read
// in Loc; with no Loc it is refused row by row.
type CELClock struct {
	DateFormat string
	Loc        *time.Location
}

var celEventNameRE = regexp.MustCompile(`^[A-Za-z0-9_]+$`)

// CELEventOf reads one record by the mapping; reason says why it is not
// an event (the row is then a reject).
func CELEventOf(m CELMapping, vals []string, line int64, clk CELClock) (CELEvent, string) {
	if len(vals) != len(m.Fields) {
		return CELEvent{}, fmt.Sprintf("%d columns; the mapping (%s) has %d", len(vals), m.From, len(m.Fields))
	}
	get := func(f string) string {
		if i := m.col(f); i >= 0 {
			return vals[i]
		}
		return ""
	}
	e := CELEvent{Line: line, TimeText: get(CELEventTime), UserType: strings.TrimSpace(get(CELUserDefType)),
		CIDName: get(CELCIDName), CIDNum: get(CELCIDNum), CIDAni: get(CELCIDAni), CIDDnid: get(CELCIDDnid),
		Exten: get(CELExten), Context: get(CELContext), Channel: get(CELChanName), App: get(CELAppName),
		AppData: get(CELAppData), AccountCode: get(CELAccountCode), UniqueID: strings.TrimSpace(get(CELUniqueID)),
		LinkedID: strings.TrimSpace(get(CELLinkedID)), Peer: get(CELPeer), Extra: get(CELExtra)}
	ev := strings.TrimSpace(get(CELEventType))
	if ev == "" {
		ev = strings.TrimSpace(get(CELEventEnum))
	}
	up := strings.ToUpper(ev)
	switch {
	case celEvents[up]:
		e.Event = up
	case ev != "" && celEventNameRE.MatchString(ev) && (e.UserType != "" || strings.EqualFold(get(CELEventEnum), "USER_DEFINED")):
		e.Event = ev // a user event's name, as newer cel_custom writes it in eventtype
	default:
		return CELEvent{}, fmt.Sprintf("event type %q is not one Asterisk's CEL writes", ev)
	}
	var why string
	if e.Time, e.Usec, why = celTime(strings.TrimSpace(e.TimeText), clk); why != "" {
		return CELEvent{}, why
	}
	return e, ""
}

// celTime reads an event time: Unix seconds with or without microseconds,
// a date and time with its offset, or the PBX's wall clock (as dateformat
// writes it, or yyyy-mm-dd hh:mm:ss[.ffffff]) read in the clock's zone.
func celTime(v string, clk CELClock) (sec, usec int64, why string) {
	if v == "" {
		return 0, 0, "no event time"
	}
	whole, frac, dotted := strings.Cut(v, ".")
	if n, err := strconv.ParseInt(whole, 10, 64); err == nil && len(whole) >= 9 && len(whole) <= 11 && (frac == "" || isDigits(frac)) && len(frac) <= 9 {
		if dotted && frac == "" {
			return 0, 0, fmt.Sprintf("time %q: Unix seconds with an empty fraction", v)
		}
		f := (frac + "000000")[:6]
		u, _ := strconv.ParseInt(f, 10, 64)
		return n, u, ""
	}
	iso := strings.Replace(v, "T", " ", 1)
	for _, layout := range []string{"2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999Z0700", "2006-01-02 15:04:05.999999999Z07"} {
		if tm, err := time.Parse(layout, iso); err == nil {
			return tm.Unix(), int64(tm.Nanosecond() / 1000), ""
		}
	}
	layout, how := "2006-01-02 15:04:05.999999999", "yyyy-mm-dd hh:mm:ss"
	if clk.DateFormat != "" {
		l, ok := strftimeLayout(clk.DateFormat)
		if !ok {
			return 0, 0, fmt.Sprintf("time %q is not Unix seconds and cel.conf's dateformat %q has a directive cdrtui cannot read back", v, clk.DateFormat)
		}
		layout, how, iso = l, "cel.conf's dateformat "+clk.DateFormat, v
	}
	tm, err := time.Parse(layout, iso)
	if err != nil {
		return 0, 0, fmt.Sprintf("time %q is neither Unix seconds nor a date and time as %s writes it", v, how)
	}
	if clk.Loc == nil {
		return 0, 0, fmt.Sprintf("time %q is the PBX's wall clock and no zone is known (--tz, or the image's etc/timezone): not placed", v)
	}
	w := evidence.Wall{Year: tm.Year(), Month: int(tm.Month()), Day: tm.Day(), Hour: tm.Hour(), Minute: tm.Minute(), Second: tm.Second(), HasTime: true, HasSeconds: true}
	u, _, err := w.Resolve(clk.Loc)
	if err != nil {
		return 0, 0, fmt.Sprintf("time %q: %v: not placed", v, err)
	}
	return u, int64(tm.Nanosecond() / 1000), ""
}

// strftimeLayout turns a strftime pattern into a Go layout; ok is false
// for a directive that cannot be read back into a time (%a %j %s %U ...).
func strftimeLayout(f string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(f); i++ {
		if f[i] != '%' || i+1 == len(f) {
			b.WriteByte(f[i])
			continue
		}
		i++
		switch f[i] {
		case 'Y':
			b.WriteString("2006")
		case 'y':
			b.WriteString("06")
		case 'm':
			b.WriteString("01")
		case 'd':
			b.WriteString("02")
		case 'e':
			b.WriteString("_2")
		case 'H':
			b.WriteString("15")
		case 'M':
			b.WriteString("04")
		case 'S':
			b.WriteString("05")
		case 'F':
			b.WriteString("2006-01-02")
		case 'T':
			b.WriteString("15:04:05")
		case 'b', 'h':
			b.WriteString("Jan")
		case 'B':
			b.WriteString("January")
		case 'z':
			b.WriteString("-0700")
		case '%':
			b.WriteByte('%')
		case '1', '2', '3', '4', '5', '6': // ast_strftime's %1q..%6q: digits of the second after the pattern's '.'
			if i+1 < len(f) && f[i+1] == 'q' && strings.HasSuffix(b.String(), ".") {
				b.WriteString(strings.Repeat("0", int(f[i]-'0')))
				i++
				continue
			}
			return "", false
		default:
			return "", false
		}
	}
	return b.String(), true
}

// splitCELRecord splits one line by the mapping's separator and quotes;
// a '|'-separated table dump (psql) is split on '|' with its padding
// trimmed.
func splitCELRecord(m CELMapping, line string) ([]string, error) {
	if m.JSON {
		return splitCELJSON(m, line)
	}
	if m.Sep == '|' && m.From == "the file's header" {
		vals := strings.Split(line, "|")
		for i := range vals {
			vals[i] = strings.TrimSpace(vals[i])
		}
		return vals, nil
	}
	return splitDSV(line, m.Sep, m.Quote, m.Escape)
}

// psqlRule is a psql table's rule line or its closing "(N rows)".
var psqlRule = regexp.MustCompile(`^\s*(-+\+)+-+\s*$|^\(\d+ rows?\)$`)

// FitsCEL says whether most non-blank lines of a head (after its header
// when header is true) are events by the mapping; reason says how many.
func FitsCEL(head []byte, m CELMapping, header bool, clk CELClock) (bool, string) {
	total, fit := 0, 0
	firstWhy := ""
	for i, b := range headLines(head) {
		if isBlank(b) || header && i == 0 {
			continue
		}
		line := string(bytes.TrimRight(b, "\r"))
		if psqlRule.MatchString(line) {
			continue
		}
		total++
		vals, err := splitCELRecord(m, line)
		why := ""
		if err != nil {
			why = err.Error()
		} else {
			_, why = CELEventOf(m, vals, int64(i+1), clk)
		}
		if why == "" {
			fit++
		} else if firstWhy == "" {
			firstWhy = fmt.Sprintf("line %d: %s", i+1, why)
		}
	}
	if fit == 0 || fit*2 <= total {
		if firstWhy == "" {
			firstWhy = "no rows"
		}
		return false, fmt.Sprintf("%d of %d lines are events by %s (%s)", fit, total, m.From, firstWhy)
	}
	return true, fmt.Sprintf("%d of the first %d lines are events by %s", fit, total, m.From)
}

// CELReader reads a CEL file by its mapping; with header set, the first
// non-blank line is the table's header (read, not an event). A row that
// is not an event comes back as a *RowError with its line.
type CELReader struct {
	lines  *lineReader
	m      CELMapping
	header bool
	clk    CELClock
}

// NewCELReader reads r by m.
func NewCELReader(r io.Reader, m CELMapping, header bool, clk CELClock) *CELReader {
	return &CELReader{lines: newLineReader(r), m: m, header: header, clk: clk}
}

// Next returns the next event, a *RowError, or io.EOF.
func (c *CELReader) Next() (CELEvent, error) {
	for {
		line, n, err := c.lines.nextFilled()
		if tl, ok := tooLong(err); ok {
			return CELEvent{}, &RowError{Line: n, Reason: tl.Error()}
		}
		if err != nil {
			return CELEvent{}, err
		}
		line = strings.TrimRight(line, "\r")
		if c.header {
			c.header = false
			continue
		}
		if psqlRule.MatchString(line) {
			continue
		}
		vals, err := splitCELRecord(c.m, line)
		if err != nil {
			return CELEvent{}, &RowError{Line: n, Reason: err.Error(), Raw: line}
		}
		e, why := CELEventOf(c.m, vals, n, c.clk)
		if why != "" {
			return CELEvent{}, &RowError{Line: n, Reason: why, Raw: line}
		}
		return e, nil
	}
}

// splitCELJSON reads one JSON record of an advanced mapping: each field's
// value under its key (numbers as written); a literal's column is "".
func splitCELJSON(m CELMapping, line string) ([]string, error) {
	d := json.NewDecoder(strings.NewReader(line))
	d.UseNumber()
	var obj map[string]any
	if err := d.Decode(&obj); err != nil {
		return nil, fmt.Errorf("not a JSON object: %v", err)
	}
	vals := make([]string, len(m.Fields))
	for i, k := range m.Keys {
		if k == "" {
			continue
		}
		v, ok := obj[k]
		if !ok {
			return nil, fmt.Errorf("no key %q (the mapping writes every field)", k)
		}
		switch x := v.(type) {
		case string:
			vals[i] = x
		case json.Number:
			vals[i] = x.String()
		case nil:
		default:
			b, _ := json.Marshal(x)
			vals[i] = string(b)
		}
	}
	return vals, nil
}
