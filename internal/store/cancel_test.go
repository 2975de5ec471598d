package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
)

// cancelCase is the 200,000-record generated case (built once into the
// cache directory, as the benchmarks' are).
func cancelCase(t testing.TB) *store.Store {
	t.Helper()
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Subscribers, cfg.Days, cfg.Records, cfg.VoiceSubscribers = 10, 500, 30, 200_000, 200
	path, _ := casekit.BenchCase(t, cfg)
	st, err := store.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// cancelQueries are store queries that read the whole case: every data
// record on every port (the contacts' read, at its widest), and every
// voice record in a time scope (the SIM-box pane's read under T).
func cancelQueries(t testing.TB, st *store.Store) []cancelQuery {
	ctx := context.Background()
	ports, err := st.ActivityPorts(ctx)
	if err != nil || len(ports) == 0 {
		t.Fatalf("ports %v: %v", ports, err)
	}
	first, last, ok, err := st.WallSpan(ctx)
	if err != nil || !ok {
		t.Fatalf("span: %v", err)
	}
	var spans []store.PortSpan
	for _, p := range ports {
		spans = append(spans, store.PortSpan{Port: p, From: first - 2*86400, To: last + 2*86400})
	}
	return []cancelQuery{
		{"RecordsInSpans", func(ctx context.Context) (int, error) {
			n, err := st.RecordsInSpans(ctx, spans, 0)
			if err != nil {
				return 0, err
			}
			return n.Len(), nil
		}},
		{"SimBoxActivityIn", func(ctx context.Context) (int, error) {
			acts, err := st.SimBoxActivityIn(ctx, analysis.ClockWindow{From: 0, To: 6 * 3600}, first-2*86400, last+2*86400)
			return len(acts), err
		}},
	}
}

type cancelQuery struct {
	name string
	run  func(context.Context) (int, error)
}

// cancelOnce runs q with its context cancelled after wait, and returns how
// long after the cancel it came back, failing unless it says Canceled.
func cancelOnce(t testing.TB, q cancelQuery, wait time.Duration) time.Duration {
	cctx, cancel := context.WithCancel(context.Background())
	var mu sync.Mutex
	var cancelled time.Time
	time.AfterFunc(wait, func() { mu.Lock(); cancelled = time.Now(); mu.Unlock(); cancel() })
	_, err := q.run(cctx)
	back := time.Now()
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("%s cancelled after %v: %v", q.name, wait, err)
	}
	mu.Lock()
	defer mu.Unlock()
	return back.Sub(cancelled)
}

// A store query whose context is cancelled while SQLite is at work stops
// and says context.Canceled (modernc's SQLite interrupts the statement,
// database/sql stops the rows) instead of running to its end. How soon it
// comes back is BenchmarkCancelledQuery's measure.
func TestCancelledStoreQueryReturnsPromptly(t *testing.T) {
	st := cancelCase(t)
	for _, q := range cancelQueries(t, st) {
		t.Run(q.name, func(t *testing.T) {
			began := time.Now()
			n, err := q.run(context.Background())
			whole := time.Since(began)
			if err != nil || n == 0 {
				t.Fatalf("uncancelled: %d rows, %v", n, err)
			}
			lat := cancelOnce(t, q, min(whole/5, 20*time.Millisecond))
			t.Logf("%d rows in %v uncancelled; back %v after the cancel", n, whole, lat)
		})
	}
}

// BenchmarkCancelledQuery times how soon a cancelled whole-case query
// returns, beside the whole query timed in the same run (ratio-to-whole:
// the share of the whole query a cancel still costs).
func BenchmarkCancelledQuery(b *testing.B) {
	st := cancelCase(b)
	for _, q := range cancelQueries(b, st) {
		b.Run(q.name, func(b *testing.B) {
			var lat, whole time.Duration
			for b.Loop() {
				began := time.Now()
				if _, err := q.run(context.Background()); err != nil {
					b.Fatal(err)
				}
				w := time.Since(began)
				whole += w
				lat += cancelOnce(b, q, min(w/5, 20*time.Millisecond))
			}
			b.ReportMetric(float64(lat.Milliseconds())/float64(b.N), "ms-after-cancel")
			b.ReportMetric(lat.Seconds()/whole.Seconds(), "ratio-to-whole")
		})
	}
}
