package casework

import (
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
)

// BenchmarkHuntTenMillion answers hunts on the generated 10,000,000-record
// case (built once into the user cache directory): the planted Blue Whale
// hunt (address and port, area by cell prefix, two-hour window), the same
// around a /20 network, and a hunt by area alone. Each is measured against
// the same hunt answered by a full scan of the table in the same run; both
// must find the same subscribers and records. Metrics: s/hunt (the mean),
// s/hunt-median (issue 20's target: under 2 ms for the planted hunt),
// s/fullscan and the ratio of the full scan to the median.
func BenchmarkHuntTenMillion(b *testing.B) {
	casePath, truth := casekit.BenchCase(b, casekit.TenMillion())
	st, err := store.Create(casePath)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	h := truth.Hunt
	planted := analysis.HuntForm{
		Dests: h.DestIP + ":" + strconv.Itoa(h.DestPort),
		Cells: h.CellPrefix + "*",
		From:  h.From.Format("2006-01-02T15:04:05"),
		To:    h.To.Add(-time.Second).Format("2006-01-02T15:04:05"),
	}
	network := planted
	network.Dests, network.Ports = "104.198.96.0/20", strconv.Itoa(h.DestPort)
	area := planted
	area.Dests = ""
	for _, bc := range []struct {
		name string
		form analysis.HuntForm
	}{{"planted", planted}, {"network", network}, {"area", area}} {
		b.Run(bc.name, func(b *testing.B) {
			q, err := bc.form.Parse()
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			start := time.Now()
			ref, err := HuntWith(ctx, st, q, store.HuntScanOptions{FullScan: true})
			if err != nil {
				b.Fatal(err)
			}
			scan := time.Since(start)
			var res *HuntResult
			var each []time.Duration
			b.ResetTimer()
			for b.Loop() {
				t0 := time.Now()
				if res, err = Hunt(ctx, st, q); err != nil {
					b.Fatal(err)
				}
				each = append(each, time.Since(t0))
			}
			perHunt := b.Elapsed().Seconds() / float64(b.N)
			b.StopTimer()
			slices.Sort(each)
			med := each[len(each)/2].Seconds()
			if len(res.Subscribers) != len(ref.Subscribers) || res.Records != ref.Records || res.Bytes != ref.Bytes {
				b.Fatalf("indexed hunt found %d subscribers, %d records; the full scan %d, %d",
					len(res.Subscribers), res.Records, len(ref.Subscribers), ref.Records)
			}
			if bc.name == "planted" && len(res.Subscribers) != len(h.Visitors) {
				b.Fatalf("planted hunt found %d subscribers, %d were planted", len(res.Subscribers), len(h.Visitors))
			}
			b.ReportMetric(perHunt, "s/hunt")
			b.ReportMetric(med, "s/hunt-median")
			b.ReportMetric(scan.Seconds(), "s/fullscan")
			b.ReportMetric(scan.Seconds()/med, "x-vs-fullscan")
			b.ReportMetric(float64(res.Records), "records")
			target := "met"
			if med >= 0.002 {
				target = "NOT met"
			}
			b.Logf("hunt %s: %d subscribers, %d records in %.4fs (median; mean %.4fs) by %s (full scan %.2fs); target under 2 ms %s",
				res.Description, len(res.Subscribers), res.Records, med, perHunt, res.Access, scan.Seconds(), target)
		})
	}
}
