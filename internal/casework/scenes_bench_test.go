package casework

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
)

// benchScenes measures a tower-dump analysis: the case's four planted
// scenes (a cell and an hour each) and, with them, the four cells over
// whole days of the case: eight scenes. The reference measured in the same
// run is counting the same records by a scan of every record (what the
// analysis would cost without the cell indexes): ratio-to-scan.
func benchScenes(b *testing.B, cfg gen.Config) {
	cfg.Geography = true
	casePath, truth := casekit.BenchCase(b, cfg)
	st, err := store.Open(casePath)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	var scenes []Scene
	for _, w := range truth.Geography.Scenes.Scenes {
		for _, span := range [][2]string{{w.From.UTC().Format("2006-01-02T15:04:05"), w.To.UTC().Format("2006-01-02T15:04:05")},
			{w.From.UTC().Format("2006-01-02"), w.From.UTC().AddDate(0, 0, 1).Format("2006-01-02")}} {
			sc, err := ParseScene(fmt.Sprintf("%s@%s..%s", w.Cell, span[0], span[1]))
			if err != nil {
				b.Fatal(err)
			}
			scenes = append(scenes, sc)
		}
	}
	runScenes(b, st, scenes)
}

// BenchmarkScenesOnCase runs on the case at $CDRTUI_SCENES_CASE (a copy of
// the shared 10,000,000-record case, which this branch's schema would
// otherwise rebuild): the case's four busiest cells, each over 10:00-12:00
// of days 2 to 5 and over the whole of day 2, eight scenes. Without the
// variable there is nothing to measure.
func BenchmarkScenesOnCase(b *testing.B) {
	path := os.Getenv("CDRTUI_SCENES_CASE")
	if path == "" {
		b.Skip("set CDRTUI_SCENES_CASE to a case file (a copy: it is upgraded)")
	}
	st, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	first, err := st.Summary(ctx)
	if err != nil || len(first.FirstWall) < 10 {
		b.Fatal(err)
	}
	day0, err := time.Parse("2006-01-02", first.FirstWall[:10])
	if err != nil {
		b.Fatal(err)
	}
	busiest, err := st.BusiestCells(ctx, 4)
	if err != nil || len(busiest) < 4 {
		b.Fatal(busiest, err)
	}
	var scenes []Scene
	for i, cell := range busiest {
		d := day0.AddDate(0, 0, 1+i)
		for _, spec := range []string{
			fmt.Sprintf("%s@%sT10:00..%sT12:00", cell, d.Format("2006-01-02"), d.Format("2006-01-02")),
			fmt.Sprintf("%s@%s..%s", cell, day0.AddDate(0, 0, 1).Format("2006-01-02"), day0.AddDate(0, 0, 1).Format("2006-01-02")),
		} {
			sc, err := ParseScene(spec)
			if err != nil {
				b.Fatal(err)
			}
			scenes = append(scenes, sc)
		}
	}
	runScenes(b, st, scenes)
}

func runScenes(b *testing.B, st *store.Store, scenes []Scene) {
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		rep, err := Scenes(ctx, st, scenes, 2)
		if err != nil {
			b.Fatal(err)
		}
		took := time.Since(start)
		start = time.Now()
		var scanned int64
		for _, sc := range scenes {
			ids, _, err := st.ResolveCells(ctx, sc.Cells)
			if err != nil {
				b.Fatal(err)
			}
			n, err := st.CountInCellsByScan(ctx, ids, sc.From, sc.To)
			if err != nil {
				b.Fatal(err)
			}
			scanned += n
		}
		scan := time.Since(start)
		records := 0
		for _, s := range rep.Scenes {
			records += s.Records
		}
		if int64(records) != scanned {
			b.Fatalf("scenes read %d records, the scan counts %d", records, scanned)
		}
		b.ReportMetric(took.Seconds()*1000, "scenes-ms")
		b.ReportMetric(scan.Seconds()/took.Seconds(), "ratio-to-scan")
		b.ReportMetric(float64(records), "records")
		b.ReportMetric(float64(len(rep.Subscribers)), "at-2+")
	}
}

// BenchmarkScenesSmall is eight scenes on the 200,000-record case with
// geography of BenchmarkLocationBusiestSmall.
func BenchmarkScenesSmall(b *testing.B) {
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Subscribers, cfg.Days, cfg.Records, cfg.VoiceSubscribers = 21, 500, 30, 200_000, 200
	benchScenes(b, cfg)
}

// BenchmarkScenes1M is the same on a 1,000,000-record case with geography.
func BenchmarkScenes1M(b *testing.B) {
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Subscribers, cfg.Days, cfg.Records, cfg.VoiceSubscribers = 22, 2000, 30, 1_000_000, 1000
	benchScenes(b, cfg)
}
