package asterisk

import (
	"io"
	"strings"
	"testing"
)

func TestParseLogLine(t *testing.T) {
	type want struct {
		kind                                   logLineKind
		year, month, day, hour, minute, second int
		level, thread, callID, file, function  string
		text, host, program, pid               string
	}
	tests := []struct {
		line string
		want want
	}{
		{`[2012-02-13 17:21:54] NOTICE[1638] chan_sip.c: Registration failed`,
			want{logEntry, 2012, 2, 13, 17, 21, 54, "NOTICE", "1638", "", "chan_sip.c", "", "Registration failed", "", "", ""}},
		{`[2013-02-05 23:44:42] NOTICE[436][C-00000fa9] chan_sip.c: Call from ''`,
			want{logEntry, 2013, 2, 5, 23, 44, 42, "NOTICE", "436", "C-00000fa9", "chan_sip.c", "", "Call from ''", "", "", ""}},
		{`[2016-06-09 00:01:02] NOTICE [22382] manager.c: 192.0.2.1 failed to authenticate as 'admin'`,
			want{logEntry, 2016, 6, 9, 0, 1, 2, "NOTICE", "22382", "", "manager.c", "", "192.0.2.1 failed to authenticate as 'admin'", "", "", ""}},
		{`[2016-08-19 11:11:26] NOTICE[12931]: chan_sip.c:28468 handle_request_register: Registration from 'sip:bob@192.0.2.1'`,
			want{logEntry, 2016, 8, 19, 11, 11, 26, "NOTICE", "12931", "", "chan_sip.c:28468", "handle_request_register", "Registration from 'sip:bob@192.0.2.1'", "", "", ""}},
		{`Nov 4 18:30:40 localhost asterisk[32229]: NOTICE[32257]: chan_sip.c:23417 in handle_request_register: Registration from x`,
			want{logEntry, 0, 11, 4, 18, 30, 40, "NOTICE", "32257", "", "chan_sip.c:23417", "handle_request_register", "Registration from x", "localhost", "asterisk", "32229"}},
		{`Nov  4 08:00:01 pbx asterisk[1]: WARNING[2][C-00000003]: pbx.c:4 in f: text`,
			want{logEntry, 0, 11, 4, 8, 0, 1, "WARNING", "2", "C-00000003", "pbx.c:4", "f", "text", "pbx", "asterisk", "1"}},
		{`[Mar 24 15:52:44] Asterisk 11.7.0 built by rmm35 @ flauta on a i686 running Linux on 2015-03-24 14:36:33 UTC`,
			want{logEntry, 0, 3, 24, 15, 52, 44, "", "", "", "", "", "Asterisk 11.7.0 built by rmm35 @ flauta on a i686 running Linux on 2015-03-24 14:36:33 UTC", "", "", ""}},
		{`[Nov  6 06:25:01] VERBOSE[1234][C-00000001] pbx.c:     -- Executing [s@ctx:1] Dial("SIP/1", "Dongle/dongle0/0123")`,
			want{logEntry, 0, 11, 6, 6, 25, 1, "VERBOSE", "1234", "C-00000001", "pbx.c", "", `-- Executing [s@ctx:1] Dial("SIP/1", "Dongle/dongle0/0123")`, "", "", ""}},
		{`[2013-11-11 14:33:38] WARNING[6756][C-0000001d] Ext. s: "Rejecting unknown SIP connection from 192.168.55.152"`,
			want{logEntry, 2013, 11, 11, 14, 33, 38, "WARNING", "6756", "C-0000001d", "", "", `Ext. s: "Rejecting unknown SIP connection from 192.168.55.152"`, "", "", ""}},
		{`[2024-01-27 15:07:24.123] DTMF[99] channel.c: DTMF end '1'`,
			want{logEntry, 2024, 1, 27, 15, 7, 24, "DTMF", "99", "", "channel.c", "", "DTMF end '1'", "", "", ""}},
		{`2024-01-27T15:07:24.123+03:00 pbx asterisk[5]: ERROR[6]: res_pjsip/pjsip_distributor.c:680 log_failed_request: Request`,
			want{logEntry, 2024, 1, 27, 15, 7, 24, "ERROR", "6", "", "res_pjsip/pjsip_distributor.c:680", "log_failed_request", "Request", "pbx", "asterisk", "5"}},
		{`[Mar 24 2015 15:52:44] NOTICE[1] x.c: y`,
			want{logEntry, 2015, 3, 24, 15, 52, 44, "NOTICE", "1", "", "x.c", "", "y", "", "", ""}},
		{`[2016-05-23 10:18:16] NOTICE[19388] res_pjsip/pjsip_distributor.c: Request from '"1000" <sip:1000@10.0.0.1>'`,
			want{logEntry, 2016, 5, 23, 10, 18, 16, "NOTICE", "19388", "", "res_pjsip/pjsip_distributor.c", "", `Request from '"1000" <sip:1000@10.0.0.1>'`, "", "", ""}},
		{`Packet timed out after 32000ms with no response`,
			want{kind: logText, text: `Packet timed out after 32000ms with no response`}},
		{`[not a stamp] NOTICE[1] x.c: y`, want{kind: logText, text: `[not a stamp] NOTICE[1] x.c: y`}},
		{`[2024-01-27 15:07:24 NOTICE[1] x.c: y`, want{kind: logText, text: `[2024-01-27 15:07:24 NOTICE[1] x.c: y`}},
		{`[Feb 30 10:00:00] x`, want{kind: logText, text: `[Feb 30 10:00:00] x`}},
		{`# failJSON: { "time": "2012-02-13T17:21:54" }`, want{kind: logComment, text: `# failJSON: { "time": "2012-02-13T17:21:54" }`}},
	}
	for _, tt := range tests {
		e, kind := parseLogLine(tt.line, 7)
		got := want{kind, e.Year, e.Month, e.Day, e.Hour, e.Minute, e.Second, e.Level, e.Thread, e.CallID,
			e.File, e.Function, e.Text, e.Host, e.Program, e.PID}
		if got != tt.want {
			t.Errorf("%s\n got  %+v\n want %+v", tt.line, got, tt.want)
		}
		if e.Line != 7 || e.EndLine != 7 {
			t.Errorf("%s: lines %d-%d", tt.line, e.Line, e.EndLine)
		}
		if kind == logEntry && e.Stamp == "" {
			t.Errorf("%s: entry without Stamp", tt.line)
		}
	}
}

func TestLogReaderJoinsAndKeepsStrayLines(t *testing.T) {
	input := strings.Join([]string{
		"stray first line",
		"[Mar 24 16:39:45] WARNING[2959] chan_sip.c: Retransmission timeout",
		"Packet timed out after 32000ms with no response",
		"",
		"[Mar 24 16:41:21] Asterisk 11.7.0 built by x @ y on a i686 running Linux on 2015-03-24 14:36:33 UTC",
		"# comment",
		"second stray",
		"[Mar 24 16:41:22] NOTICE[3167] cdr.c: CDR simple logging enabled.",
		"",
		"  indented continuation after a blank line",
	}, "\n")
	type want struct {
		line, end int64
		stamp     bool
		level     string
		text      string
		banner    bool
	}
	wants := []want{
		{1, 1, false, "", "stray first line", false},
		{2, 3, true, "WARNING", "Retransmission timeout\nPacket timed out after 32000ms with no response", false},
		{5, 5, true, "", "Asterisk 11.7.0 built by x @ y on a i686 running Linux on 2015-03-24 14:36:33 UTC", true},
		{6, 6, false, "", "# comment", false},
		{7, 7, false, "", "second stray", false},
		{8, 10, true, "NOTICE", "CDR simple logging enabled.\n  indented continuation after a blank line", false},
	}
	r := NewLogReader(strings.NewReader(input))
	for i, w := range wants {
		e, err := r.Next()
		if err != nil {
			t.Fatalf("entry %d: %v", i, err)
		}
		got := want{e.Line, e.EndLine, e.Stamp != "", e.Level, e.Text, e.IsStartBanner()}
		if got != w {
			t.Errorf("entry %d\n got  %+v\n want %+v", i, got, w)
		}
	}
	if _, err := r.Next(); err != io.EOF {
		t.Fatalf("want EOF, got %v", err)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Fatalf("EOF must repeat, got %v", err)
	}
}

func TestPlaceYears(t *testing.T) {
	yearless := func(months ...int) []LogEntry {
		var es []LogEntry
		for i, m := range months {
			es = append(es, LogEntry{Line: int64(i + 1), Month: m, Day: 1, Stamp: "x"})
		}
		return es
	}
	tests := []struct {
		name     string
		entries  []LogEntry
		refYear  int
		refMonth int
		want     []int
		noteHas  string
	}{
		{"crosses new year", yearless(11, 12, 1, 2), 2016, 3, []int{2015, 2015, 2016, 2016}, "1 year boundaries"},
		{"log ends after the reference month", yearless(3), 2015, 2, []int{2014}, "placed in 2014"},
		{"unknown reference month", yearless(5, 5), 2020, 0, []int{2020, 2020}, "reference 2020"},
		{"two boundaries", yearless(6, 1, 6, 1), 2020, 12, []int{2018, 2019, 2019, 2020}, "2 year boundaries"},
		{"no reference", yearless(5), 0, 4, []int{0}, "no reference year"},
		{"anchored by a later dated entry",
			[]LogEntry{{Month: 11, Day: 4, Stamp: "x"}, {Month: 8, Day: 19, Year: 2016, Stamp: "y"}},
			2020, 1, []int{2015, 2016}, "1 of them were dated from a later entry"},
		{"undated lines keep year 0",
			[]LogEntry{{Text: "# comment"}, {Month: 3, Day: 24, Stamp: "x"}},
			2015, 4, []int{0, 2015}, "1 year-less"},
		{"all dated", []LogEntry{{Month: 1, Year: 2012, Stamp: "x"}}, 2020, 1, []int{2012}, "already carries"},
	}
	for _, tt := range tests {
		note := PlaceYears(tt.entries, tt.refYear, tt.refMonth)
		var got []int
		for _, e := range tt.entries {
			got = append(got, e.Year)
		}
		if !equalInts(toInt64(got), toInt64(tt.want)) || !strings.Contains(note, tt.noteHas) {
			t.Errorf("%s: years %v note %q, want %v and %q", tt.name, got, note, tt.want, tt.noteHas)
		}
	}
}

func toInt64(v []int) []int64 {
	out := make([]int64, len(v))
	for i, x := range v {
		out[i] = int64(x)
	}
	return out
}
