package asterisk

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"time"
)

// FuzzCELReader: whatever a CEL file holds, FitsCEL and the reader end
// without a panic, the reader's lines (events and rejects) only go
// forward, and an event has a type and microseconds within a second.
func FuzzCELReader(f *testing.F) {
	f.Add([]byte(`"CHAN_START","1709283600.000100","SIP/201-00000001","1709283600.1","1709283600.1","",""`+"\r\n"+
		`"MY_EVENT","1709283601.5","x","1","1","MY_EVENT","{""k"":1}"`+"\n"), false)
	f.Add([]byte("eventtype|eventtime|channame|uniqueid|linkedid\n----+----\n HANGUP | 2024-03-01 10:00:00+01 | a | 1 | 1\n(1 row)\n"), true)
	f.Add([]byte("\xef\xbb\xbf\"\"\",\"1.\n,\n"), false)
	m := CELMapping{Fields: []string{CELEventType, CELEventTime, CELChanName, CELUniqueID, CELLinkedID, CELUserDefType, CELExtra},
		Sep: ',', Quote: '"', Escape: '"', From: "test"}
	f.Fuzz(func(t *testing.T, data []byte, header bool) {
		mm := m
		if header {
			lines := bytes.SplitN(data, []byte("\n"), 2)
			h, ok := CELHeaderMapping(string(lines[0]))
			if !ok {
				return
			}
			mm = h
		}
		clk := CELClock{Loc: time.UTC}
		FitsCEL(data, mm, header, clk)
		r := NewCELReader(bytes.NewReader(data), mm, header, clk)
		last := int64(0)
		for i := 0; i < 100000; i++ {
			e, err := r.Next()
			if err == io.EOF {
				return
			}
			line := e.Line
			var re *RowError
			if errors.As(err, &re) {
				line = re.Line
			} else if err != nil {
				t.Fatalf("line %d: %v", last, err)
			} else if e.Event == "" || e.Usec < 0 || e.Usec > 999999 {
				t.Fatalf("event %+v", e)
			}
			if line <= last {
				t.Fatalf("line %d after %d", line, last)
			}
			last = line
		}
		t.Fatal("the reader did not end")
	})
}
