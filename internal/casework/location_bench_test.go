package casework

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
)

// benchLocation measures what the Location pane does on opening (and on a
// change of focus): casework.Location of the case's busiest subscriber. The
// reference measured in the same run is reading that subscriber's records
// alone (store.LocationRecords): ratio-to-read says what placing, stays,
// moves and places cost beside the read.
func benchLocation(b *testing.B, cfg gen.Config) {
	cfg.Geography = true
	casePath, _ := casekit.BenchCase(b, cfg)
	st, err := store.Open(casePath)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if rows, _, _ := st.CellSiteCount(ctx); rows == 0 {
		dir := filepath.Join(filepath.Dir(casePath), "evidence")
		if _, err := st.ImportCells(ctx, []string{filepath.Join(dir, gen.FileOperatorSites), filepath.Join(dir, gen.FileCellTowers)}, store.CellImportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	busiest, err := st.BusiestSubscribers(ctx, 1)
	if err != nil || len(busiest) == 0 {
		b.Fatal(err)
	}
	sub, _, err := FindSubscriber(ctx, st, busiest[0])
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var records int
	for i := 0; i < b.N; i++ {
		start := time.Now()
		recs, err := st.LocationRecords(ctx, sub, 0, 0)
		if err != nil {
			b.Fatal(err)
		}
		read := time.Since(start)
		start = time.Now()
		rep, err := Location(ctx, st, busiest[0], DefaultLocationParams())
		if err != nil {
			b.Fatal(err)
		}
		took := time.Since(start)
		records = len(recs)
		b.ReportMetric(took.Seconds()*1000, "open-ms")
		b.ReportMetric(read.Seconds()/took.Seconds(), "ratio-to-read")
		b.ReportMetric(float64(rep.Records), "records")
	}
	_ = records
}

// BenchmarkLocationBusiestSmall is the pane opening on a 200,000-record
// case with geography (run on a shared machine).
func BenchmarkLocationBusiestSmall(b *testing.B) {
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Subscribers, cfg.Days, cfg.Records, cfg.VoiceSubscribers = 21, 500, 30, 200_000, 200
	benchLocation(b, cfg)
}

// BenchmarkLocationBusiest10M is the measure: the busiest
// subscriber of the 10,000,000-record case (built once, minutes).
func BenchmarkLocationBusiest10M(b *testing.B) { benchLocation(b, casekit.TenMillion()) }
