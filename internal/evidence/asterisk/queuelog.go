package asterisk

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// QueueEvent is one line of app_queue's queue_log:
// epoch|callid|queue|agent|event|data1|data2|...
type QueueEvent struct {
	Line   int64
	Time   int64 // Unix seconds, as written (the epoch carries its own clock)
	CallID string
	Queue  string
	Agent  string
	Event  string
	Data   []string
	// Wait and Talk are the seconds the caller waited and talked, when the
	// event says (-1 when it does not): CONNECT holdtime; COMPLETECALLER
	// and COMPLETEAGENT holdtime and calltime; ABANDON, EXITWITHTIMEOUT,
	// EXITEMPTY, EXITWITHKEY waittime; TRANSFER holdtime and calltime.
	Wait, Talk int64
}

// queueEvents are the event names app_queue and chan_agent write
// (WITHDRAW since Asterisk 16, PENALTY when a member's penalty is set),
// and those Wazo's dialplan writes through QueueLog() for a call turned
// away before it enters a queue (FULL, CLOSED, JOINEMPTY, LEAVEEMPTY,
// DIVERT_CA_RATIO, DIVERT_HOLDTIME).
var queueEvents = map[string]bool{
	"WITHDRAW": true, "PENALTY": true, "FULL": true, "CLOSED": true, "JOINEMPTY": true, "LEAVEEMPTY": true,
	"DIVERT_CA_RATIO": true, "DIVERT_HOLDTIME": true,
	"ABANDON": true, "ADDMEMBER": true, "AGENTCALLBACKLOGIN": true, "AGENTCALLBACKLOGOFF": true, "AGENTDUMP": true,
	"AGENTLOGIN": true, "AGENTLOGOFF": true, "ATTENDEDTRANSFER": true, "BLINDTRANSFER": true, "COMPLETEAGENT": true,
	"COMPLETECALLER": true, "CONFIGRELOAD": true, "CONNECT": true, "ENTERQUEUE": true, "EXITEMPTY": true,
	"EXITWITHKEY": true, "EXITWITHTIMEOUT": true, "PAUSE": true, "PAUSEALL": true, "PAUSECUSTOM": true,
	"QUEUESTART": true, "REMOVEMEMBER": true, "RINGNOANSWER": true, "RINGCANCELED": true, "SYSCOMPAT": true,
	"TRANSFER": true, "UNPAUSE": true, "UNPAUSEALL": true, "DID": true, "INFO": true,
}

// ParseQueueLine reads one queue_log line; ok is false when it is not one.
func ParseQueueLine(line string, n int64) (QueueEvent, bool) {
	f, t, ev, shaped := queueShape(line)
	if !shaped || !queueEvents[ev] {
		return QueueEvent{}, false
	}
	return queueEvent(QueueEvent{Line: n, Time: t, CallID: f[1], Queue: f[2], Agent: f[3], Event: ev, Data: f[5:]}), true
}

// queueEvent fills in an event's Wait and Talk from its data.
func queueEvent(e QueueEvent) QueueEvent {
	ev := e.Event
	e.Wait, e.Talk = -1, -1
	num := func(i int) int64 {
		if i < len(e.Data) {
			if v, err := strconv.ParseInt(strings.TrimSpace(e.Data[i]), 10, 64); err == nil && v >= 0 {
				return v
			}
		}
		return -1
	}
	switch ev {
	case "CONNECT":
		e.Wait = num(0)
	case "COMPLETECALLER", "COMPLETEAGENT":
		e.Wait, e.Talk = num(0), num(1)
	case "ABANDON", "EXITWITHTIMEOUT", "EXITEMPTY", "WITHDRAW":
		e.Wait = num(2)
	case "EXITWITHKEY":
		e.Wait = num(3) // key|position|origposition|waittime
	case "TRANSFER":
		e.Wait, e.Talk = num(2), num(3)
	case "ATTENDEDTRANSFER", "BLINDTRANSFER":
		if len(e.Data) >= 5 {
			e.Wait, e.Talk = num(len(e.Data)-3), num(len(e.Data)-2)
		}
	}
	return e
}

// queueShape splits a line of the queue_log's shape: an epoch (seconds,
// perhaps with a fraction), callid, queue, agent and an event name of
// letters, digits and '_' (what app_queue and the QueueLog() application
// write), the event upper-cased.
func queueShape(line string) (f []string, t int64, ev string, ok bool) {
	f = strings.Split(line, "|")
	if len(f) < 5 {
		return nil, 0, "", false
	}
	epoch := f[0]
	if i := strings.IndexByte(epoch, '.'); i > 0 {
		epoch = epoch[:i]
	}
	t, err := strconv.ParseInt(epoch, 10, 64)
	if err != nil || t < 0 || len(epoch) < 9 || len(epoch) > 11 {
		return nil, 0, "", false
	}
	ev = strings.ToUpper(strings.TrimSpace(f[4]))
	if ev == "" {
		return nil, 0, "", false
	}
	for _, c := range ev {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return nil, 0, "", false
		}
	}
	return f, t, ev, true
}

// DetectQueueLog says whether a file's head is a queue_log: more than half
// of its non-blank lines are epoch|callid|queue|agent|EVENT|... lines, at
// least one of them an event app_queue writes (an event of the
// administrator's own, written by QueueLog(), counts towards the shape
// but is not read).
func DetectQueueLog(head []byte) (ok bool, reason string) {
	fit, known, total := 0, 0, 0
	for i, b := range headLines(head) {
		if isBlank(b) {
			continue
		}
		total++
		if _, ok := ParseQueueLine(string(b), int64(i+1)); ok {
			known++
		}
		if _, _, _, ok := queueShape(string(b)); ok {
			fit++
		}
	}
	if known == 0 || fit*2 <= total {
		return false, fmt.Sprintf("not a queue_log: %d of %d lines are epoch|callid|queue|agent|EVENT|data", fit, total)
	}
	return true, fmt.Sprintf("Asterisk queue_log: %d of %d lines are epoch|callid|queue|agent|EVENT|data", fit, total)
}

// QueueReader reads queue_log events; a line that is not one comes back
// as a *RowError.
type QueueReader struct {
	lines      *lineReader
	zeroPadded int64
}

// ZeroPadded is how many lines began with a run of zero bytes that Next
// read past: the blocks an unclean shutdown leaves zeroed in a file being
// appended to, the next event written after them on the same line.
func (q *QueueReader) ZeroPadded() int64 { return q.zeroPadded }

// NewQueueReader reads queue_log lines from r.
func NewQueueReader(r io.Reader) *QueueReader { return &QueueReader{lines: newLineReader(r)} }

// Next returns the next event, a *RowError, or io.EOF.
func (q *QueueReader) Next() (QueueEvent, error) {
	for {
		line, n, err := q.lines.nextFilled()
		if err != nil {
			return QueueEvent{}, err
		}
		if e, ok := ParseQueueLine(line, n); ok {
			return e, nil
		}
		if rest := strings.TrimLeft(line, "\x00"); len(rest) < len(line) && rest != "" {
			if e, ok := ParseQueueLine(rest, n); ok {
				q.zeroPadded++
				return e, nil
			}
		}
		if _, _, ev, ok := queueShape(line); ok {
			return QueueEvent{}, &RowError{Line: n, Reason: fmt.Sprintf("event %s is not one app_queue writes (a QueueLog() event of the administrator's own?): not read", ev), Raw: line}
		}
		return QueueEvent{}, &RowError{Line: n, Reason: "not a queue_log line (epoch|callid|queue|agent|EVENT|data)", Raw: line}
	}
}
