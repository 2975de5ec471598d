package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/gen"
)

// summaryBenchCase imports a generated case of about 400,000 data records
// and 60,000 calls (200 SIMs, SIM-boxes among them) into a new case.
func summaryBenchCase(b *testing.B) *Store {
	b.Helper()
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	dir := filepath.Join(base, "cdrtui", "bench", "summaries-v"+gen.Version)
	if _, err := gen.ReadTruth(filepath.Join(dir, gen.TruthFile)); err != nil {
		cfg := gen.DefaultConfig()
		cfg.Seed, cfg.Subscribers, cfg.Days, cfg.Records, cfg.VoiceSubscribers, cfg.SimBoxes = 13, 1000, 30, 400_000, 200, 6
		if _, err := gen.Generate(dir, cfg); err != nil {
			b.Fatal(err)
		}
	}
	st, err := Create(filepath.Join(b.TempDir(), "case.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if _, err := st.Import(context.Background(), []string{dir}, ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	return st
}

// timeEach runs fn n times and returns the median time.
func timeEach(b *testing.B, n int, fn func() error) time.Duration {
	b.Helper()
	ts := make([]time.Duration, n)
	for i := range ts {
		start := time.Now()
		if err := fn(); err != nil {
			b.Fatal(err)
		}
		ts[i] = time.Since(start)
	}
	return median(ts)
}

// BenchmarkCaseSummariesVsRecords times the whole-case questions the
// import's summaries answer -- the hours of an application (ports 443 and
// 5222-5228) for trends, the SIM features for SIM-box -- beside the same
// answers read from the records in the same run (the queries used before
// the summaries), medians of interleaved rounds.
func BenchmarkCaseSummariesVsRecords(b *testing.B) {
	benchmarkSummaries(b, summaryBenchCase(b))
}

// BenchmarkCaseSummaries10M is the same on the 10,000,000-record case,
// when CDRTUI_BENCH_10M_CASE names a copy of it upgraded to this schema
// (cdrtui upgrade COPY.db builds the summaries): the benchmark never
// builds that case itself (casekit.TenMillion does, for a schema of its
// own), and is skipped without it.
func BenchmarkCaseSummaries10M(b *testing.B) {
	path := os.Getenv("CDRTUI_BENCH_10M_CASE")
	if path == "" {
		b.Skip("CDRTUI_BENCH_10M_CASE names no upgraded copy of the 10M case")
	}
	st, err := OpenReadOnly(path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	benchmarkSummaries(b, st)
}

func benchmarkSummaries(b *testing.B, st *Store) {
	ctx := context.Background()
	sel := DataSelection{ByPort: true, Ports: [][2]int{{443, 443}, {5222, 5228}}}
	night := analysis.ClockWindow{From: 22 * 3600, To: 6 * 3600}
	const rounds = 5
	var trend, trendRef, sim, simRef []time.Duration
	for i := 0; i < b.N*rounds; i++ {
		trend = append(trend, timeEach(b, 1, func() error { _, err := st.WallHourCounts(ctx, sel); return err }))
		trendRef = append(trendRef, timeEach(b, 1, func() error { _, err := st.wallHourCountsFromRecords(ctx, sel); return err }))
		sim = append(sim, timeEach(b, 1, func() error { _, err := st.SimBoxActivity(ctx, night); return err }))
		simRef = append(simRef, timeEach(b, 1, func() error { _, err := st.SimBoxActivityIn(ctx, night, -1<<40, 1<<40); return err }))
	}
	med := median
	b.ReportMetric(float64(med(trend).Microseconds())/1000, "trend-ms")
	b.ReportMetric(float64(med(trendRef).Microseconds())/1000, "trend-records-ms")
	b.ReportMetric(float64(med(sim).Microseconds())/1000, "simbox-ms")
	b.ReportMetric(float64(med(simRef).Microseconds())/1000, "simbox-records-ms")
	b.ReportMetric(med(trendRef).Seconds()/med(trend).Seconds(), "trend-speedup")
	b.ReportMetric(med(simRef).Seconds()/med(sim).Seconds(), "simbox-speedup")
}

func median(ts []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ts...)
	for i := range s {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s[len(s)/2]
}
