package asterisk

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

var fuzzFormats = []Format{FormatCDRCSV, FormatCDRCustom, FormatFreeSWITCH}

func FuzzCDRReader(f *testing.F) {
	for _, rel := range []string{
		"mineevburyat-dj-asterisk-cdr/Master.csv", "bugadm-telephonyswitching/100.csv",
		"kelysaina-cdr/Master.csv", "kxingyunliushui-freeswitch-tools/Master.csv",
	} {
		b := corpusBytes(f, rel)
		if len(b) > 4096 {
			b = b[:4096]
		}
		f.Add(b, uint8(0))
	}
	f.Add([]byte(base16+"\r\n\n\"x"), uint8(1))
	f.Add([]byte("\xef\xbb\xbf"+base16+`,"1.1","","","1.1",0`), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, pick uint8) {
		if det, cols, reason, ok := Detect(data); ok && (cols < 11 || reason == "" || det == "") {
			t.Fatalf("Detect ok with %q %d %q", det, cols, reason)
		}
		r := NewReader(bytes.NewReader(data), fuzzFormats[int(pick)%len(fuzzFormats)])
		last := int64(0)
		for i := 0; ; i++ {
			c, err := r.Next()
			if err == io.EOF {
				break
			}
			line := c.Line
			var re *RowError
			if errors.As(err, &re) {
				line = re.Line
				if strings.ContainsRune(re.Raw, '\n') || re.Reason == "" {
					t.Fatalf("bad row error %+v", re)
				}
			} else if err != nil {
				t.Fatalf("unexpected error %v", err)
			} else {
				if c.Duration < 0 || c.BillSec < 0 || c.Sequence < -1 || c.Columns < 11 || strings.ContainsRune(c.Raw, '\n') {
					t.Fatalf("bad call %+v", c)
				}
				_, _ = c.Recipient()
				_ = c.Direction() + c.Dongle() + c.DedupKey()
			}
			if line < 1 || line <= last {
				t.Fatalf("line %d after %d", line, last)
			}
			last = line
		}
	})
}

func FuzzLogReader(f *testing.F) {
	for _, rel := range []string{
		"fail2ban/asterisk", "bugadm-telephonyswitching/messages.head",
		"simularent-asterisk-for-speech-to-text/messages.2",
	} {
		b := corpusBytes(f, rel)
		if len(b) > 4096 {
			b = b[:4096]
		}
		f.Add(b)
	}
	f.Add([]byte("x\n[Feb 29 10:00:00] NOTICE[1][C-1]: a.c:1 in f: t\n\n cont\n# c\nNov  4 18:30:40 h p[1]: ERROR[2]: y"))
	f.Fuzz(func(t *testing.T, data []byte) {
		es, err := ReadLog(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		hadYear := make([]bool, len(es))
		for i, e := range es {
			if e.Line < 1 || e.EndLine < e.Line || i > 0 && e.Line <= es[i-1].EndLine {
				t.Fatalf("entry %d lines %d-%d", i, e.Line, e.EndLine)
			}
			if (e.Stamp == "") != (e.Month == 0) || e.Month > 12 || e.Day > 31 || e.Hour > 23 {
				t.Fatalf("entry %d stamp %q month %d", i, e.Stamp, e.Month)
			}
			if e.Stamp == "" && (e.Level != "" || e.Text == "") {
				t.Fatalf("undated entry %+v", e)
			}
			hadYear[i] = e.Year != 0
		}
		PlaceYears(es, 2020, 6)
		for i, e := range es {
			if !hadYear[i] && e.Month != 0 && e.Year > 2020 {
				t.Fatalf("entry %d placed after the reference: %d", i, e.Year)
			}
		}
	})
}

func FuzzParseConf(f *testing.F) {
	for _, rel := range []string{
		"bg111-asterisk-chan-dongle/dongle.conf", "swa2050-dongle-conf/dongle.conf",
		"kaitocross-phonewave-asterisk-conf/sip.conf",
	} {
		b := corpusBytes(f, rel)
		if len(b) > 4096 {
			b = b[:4096]
		}
		f.Add(b)
	}
	f.Add([]byte("[a](b)\n[b](a,!)\nx=>1 ;-- c\n--;\\;y=2\n#include \"z\"\n[t](!)\ntype=aor\ncontact=sip:u@[::1]:5\nexten => _X.,1,Dial(Dongle/d/123)\nsame=>n,Set(CALLERID(all)=<456>)"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseConf(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		last := 0
		for _, s := range c.Sections {
			if s.Line != 0 && s.Line <= last {
				t.Fatalf("section %q at line %d after %d", s.Name, s.Line, last)
			}
			last = max(last, s.Line)
			for _, e := range s.Entries {
				if e.Line <= last || (e.Op != "=" && e.Op != "=>" && e.Op != "+=") || strings.TrimSpace(e.Key) != e.Key || strings.TrimSpace(e.Value) != e.Value {
					t.Fatalf("entry %+v after line %d", e, last)
				}
				last = e.Line
			}
			_, _ = c.Get(s.Name, "type")
			_ = c.Values(s.Name, "allow")
		}
		_ = Dongles(c)
		_ = ParseDialPlan(c)
		_ = SIPPeers(c)
		_ = PJSIPPeers(c)
	})
}
