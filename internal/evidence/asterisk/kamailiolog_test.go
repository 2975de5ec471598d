package asterisk

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// FuzzKamailioAccLog: the acc lines of a system log, and the mapped
// readers of master.db rows and cdr_custom files, never panic; lines come
// in order and every call's start reads as a time.
func FuzzKamailioAccLog(f *testing.F) {
	f.Add([]byte("Jan  2 11:00:01 sip kamailio[812]: NOTICE: acc [acc.c:285]: acc_log_request(): ACC: transaction answered: timestamp=1735812001;method=INVITE;from_tag=a1;to_tag=b1;call_id=c1@10.0.0.5;code=200;reason=OK;src_user=201;dst_user=2\n" +
		"x ACC: call missed: timestamp=1735812300;method=BYE;call_id=c1\n"))
	f.Add([]byte(`2025-01-02T11:10:00.123456+01:00 sip openser[1668]: ACC: transaction answered: method=INVITE, i-uri=sip:1@x, call_id=77, from="A, B" <sip:49@x>;tag=1, code=486` + "\n"))
	f.Add([]byte(`"1735812000.5","2025-01-02 10:00:00+05:30","103","SIP/ovh/0033,60","42","ANSWERED","9"` + "\n"))
	m := CustomMapping{File: "x.csv"}
	for i, v := range []string{"uniqueid", "start", "src", "lastdata", "billsec", "disposition", "dst"} {
		m.Columns = append(m.Columns, string(rune('a'+i)))
		m.Vars = append(m.Vars, v)
		m.Epoch = append(m.Epoch, false)
	}
	rm, _, ok := m.Mapper()
	if !ok {
		f.Fatal("mapping")
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		DetectKamailioAccLog(data)
		FitsCustomMapping(data, m)
		for _, r := range []*Reader{NewReader(bytes.NewReader(data), FormatKamailioAccLog), NewMappedReader(bytes.NewReader(data), m, rm)} {
			drainInOrder(t, r, func(c Call) {
				if _, _, _, _, err := ParseTimeOffset(c.Start); err != nil || (c.Duration < 0 && c.Duration != NoDuration) || (c.BillSec < 0 && c.BillSec != NoBillsec) {
					t.Fatalf("bad call %+v: %v", c, err)
				}
			})
		}
	})
}

// drainInOrder reads r to its end: every call goes to check, row errors
// are kept, any other error fails; lines must rise.
func drainInOrder(t *testing.T, r *Reader, check func(Call)) {
	t.Helper()
	last := int64(0)
	for {
		c, err := r.Next()
		if err == io.EOF {
			return
		}
		line := c.Line
		var re *RowError
		if errors.As(err, &re) {
			line = re.Line
		} else if err != nil {
			t.Fatalf("unexpected error %v", err)
		} else {
			check(c)
		}
		if line < 1 || line <= last {
			t.Fatalf("line %d after %d", line, last)
		}
		last = line
	}
}
