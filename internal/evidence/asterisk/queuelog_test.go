package asterisk

import "testing"

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
