package asterisk

import (
	"bytes"
	"fmt"
	"io"
	"testing"
)

// syntheticMaster builds a cdr_csv Master.csv of n 21-column rows like the
// mineevburyat file, with varied numbers, times, dispositions and quotes.
func syntheticMaster(n int) []byte {
	var buf bytes.Buffer
	disp := []string{"ANSWERED", "NO ANSWER", "BUSY", "FAILED"}
	for i := 0; i < n; i++ {
		answer := fmt.Sprintf(`"2024-01-%02d %02d:%02d:%02d"`, 1+i%28, i%24, i%60, (i+5)%60)
		if i%3 == 0 {
			answer = ""
		}
		fmt.Fprintf(&buf, `"","89%09d","211553","stadion-pstn","""89%09d"" <89%09d>","SIP/211553-%08x","Dongle/dongle%d-%08x","Dial","Dongle/dongle%d/8%010d,60,t",`+
			`"2024-01-%02d %02d:%02d:%02d",%s,"2024-01-%02d %02d:%02d:%02d",%d,%d,"%s","DOCUMENTATION","mainserverdss-%d.%d","","","mainserverdss-%d.%d",%d`+"\n",
			i, i, i, i, i%4, i, i%4, i,
			1+i%28, i%24, i%60, i%60, answer, 1+i%28, i%24, i%60, (i+9)%60,
			i%600, i%300, disp[i%4], 1706368044+i, i, 1706368044+i, i, i)
	}
	return buf.Bytes()
}

func BenchmarkCDRReader(b *testing.B) {
	data := syntheticMaster(100_000)
	if f, cols, reason, ok := Detect(data); !ok || f != FormatCDRCSV || cols != 21 {
		b.Fatalf("synthetic file detected as %q %d (%s)", f, cols, reason)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r := NewReader(bytes.NewReader(data), FormatCDRCSV)
		n := 0
		for {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 100_000 {
			b.Fatalf("read %d rows", n)
		}
	}
}

func BenchmarkDetect(b *testing.B) {
	data := syntheticMaster(2_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, _, ok := Detect(data); !ok {
			b.Fatal("not detected")
		}
	}
}

func BenchmarkLogReader(b *testing.B) {
	var buf bytes.Buffer
	for i := 0; i < 100_000; i++ {
		fmt.Fprintf(&buf, "[Mar %2d %02d:%02d:%02d] NOTICE[%d][C-%08x] chan_sip.c: Call from '' (1.2.3.%d:5060) to extension '%d' rejected\n",
			1+i%28, i%24, i%60, i%60, 2000+i%50, i, i%255, i)
		if i%100 == 0 {
			buf.WriteString("Packet timed out after 32000ms with no response\n")
		}
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		es, err := ReadLog(bytes.NewReader(data))
		if err != nil || len(es) != 100_000 {
			b.Fatalf("%d entries, %v", len(es), err)
		}
	}
}
