package overview

import (
	"context"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
	"github.com/cdrtui/cdrtui/internal/ui/table"
)

// BenchmarkSubscriberTableTenMillion opens the subscriber table of the
// generated 10,000,000-record case and pages through it by keyset, as the
// table does when the analyst scrolls: it reports the time to the first
// page and the time per following page.
func BenchmarkSubscriberTableTenMillion(b *testing.B) {
	casePath, _ := casekit.BenchCase(b, casekit.TenMillion())
	st, err := store.Create(casePath)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	src := subscriberSource(st, analysis.DefaultDictionary())
	ctx := context.Background()
	const limit = 200
	var first, rest time.Duration
	pages := 0
	for i := 0; i < b.N; i++ {
		start := time.Now()
		rows, err := src.Page(ctx, table.PageRequest{Sort: 1, Desc: true, Limit: limit})
		first += time.Since(start)
		if err != nil || len(rows) != limit {
			b.Fatalf("first page: %d rows, %v", len(rows), err)
		}
		for p := 0; p < 10 && len(rows) == limit; p++ {
			start = time.Now()
			rows, err = src.Page(ctx, table.PageRequest{Sort: 1, Desc: true, Limit: limit, After: rows[len(rows)-1].Key})
			rest += time.Since(start)
			pages++
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(first.Microseconds())/float64(b.N)/1000, "ms-first-page")
	if pages > 0 {
		b.ReportMetric(float64(rest.Microseconds())/float64(pages)/1000, "ms-per-page")
	}
}
