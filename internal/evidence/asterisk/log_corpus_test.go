package asterisk

import (
	"bytes"
	"strings"
	"testing"
)

// Expected numbers were counted by hand and with grep from the corpus.

func readCorpusLog(t *testing.T, rel string) []LogEntry {
	t.Helper()
	es, err := ReadLog(bytes.NewReader(corpusBytes(t, rel)))
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range es {
		if e.Line < 1 || e.EndLine < e.Line || i > 0 && e.Line <= es[i-1].EndLine {
			t.Fatalf("%s entry %d: bad lines %d-%d", rel, i, e.Line, e.EndLine)
		}
	}
	return es
}

func levels(es []LogEntry) map[string]int {
	m := map[string]int{}
	for _, e := range es {
		m[e.Level]++
	}
	return m
}

func TestCorpusFail2banLog(t *testing.T) {
	es := readCorpusLog(t, "fail2ban/asterisk")
	// 107 lines: 36 bracketed entries, 1 syslog entry, 56 '#' lines, 14 blank.
	if len(es) != 93 {
		t.Fatalf("entries %d, want 93", len(es))
	}
	if got := levels(es); !sameCounts(got, map[string]int{"": 56, "NOTICE": 28, "SECURITY": 8, "WARNING": 1}) {
		t.Errorf("levels %v", got)
	}
	comments, callIDs, dated, multi := 0, 0, 0, 0
	byLine := map[int64]LogEntry{}
	for _, e := range es {
		byLine[e.Line] = e
		if e.Stamp == "" {
			if !strings.HasPrefix(e.Text, "#") {
				t.Errorf("line %d: undated non-comment %q", e.Line, e.Text)
			}
			comments++
		}
		if e.CallID != "" {
			callIDs++
		}
		if e.Year != 0 {
			dated++
		}
		if e.EndLine != e.Line {
			multi++
		}
	}
	if comments != 56 || callIDs != 5 || dated != 36 || multi != 0 {
		t.Errorf("comments %d callids %d dated %d multi-line %d, want 56 5 36 0", comments, callIDs, dated, multi)
	}
	checks := []struct {
		line                                        int64
		level, thread, callID, file, function, host string
		textHas                                     string
	}{
		{21, "NOTICE", "436", "C-00000fa9", "chan_sip.c", "", "", "to extension '0972598285108' rejected"},
		{37, "WARNING", "6756", "C-0000001d", "", "", "", `Ext. s: "Rejecting unknown SIP connection`},
		{41, "NOTICE", "32257", "", "chan_sip.c:23417", "handle_request_register", "localhost", "'192.168.200.100:36998' - Wrong password"},
		{43, "NOTICE", "12931", "", "chan_sip.c:28468", "handle_request_register", "", "Registration from 'sip:bob@192.0.2.1'"},
		{55, "SECURITY", "6988", "", "res_security_log.c", "", "", `SessionID="",LocalAddress="IPV4/UDP/127.0.0.1/5060",RemoteAddress="IPV4/UDP/5.6.7.8/1111"",LocalAddress=`},
		{59, "SECURITY", "6988", "", "res_security_log.c", "", "", `SessionID="Негодяй"`},
		{88, "NOTICE", "22382", "", "manager.c", "", "", "192.0.2.1 failed to authenticate as 'admin'"},
		{102, "", "", "", "", "", "", "# [2016-05-06 07:08:09] WARNING[6410][C-00000bac]"},
	}
	for _, c := range checks {
		e, ok := byLine[c.line]
		if !ok {
			t.Errorf("no entry at line %d", c.line)
			continue
		}
		if e.Level != c.level || e.Thread != c.thread || e.CallID != c.callID || e.File != c.file ||
			e.Function != c.function || e.Host != c.host || !strings.Contains(e.Text, c.textHas) {
			t.Errorf("line %d = %+v", c.line, e)
		}
	}
	if e := byLine[41]; e.Year != 0 || e.Month != 11 || e.Day != 4 || e.Program != "asterisk" || e.PID != "32229" {
		t.Errorf("syslog line = %+v", e)
	}
}

func TestCorpusBugaDMMessages(t *testing.T) {
	es := readCorpusLog(t, "bugadm-telephonyswitching/messages.head")
	// 121 lines, 3 of them continuation lines.
	if len(es) != 118 {
		t.Fatalf("entries %d, want 118", len(es))
	}
	if got := levels(es); !sameCounts(got, map[string]int{"": 7, "ERROR": 7, "NOTICE": 97, "WARNING": 7}) {
		t.Errorf("levels %v", got)
	}
	banners, callIDs := 0, 0
	var multi []int64
	files := map[string]int{}
	for _, e := range es {
		if e.IsStartBanner() {
			banners++
		}
		if e.CallID != "" {
			callIDs++
		}
		if e.EndLine != e.Line {
			multi = append(multi, e.Line)
			if !strings.HasSuffix(e.Text, "\nPacket timed out after 32000ms with no response") &&
				!strings.HasSuffix(e.Text, "\nPacket timed out after 31999ms with no response") {
				t.Errorf("line %d continuation not joined: %q", e.Line, e.Text)
			}
			if e.EndLine != e.Line+1 {
				t.Errorf("line %d ends at %d", e.Line, e.EndLine)
			}
		}
		if e.Year != 0 || e.Month != 3 || e.Day != 24 {
			t.Errorf("line %d stamp %q gives %d-%d-%d", e.Line, e.Stamp, e.Year, e.Month, e.Day)
		}
		files[e.File]++
	}
	if banners != 7 || callIDs != 11 || !equalInts(multi, []int64{31, 50, 52}) {
		t.Errorf("banners %d callids %d multi-line %v", banners, callIDs, multi)
	}
	if files["pbx_ael.c"] != 42 || files["chan_sip.c"] != 16 || files["acl.c"] != 1 || files[""] != 7 {
		t.Errorf("files %v", files)
	}
	// The newest CDR of the same system is 2015-04-16: every entry lands in 2015.
	note := PlaceYears(es, 2015, 4)
	for _, e := range es {
		if e.Year != 2015 {
			t.Fatalf("line %d placed in %d (%s)", e.Line, e.Year, note)
		}
	}
	if !strings.Contains(note, "118 year-less timestamps") || !strings.Contains(note, "0 year boundaries") {
		t.Errorf("note %q", note)
	}
}

func TestCorpusSimularentMessages(t *testing.T) {
	head := readCorpusLog(t, "simularent-asterisk-for-speech-to-text/messages.head")
	if len(head) != 88 {
		t.Fatalf("entries %d, want 88", len(head))
	}
	if got := levels(head); !sameCounts(got, map[string]int{"": 2, "ERROR": 8, "NOTICE": 19, "WARNING": 59}) {
		t.Errorf("levels %v", got)
	}
	first := head[0]
	if first.Stamp != "Nov  6 06:25:01" || first.Month != 11 || first.Day != 6 || first.Hour != 6 || !first.IsStartBanner() {
		t.Errorf("first = %+v", first)
	}
	callIDs := 0
	for _, e := range head {
		if e.CallID != "" {
			callIDs++
		}
	}
	if callIDs != 3 {
		t.Errorf("callids %d, want 3", callIDs)
	}
	if e := head[78]; e.Line != 79 || e.CallID != "C-00000003" || !strings.Contains(e.Text, "'Local/13137572471@LocalSets-00000001;1'") {
		t.Errorf("line 79 = %+v", e)
	}

	rotated := readCorpusLog(t, "simularent-asterisk-for-speech-to-text/messages.2")
	if len(rotated) != 11 {
		t.Fatalf("messages.2 entries %d, want 11", len(rotated))
	}
	if got := levels(rotated); !sameCounts(got, map[string]int{"": 1, "NOTICE": 6, "WARNING": 4}) {
		t.Errorf("messages.2 levels %v", got)
	}
	if got := rotated[1].Text; got != "Peer 'sipus1' is now UNREACHABLE!  Last qualify: 81" {
		t.Errorf("double space lost: %q", got)
	}
	// Oct 16 .. Oct 20 with a reference of Jan 2017: the log ends before
	// January, so it belongs to the year before.
	PlaceYears(rotated, 2017, 1)
	if rotated[0].Year != 2016 || rotated[10].Year != 2016 {
		t.Errorf("years %d..%d, want 2016", rotated[0].Year, rotated[10].Year)
	}
}
