package casework

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
)

// callsBenchConfig is a voice-only case of about 980,000 voice records
// (2,000 subscribers, 20 of them SIM-box SIMs, over 30 days), with the
// planted call network: the 1M case of the call benchmarks.
func callsBenchConfig() gen.Config {
	c := gen.DefaultConfig()
	c.Seed, c.Days, c.Records, c.Pairs = 21, 30, 0, 0
	c.VoiceSubscribers, c.SimBoxes = 2_000, 20
	return c
}

// benchCallsConfig is the case the call benchmarks run on: the 1M case;
// with CDRTUI_BENCH_CASE=10M casekit.TenMillion's (10,000,000 records, a
// tenth of them calls); with CDRTUI_BENCH_CASE=10M-voice
// casekit.TenMillionVoice's, the case issue 16 names (10,000,000 records,
// 5,000,000 of them calls, subscribers with about 500 contacts). The 10M
// cases are built once into the cache (some ten minutes on a quiet
// 2-core machine); never on a shared machine without asking.
func benchCallsConfig() (gen.Config, string) {
	switch os.Getenv("CDRTUI_BENCH_CASE") {
	case "10M":
		return casekit.TenMillion(), "10M"
	case "10M-voice":
		return casekit.TenMillionVoice(), "10M-voice"
	}
	return callsBenchConfig(), "1M"
}

// openBenchCase opens the benchmark case and lists its voice subscribers,
// busiest first.
func openBenchCase(b *testing.B) (*store.Store, []store.VoiceSubscriber, *gen.Truth) {
	cfg, name := benchCallsConfig()
	casePath, truth := casekit.BenchCase(b, cfg)
	st, err := store.Create(casePath)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	subs, err := st.VoiceSubscribers(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	slices.SortStableFunc(subs, func(x, y store.VoiceSubscriber) int { return int(y.Records - x.Records) })
	b.Logf("case %s: %d voice subscribers", name, len(subs))
	return st, subs, truth
}

// clock is the time a benchmarked step took, summed over its runs: wall
// clock and the process's CPU time.
type clock struct{ wall, cpu time.Duration }

// timed adds the time f takes to c.
func timed(b *testing.B, c *clock, f func() error) {
	t0, c0 := time.Now(), processCPU()
	if err := f(); err != nil {
		b.Fatal(err)
	}
	c.wall += time.Since(t0)
	c.cpu += processCPU() - c0
}

// report reports the mean of each step over n runs, wall clock and CPU,
// and their ratios (ours to the reference).
func report(b *testing.B, n int, ours, ref clock, oursUnit, refUnit string) {
	per := func(d time.Duration) float64 { return d.Seconds() * 1000 / float64(n) }
	b.ReportMetric(per(ours.wall), "ms/"+oursUnit)
	b.ReportMetric(per(ref.wall), "ms/"+refUnit)
	b.ReportMetric(float64(ours.wall)/float64(ref.wall), "ratio")
	b.ReportMetric(per(ours.cpu), "cpu-ms/"+oursUnit)
	b.ReportMetric(per(ref.cpu), "cpu-ms/"+refUnit)
	if ref.cpu > 0 {
		b.ReportMetric(float64(ours.cpu)/float64(ref.cpu), "cpu-ratio")
	}
}

// BenchmarkCallsBusiest is contacts by calls of the busiest subscriber
// (casework.Calls: its records read through voice_by_subscriber, grouped
// by key in Go, the contacts that are subscribers looked up). The
// reference, timed in the same run, is the least any answer costs: one
// SQLite GROUP BY over the same records (store.VoiceEdges). It reports
// ms/op of each and their ratio.
func BenchmarkCallsBusiest(b *testing.B) {
	st, subs, _ := openBenchCase(b)
	ctx := context.Background()
	busiest := subs[0]
	var ours, ref clock
	n := 0
	for b.Loop() {
		timed(b, &ours, func() error {
			rep, err := Calls(ctx, st, busiest.MSISDN, TimeScope{})
			if err == nil && rep.Records != int(busiest.Records) {
				b.Fatalf("%d records, want %d", rep.Records, busiest.Records)
			}
			return err
		})
		timed(b, &ref, func() error { _, err := st.VoiceEdges(ctx, []int64{busiest.ID}, 0, 0); return err })
		n++
	}
	b.ReportMetric(float64(busiest.Records), "records")
	report(b, n, ours, ref, "calls", "sql-groupby")
}

// BenchmarkCommonTen is common numbers of the ten busiest subscribers
// (casework.Common), against one SQLite GROUP BY over the ten's records
// (store.VoiceEdges) in the same run.
func BenchmarkCommonTen(b *testing.B) {
	st, subs, _ := openBenchCase(b)
	ctx := context.Background()
	var nums []string
	var ids []int64
	var records int64
	for _, s := range subs[:10] {
		nums, ids, records = append(nums, s.MSISDN), append(ids, s.ID), records+s.Records
	}
	var ours, ref clock
	n := 0
	for b.Loop() {
		timed(b, &ours, func() error { _, err := Common(ctx, st, nums, 2, TimeScope{}); return err })
		timed(b, &ref, func() error { _, err := st.VoiceEdges(ctx, ids, 0, 0); return err })
		n++
	}
	b.ReportMetric(float64(records), "records")
	report(b, n, ours, ref, "common", "sql-groupby")
}

// chainReads is the subscribers whose records Chains reads for a: a and
// every subscriber a called, with their records.
func chainReads(b *testing.B, st *store.Store, a store.VoiceSubscriber) ([]int64, int64) {
	ctx := context.Background()
	recs, err := st.CallRecords(ctx, a.ID, 0, 0)
	if err != nil {
		b.Fatal(err)
	}
	var keys []string
	for _, r := range recs {
		if p := r.Party(); r.Type == "VOICE_OUT" && p != "" && p != a.MSISDN && !slices.Contains(keys, p) {
			keys = append(keys, p)
		}
	}
	bs, err := st.SubscribersByKey(ctx, keys)
	if err != nil {
		b.Fatal(err)
	}
	ids, records := []int64{a.ID}, a.Records
	for _, s := range bs {
		ids, records = append(ids, s.ID), records+s.Records
	}
	return ids, records
}

// BenchmarkChainsBusiest is the relay chains (casework.Chains at 30
// minutes: A's records, the records of every B it called that is a
// subscriber, the chance by 28 day shifts) of the subscriber, among the 30
// busiest, whose chains read the most records (the busiest of all are
// SIM-box SIMs calling no subscriber), against reading the same records
// alone (store.CallRecords of A and of each B) in the same run: the ratio
// is what the analysis adds to its reads.
func BenchmarkChainsBusiest(b *testing.B) {
	st, subs, _ := openBenchCase(b)
	ctx := context.Background()
	var a store.VoiceSubscriber
	var ids []int64
	var records int64
	for _, s := range subs[:min(30, len(subs))] {
		if i, r := chainReads(b, st, s); r > records {
			a, ids, records = s, i, r
		}
	}
	var ours, ref clock
	n := 0
	for b.Loop() {
		timed(b, &ours, func() error {
			_, err := Chains(ctx, st, a.MSISDN, 1800, analysis.ChainMinCount, TimeScope{})
			return err
		})
		timed(b, &ref, func() error {
			for _, id := range ids {
				if _, err := st.CallRecords(ctx, id, 0, 0); err != nil {
					return err
				}
			}
			return nil
		})
		n++
	}
	b.ReportMetric(float64(len(ids)-1), "parties")
	b.ReportMetric(float64(records), "records")
	report(b, n, ours, ref, "chains", "reads")
}
