package evidence

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit"
)

// seedLayouts adds every hand-written layout fixture of testdata/layouts.
func seedLayouts(f *testing.F) {
	files, err := filepath.Glob(filepath.Join(testkit.RepoRoot(f), "testdata", "layouts", "*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("MSISDN,START\n\"unterminated,2020-01-01 00:00:00\n"))
	f.Add([]byte(""))
	// hostile heads: a one-cell header of many words, a row of many cells
	f.Add([]byte("msisdn," + strings.Repeat("dst_ip_", 20000) + "\n1,2\n"))
	f.Add([]byte(strings.Repeat("dest ip,start time,", 5000) + "\n"))
}

// Detection never panics, and a layout it returns names the fields it needs.
func FuzzSniff(f *testing.F) {
	seedLayouts(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Sniff(data, true, Options{})
		if err != nil {
			return
		}
		if !l.Has(FMSISDN) && !l.Has(FAParty) {
			t.Fatalf("layout without a subscriber column: %+v", l)
		}
		if !l.Has(FStart) && !l.Has(FStartDate) {
			t.Fatalf("layout without a start column: %+v", l)
		}
	})
}

// Reading rows never panics; every row and reject carries a line number
// that grows, and every accepted row has a subscriber of digits.
func FuzzReadRows(f *testing.F) {
	seedLayouts(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Sniff(data, true, Options{})
		if err != nil {
			return
		}
		if l.NeedsDateOrder() {
			if ResolveDateOrder(bytes.NewReader(data), l) != nil {
				return
			}
		}
		rd := NewReader(bytes.NewReader(data), l)
		last := int64(0)
		for n := 0; n < 100000; n++ {
			row, err := rd.Next()
			if err == io.EOF {
				return
			}
			var rowErr *RowError
			if errors.As(err, &rowErr) {
				if rowErr.Line <= last {
					t.Fatalf("reject line %d after line %d", rowErr.Line, last)
				}
				last = rowErr.Line
				continue
			}
			if err != nil {
				t.Fatalf("read error: %v", err)
			}
			if row.Line <= last {
				t.Fatalf("row line %d after line %d", row.Line, last)
			}
			last = row.Line
			m := row.Data.MSISDN
			if l.Kind == KindVoice {
				m = row.Voice.MSISDN
			}
			if m == "" || !allDigits(m) {
				t.Fatalf("row %d has subscriber %q", row.Line, m)
			}
		}
	})
}

// The record reader accounts for every physical line: records start on
// increasing lines, a join is kept only when Accept takes it, and at the
// end every line of the input has been read.
func FuzzLineReaderJoins(f *testing.F) {
	for _, s := range []string{"a,b\n\"x\ny\",z\n", "a,\"b\nc,d\ne,f\n", "\"\n\"\n\"\n", "a\r\nb"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lr := NewLineReader(bytes.NewReader(data), ',')
		lr.Accept = func(rec []byte) bool { return len(SplitFields(nil, rec, ',')) == 2 }
		last := int64(0)
		for {
			rec, line, err := lr.Next()
			if err == io.EOF {
				break
			}
			if err != nil && err != ErrRecordTooLong {
				t.Fatal(err)
			}
			if line <= last {
				t.Fatalf("record on line %d after one on line %d", line, last)
			}
			last = line
			if err == nil && !lr.Unbalanced() && bytes.IndexByte(rec, '\n') >= 0 && len(SplitFields(nil, rec, ',')) != 2 {
				t.Fatalf("a join Accept refuses was kept: %q", rec)
			}
		}
		body := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
		lines := int64(bytes.Count(body, []byte{'\n'}))
		if len(body) > 0 && body[len(body)-1] != '\n' {
			lines++
		}
		if lr.Line() != lines {
			t.Fatalf("%d physical lines read of %d", lr.Line(), lines)
		}
	})
}
