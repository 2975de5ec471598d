package textline

import (
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
)

// longLine is an io.Reader of prefix, n bytes of fill and suffix, made as
// it is read: nothing of the size is held by the test itself.
type longLine struct {
	prefix, suffix string
	fill           byte
	n              int64
	pos            int64
}

func (l *longLine) Read(p []byte) (int, error) {
	total := int64(len(l.prefix)) + l.n + int64(len(l.suffix))
	if l.pos >= total {
		return 0, io.EOF
	}
	k := 0
	for k < len(p) && l.pos < total {
		switch {
		case l.pos < int64(len(l.prefix)):
			p[k] = l.prefix[l.pos]
		case l.pos < int64(len(l.prefix))+l.n:
			p[k] = l.fill
		default:
			p[k] = l.suffix[l.pos-int64(len(l.prefix))-l.n]
		}
		k++
		l.pos++
	}
	return k, nil
}

// allocated runs f and returns the bytes it allocated on the heap.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func TestTwoHundredMegabyteLineIsRejectedInBoundedMemory(t *testing.T) {
	const size = 200 << 20
	src := &longLine{prefix: "first\nSTART", fill: 'x', n: size, suffix: "\r\nlast\n"}
	r := NewReader(src)
	var lines []string
	var long *TooLong
	alloc := allocated(func() {
		for {
			b, n, err := r.Next()
			if err == io.EOF {
				return
			}
			if errors.As(err, &long) {
				if n != 2 {
					t.Errorf("too-long line numbered %d, want 2", n)
				}
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			lines = append(lines, string(b))
		}
	})
	if strings.Join(lines, "|") != "first|last" {
		t.Errorf("lines around the long one = %q, want first and last", lines)
	}
	if long == nil {
		t.Fatal("the 200 MB line was not reported")
	}
	if long.Length != size+5 {
		t.Errorf("length %d, want %d", long.Length, size+5)
	}
	if len(long.Sample) != SampleBytes || !strings.HasPrefix(long.Sample, "STARTxxx") {
		t.Errorf("sample of %d bytes starting %.10q, want %d bytes of the line's start", len(long.Sample), long.Sample, SampleBytes)
	}
	// a line held whole would allocate 200 MB and more
	if alloc > 8<<20 {
		t.Errorf("reading a 200 MB line allocated %d MB; want under 8 MB", alloc>>20)
	}
}

func TestLinesAtTheBound(t *testing.T) {
	exact := strings.Repeat("a", 40)
	over := strings.Repeat("b", 41)
	r := NewReaderSize(strings.NewReader("\xef\xbb\xbf"+exact+"\r\n"+over+"\n"+exact), 16, 40)
	b, n, err := r.Next()
	if err != nil || string(b) != exact || n != 1 {
		t.Fatalf("line 1 = %q %d %v", b, n, err)
	}
	_, n, err = r.Next()
	var long *TooLong
	if !errors.As(err, &long) || n != 2 || long.Length != 41 || long.Sample != over {
		t.Fatalf("line 2: %v %d %+v", err, n, long)
	}
	b, n, err = r.Next()
	if err != nil || string(b) != exact || n != 3 {
		t.Fatalf("line 3 = %q %d %v", b, n, err)
	}
	if _, _, err := r.Next(); err != io.EOF {
		t.Fatalf("after the last line: %v", err)
	}
	if !r.SawBOM() || !r.SawCRLF() {
		t.Error("BOM and CRLF not noted")
	}
}
