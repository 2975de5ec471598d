package asterisk

import (
	"strings"
	"testing"
)

// The expected numbers below were counted by hand (and with grep/awk) from
// the corpus files; see ../shared/corpus/SOURCES.md for what each file is.

func TestCorpusMineevburyat(t *testing.T) {
	calls, rejects := readAllCalls(t, corpusBytes(t, "mineevburyat-dj-asterisk-cdr/Master.csv"), FormatCDRCSV)
	if len(calls) != 84 || len(rejects) != 0 {
		t.Fatalf("calls %d rejects %v, want 84 and none", len(calls), rejects)
	}
	if got := tally(calls, func(c Call) string { return c.Disposition }); !sameCounts(got, map[string]int{"ANSWERED": 37, "NO ANSWER": 46, "BUSY": 1}) {
		t.Errorf("dispositions %v", got)
	}
	if got := tally(calls, func(c Call) string { return c.Dst }); !sameCounts(got, map[string]int{"211474": 12, "211553": 61, "ch1": 5, "ch2": 2, "ch3": 4}) {
		t.Errorf("dst %v", got)
	}
	empty, prefixed, withA5 := 0, 0, 0
	for i, c := range calls {
		if c.Columns != 21 || c.Line != int64(i+1) {
			t.Fatalf("row %d: columns %d line %d", i, c.Columns, c.Line)
		}
		if c.Answer == "" {
			empty++
		}
		if strings.HasPrefix(c.UniqueID, "mainserverdss-") {
			prefixed++
		}
		if strings.Contains(c.CLID, "\xa5\xa5") {
			withA5++
		}
	}
	if empty != 45 || prefixed != 42 || withA5 != 8 {
		t.Errorf("empty answers %d (want 45), prefixed uniqueids %d (want 42), clids with 0xA5 0xA5 %d (want 8)", empty, prefixed, withA5)
	}
	// Raw non-UTF-8 bytes survive exactly, in the value and in Raw.
	if got, want := calls[40].CLID, "\"8107924651\xa5\xa5b\" <81079246516548>"; got != want {
		t.Errorf("line 41 clid = %q, want %q", got, want)
	}
	if got, want := calls[42].CLID, "\"8107924352\xa5\xa5X\" <81079243525786>"; got != want {
		t.Errorf("line 43 clid = %q, want %q", got, want)
	}
	if !strings.Contains(calls[40].Raw, `"""8107924651`+"\xa5\xa5"+`b"" <81079246516548>"`) {
		t.Errorf("line 41 raw lost bytes: %q", calls[40].Raw)
	}
	// Line 7: a Local channel leg with a bare empty answer time.
	c7 := calls[6]
	if c7.Answer != "" || c7.UniqueID != "1706372196.14" || c7.LinkedID != "1706372196.12" || c7.Sequence != 10 ||
		c7.Channel != "Local/ch1@TimeDelay-00000000;2" || c7.Duration != 15 || c7.BillSec != 0 {
		t.Errorf("line 7 = %+v", c7)
	}
	if n, from := c7.Recipient(); n != "301" || from != FromLastData {
		t.Errorf("line 7 recipient %q/%q, want 301 from lastdata", n, from)
	}
	// Mid-file the uniqueid gains the system name and the sequence restarts.
	if calls[41].Sequence != 82 || calls[42].Sequence != 0 || calls[42].UniqueID != "mainserverdss-1706420300.0" ||
		calls[42].LinkedID != "mainserverdss-1706420300.0" || calls[83].Sequence != 83 {
		t.Errorf("sequence restart: %d %d %q %d", calls[41].Sequence, calls[42].Sequence, calls[42].UniqueID, calls[83].Sequence)
	}
	if got := tally(calls, Call.Direction); !sameCounts(got, map[string]int{"inbound": 73, "unknown": 11}) {
		t.Errorf("directions %v", got)
	}
}

func TestCorpusBugaDM(t *testing.T) {
	master, rejects := readAllCalls(t, corpusBytes(t, "bugadm-telephonyswitching/Master.csv"), FormatCDRCSV)
	if len(master) != 105 || len(rejects) != 0 {
		t.Fatalf("calls %d rejects %v, want 105 and none", len(master), rejects)
	}
	if got := tally(master, func(c Call) string { return c.Disposition }); !sameCounts(got, map[string]int{"ANSWERED": 94, "NO ANSWER": 7, "BUSY": 2, "FAILED": 2}) {
		t.Errorf("dispositions %v", got)
	}
	if got := tally(master, func(c Call) string { return c.LastApp }); !sameCounts(got, map[string]int{
		"Dial": 8, "Echo": 13, "Festival": 3, "Hangup": 59, "Playback": 6, "Read": 7, "VoiceMail": 6, "WaitExten": 3}) {
		t.Errorf("lastapp %v", got)
	}
	for _, c := range master {
		if c.Columns != 18 || c.Sequence != -1 || c.UserField != "" || c.UniqueID == "" {
			t.Fatalf("line %d: %+v", c.Line, c)
		}
	}
	lastdata := map[int64]string{9: `"eletrolatinooooo"`, 10: "eletrolatinooooo", 44: "hour,,4,,2,10", 96: "SIP/,10,m"}
	for line, want := range lastdata {
		if got := master[line-1].LastData; got != want {
			t.Errorf("line %d lastdata = %q, want %q", line, got, want)
		}
	}
	// uniqueid counters reset on every restart: 19 rows end in ".0".
	resets := 0
	for _, c := range master {
		if strings.HasSuffix(c.UniqueID, ".0") {
			resets++
		}
	}
	if resets != 19 {
		t.Errorf("uniqueids ending .0 = %d, want 19", resets)
	}
	if got := tally(master, Call.Direction); !sameCounts(got, map[string]int{"internal": 80, "unknown": 25}) {
		t.Errorf("directions %v", got)
	}

	account, rejects := readAllCalls(t, corpusBytes(t, "bugadm-telephonyswitching/100.csv"), FormatCDRCSV)
	if len(account) != 5 || len(rejects) != 0 {
		t.Fatalf("100.csv calls %d rejects %v", len(account), rejects)
	}
	inMaster := map[string]int64{}
	for _, c := range master {
		inMaster[c.DedupKey()] = c.Line
	}
	var lines []int64
	for _, c := range account {
		if c.AccountCode != "100" || c.CLID != "apptel" {
			t.Errorf("100.csv line %d: account %q clid %q", c.Line, c.AccountCode, c.CLID)
		}
		if l, ok := inMaster[c.DedupKey()]; ok {
			lines = append(lines, l)
		}
	}
	if want := []int64{59, 60, 64, 65, 68}; !equalInts(lines, want) {
		t.Errorf("100.csv rows found in Master.csv at lines %v, want %v", lines, want)
	}
}

func TestCorpusKelySainaCustom(t *testing.T) {
	calls, rejects := readAllCalls(t, corpusBytes(t, "kelysaina-cdr/Master.csv"), FormatCDRCustom)
	if len(calls) != 14 || len(rejects) != 0 {
		t.Fatalf("calls %d rejects %v", len(calls), rejects)
	}
	if got := tally(calls, func(c Call) string { return c.Disposition }); !sameCounts(got, map[string]int{"ANSWERED": 11, "NO ANSWER": 3}) {
		t.Errorf("dispositions %v", got)
	}
	if got := tally(calls, func(c Call) string { return c.Src }); !sameCounts(got, map[string]int{"client1": 9, "client2": 5}) {
		t.Errorf("src %v", got)
	}
	c := calls[0]
	if c.CLID != `"" <client1>` || c.Dst != "6789" || c.Channel != "PJSIP/client1-00000002" || c.Duration != 31 ||
		c.BillSec != 13 || c.AccountCode != "" || c.UniqueID != "1690325492.2" || c.Sequence != 2 || c.Columns != 19 {
		t.Errorf("line 1 = %+v", c)
	}
	if calls[1].Answer != "" || calls[1].Disposition != "NO ANSWER" {
		t.Errorf("line 2 answer %q disposition %q", calls[1].Answer, calls[1].Disposition)
	}
	if got := tally(calls, Call.Direction); !sameCounts(got, map[string]int{"internal": 14}) {
		t.Errorf("directions %v", got)
	}
}

func TestCorpusFreeSWITCH(t *testing.T) {
	calls, rejects := readAllCalls(t, corpusBytes(t, "kxingyunliushui-freeswitch-tools/Master.csv"), FormatFreeSWITCH)
	if len(calls) != 10 || len(rejects) != 0 {
		t.Fatalf("calls %d rejects %v", len(calls), rejects)
	}
	if got := tally(calls, func(c Call) string { return c.Disposition }); !sameCounts(got, map[string]int{
		"NORMAL_CLEARING": 7, "NO_USER_RESPONSE": 1, "RECOVERY_ON_TIMER_EXPIRE": 1, "USER_BUSY": 1}) {
		t.Errorf("hangup causes %v", got)
	}
	c := calls[6]
	if c.CLID != "1002" || c.Src != "1002" || c.Dst != "1004" || c.DContext != "default" || c.Start != "2020/2/11 11:05" ||
		c.Duration != 43 || c.BillSec != 32 || c.UniqueID != "559758f2-4c7b-11ea-b071-2bfc2a06d67d" ||
		c.AccountCode != "1002" || c.UserField != "PCMU/PCMU" || c.Sequence != -1 || c.Columns != 15 {
		t.Errorf("line 7 = %+v", c)
	}
	if _, lost, err := ParseTime(c.Start); err != nil || !lost {
		t.Errorf("spreadsheet time: lost=%v err=%v", lost, err)
	}
	// Lines 8 and 9 are exact duplicates; line 10 differs only in its cause.
	keys := map[string]bool{}
	for _, c := range calls {
		keys[c.DedupKey()] = true
	}
	if len(keys) != 9 {
		t.Errorf("distinct keys %d, want 9", len(keys))
	}
}

// Reading a file in the wrong format rejects every row instead of
// inventing calls.
func TestCorpusWrongFormatRejects(t *testing.T) {
	tests := []struct {
		file string
		f    Format
		rows int
	}{
		{"kxingyunliushui-freeswitch-tools/Master.csv", FormatCDRCSV, 10},
		{"mineevburyat-dj-asterisk-cdr/Master.csv", FormatFreeSWITCH, 84},
		{"kelysaina-cdr/Master.csv", FormatCDRCSV, 14},
		{"bugadm-telephonyswitching/Master.csv", FormatCDRCustom, 105},
	}
	for _, tt := range tests {
		calls, rejects := readAllCalls(t, corpusBytes(t, tt.file), tt.f)
		if len(calls) != 0 || len(rejects) != tt.rows {
			t.Errorf("%s as %s: %d calls, %d rejects, want 0 and %d", tt.file, tt.f, len(calls), len(rejects), tt.rows)
		}
	}
}

func equalInts(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
