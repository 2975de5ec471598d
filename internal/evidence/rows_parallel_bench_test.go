package evidence

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkReaderWorkers parses 200,000 IPDR lines in Table I's layout
// with one worker a core (NewReaderWorkers) and, in the same run, on one
// core (NewReader): wall and CPU of each, and their ratio (the import's
// parse stage, measured apart from SQLite).
func BenchmarkReaderWorkers(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("MSISDN,IMSI,IMEI,PRIVATEIP,PRIVATEPORT,PUBLICIP,PUBLICPORT,DESTIP,DESTPORT,START_DATE,START_TIME,END_DATE,END_TIME,CELL_ID,UPLINK_VOLUME,DOWNLINK_VOLUME,TOTAL_VOLUME,I_RATTYPE\n")
	const rows = 200_000
	for i := range rows {
		fmt.Fprintf(&sb, "91965%07d,4041020210%05d,3587500942%05d,10.55.%d.%d,%d,49.36.243.%d,%d,169.45.%d.%d,%d,%02d/03/2024,%d:%02d:%02d,%02d/03/2024,%d:%02d:%02d,404-10-1741-%d,%d,%d,%d,4G\n",
			i%5000, i%5000, i%5000, i%250, i%200, 40000+i%20000, i%250, 30000+i%30000, i%250, i%199, []int{443, 80, 5242, 53}[i%4],
			18+i%10, i%24, i%60, (i*7)%60, 18+i%10, i%24, i%60, (i*7+30)%60, 60000+i%5000, i%9000, i%90000, i%9000+i%90000)
	}
	text := sb.String()
	l, err := Sniff([]byte(text[:64<<10]), false, Options{})
	if err != nil {
		b.Fatal(err)
	}
	read := func(rd *Reader) (time.Duration, time.Duration) {
		start, c0 := time.Now(), cpuNow()
		n := 0
		for {
			_, err := rd.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		rd.Close()
		if n != rows {
			b.Fatalf("%d rows, want %d", n, rows)
		}
		return time.Since(start), cpuNow() - c0
	}
	var one, oneCPU, many, manyCPU time.Duration
	for b.Loop() {
		w, c := read(NewReader(strings.NewReader(text), l))
		one, oneCPU = one+w, oneCPU+c
		w, c = read(NewReaderWorkers(strings.NewReader(text), l, runtime.GOMAXPROCS(0)))
		many, manyCPU = many+w, manyCPU+c
	}
	n := float64(b.N)
	b.ReportMetric(one.Seconds()*1000/n, "one-core-ms")
	b.ReportMetric(oneCPU.Seconds()*1000/n, "one-core-cpu-ms")
	b.ReportMetric(many.Seconds()*1000/n, "workers-ms")
	b.ReportMetric(manyCPU.Seconds()*1000/n, "workers-cpu-ms")
	b.ReportMetric(one.Seconds()/many.Seconds(), "speedup")
	b.ReportMetric(float64(rows)*n/many.Seconds(), "rows/s")
}

// cpuNow is the process's user+system CPU time so far.
func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
