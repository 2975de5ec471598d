package asterisk

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// Shapes app_queue writes (FreePBX's Local/…@from-internal/n members,
// CONNECT with and without ring time, QUEUESTART without a trailing '|',
// CONFIGRELOAD), values of our own.
func TestParseQueueLine(t *testing.T) {
	tests := []struct {
		line         string
		ok           bool
		event, agent string
		wait, talk   int64
	}{
		{"1715004000|NONE|NONE|NONE|QUEUESTART", true, "QUEUESTART", "NONE", -1, -1},
		{"1715004000|NONE|NONE|NONE|CONFIGRELOAD|", true, "CONFIGRELOAD", "NONE", -1, -1},
		{"1715004108|1715004100.10|9000|Local/2005@from-internal/n|RINGNOANSWER|2000", true, "RINGNOANSWER", "Local/2005@from-internal/n", -1, -1},
		{"1715004108|1715004100.10|9000|Local/2004@from-internal/n|CONNECT|8|1715004108.27", true, "CONNECT", "Local/2004@from-internal/n", 8, -1},
		{"1715004190|1715004100.10|9000|Local/2004@from-internal/n|COMPLETEAGENT|8|82|1", true, "COMPLETEAGENT", "Local/2004@from-internal/n", 8, 82},
		{"1715004200|1715004199.12|9000|NONE|EXITWITHTIMEOUT|1|1|300", true, "EXITWITHTIMEOUT", "NONE", 300, -1},
		{"1715004200|1715004199.12|9000|NONE|BOGUS|1", false, "", "", 0, 0},
		{"2024-05-06|x|9000|NONE|ENTERQUEUE||1|1", false, "", "", 0, 0},
	}
	for _, tt := range tests {
		e, ok := ParseQueueLine(tt.line, 1)
		if ok != tt.ok {
			t.Errorf("%s: ok %v", tt.line, ok)
			continue
		}
		if ok && (e.Event != tt.event || e.Agent != tt.agent || e.Wait != tt.wait || e.Talk != tt.talk) {
			t.Errorf("%s: %+v", tt.line, e)
		}
	}
	if ok, _ := DetectQueueLog([]byte("1477823101|NONE|NONE|NONE|CONFIGRELOAD|\n")); !ok {
		t.Error("a queue_log holding only a CONFIGRELOAD line is still a queue_log")
	}
}

// Events the first list missed, values of our own in the shapes published:
// EXITWITHKEY(key|position|origposition|waittime) as Dr0id1/techbook
// freepbx/cli.md documents app_queue's events (the wait is the fourth
// field, not the third, which is the caller's original position);
// WITHDRAW(position|origposition|waittime|info) and PENALTY(penalty) as
// asterisk/asterisk apps/app_queue.c writes them; FULL, a call Wazo's
// dial plan turns away from a full queue (wazo-platform/wazo-acceptance
// features/daily/statcenter.feature counts "FULL" events in queue_log).
func TestParseQueueLineLaterEvents(t *testing.T) {
	tests := []struct {
		line         string
		event, agent string
		wait, talk   int64
	}{
		{"1709283700|1709283650.7|sales|NONE|EXITWITHKEY|5|2|1|47", "EXITWITHKEY", "NONE", 47, -1},
		{"1709283700|1709283650.7|sales|NONE|EXITWITHKEY|5|2", "EXITWITHKEY", "NONE", -1, -1}, // Asterisk 1.4: key|position
		{"1709283603|1709283600.3|sales|NONE|WITHDRAW|1|3|21|callback", "WITHDRAW", "NONE", 21, -1},
		{"1709283601|NONE|sales|PJSIP/300|PENALTY|2", "PENALTY", "PJSIP/300", -1, -1},
		{"1709283602|1709283600.2|q01|NONE|FULL|", "FULL", "NONE", -1, -1},
	}
	for _, tt := range tests {
		e, ok := ParseQueueLine(tt.line, 1)
		if !ok || e.Event != tt.event || e.Agent != tt.agent || e.Wait != tt.wait || e.Talk != tt.talk {
			t.Errorf("%s: ok %v %+v", tt.line, ok, e)
		}
	}
}

// A queue_log whose administrator writes events of their own with
// QueueLog() (half the lines here) is still a queue_log: the app_queue
// events are read and each line of the custom event is a reject that names
// it. A file of such lines alone, no event app_queue writes, is not taken.
func TestQueueLogWithCustomEvents(t *testing.T) {
	log := "1709283600|1709283600.1|sales|NONE|ENTERQUEUE||201|1\n" +
		"1709283600|1709283600.1|sales|NONE|VIPCALLER|gold\n" +
		"1709283610|1709283600.1|sales|PJSIP/300|CONNECT|10|1709283605.4|3\n" +
		"1709283670|1709283600.1|sales|NONE|SURVEY|5\n"
	if ok, reason := DetectQueueLog([]byte(log)); !ok {
		t.Fatalf("not detected: %s", reason)
	}
	if ok, _ := DetectQueueLog([]byte("1709283600|1709283600.1|sales|NONE|VIPCALLER|gold\n")); ok {
		t.Error("a file of custom events only taken for a queue_log")
	}
	r := NewQueueReader(strings.NewReader(log))
	var events, rejects []string
	for {
		e, err := r.Next()
		if err == io.EOF {
			break
		}
		var re *RowError
		if errors.As(err, &re) {
			rejects = append(rejects, fmt.Sprintf("%d %s", re.Line, re.Reason))
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		events = append(events, fmt.Sprintf("%d %s %d", e.Line, e.Event, e.Wait))
	}
	if got := strings.Join(events, ";"); got != "1 ENTERQUEUE -1;3 CONNECT 10" {
		t.Errorf("events %s", got)
	}
	if len(rejects) != 2 || !strings.Contains(rejects[0], "2 event VIPCALLER is not one app_queue writes") || !strings.HasPrefix(rejects[1], "4 event SURVEY") {
		t.Errorf("rejects %q", rejects)
	}
}

// A published Issabel image's queue_log (karthik0112/synk_bug) has lines
// that begin with 78 zero bytes, the next event written after them: the
// blocks an unclean shutdown leaves zeroed. The event after them was a
// reject ("not a queue_log line"); it is read, and counted. A line of
// zero bytes alone stays a reject.
func TestQueueLogEventAfterZeroBytes(t *testing.T) {
	log := "1700000000|NONE|NONE|NONE|QUEUESTART|\n" +
		strings.Repeat("\x00", 78) + "1700000100|1700000090.7|sales|SIP/201|CONNECT|12|1700000090.8|3\n" +
		strings.Repeat("\x00", 40) + "\n"
	r := NewQueueReader(strings.NewReader(log))
	var events []QueueEvent
	var rejects int
	for {
		e, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			rejects++
			continue
		}
		events = append(events, e)
	}
	if len(events) != 2 || rejects != 1 || r.ZeroPadded() != 1 {
		t.Fatalf("%d events, %d rejects, %d zero-padded; want 2, 1, 1", len(events), rejects, r.ZeroPadded())
	}
	if e := events[1]; e.Line != 2 || e.Time != 1700000100 || e.Event != "CONNECT" || e.Queue != "sales" || e.Agent != "SIP/201" || e.Wait != 12 {
		t.Errorf("event after the zero bytes: %+v", e)
	}
}
