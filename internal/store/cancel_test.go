package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
)

// cancelCase is the 200,000-record generated case (built once into the
// cache directory, as the benchmarks' are).
func cancelCase(t *testing.T) *store.Store {
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

// A store query whose context is cancelled while SQLite is at work
// returns context.Canceled within 50 ms of the cancel (the median of three
// tries, the machine being shared), where running to the end takes many
// times that: modernc's SQLite interrupts the statement, database/sql
// stops the rows. Each query reads the whole case: every data record on
// every port (the contacts' read, at its widest), and every voice record
// in a time scope (the SIM-box pane's read under T).
func TestCancelledStoreQueryReturnsPromptly(t *testing.T) {
	st := cancelCase(t)
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
	queries := []struct {
		name string
		run  func(context.Context) (int, error)
	}{
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
	for _, q := range queries {
		t.Run(q.name, func(t *testing.T) {
			began := time.Now()
			n, err := q.run(ctx)
			whole := time.Since(began)
			if err != nil || n == 0 {
				t.Fatalf("uncancelled: %d rows, %v", n, err)
			}
			var lat []time.Duration
			for range 3 {
				cctx, cancel := context.WithCancel(ctx)
				wait := min(whole/5, 20*time.Millisecond)
				var cancelled time.Time
				time.AfterFunc(wait, func() { cancelled = time.Now(); cancel() })
				_, err := q.run(cctx)
				back := time.Now()
				if !errors.Is(err, context.Canceled) {
					t.Fatalf("cancelled after %v of %v: %v", wait, whole, err)
				}
				lat = append(lat, back.Sub(cancelled))
			}
			slices.Sort(lat)
			t.Logf("%d rows in %v uncancelled; back %v after the cancel (median of %v)", n, whole, lat[1], lat)
			if lat[1] > 50*time.Millisecond {
				t.Fatalf("returned %v after the cancel (runs %v); the whole query takes %v", lat[1], lat, whole)
			}
		})
	}
}
