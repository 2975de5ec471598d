package asterisk

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestSplitCSV(t *testing.T) {
	tests := []struct {
		name    string
		line    string
		vals    []string
		quoted  []bool
		wantErr string
	}{
		{"mixed", `"a","b""c",1,,"x,y"`, []string{"a", `b"c`, "1", "", "x,y"}, []bool{true, true, false, false, true}, ""},
		{"trailing empty", `a,`, []string{"a", ""}, []bool{false, false}, ""},
		{"empty line", ``, []string{""}, []bool{false}, ""},
		{"empty quoted", `"",""`, []string{"", ""}, []bool{true, true}, ""},
		{"only doubled quotes", `""""""`, []string{`""`}, []bool{true}, ""},
		{"not utf-8 kept", "\"\xa5\xa5b\",2", []string{"\xa5\xa5b", "2"}, []bool{true, false}, ""},
		{"unclosed", `"abc`, nil, nil, "column 1: quote never closed"},
		{"unclosed after doubled", `x,"a""`, nil, nil, "column 2: quote never closed"},
		{"junk after quote", `"a"b,c`, nil, nil, "column 1: text after the closing quote"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := splitCSV(tt.line, nil)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var vals []string
			var quoted []bool
			for _, f := range got {
				vals = append(vals, f.val)
				quoted = append(quoted, f.quoted)
			}
			if !reflect.DeepEqual(vals, tt.vals) || !reflect.DeepEqual(quoted, tt.quoted) {
				t.Errorf("got %q %v, want %q %v", vals, quoted, tt.vals, tt.quoted)
			}
		})
	}
}

const base16 = `"acc","100","200","ctx","""N"" <100>","SIP/100-1","SIP/200-2","Dial","SIP/200,20",` +
	`"2024-01-27 15:07:24","2024-01-27 15:07:30","2024-01-27 15:08:00",36,30,"ANSWERED","DOCUMENTATION"`

func TestCDRCSVColumnLayouts(t *testing.T) {
	type extra struct{ uid, uf, peer, linked string }
	tests := []struct {
		name string
		tail string
		want extra
		seq  int64
		cols int
	}{
		{"16 base", "", extra{}, -1, 16},
		{"17 uniqueid", `,"1706368044.0"`, extra{uid: "1706368044.0"}, -1, 17},
		{"17 userfield", `,"note"`, extra{uf: "note"}, -1, 17},
		{"18 uniqueid userfield", `,"1706.1","uf"`, extra{uid: "1706.1", uf: "uf"}, -1, 18},
		{"19 newcdrcolumns", `,"peer","1706.9",5`, extra{peer: "peer", linked: "1706.9"}, 5, 19},
		{"20 prefixed uniqueid", `,"sys-1706.1","peer","link",7`, extra{uid: "sys-1706.1", peer: "peer", linked: "link"}, 7, 20},
		{"21 all", `,"1706.1","uf","peer","1706.0",12`, extra{"1706.1", "uf", "peer", "1706.0"}, 12, 21},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls, rejects := readAllCalls(t, []byte(base16+tt.tail+"\n"), FormatCDRCSV)
			if len(rejects) != 0 || len(calls) != 1 {
				t.Fatalf("calls %d rejects %v", len(calls), rejects)
			}
			c := calls[0]
			got := extra{c.UniqueID, c.UserField, c.PeerAccount, c.LinkedID}
			if got != tt.want || c.Sequence != tt.seq || c.Columns != tt.cols {
				t.Errorf("got %+v seq %d cols %d, want %+v seq %d cols %d", got, c.Sequence, c.Columns, tt.want, tt.seq, tt.cols)
			}
			if c.AccountCode != "acc" || c.CLID != `"N" <100>` || c.LastData != "SIP/200,20" ||
				c.Answer != "2024-01-27 15:07:30" || c.Duration != 36 || c.BillSec != 30 ||
				c.Disposition != "ANSWERED" || c.AMAFlags != "DOCUMENTATION" || c.Line != 1 {
				t.Errorf("base fields wrong: %+v", c)
			}
		})
	}
}

func TestCDRRowErrors(t *testing.T) {
	tests := []struct {
		name, line, reason string
	}{
		{"too few", `"a",1`, "2 columns; cdr_csv writes 16 to 21"},
		{"too many", base16 + strings.Repeat(`,"x"`, 6), "22 columns; cdr_csv writes 16 to 21"},
		{"bad start", strings.Replace(base16, `"2024-01-27 15:07:24"`, `"yesterday"`, 1), `start (column 10) "yesterday" is not a date-time`},
		{"bad answer", strings.Replace(base16, `"2024-01-27 15:07:30"`, `"2024-13-01 00:00:00"`, 1), `answer (column 11) "2024-13-01 00:00:00" is not a date-time`},
		{"bad duration", strings.Replace(base16, ",36,", ",x,", 1), `duration (column 13) "x" is not a number of seconds`},
		{"bad sequence", base16 + `,"1.1","","","1.1",seq`, `sequence (column 21) "seq" is not an integer`},
		{"broken quote", `"abc`, "column 1: quote never closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewReader(strings.NewReader(tt.line+"\n"), FormatCDRCSV).Next()
			var re *RowError
			if !errors.As(err, &re) {
				t.Fatalf("err = %v, want *RowError", err)
			}
			if re.Reason != tt.reason || re.Line != 1 || re.Raw != tt.line {
				t.Errorf("got %+v, want reason %q", re, tt.reason)
			}
			if !strings.HasPrefix(re.Error(), "line 1: ") {
				t.Errorf("Error() = %q", re.Error())
			}
		})
	}
}

func TestReaderLinesAndRecovery(t *testing.T) {
	// A blank line, a CRLF ending, a bad row in the middle and a last row
	// without a newline: physical line numbers must survive all of it.
	data := base16 + "\r\n\n" + "garbage\n" + strings.Replace(base16, `"100"`, `"101"`, 1)
	r := NewReader(strings.NewReader(data), FormatCDRCSV)
	c1, err := r.Next()
	if err != nil || c1.Line != 1 || c1.Raw != base16 || c1.AMAFlags != "DOCUMENTATION" {
		t.Fatalf("first: %+v %v", c1, err)
	}
	_, err = r.Next()
	var re *RowError
	if !errors.As(err, &re) || re.Line != 3 || re.Raw != "garbage" {
		t.Fatalf("second: %v", err)
	}
	c3, err := r.Next()
	if err != nil || c3.Line != 4 || c3.Src != "101" {
		t.Fatalf("third: %+v %v", c3, err)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Fatalf("end: %v", err)
	}
}

func TestUnknownFormat(t *testing.T) {
	_, err := NewReader(strings.NewReader(base16+"\n"), Format("nope")).Next()
	if !errors.Is(err, errUnknownFormat) {
		t.Fatalf("err = %v", err)
	}
}

func TestParseTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		lost bool
		bad  bool
	}{
		{"2024-01-27 15:07:24", time.Date(2024, 1, 27, 15, 7, 24, 0, time.UTC), false, false},
		{"2024-01-27T15:07:24", time.Date(2024, 1, 27, 15, 7, 24, 0, time.UTC), false, false},
		{"2020/2/10 22:41", time.Date(2020, 2, 10, 22, 41, 0, 0, time.UTC), true, false},
		{"2020/2/10 9:05:07", time.Date(2020, 2, 10, 9, 5, 7, 0, time.UTC), false, false},
		{"2024-01-27 15:07:24.250", time.Date(2024, 1, 27, 15, 7, 24, 250e6, time.UTC), false, false},
		{" 2024-01-27 15:07:24 ", time.Date(2024, 1, 27, 15, 7, 24, 0, time.UTC), false, false},
		{"2023-02-29 10:00:00", time.Time{}, false, true},
		{"2024-01-27", time.Time{}, false, true},
		{"2024-01/27 10:00", time.Time{}, false, true},
		{"27/01/2024 10:00", time.Time{}, false, true},
		{"2024-01-27 24:00:00", time.Time{}, false, true},
		{"", time.Time{}, false, true},
	}
	for _, tt := range tests {
		got, lost, err := ParseTime(tt.in)
		if tt.bad {
			if err == nil {
				t.Errorf("%q: want error, got %v", tt.in, got)
			}
			continue
		}
		if err != nil || !got.Equal(tt.want) || lost != tt.lost || got.Location() != time.UTC {
			t.Errorf("%q: got %v lost=%v err=%v, want %v lost=%v", tt.in, got, lost, err, tt.want, tt.lost)
		}
	}
}

func TestRecipient(t *testing.T) {
	tests := []struct {
		name                 string
		src, dst, app, data  string
		wantNumber, wantFrom string
	}{
		{"dst is a number", "89245555937", "211474", "Hangup", "", "211474", FromDst},
		{"dst not a number, dongle dial", "100", "s", "Dial", "Dongle/dongle0/0123456789,30", "0123456789", FromLastData},
		{"dst not a number, sip dial", "89245555937", "ch1", "Dial", "SIP/301,15", "301", FromLastData},
		{"src glued to dst, lastdata has the rest", "01012345678", "010123456780987654321", "Dial", "Dongle/dongle0/0987654321", "0987654321", FromLastData},
		{"src glued to dst, no lastdata", "01012345678", "010123456780987654321", "Hangup", "", "0987654321", FromDstWithoutSrc},
		{"short src prefix is not a glue", "100", "1001234567", "Hangup", "", "1001234567", FromDst},
		{"lastdata confirms dst", "100", "1001234567", "Dial", "SIP/trunk/1001234567", "1001234567", FromDst},
		{"playback data is not dialled", "100", "s", "Playback", "custom/0123456", "", ""},
		{"nothing", "1002", "&", "", "", "", ""},
		{"local with host and option", "", "s", "Dial", "Local/13137572470@LocalSets/n", "13137572470", FromLastData},
	}
	for _, tt := range tests {
		c := Call{Src: tt.src, Dst: tt.dst, LastApp: tt.app, LastData: tt.data}
		n, from := c.Recipient()
		if n != tt.wantNumber || from != tt.wantFrom {
			t.Errorf("%s: got %q/%q, want %q/%q", tt.name, n, from, tt.wantNumber, tt.wantFrom)
		}
	}
}

func TestDirectionAndDongle(t *testing.T) {
	tests := []struct {
		name                      string
		ctx, ch, dstch, app, data string
		wantDir, wantDongle       string
	}{
		{"from the GSM side", "from-dongle", "Dongle/dongle0-0100000001", "SIP/100-1", "Dial", "SIP/100", "inbound", "dongle0"},
		{"out through a modem channel", "from-internal", "SIP/100-1", "Dongle/my-dongle-0100000002", "Dial", "Dongle/my-dongle/0123", "outbound", "my-dongle"},
		{"out through a modem, no dstchannel", "phones", "SIP/100-1", "", "Dial", "Dongle/g1/0123456789,30", "outbound", ""},
		{"from-trunk", "from-trunk", "SIP/prov-1", "SIP/100-2", "Dial", "SIP/100", "inbound", ""},
		{"context ends in pstn", "stadion-pstn", "SIP/211474-0", "", "Hangup", "", "inbound", ""},
		{"to-pstn", "to-pstn", "SIP/100-1", "SIP/prov-2", "Dial", "SIP/prov/0123", "outbound", ""},
		{"from-internal", "from-internal", "SIP/100-1", "", "Hangup", "", "internal", ""},
		{"two phones", "default", "PJSIP/client1-1", "PJSIP/client2-2", "Dial", "PJSIP/client2", "internal", ""},
		{"local helper leg", "TimeDelay", "Local/ch1@TimeDelay-0;2", "SIP/301-7", "Dial", "SIP/301,15", "unknown", ""},
		{"nothing known", "menu", "SIP/101-1", "", "Hangup", "", "unknown", ""},
	}
	for _, tt := range tests {
		c := Call{DContext: tt.ctx, Channel: tt.ch, DstChannel: tt.dstch, LastApp: tt.app, LastData: tt.data}
		if got := c.Direction(); got != tt.wantDir {
			t.Errorf("%s: Direction = %q, want %q", tt.name, got, tt.wantDir)
		}
		if got := c.Dongle(); got != tt.wantDongle {
			t.Errorf("%s: Dongle = %q, want %q", tt.name, got, tt.wantDongle)
		}
	}
}

func TestDedupKey(t *testing.T) {
	a := Call{Line: 3, UniqueID: "1.1", Start: "s", End: "e", Src: "1", Dst: "2", Channel: "SIP/1", Disposition: "ANSWERED", Raw: "x", Columns: 18}
	b := a
	b.Line, b.Raw, b.Columns = 90, "y", 21
	if a.DedupKey() != b.DedupKey() {
		t.Error("copies at other lines must share a key")
	}
	c := a
	c.UniqueID = "1.2"
	if a.DedupKey() == c.DedupKey() {
		t.Error("another uniqueid must give another key")
	}
	leg := a
	leg.DstChannel = "SIP/200-00000020"
	if a.DedupKey() == leg.DedupKey() {
		t.Error("two legs of one Dial (same uniqueid, other dstchannel) are two records")
	}
	noID := Call{Src: "1", Dst: "2", LastData: "SIP/2"}
	other := noID
	other.LastData = "SIP/3"
	if noID.DedupKey() == other.DedupKey() {
		t.Error("without uniqueid every field counts")
	}
}
