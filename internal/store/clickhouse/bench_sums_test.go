package clickhouse

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// BenchmarkClickHouseSubscriberPage: the Overview's subscriber list on a
// two-shard case grown on the servers (CDRTUI_CH_PAGE_COPIES copies of
// the generated small case, default 40: about 1,300,000 records), a page
// of 40 in each of four orders and the count, read from the subscriber
// summary and, in the same run, from the records (the reference: the
// list before the summary). Metrics: the median seconds of a page, of the
// choice of its subscribers alone (the part the summary answers; the
// page's columns are counted from its 40 subscribers' records either
// way) and of the count, from each; and the pages' ratio. Run it with
// -benchtime 1x (it asks CDRTUI_CH_PAGE_RUNS rounds, default 3, itself:
// a larger N would build the case again).
func BenchmarkClickHouseSubscriberPage(b *testing.B) {
	c := chkit.Start(b)
	ctx := context.Background()
	dir := smallCase(b)
	s, err := Open(ctx, c.URL("pages"), c.Name, true)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Import(ctx, []string{dir}, store.ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	g, err := grow(ctx, s, envInt("CDRTUI_CH_PAGE_COPIES", 40))
	if err != nil {
		b.Fatal(err)
	}
	ref, err := Open(ctx, c.URL("pages"), c.Name, false)
	if err != nil {
		b.Fatal(err)
	}
	defer ref.Close()
	ref.sumsOff = true
	b.Logf("%d records (%d data), grown in %v; load %s", g.all, g.ipdr, g.took.Round(time.Second), loadAvg())
	// a page, the choice of its subscribers alone (the part the summary
	// answers), and the count
	page := func(s *Store) (float64, float64, float64, int64) {
		var pages, keys, counts []float64
		var n int64
		for _, so := range []store.SubscriberSort{store.SortRecords, store.SortContacts, store.SortIMEIs, store.SortMSISDN} {
			q := store.SubscriberPageQuery{Sort: so, Desc: true, Limit: 40}
			t0 := time.Now()
			rows, _, err := s.SubscriberPage(ctx, q)
			if err != nil || len(rows) != 40 {
				b.Fatalf("%s: %d rows, %v", so, len(rows), err)
			}
			pages = append(pages, time.Since(t0).Seconds())
			t0 = time.Now()
			if _, err := s.subscriberKeys(ctx, q); err != nil {
				b.Fatal(err)
			}
			keys = append(keys, time.Since(t0).Seconds())
			t0 = time.Now()
			if n, err = s.SubscriberCount(ctx, ""); err != nil {
				b.Fatal(err)
			}
			counts = append(counts, time.Since(t0).Seconds())
		}
		return median(pages), median(keys), median(counts), n
	}
	var sums, recs [3][]float64
	b.ResetTimer()
	for range envInt("CDRTUI_CH_PAGE_RUNS", 3) {
		p, k, c, n := page(s)
		rp, rk, rc, m := page(ref)
		if n != m {
			b.Fatalf("the summary counts %d subscribers, the records %d", n, m)
		}
		for j, v := range []float64{p, k, c} {
			sums[j] = append(sums[j], v)
		}
		for j, v := range []float64{rp, rk, rc} {
			recs[j] = append(recs[j], v)
		}
	}
	b.StopTimer()
	for j, name := range []string{"page", "keys", "count"} {
		b.ReportMetric(median(sums[j]), name+"_sums_s")
		b.ReportMetric(median(recs[j]), name+"_records_s")
	}
	b.ReportMetric(median(recs[0])/median(sums[0]), "page_ratio")
	b.ReportMetric(float64(g.all), "records")
	if os.Getenv("CDRTUI_CH_PAGE_LOG") != "" {
		b.Logf("summary %v, records %v; load %s", sums, recs, loadAvg())
	}
}
