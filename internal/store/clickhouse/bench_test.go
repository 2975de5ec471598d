package clickhouse

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// BenchmarkClickHouseVsSQLite imports one generated case into a local
// case and into a two-shard cluster on this machine and asks both the
// same questions, reporting each figure on the cluster beside SQLite's in
// the same run (ratio = cluster time / SQLite time; import in rows/s).
// CDRTUI_CH_BENCH_RECORDS sets the case's data records (default 200,000).
func BenchmarkClickHouseVsSQLite(b *testing.B) {
	records := 200_000
	if v, err := strconv.Atoi(os.Getenv("CDRTUI_CH_BENCH_RECORDS")); err == nil && v > 0 {
		records = v
	}
	c := chkit.Start(b)
	cfg := gen.DefaultConfig()
	cfg.Records = records
	cfg.Subscribers = max(200, records/1000)
	dir := filepath.Join(b.TempDir(), "evidence")
	truth, err := gen.Generate(dir, cfg)
	if err != nil {
		b.Fatal(err)
	}
	rows := float64(truth.IPDRRecords + truth.VoiceRecords)
	ctx := context.Background()
	timed := func(f func() error) time.Duration {
		t0 := time.Now()
		if err := f(); err != nil {
			b.Fatal(err)
		}
		return time.Since(t0)
	}
	local, err := store.Create(filepath.Join(b.TempDir(), "case.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer local.Close()
	tl := timed(func() error { _, err := local.Import(ctx, []string{dir}, store.ImportOptions{}); return err })
	ch, err := Open(ctx, c.URL("bench"), c.Name, true)
	if err != nil {
		b.Fatal(err)
	}
	defer ch.Close()
	var staged, copied time.Duration
	importPhases = func(st, cp time.Duration) { staged, copied = st, cp }
	defer func() { importPhases = nil }()
	tc := timed(func() error { _, err := ch.Import(ctx, []string{dir}, store.ImportOptions{}); return err })
	// where the import's time goes: the staging case, then the copy
	b.ReportMetric(staged.Seconds(), "ch_import_stage_s")
	b.ReportMetric(copied.Seconds(), "ch_import_copy_s")

	// the busiest data subscriber
	subs, err := local.DataSubscribers(ctx)
	if err != nil {
		b.Fatal(err)
	}
	var busiest string
	var most int64
	for _, s := range subs {
		t, err := local.SubscriberTotalsOf(ctx, s.ID)
		if err != nil {
			b.Fatal(err)
		}
		if t.DataRecords > most {
			busiest, most = t.MSISDN, t.DataRecords
		}
	}
	d := analysis.DefaultDictionary()
	info := casework.DictionaryInfo{}
	q := &analysis.HuntQuery{}
	if q.Dests, err = analysis.ParseHuntDests(truth.Hunt.DestIP); err != nil {
		b.Fatal(err)
	}
	rules := casework.SimBoxRules{Config: analysis.DefaultSimBoxConfig(), Origin: "defaults"}
	questions := []struct {
		name string
		ask  func(st casework.Case) error
	}{
		{"persona", func(st casework.Case) error {
			_, err := casework.BuildPersona(ctx, st, d, info, busiest, casework.PersonaOptions{})
			return err
		}},
		{"trends_all", func(st casework.Case) error {
			_, err := casework.BuildTrend(ctx, st, d, info, casework.TrendScope{All: true}, "WhatsApp")
			return err
		}},
		{"hunt", func(st casework.Case) error { _, err := casework.Hunt(ctx, st, q); return err }},
		{"contacts", func(st casework.Case) error {
			_, err := casework.Contacts(ctx, st, d, busiest, casework.DefaultWindow, 20)
			return err
		}},
		{"simbox", func(st casework.Case) error { _, err := casework.SimBox(ctx, st, rules); return err }},
	}
	b.ResetTimer()
	for range b.N {
		for _, qn := range questions {
			sl := timed(func() error { return qn.ask(local) })
			cl := timed(func() error { return qn.ask(ch) })
			b.ReportMetric(cl.Seconds(), qn.name+"_ch_s")
			b.ReportMetric(cl.Seconds()/sl.Seconds(), qn.name+"_ratio")
		}
	}
	b.ReportMetric(rows/tl.Seconds(), "sqlite_import_rows/s")
	b.ReportMetric(rows/tc.Seconds(), "ch_import_rows/s")
}
