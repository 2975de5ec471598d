package evidence

import (
	"bytes"
	"io"
	"testing"
	"testing/iotest"
)

func TestUTF16Reader(t *testing.T) {
	le := func(units ...uint16) []byte {
		var b []byte
		for _, u := range units {
			b = append(b, byte(u), byte(u>>8))
		}
		return b
	}
	tests := []struct {
		name string
		in   []byte
		enc  Encoding
		want string
	}{
		{"ascii", le('a', ',', 'b', '\n'), UTF16LE, "a,b\n"},
		{"big endian", []byte{0, 'h', 0, 'i'}, UTF16BE, "hi"},
		{"surrogate pair", le(0xd83d, 0xddfc), UTF16LE, "🗼"},
		{"lone high surrogate", le(0xd83d, 'x'), UTF16LE, "\ufffdx"},
		{"lone low surrogate", le(0xddfc, 'x'), UTF16LE, "\ufffdx"},
		{"odd final byte", append(le('o', 'k'), 'z'), UTF16LE, "ok\ufffd"},
		{"byte-order mark kept for the reader", le(0xfeff, 'a'), UTF16LE, "\ufeffa"},
	}
	for _, tc := range tests {
		// one byte at a time as well as whole: pairs split across reads
		for _, r := range []io.Reader{bytes.NewReader(tc.in), iotest.OneByteReader(bytes.NewReader(tc.in))} {
			got, err := io.ReadAll(NewUTF16Reader(r, tc.enc))
			if err != nil || string(got) != tc.want {
				t.Errorf("%s: %q, %v; want %q", tc.name, got, err, tc.want)
			}
		}
	}
	// small reads of multi-byte output
	got, err := io.ReadAll(iotest.OneByteReader(NewUTF16Reader(bytes.NewReader(le(0xd83d, 0xddfc, 0xe9)), UTF16LE)))
	if err != nil || string(got) != "🗼é" {
		t.Errorf("one-byte reads: %q, %v", got, err)
	}
}

func TestDetectUTF16(t *testing.T) {
	tests := []struct {
		head []byte
		want Encoding
	}{
		{[]byte{0xff, 0xfe, 'a', 0}, UTF16LE},
		{[]byte{0xfe, 0xff, 0, 'a'}, UTF16BE},
		{[]byte("M\x00S\x00I\x00S\x00D\x00N\x00,\x00D\x00e\x00s\x00t\x00 \x00I\x00P\x00"), UTF16LE},
		{[]byte("\x00M\x00S\x00I\x00S\x00D\x00N\x00,\x00D\x00e\x00s\x00t\x00 \x00I\x00P"), UTF16BE},
		{[]byte("MSISDN,Dest IP,Start\n919812345678,1.2.3.4,2024-03-18 10:00:00\n"), UTF8},
		{[]byte("TZif2\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x01"), UTF8},
	}
	for _, tc := range tests {
		if got := DetectUTF16(tc.head); got != tc.want {
			t.Errorf("DetectUTF16(%q) = %v, want %v", tc.head, got, tc.want)
		}
	}
}
