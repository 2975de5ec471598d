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
	f.Add([]byte(`{"hostname":"h","timestamp":"2024-05-06 09:00:01.123","identifiers":{"lwp":"1","callid":"C-1"},"logmsg":{"location":{"filename":"pbx.c","function":"f","line":2},"level":"VERBOSE","message":"m"}}` + "\nstray\n{\"timestamp\":1}\n"))
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

// FuzzTableReader: the header-driven readers (CDR table exports, CUCM,
// Kamailio acc), the queue_log reader and the detectors never panic, keep
// lines in order and produce calls with sane numbers.
func FuzzTableReader(f *testing.F) {
	f.Add([]byte("calldate,src,dst,dcontext,channel,dstchannel,lastapp,lastdata,duration,billsec,disposition,uniqueid\n"+
		"2024-05-06 09:00:00,201,912482420798,from-internal,SIP/201-1,SIP/t-2,Dial,\"SIP/t/12482420798,300\",10,5,ANSWERED,1715004000.1\n"), uint8(0))
	f.Add([]byte(`"4/9/2017 12:24:49","x","107","108","from-internal","SIP/107-1","SIP/108-2","Dial","SIP/108","38","32","ANSWERED","3",,"1504524289.85",`+"\n"), uint8(0))
	f.Add([]byte("\"dateTimeOrigination\",\"callingPartyNumber\",\"finalCalledPartyNumber\",\"duration\"\nINTEGER,VARCHAR(50),VARCHAR(50),INTEGER\n1715004000,4001,4002,120\n"), uint8(1))
	f.Add([]byte("method,callid,sip_code,sip_reason,time,src_user,dst_user\nINVITE,c1,200,OK,2024-05-06 14:00:00,1,2\nBYE,c1,200,OK,1715004150,1,2\n"), uint8(2))
	f.Add([]byte("1715004000|NONE|NONE|NONE|QUEUESTART\n1715004100|1.2|400|SIP/201|CONNECT|14|1.3|7\n"), uint8(3))
	formats := []Format{FormatCDRTable, FormatCUCM, FormatKamailioAcc}
	f.Fuzz(func(t *testing.T, data []byte, pick uint8) {
		DetectCDRTable(data)
		DetectOtherSwitch(data)
		DetectQueueLog(data)
		if int(pick)%4 == 3 {
			q := NewQueueReader(bytes.NewReader(data))
			last := int64(0)
			for {
				e, err := q.Next()
				if err == io.EOF {
					return
				}
				line := e.Line
				var re *RowError
				if errors.As(err, &re) {
					line = re.Line
				} else if err != nil {
					t.Fatal(err)
				}
				if line <= last {
					t.Fatalf("line %d after %d", line, last)
				}
				last = line
			}
		}
		drainInOrder(t, NewReader(bytes.NewReader(data), formats[int(pick)%4%len(formats)]), func(c Call) {
			if (c.Duration < 0 && c.Duration != NoDuration) || (c.BillSec < 0 && c.BillSec != NoBillsec) || strings.ContainsRune(c.Raw, '\n') {
				t.Fatalf("bad call %+v", c)
			}
			_ = c.Classify(nil)
		})
	})
}
