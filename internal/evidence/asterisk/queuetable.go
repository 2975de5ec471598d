package asterisk

import (
	"bytes"
	"fmt"
	"github.com/cdrtui/cdrtui/internal/evidence"
	"io"
	"strconv"
	"strings"
	"time"
)

// A realtime queue_log (queue_log => odbc,... in extconfig.conf) is a
// database table app_queue writes one row an event into:
//
//	time, callid, queuename, agent, event, data1 .. data5   (queue_adaptive_realtime = yes)
//	time, callid, queuename, agent, event, data             (older: the data joined by '|')
//
// as contrib/realtime/mysql/mysql_config.sql of asterisk/asterisk creates
// it; a table export is that table as CSV with its header. main/logger.c
// writes the time as the PBX's local wall clock, "%F %T.%6q"; a PostgreSQL
// timestamptz column (Wazo) exports it with its offset; some installations
// keep the epoch. An id column of the database's own is not read.

// QueueTable is the header of a queue_log table export: the column of
// each field (-1 when absent), and the data columns in order.
type QueueTable struct {
	time, callid, queue, agent, ev int
	data                           []int
	joined                         bool // one data column, the values joined by '|'
	width                          int
}

// ParseQueueTableHeader reads a header line; ok is false when it does not
// name every column of a queue_log table.
func ParseQueueTableHeader(line string) (QueueTable, bool) {
	fields, err := splitCSV(strings.TrimPrefix(strings.TrimRight(line, "\r"), "\uFEFF"), nil)
	if err != nil {
		return QueueTable{}, false
	}
	t := QueueTable{time: -1, callid: -1, queue: -1, agent: -1, ev: -1, width: len(fields)}
	dataN := map[int]int{}
	for i, f := range fields {
		switch name := strings.ToLower(strings.TrimSpace(f.val)); name {
		case "time":
			t.time = i
		case "callid":
			t.callid = i
		case "queuename":
			t.queue = i
		case "agent":
			t.agent = i
		case "event":
			t.ev = i
		case "data":
			t.data, t.joined = []int{i}, true
		default:
			if n, err := strconv.Atoi(strings.TrimPrefix(name, "data")); err == nil && strings.HasPrefix(name, "data") && n >= 1 && n <= 9 {
				dataN[n] = i
			}
		}
	}
	if !t.joined {
		for n := 1; ; n++ {
			i, ok := dataN[n]
			if !ok {
				break
			}
			t.data = append(t.data, i)
		}
	}
	if t.time < 0 || t.callid < 0 || t.queue < 0 || t.agent < 0 || t.ev < 0 || len(t.data) == 0 {
		return QueueTable{}, false
	}
	return t, true
}

// DetectQueueTable says whether a head is a queue_log table export: a
// header naming time, callid, queuename, agent, event and data (or
// data1..), and more than half of the rows after it events app_queue
// writes with a time of the table's shapes.
func DetectQueueTable(head []byte) (ok bool, reason string) {
	lines := headLines(head)
	if len(lines) == 0 {
		return false, ""
	}
	t, ok := ParseQueueTableHeader(string(lines[0]))
	if !ok {
		return false, ""
	}
	fit, total := 0, 0
	var fields []csvField
	for i, b := range lines[1:] {
		if isBlank(b) {
			continue
		}
		total++
		var err error
		if fields, err = splitCSV(string(bytes.TrimRight(b, "\r")), fields); err != nil {
			continue
		}
		if _, reason := t.event(fields, int64(i+2), time.UTC); reason == "" {
			fit++
		}
	}
	if fit == 0 || fit*2 <= total {
		return false, fmt.Sprintf("a queue_log table header, but %d of %d rows are events app_queue writes", fit, total)
	}
	data := "data1..data" + strconv.Itoa(len(t.data))
	if t.joined {
		data = "data (joined by '|')"
	}
	return true, fmt.Sprintf("Asterisk realtime queue_log table export (time, callid, queuename, agent, event, %s): %d of %d rows are events", data, fit, total)
}

// event reads one row; reason says why it is not an event.
func (t QueueTable) event(fields []csvField, line int64, loc *time.Location) (QueueEvent, string) {
	if len(fields) != t.width {
		return QueueEvent{}, fmt.Sprintf("%d columns; the header names %d", len(fields), t.width)
	}
	ev := strings.ToUpper(strings.TrimSpace(fields[t.ev].val))
	if !queueEvents[ev] {
		return QueueEvent{}, fmt.Sprintf("event %q is not one app_queue writes (a QueueLog() event of the administrator's own?): not read", ev)
	}
	sec, why := queueTableTime(strings.TrimSpace(fields[t.time].val), loc)
	if why != "" {
		return QueueEvent{}, why
	}
	var data []string
	if t.joined {
		if v := fields[t.data[0]].val; v != "" {
			data = strings.Split(v, "|")
		}
	} else {
		for _, i := range t.data {
			data = append(data, fields[i].val)
		}
		for len(data) > 0 && data[len(data)-1] == "" { // the unused data columns
			data = data[:len(data)-1]
		}
	}
	return queueEvent(QueueEvent{Line: line, Time: sec, CallID: fields[t.callid].val, Queue: fields[t.queue].val,
		Agent: fields[t.agent].val, Event: ev, Data: data}), ""
}

// queueTableTime reads a time column: Unix seconds (perhaps with a
// fraction), or a date and time with an offset, or the PBX's wall clock
// read in loc; with no loc a wall clock is refused.
func queueTableTime(v string, loc *time.Location) (int64, string) {
	digits := v
	if i := strings.IndexByte(digits, '.'); i > 0 {
		digits = digits[:i]
	}
	if n, err := strconv.ParseInt(digits, 10, 64); err == nil && len(digits) >= 9 && len(digits) <= 11 {
		return n, ""
	}
	v = strings.Replace(v, "T", " ", 1)
	for _, layout := range []string{"2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999Z0700", "2006-01-02 15:04:05.999999999Z07"} {
		if tm, err := time.Parse(layout, v); err == nil {
			return tm.Unix(), ""
		}
	}
	tm, err := time.Parse("2006-01-02 15:04:05.999999999", v)
	if err != nil {
		return 0, fmt.Sprintf("time %q is neither Unix seconds nor a date and time", v)
	}
	if loc == nil {
		return 0, fmt.Sprintf("time %q is the PBX's wall clock and no zone is known (--tz, or the image's etc/timezone): not placed", v)
	}
	w := evidence.Wall{Year: tm.Year(), Month: int(tm.Month()), Day: tm.Day(), Hour: tm.Hour(), Minute: tm.Minute(), Second: tm.Second(), HasTime: true, HasSeconds: true}
	u, _, err := w.Resolve(loc)
	if err != nil {
		return 0, fmt.Sprintf("time %q: %v: not placed", v, err)
	}
	return u, ""
}

// QueueTableReader reads a queue_log table export; a row that is not an
// event comes back as a *RowError with its line.
type QueueTableReader struct {
	lines  *lineReader
	loc    *time.Location
	table  *QueueTable
	fields []csvField
}

// NewQueueTableReader reads a table export from r, wall clocks in loc
// (nil: refused unless the value carries its offset).
func NewQueueTableReader(r io.Reader, loc *time.Location) *QueueTableReader {
	return &QueueTableReader{lines: newLineReader(r), loc: loc}
}

// Next returns the next event, a *RowError, or io.EOF.
func (q *QueueTableReader) Next() (QueueEvent, error) {
	for {
		line, n, err := q.lines.nextFilled()
		if err != nil {
			return QueueEvent{}, err
		}
		if q.table == nil {
			t, ok := ParseQueueTableHeader(line)
			if !ok {
				return QueueEvent{}, fmt.Errorf("line %d: not a queue_log table header (time, callid, queuename, agent, event, data)", n)
			}
			q.table = &t
			continue
		}
		if q.fields, err = splitCSV(line, q.fields); err != nil {
			return QueueEvent{}, &RowError{Line: n, Reason: err.Error(), Raw: line}
		}
		e, reason := q.table.event(q.fields, n, q.loc)
		if reason != "" {
			return QueueEvent{}, &RowError{Line: n, Reason: reason, Raw: line}
		}
		return e, nil
	}
}
