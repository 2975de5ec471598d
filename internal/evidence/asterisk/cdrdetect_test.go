package asterisk

import (
	"strings"
	"testing"
)

func TestDetectCorpus(t *testing.T) {
	tests := []struct {
		file    string
		format  Format
		columns int
		ok      bool
	}{
		{"mineevburyat-dj-asterisk-cdr/Master.csv", FormatCDRCSV, 21, true},
		{"bugadm-telephonyswitching/Master.csv", FormatCDRCSV, 18, true},
		{"bugadm-telephonyswitching/100.csv", FormatCDRCSV, 18, true},
		{"kelysaina-cdr/Master.csv", FormatCDRCustom, 19, true},
		{"kxingyunliushui-freeswitch-tools/Master.csv", FormatFreeSWITCH, 15, true},
		// Files that are not call records must not pass as any of them.
		{"fail2ban/asterisk", "", 0, false},
		{"bugadm-telephonyswitching/messages.head", "", 0, false},
		{"simularent-asterisk-for-speech-to-text/messages.head", "", 0, false},
		{"simularent-asterisk-for-speech-to-text/messages.2", "", 0, false},
		{"shashi-hagroo-mic3-data-engineering/ipdr.csv", "", 0, false},
		{"sid1125-tifm-cdr-ipdr-visualizer/demo_cross_case_cdr.csv", "", 0, false},
		{"sid1125-tifm-cdr-ipdr-visualizer/demo_cross_case_ipdr.csv", "", 0, false},
		{"bg111-asterisk-chan-dongle/dongle.conf", "", 0, false},
		{"kaitocross-phonewave-asterisk-conf/sip.conf", "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, cols, reason, ok := Detect(corpusBytes(t, tt.file))
			if f != tt.format || cols != tt.columns || ok != tt.ok {
				t.Fatalf("got %q %d %v (%s), want %q %d %v", f, cols, ok, reason, tt.format, tt.columns, tt.ok)
			}
			if reason == "" {
				t.Error("reason must never be empty")
			}
			if !ok && !strings.HasPrefix(reason, "no call-record layout fits") {
				t.Errorf("reason = %q", reason)
			}
		})
	}
}

func TestDetectReasonNamesTheEvidence(t *testing.T) {
	_, _, reason, _ := Detect(corpusBytes(t, "mineevburyat-dj-asterisk-cdr/Master.csv"))
	want := "asterisk-cdr-csv with 21 columns: 84 of the first 84 lines fit"
	if !strings.HasPrefix(reason, want) {
		t.Errorf("reason = %q, want prefix %q", reason, want)
	}
}

func TestDetectSynthetic(t *testing.T) {
	row18 := base16 + `,"1706.1",""`
	row21 := base16 + `,"1706.1","","","1706.1",4`
	row19csv := base16 + `,"","1706.1",4`
	custom := `"""A"" <1>","1","2","ctx","SIP/1-1","SIP/2-2","Dial","SIP/2","2023-07-26 01:51:32","","2023-07-26 01:52:04","31","0","NO ANSWER","DOCUMENTATION","","1690325492.2","",2`
	fsQuoted := `"Name","1002","1004","default","2020-02-11 11:05:00","2020-02-11 11:05:03","2020-02-11 11:06:00","60","57","NORMAL_CLEARING","559758f2-4c7b-11ea-b071-2bfc2a06d67d","","1002","PCMU","PCMU"`
	tests := []struct {
		name    string
		head    string
		format  Format
		columns int
		ok      bool
		inWhy   string
	}{
		{"mid-file change 18 then 21", strings.Repeat(row18+"\n", 3) + strings.Repeat(row21+"\n", 2), FormatCDRCSV, 18, true, "column counts vary: 18 (3 lines), 21 (2 lines)"},
		{"19-column cdr_csv is not cdr_custom", row19csv + "\n", FormatCDRCSV, 19, true, ""},
		{"19-column cdr_custom", custom + "\n", FormatCDRCustom, 19, true, ""},
		{"quoted FreeSWITCH default template", fsQuoted + "\n", FormatFreeSWITCH, 15, true, ""},
		{"cut-off last line is ignored", row18 + "\n" + row18[:40], FormatCDRCSV, 18, true, "1 of the first 1 lines"},
		{"a single line without newline counts", row18, FormatCDRCSV, 18, true, ""},
		{"minority of records", row18 + "\nx\ny\nz\n", "", 0, false, "1 of the first 4 lines look like asterisk-cdr-csv"},
		{"broken quoting reported", `"abc` + "\n", "", 0, false, "1 lines have broken quoting"},
		{"empty", "\n\n", "", 0, false, "empty"},
		{"header line plus rows still wins", "accountcode,src,dst\n" + strings.Repeat(row18+"\n", 2), FormatCDRCSV, 18, true, "2 of the first 3 lines"},
		{"only the first 64 KiB count", strings.Repeat(strings.Repeat("x", 199)+"\n", 400) + strings.Repeat(row18+"\n", 10), "", 0, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, cols, reason, ok := Detect([]byte(tt.head))
			if f != tt.format || cols != tt.columns || ok != tt.ok {
				t.Fatalf("got %q %d %v (%s)", f, cols, ok, reason)
			}
			if !strings.Contains(reason, tt.inWhy) {
				t.Errorf("reason %q lacks %q", reason, tt.inWhy)
			}
		})
	}
}
