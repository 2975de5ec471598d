package casework

import (
	"context"
	"os"
	"testing"

	"github.com/cdrtui/cdrtui/internal/store"
)

// BenchmarkWholeCase10MCopy is SIM-box (CLI and pane alike) and the
// whole-case WhatsApp trend on a copy of the 10,000,000-record case named
// by CDRTUI_BENCH_10M_CASE and upgraded to this schema (cdrtui upgrade
// builds the import's summaries), so that a branch whose schema differs
// measures on the team's one 10M case rather than building its own. The
// same-run references are store.BenchmarkCaseSummaries10M's record scans.
func BenchmarkWholeCase10MCopy(b *testing.B) {
	path := os.Getenv("CDRTUI_BENCH_10M_CASE")
	if path == "" {
		b.Skip("CDRTUI_BENCH_10M_CASE names no upgraded copy of the 10M case")
	}
	st, err := store.OpenReadOnly(path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	d, info, err := PortDictionaryInfo(ctx, st)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("simbox", func(b *testing.B) {
		for b.Loop() {
			if _, err := SimBox(ctx, st, defaults()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("trend-all", func(b *testing.B) {
		for b.Loop() {
			if _, err := BuildTrend(ctx, st, d, info, TrendScope{All: true}, "WhatsApp"); err != nil {
				b.Fatal(err)
			}
		}
	})
}
