package textline

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// Every line comes back in order, whole or as a TooLong with its true
// length and first bytes; none is lost, none holds more than the bound.
func FuzzReader(f *testing.F) {
	for _, s := range []string{"", "a\nb\r\nc", "\xef\xbb\xbfhead\n", "\n\n\r\n", "0123456789012345678901234567890123456789\nshort\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const max = 24
		r := NewReaderSize(bytes.NewReader(data), 16, max)
		body := data
		if bytes.HasPrefix(body, utf8BOM) {
			body = body[3:]
		}
		want := bytes.Split(body, []byte{'\n'})
		if len(want[len(want)-1]) == 0 {
			want = want[:len(want)-1] // the last line ended with its newline
		}
		for i, w := range want {
			w = bytes.TrimSuffix(w, []byte{'\r'})
			b, n, err := r.Next()
			if n != int64(i+1) {
				t.Fatalf("line %d numbered %d (%v)", i+1, n, err)
			}
			var long *TooLong
			switch {
			case errors.As(err, &long):
				if long.Length != int64(len(w)) || len(w) <= max || !bytes.HasPrefix(w, []byte(long.Sample)) {
					t.Fatalf("line %d: %+v for %q", i+1, long, w)
				}
			case err != nil:
				t.Fatal(err)
			case !bytes.Equal(b, w):
				t.Fatalf("line %d = %q, want %q", i+1, b, w)
			}
		}
		if _, _, err := r.Next(); err != io.EOF {
			t.Fatalf("after %d lines: %v", len(want), err)
		}
	})
}
