package casework

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
)

// benchRecords draws n records over 90 days on a few ports (WhatsApp's
// several ports among them), as DataEvents returns them: ordered by start.
func benchRecords(n int, seed uint64) []store.DataEvent {
	r := rand.New(rand.NewPCG(seed, 5))
	ports := []int{5222, 5223, 5228, 443, 80, 53, 4244, 9999}
	const base, span = 1_704_067_200, 90 * 86400 // 2024-01-01
	out := make([]store.DataEvent, n)
	for i := range out {
		start := base + r.Int64N(span)
		out[i] = store.DataEvent{ID: int64(i + 1), Start: start, End: start + 30, HasEnd: true,
			DestPort: ports[r.IntN(len(ports))], SourceID: 1, Line: int64(i + 2)}
	}
	slices.SortFunc(out, func(x, y store.DataEvent) int { return int(x.Start - y.Start) })
	return out
}

// BenchmarkPairWindowChange is what one move of the slider costs the pane
// at 100,000 records per side, the sides already loaded and sorted: the
// figures (At: matches per application, chance, surprise) and, separately,
// the figures plus the first 10,000 matched pairs listed with their
// sources. One op moves through every step of the scale; the metrics are
// per window change (mean and worst).
func BenchmarkPairWindowChange(b *testing.B) {
	const n = 100_000
	pair := NewPairData(analysis.DefaultDictionary(), MatchApp, 90, map[int64]string{1: "ipdr.csv"},
		"a", benchRecords(n, 1), "b", benchRecords(n, 2))
	windows := analysis.Windows()
	for _, list := range []bool{false, true} {
		name := "figures"
		if list {
			name = "figures+10k-pairs"
		}
		b.Run(name, func(b *testing.B) {
			var worst, sum time.Duration
			changes := 0
			for b.Loop() {
				for _, w := range windows {
					start := time.Now()
					pair.At(w)
					if list {
						pair.Matches(w, 10_000)
					}
					d := time.Since(start)
					worst, sum = max(worst, d), sum+d
					changes++
				}
			}
			b.ReportMetric(float64(sum.Microseconds())/1000/float64(changes), "mean-ms/change")
			b.ReportMetric(float64(worst.Microseconds())/1000, "max-ms/change")
		})
	}
}

// BenchmarkContactsTenMillion ranks every subscriber of the generated
// 10,000,000-record case against a planted pair member at 180 s (the case
// is built once into the user cache directory; the first run takes
// minutes), and checks the planted partner comes first.
func BenchmarkContactsTenMillion(b *testing.B) {
	casePath, truth := casekit.BenchCase(b, casekit.TenMillion())
	st, err := store.Create(casePath)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	pair := truth.Pairs[0]
	dict := analysis.DefaultDictionary()
	var list *ContactList
	for b.Loop() {
		list, err = Contacts(context.Background(), st, dict, pair.A, DefaultWindow, 20)
		if err != nil {
			b.Fatal(err)
		}
	}
	if list.Contacts[0].MSISDN != pair.B {
		b.Errorf("first contact of %s is %s, want the planted partner %s", pair.A, list.Contacts[0].MSISDN, pair.B)
	}
	b.ReportMetric(float64(list.RecordsA), "records-of-A")
	b.ReportMetric(float64(list.Scanned), "records-read-near-A")
	b.ReportMetric(float64(list.Candidates), "subscribers-ranked")
}
