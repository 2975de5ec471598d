package analysis

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// benchEvents draws n events in random order over 90 days on 8 keys, like
// one subscriber's records of a large case.
func benchEvents(n int, seed uint64) []Event {
	r := rand.New(rand.NewPCG(seed, 90))
	keys := []string{"WhatsApp", "Web (HTTPS)", "Web (HTTP)", "Skype", "DNS", "port 5060", "iTunes", "Email (IMAP)"}
	const base, span = 1_514_764_800, 90 * 86400 // 2018-01-01
	out := make([]Event, n)
	for i := range out {
		off := r.Int64N(span)
		out[i] = Event{Start: base + off, Key: keys[r.IntN(len(keys))], Hour: int8(off / 3600 % 24), Ref: i}
	}
	return out
}

var benchSizes = []int{200, 10_000, 100_000, 1_000_000}

// BenchmarkCount: both sides built (grouped and sorted) and counted at 180 s.
func BenchmarkCount(b *testing.B) {
	for _, n := range benchSizes {
		ea, eb := benchEvents(n, 1), benchEvents(n, 2)
		b.Run(fmt.Sprintf("perSide=%d", n), func(b *testing.B) {
			var total int
			for b.Loop() {
				total, _ = Count(NewSide(ea), NewSide(eb), 180)
			}
			b.ReportMetric(float64(total), "matches")
		})
	}
}

// BenchmarkPairs: both sides built and every match listed at 60 s.
func BenchmarkPairs(b *testing.B) {
	for _, n := range benchSizes {
		ea, eb := benchEvents(n, 1), benchEvents(n, 2)
		b.Run(fmt.Sprintf("perSide=%d", n), func(b *testing.B) {
			var pairs []Pair
			for b.Loop() {
				pairs = Pairs(NewSide(ea), NewSide(eb), 60, 0)
			}
			b.ReportMetric(float64(len(pairs)), "pairs")
		})
	}
}

// BenchmarkWindowChange: what the slider costs, sides already built.
func BenchmarkWindowChange(b *testing.B) {
	sa, sb := NewSide(benchEvents(100_000, 1)), NewSide(benchEvents(100_000, 2))
	windows := Windows()
	i := 0
	for b.Loop() {
		Count(sa, sb, windows[i%len(windows)])
		i++
	}
}

// referenceCount is the paper's nested loop, counting only.
func referenceCount(a, b []Event, window int64) int {
	n := 0
	for _, x := range a {
		for _, y := range b {
			if d := y.Start - x.Start; d >= -window && d <= window && x.Key == y.Key {
				n++
			}
		}
	}
	return n
}

// BenchmarkReference compares the sweep (NewSide of both sides + Count at
// 180 s, sort included) with the paper's nested loop on the same input and
// reports how many times faster the sweep is.
//
// Up to 10,000 per side the nested loop runs in full ("x-faster"). At
// 100,000 and 1,000,000 per side it would run for minutes to half an hour,
// so it runs on a sample of A's events against all of B's and its time is
// scaled by n/sample: its cost is exactly proportional to n*m (every pair
// is compared). Those metrics say so: "x-faster-extrapolated" and
// "ref-s-extrapolated" (the nested loop's estimated seconds). The sweep
// always runs in full, and its count on the sample is checked against the
// nested loop's.
func BenchmarkReference(b *testing.B) {
	for _, n := range benchSizes {
		ea, eb := benchEvents(n, 1), benchEvents(n, 2)
		b.Run(fmt.Sprintf("perSide=%d", n), func(b *testing.B) {
			if n <= 10_000 {
				var ref int
				for b.Loop() {
					ref = referenceCount(ea, eb, 180)
				}
				refNs := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
				const sweeps = 20
				var got int
				start := time.Now()
				for range sweeps {
					got, _ = Count(NewSide(ea), NewSide(eb), 180)
				}
				sweepNs := float64(time.Since(start).Nanoseconds()) / sweeps
				if got != ref {
					b.Fatalf("sweep %d != reference %d", got, ref)
				}
				b.ReportMetric(refNs/sweepNs, "x-faster")
				return
			}
			var total int
			for b.Loop() {
				total, _ = Count(NewSide(ea), NewSide(eb), 180)
			}
			sweepNs := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			sample := ea[:max(1, 200_000_000/n)] // about 2e8 comparisons
			start := time.Now()
			ref := referenceCount(sample, eb, 180)
			refNs := float64(time.Since(start).Nanoseconds()) * float64(n) / float64(len(sample))
			if got, _ := Count(NewSide(sample), NewSide(eb), 180); got != ref {
				b.Fatalf("sweep %d != reference %d on the sample", got, ref)
			}
			b.ReportMetric(float64(total), "matches")
			b.ReportMetric(refNs/sweepNs, "x-faster-extrapolated")
			b.ReportMetric(refNs/1e9, "ref-s-extrapolated")
		})
	}
}
