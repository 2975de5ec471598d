package store

import (
	"bufio"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// peakHeap runs f while sampling the heap every millisecond, and returns
// the highest HeapAlloc seen above the level before f and the bytes f
// allocated in all.
func peakHeap(f func()) (peak, total uint64) {
	// garbage collected soon after it is made, so that the peak is of what
	// is held, not of what awaits the collector
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var max atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var m runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > before.HeapAlloc && m.HeapAlloc-before.HeapAlloc > max.Load() {
				max.Store(m.HeapAlloc - before.HeapAlloc)
			}
		}
	}()
	f()
	close(done)
	wg.Wait()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	return max.Load(), after.TotalAlloc - before.TotalAlloc
}

// writeLongLineFile writes before, then a line of n bytes of fill (its
// first bytes start), then after, streaming: the file is never in memory.
func writeLongLineFile(t *testing.T, path, before, start string, fill byte, n int, after string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(before)
	w.WriteString(start)
	chunk := []byte(strings.Repeat(string(fill), 1<<20))
	for left := n - len(start); left > 0; left -= len(chunk) {
		w.Write(chunk[:min(left, len(chunk))])
	}
	w.WriteString("\n" + after)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// A 32 MB line in a seized image's Master.csv costs a reject with its line
// and a 512-byte sample, not its 32 MB of memory; the calls around it
// import. (32 MB, not more: CI's disk may have little room to spare, and a
// reader that held the line would already break both bounds below.)
func TestImportAsteriskCDRWithA32MBLine(t *testing.T) {
	root := t.TempDir()
	p := filepath.Join(root, "var/log/asterisk/cdr-csv/Master.csv")
	writeLongLineFile(t, p, imageCall1+"\n", `"","9876500001",`, 'x', 32<<20, imageCall2+"\n")
	st := openTemp(t)
	var res []FileResult
	peak, total := peakHeap(func() {
		var err error
		res, err = st.Import(context.Background(), []string{p}, ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
	})
	if len(res) != 1 || res[0].Rows != 2 || res[0].Rejected != 1 {
		t.Fatalf("results %+v; want 2 calls and 1 reject", res)
	}
	var line int64
	var reason, raw string
	if err := st.DB().QueryRow("SELECT line, reason, raw FROM rejects").Scan(&line, &reason, &raw); err != nil {
		t.Fatal(err)
	}
	if line != 2 || !strings.Contains(reason, "33554432 bytes") || len(raw) != 512 || !strings.HasPrefix(raw, `"","9876500001",xxx`) {
		t.Errorf("reject line %d reason %q raw of %d bytes %.30q; want line 2, the length, a 512-byte sample", line, reason, len(raw), raw)
	}
	t.Logf("peak heap %d MB, allocated %d MB", peak>>20, total>>20)
	// measured: a 12 MB peak and 28 MB allocated in all; holding the
	// line would add its 32 MB to both
	if peak > 24<<20 || total > 48<<20 {
		t.Errorf("importing a 32 MB line: peak heap %d MB, %d MB allocated; want under 24 MB and 48 MB", peak>>20, total>>20)
	}
}

// Every reader of an image's text bounds its lines: a log, a
// configuration file and a shell history with a 32 MB line each keep the
// lines around it and reject that one with its number and a 512-byte
// sample.
func TestImportImageReadersBoundLines(t *testing.T) {
	cases := []struct {
		rel, before, after string
		rows               int64
	}{
		{"var/log/asterisk/messages", imageLog, "[Mar 18 10:00:02] NOTICE[100] pbx.c: after\n", 3},
		{"etc/asterisk/sip.conf", "[general]\nbindport=5060\n", "[peer1]\nhost=dynamic\n", 2},
		{"root/.bash_history", "ls\ncd /etc/asterisk\n", "asterisk -rx 'core show channels'\n", 3},
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.rel), func(t *testing.T) {
			root := t.TempDir()
			p := filepath.Join(root, c.rel)
			writeLongLineFile(t, p, c.before, "LONG", 'y', 32<<20, c.after)
			st := openTemp(t)
			var res FileResult
			peak, _ := peakHeap(func() { res = importOne(t, st, p, ImportOptions{}) })
			if res.Error != "" || res.Rows != c.rows || res.Rejected != 1 {
				t.Fatalf("result %+v; want %d rows and 1 reject", res, c.rows)
			}
			wantLine := int64(strings.Count(c.before, "\n") + 1)
			var line int64
			var raw string
			if err := st.DB().QueryRow("SELECT line, raw FROM rejects WHERE reason LIKE '%longer than the 1 MiB%'").Scan(&line, &raw); err != nil {
				t.Fatal(err)
			}
			if line != wantLine || len(raw) != 512 || !strings.HasPrefix(raw, "LONGyyy") {
				t.Errorf("reject at line %d with %d bytes of raw; want line %d, 512 bytes", line, len(raw), wantLine)
			}
			t.Logf("peak heap %d MB", peak>>20)
			// a reader that held the line would need its 32 MB at least
			if peak > 24<<20 {
				t.Errorf("peak heap %d MB for a 32 MB line; want it bounded (under 24 MB)", peak>>20)
			}
		})
	}
}

// A rotated log that is a gzip bomb (256 MB of zeros in 256 KB) is refused once
// it expands past the ratio a text can, in bounded memory and time.
func TestImportGzipBombIsRefused(t *testing.T) {
	root := t.TempDir()
	p := filepath.Join(root, "var/log/asterisk/messages.2.gz")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	zw.Write([]byte("[Mar 18 10:00:00] NOTICE[1] loader.c: started\n"))
	zeros := make([]byte, 1<<20)
	for range 256 {
		zw.Write(zeros)
	}
	zw.Close()
	f.Close()
	st := openTemp(t)
	var res FileResult
	start := time.Now()
	peak, _ := peakHeap(func() { res = importOne(t, st, p, ImportOptions{}) })
	if !strings.Contains(res.Error, "decompression bomb") || res.Rows != 0 {
		t.Fatalf("result %+v; want the file refused as a decompression bomb", res)
	}
	if n := count(t, st, "SELECT count(*) FROM sources"); n != 0 {
		t.Errorf("%d sources after a refused file", n)
	}
	t.Logf("refused in %v, peak heap %d MB", time.Since(start), peak>>20)
	if peak > 96<<20 {
		t.Errorf("peak heap %d MB; want under 96 MB", peak>>20)
	}
}

// The operator-table reader keeps the promised 512-byte sample of a line
// over 1 MiB (it used to keep nothing of it), and the rows around it.
func TestOperatorLongLineSample(t *testing.T) {
	p := filepath.Join(t.TempDir(), "ipdr.csv")
	writeLongLineFile(t, p, "MSISDN,DESTIP,DESTPORT,START\n919800000001,1.2.3.4,443,2024-03-01 10:00:00\n",
		"919800000002,", 'z', 3<<20, "919800000003,1.2.3.5,443,2024-03-01 10:05:00\n")
	st := openTemp(t)
	res := importOne(t, st, p, ImportOptions{})
	if res.Rows != 2 || res.Rejected != 1 {
		t.Fatalf("%+v; want 2 rows and the long line rejected", res)
	}
	var line int64
	var raw, reason string
	st.DB().QueryRow("SELECT line, raw, reason FROM rejects").Scan(&line, &raw, &reason)
	if line != 3 || len(raw) != 512 || !strings.HasPrefix(raw, "919800000002,zzz") || !strings.Contains(reason, "3145728 bytes") {
		t.Errorf("reject line %d, %d bytes of raw %.20q, reason %q; want line 3, a 512-byte sample, the length", line, len(raw), raw, reason)
	}
}
