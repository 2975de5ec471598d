package casework

import (
	"context"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
)

// BenchmarkContactsBusiest1M is `cdrtui contacts` of the busiest data
// subscriber (the worst case: the suspect is usually the heaviest user) of
// a 1,000,000-record case whose subscribers have as many records each as
// the 10,000,000-record case's; see benchContactsBusiest.
func BenchmarkContactsBusiest1M(b *testing.B) { benchContactsBusiest(b, casekit.OneMillion()) }

// BenchmarkContactsBusiest10M is the same on the 10,000,000-record case
// (built once into the cache by make bench).
func BenchmarkContactsBusiest10M(b *testing.B) { benchContactsBusiest(b, casekit.TenMillion()) }

// BenchmarkSlideBusiest1M is the correlation slider with A = the busiest
// subscriber, contacts re-ranked at each step; see benchSlideBusiest.
func BenchmarkSlideBusiest1M(b *testing.B) { benchSlideBusiest(b, casekit.OneMillion()) }

// BenchmarkSlideBusiest10M is the same on the 10,000,000-record case.
func BenchmarkSlideBusiest10M(b *testing.B) { benchSlideBusiest(b, casekit.TenMillion()) }

// openBusiest opens a benchmark case and finds its busiest data subscriber.
func openBusiest(b *testing.B, cfg gen.Config) (*store.Store, string, int64) {
	b.Helper()
	path, _ := casekit.BenchCase(b, cfg)
	// set after the case is found in the user's cache: a check remembered
	// by an earlier run is not skipped here, and the user's is left alone
	b.Setenv("XDG_CACHE_HOME", b.TempDir())
	st, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	// a large case's integrity check runs in the background after opening;
	// the figures are the analysis's, not the check's
	for st.Checking() {
		time.Sleep(50 * time.Millisecond)
	}
	var msisdn string
	var id int64
	if err := st.DB().QueryRow(`SELECT msisdn, id FROM subscribers ORDER BY data_records DESC, msisdn LIMIT 1`).Scan(&msisdn, &id); err != nil {
		b.Fatal(err)
	}
	return st, msisdn, id
}

// cpuTime is the process's user+system CPU time so far: the benchmarks
// report it beside wall time, since the machines they run on are shared.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchContactsBusiest ranks every subscriber against the busiest at the
// default window, top 20, as `cdrtui contacts CASE BUSIEST` does. The
// reference measured in the same run is reading A's own records
// (store.DataEvents, the least any ranking of A's contacts reads):
// ratio-to-read is the ranking's time over it. The floor is SQLite alone
// counting the records the ranking reads (the same range scans of
// ipdr_by_port, nothing returned): no ranking that reads them from the
// index is faster; the ranking decodes them from the per-port timeline
// instead, so its CPU time can be below the floor's. peak-rss-MB is the
// process's peak resident memory while the rankings ran (the peak reset
// before them; Linux).
func benchContactsBusiest(b *testing.B, cfg gen.Config) {
	st, a, id := openBusiest(b, cfg)
	ctx := context.Background()
	dict := analysis.DefaultDictionary()
	var read, took, cpu time.Duration
	var list *ContactList
	resetPeakRSS()
	for b.Loop() {
		start := time.Now()
		recs, err := st.DataEvents(ctx, id)
		if err != nil || len(recs) == 0 {
			b.Fatal(err)
		}
		read += time.Since(start)
		start, c0 := time.Now(), cpuTime()
		list, err = Contacts(ctx, st, dict, a, DefaultWindow, 20)
		if err != nil {
			b.Fatal(err)
		}
		took, cpu = took+time.Since(start), cpu+cpuTime()-c0
	}
	n := float64(b.N)
	if mb := peakRSSMB(); mb > 0 {
		b.ReportMetric(mb, "peak-rss-MB")
	}
	floor, floorCPU, rows := countNear(b, st, id, DefaultWindow)
	if rows != int64(list.Scanned) {
		b.Fatalf("the floor counted %d records, the ranking read %d", rows, list.Scanned)
	}
	b.ReportMetric(floor.Seconds()*1000, "floor-count-ms")
	b.ReportMetric(floorCPU.Seconds()*1000, "floor-count-cpu-ms")
	b.ReportMetric(cpu.Seconds()/n/floorCPU.Seconds(), "cpu-ratio-to-floor")
	b.ReportMetric(took.Seconds()*1000/n, "contacts-ms")
	b.ReportMetric(cpu.Seconds()*1000/n, "contacts-cpu-ms")
	b.ReportMetric(read.Seconds()*1000/n, "read-A-ms")
	b.ReportMetric(took.Seconds()/read.Seconds(), "ratio-to-read")
	b.ReportMetric(float64(list.RecordsA), "records-of-A")
	b.ReportMetric(float64(list.Scanned), "records-read-near-A")
	b.ReportMetric(float64(list.Candidates), "subscribers-ranked")
}

// benchSlideBusiest is what the Correlation pane does with A = the busiest
// subscriber: load the contacts once (for the whole slider), then one step
// of the slider after another up the scale and down again, each re-ranking
// every subscriber (At, all rows). Reported: the load, the mean and worst
// step, wall and CPU; the reference is reading A's own records, as above.
func benchSlideBusiest(b *testing.B, cfg gen.Config) {
	st, a, id := openBusiest(b, cfg)
	ctx := context.Background()
	dict := analysis.DefaultDictionary()
	windows := analysis.Windows()
	var read, load, loadCPU, steps, worst, stepsCPU time.Duration
	nsteps, scanned := 0, 0
	for b.Loop() {
		start := time.Now()
		if _, err := st.DataEvents(ctx, id); err != nil {
			b.Fatal(err)
		}
		read += time.Since(start)
		start, c0 := time.Now(), cpuTime()
		set, err := LoadContacts(ctx, st, dict, a, ContactsLoadWindow(DefaultWindow), MatchApp)
		if err != nil {
			b.Fatal(err)
		}
		load, loadCPU = load+time.Since(start), loadCPU+cpuTime()-c0
		scanned = set.read
		path := append(append([]int64{}, windows...), windows[:len(windows)-1]...)
		for i := len(windows); i < len(path); i++ {
			path[i] = windows[2*len(windows)-2-i] // down again
		}
		for _, w := range path {
			if !set.Covers(w) {
				b.Fatalf("a step to %d s would reload", w)
			}
			start, c0 := time.Now(), cpuTime()
			list := set.At(w, 0)
			d := time.Since(start)
			steps, worst, stepsCPU = steps+d, max(worst, d), stepsCPU+cpuTime()-c0
			nsteps++
			if list.WindowS != w {
				b.Fatalf("ranked at %d s, asked %d", list.WindowS, w)
			}
		}
	}
	n := float64(b.N)
	floor, floorCPU, rows := countNear(b, st, id, ContactsLoadWindow(DefaultWindow))
	if rows != int64(scanned) {
		b.Fatalf("the floor counted %d records, the load read %d", rows, scanned)
	}
	b.ReportMetric(floor.Seconds()*1000, "floor-count-ms")
	b.ReportMetric(floorCPU.Seconds()*1000, "floor-count-cpu-ms")
	b.ReportMetric(load.Seconds()*1000/n, "load-ms")
	b.ReportMetric(loadCPU.Seconds()*1000/n, "load-cpu-ms")
	b.ReportMetric(float64(scanned), "records-read-near-A")
	b.ReportMetric(steps.Seconds()*1000/float64(nsteps), "step-mean-ms")
	b.ReportMetric(worst.Seconds()*1000, "step-max-ms")
	b.ReportMetric(stepsCPU.Seconds()*1000/float64(nsteps), "step-cpu-mean-ms")
	b.ReportMetric(read.Seconds()*1000/n, "read-A-ms")
	b.ReportMetric(steps.Seconds()/float64(nsteps)/(read.Seconds()/n), "step-ratio-to-read")
}

// resetPeakRSS resets the process's peak resident memory (VmHWM), where
// the kernel allows it.
func resetPeakRSS() {
	runtime.GC()
	debug.FreeOSMemory()
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// peakRSSMB is the process's peak resident memory (VmHWM) in MB, 0 where
// /proc does not give it.
func peakRSSMB() float64 {
	body, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(body)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			if err != nil {
				return 0
			}
			return float64(kb) / 1024
		}
	}
	return 0
}

// countNear is SQLite counting the others' records within window of A's
// (the spans LoadContacts reads), timed, wall and CPU.
func countNear(b *testing.B, st *store.Store, id int64, window int64) (time.Duration, time.Duration, int64) {
	ctx := context.Background()
	recs, err := st.DataEvents(ctx, id)
	if err != nil {
		b.Fatal(err)
	}
	ports, err := st.ActivityPorts(ctx)
	if err != nil {
		b.Fatal(err)
	}
	keys := newKeyer(analysis.DefaultDictionary(), MatchApp)
	spans, _ := contactSpans(keys, keys.events(recs), ports, window)
	var js strings.Builder
	js.WriteByte('[')
	for i, sp := range spans {
		if i > 0 {
			js.WriteByte(',')
		}
		js.WriteString("[" + strconv.Itoa(sp.Port) + "," + strconv.FormatInt(sp.From, 10) + "," + strconv.FormatInt(sp.To, 10) + "]")
	}
	js.WriteByte(']')
	start, c0 := time.Now(), cpuTime()
	var n int64
	err = st.DB().QueryRowContext(ctx, `SELECT count(*) FROM json_each(?1) AS j CROSS JOIN ipdr AS r INDEXED BY ipdr_by_port
		WHERE r.dest_port = j.value->>0 AND r.start >= j.value->>1 AND r.start <= j.value->>2 AND r.subscriber_id <> ?2`, js.String(), id).Scan(&n)
	if err != nil {
		b.Fatal(err)
	}
	return time.Since(start), cpuTime() - c0, n
}
