package casework

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
)

// BenchmarkSimBoxTenMillion is the SIM-box pane's first show and `cdrtui
// simbox` on the 10,000,000-record case (casekit.TenMillion: 982,907
// calls, 2,025 SIMs): casework.SimBox with the default rule book, from the
// import's per-SIM summaries. The reference in the same run is the same
// ranking from the voice records (store.SimBoxActivityIn over all time,
// the query used before the summaries, then the same scoring); both must
// rank the same SIMs with the same scores. Interleaved rounds, medians;
// wall clock and the process's CPU time. The target is under 0.5 s.
func BenchmarkSimBoxTenMillion(b *testing.B) {
	casePath, _ := casekit.BenchCase(b, casekit.TenMillion())
	st, err := store.OpenReadOnly(casePath)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	// the background integrity check would count in the CPU time
	if err := st.WaitChecked(ctx); err != nil {
		b.Fatal(err)
	}
	rules := defaults()
	night, err := rules.Config.NightWindow()
	if err != nil {
		b.Fatal(err)
	}
	fromRecords := func() (*analysis.SimBoxResult, error) {
		acts, err := st.SimBoxActivityIn(ctx, night, -1<<40, 1<<40)
		if err != nil {
			return nil, err
		}
		return analysis.ScoreSimBoxes(acts, rules.Config), nil
	}
	var res *SimBoxReport
	var ref *analysis.SimBoxResult
	var wall, cpu, refWall, refCPU []time.Duration
	const rounds = 3
	b.ResetTimer()
	for range b.N * rounds {
		w, c := time.Now(), processCPU()
		if res, err = SimBox(ctx, st, rules); err != nil {
			b.Fatal(err)
		}
		wall, cpu = append(wall, time.Since(w)), append(cpu, processCPU()-c)
		w, c = time.Now(), processCPU()
		if ref, err = fromRecords(); err != nil {
			b.Fatal(err)
		}
		refWall, refCPU = append(refWall, time.Since(w)), append(refCPU, processCPU()-c)
	}
	b.StopTimer()
	if len(res.Subscribers) != len(ref.Subscribers) || len(res.Subscribers) < 2000 {
		b.Fatalf("%d SIMs from the summaries, %d from the records", len(res.Subscribers), len(ref.Subscribers))
	}
	for i, s := range res.Subscribers {
		r := ref.Subscribers[i]
		if s.MSISDN != r.MSISDN || s.Score != r.Score || s.Features.Outgoing != r.Features.Outgoing {
			b.Fatalf("rank %d: %s %.3f from the summaries, %s %.3f from the records", i, s.MSISDN, s.Score, r.MSISDN, r.Score)
		}
	}
	med := func(ts []time.Duration) time.Duration {
		s := slices.Clone(ts)
		slices.Sort(s)
		return s[len(s)/2]
	}
	b.ReportMetric(med(wall).Seconds(), "s/simbox")
	b.ReportMetric(med(cpu).Seconds(), "cpu-s/simbox")
	b.ReportMetric(med(refWall).Seconds(), "s/records-ref")
	b.ReportMetric(med(refWall).Seconds()/med(wall).Seconds(), "x-vs-records")
	b.ReportMetric(med(refCPU).Seconds()/med(cpu).Seconds(), "cpu-x-vs-records")
	b.Logf("SIM-box of %d SIMs: %.3f s wall, %.3f s CPU (medians of %d); from the records %.2f s, %.2f s CPU",
		len(res.Subscribers), med(wall).Seconds(), med(cpu).Seconds(), len(wall), med(refWall).Seconds(), med(refCPU).Seconds())
}
