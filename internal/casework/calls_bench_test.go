package casework

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
)

// callsBenchConfig is a voice-only case of about 900,000 voice records
// (2,000 subscribers, 20 of them call-centre heavy, over 30 days), with the
// planted call network. The 5,000,000-voice-record case is
// casekit.TenMillion's; these benchmarks run on either.
func callsBenchConfig() gen.Config {
	c := gen.DefaultConfig()
	c.Seed, c.Days, c.Records, c.Pairs = 21, 30, 0, 0
	c.VoiceSubscribers, c.SimBoxes = 2_000, 20
	return c
}

func openBenchCase(b *testing.B) (*store.Store, []store.VoiceSubscriber) {
	casePath, _ := casekit.BenchCase(b, callsBenchConfig())
	st, err := store.Create(casePath)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	subs, err := st.VoiceSubscribers(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	slices.SortFunc(subs, func(x, y store.VoiceSubscriber) int { return int(y.Records - x.Records) })
	return st, subs
}

// BenchmarkCallsBusiest is contacts by calls of the busiest subscriber
// (casework.Calls: its records read through voice_by_subscriber, grouped
// by key in Go, the contacts that are subscribers looked up). The
// reference, timed in the same run, is the least any answer costs: one
// SQLite GROUP BY over the same records (store.VoiceEdges). It reports
// ms/op of each and their ratio.
func BenchmarkCallsBusiest(b *testing.B) {
	st, subs := openBenchCase(b)
	ctx := context.Background()
	busiest := subs[0]
	var ours, ref time.Duration
	n := 0
	for b.Loop() {
		t0 := time.Now()
		rep, err := Calls(ctx, st, busiest.MSISDN, TimeScope{})
		if err != nil || rep.Records != int(busiest.Records) {
			b.Fatalf("%v: %d records, want %d", err, rep.Records, busiest.Records)
		}
		t1 := time.Now()
		if _, err := st.VoiceEdges(ctx, []int64{busiest.ID}, 0, 0); err != nil {
			b.Fatal(err)
		}
		ours, ref = ours+t1.Sub(t0), ref+time.Since(t1)
		n++
	}
	b.ReportMetric(float64(busiest.Records), "records")
	b.ReportMetric(ours.Seconds()*1000/float64(n), "ms/calls")
	b.ReportMetric(ref.Seconds()*1000/float64(n), "ms/sql-groupby")
	b.ReportMetric(float64(ours)/float64(ref), "ratio")
}

// BenchmarkCommonTen is common numbers of the ten busiest subscribers
// (casework.Common), against one SQLite GROUP BY over the ten's records
// (store.VoiceEdges) in the same run.
func BenchmarkCommonTen(b *testing.B) {
	st, subs := openBenchCase(b)
	ctx := context.Background()
	var nums []string
	var ids []int64
	var records int64
	for _, s := range subs[:10] {
		nums, ids, records = append(nums, s.MSISDN), append(ids, s.ID), records+s.Records
	}
	var ours, ref time.Duration
	n := 0
	for b.Loop() {
		t0 := time.Now()
		if _, err := Common(ctx, st, nums, 2, TimeScope{}); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if _, err := st.VoiceEdges(ctx, ids, 0, 0); err != nil {
			b.Fatal(err)
		}
		ours, ref = ours+t1.Sub(t0), ref+time.Since(t1)
		n++
	}
	b.ReportMetric(float64(records), "records")
	b.ReportMetric(ours.Seconds()*1000/float64(n), "ms/common")
	b.ReportMetric(ref.Seconds()*1000/float64(n), "ms/sql-groupby")
	b.ReportMetric(float64(ours)/float64(ref), "ratio")
}
