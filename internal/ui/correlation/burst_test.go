package correlation_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
	"github.com/cdrtui/cdrtui/internal/ui/correlation"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// busiestCase copies the 200,000-record generated case (built once into
// the cache directory) into a temporary directory, since the workbench
// writes its audit trail into the case, and returns it open with its two
// busiest data subscribers.
func busiestCase(t *testing.T) (*store.Store, []string) {
	t.Helper()
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Subscribers, cfg.Days, cfg.Records, cfg.VoiceSubscribers = 10, 500, 30, 200_000, 200
	src, _ := casekit.BenchCase(t, cfg)
	dst := filepath.Join(t.TempDir(), "case.db")
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	out.Close()
	st, err := store.Open(dst)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var busiest []string
	rows, err := st.DB().Query(`SELECT s.msisdn FROM ipdr r JOIN subscribers s ON s.id = r.subscriber_id
		GROUP BY r.subscriber_id ORDER BY count(*) DESC LIMIT 2`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			t.Fatal(err)
		}
		busiest = append(busiest, m)
	}
	if len(busiest) != 2 {
		t.Fatalf("busiest %v: %v", busiest, rows.Err())
	}
	return st, busiest
}

func heapNow() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// The slider key held down: a burst of 50 steps, one every 90 ms (each
// longer than the slider's debounce, so every step asks for a ranking),
// from the moment A becomes the second busiest subscriber of a
// 200,000-record case (its contacts not loaded yet), in the real
// workbench. Each step supersedes the contact load in flight: it is
// cancelled, never two run at once, and each returns within 50 ms of its
// cancel (the median) and hands over fewer than 256 records after it; only rankings of the window then shown are
// delivered; when the burst ends the contacts of the final window are on
// screen and nothing runs; the heap after it holds no superseded load
// (within 32 MB of the heap after the busiest subscriber's contacts were
// loaded once).
func TestSliderBurstCancelsSupersededLoads(t *testing.T) {
	st, busiest := busiestCase(t)
	a := busiest[0]
	base := heapNow()
	env := uitest.CaseEnv(t, st)
	// each ranking's record sweep takes at least 150 ms, as on a large
	// case: the per-port timeline made this case's fast enough to finish
	// between two steps, leaving nothing in flight to supersede
	slow := slowSweep{st, new(atomic.Int64), new(atomic.Int64)}
	env.Case = slow
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	env.Context = ctx
	panes := ui.Panes(env)
	var pane *correlation.Pane
	for _, p := range panes {
		if c, ok := p.(*correlation.Pane); ok {
			pane = c
		}
	}
	tm := teatest.NewTestModel(t, ui.New(env, panes), teatest.WithInitialTermSize(120, 40))
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: a, Open: "correlation"})
	uitest.WaitFor(t, tm, "Contacts of A ranked by score at 3m")
	waitIdle(t, pane)
	single := heapNow()
	before := pane.ContactJobStats()

	// 12 steps down to 1 s, 21 up to 1 h, 17 down to 10 s: 50 steps, each a
	// new window
	var keys []string
	for _, run := range []struct {
		key string
		n   int
	}{{"[", 12}, {"]", 21}, {"[", 17}} {
		for range run.n {
			keys = append(keys, run.key)
		}
	}
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: busiest[1]})
	for _, k := range keys {
		uitest.Press(tm, k)
		time.Sleep(90 * time.Millisecond)
	}
	uitest.WaitFor(t, tm, "Contacts of A ranked by score at 10s")
	waitIdle(t, pane)
	after := heapNow()
	s := pane.ContactJobStats()
	runs := s.Runs - before.Runs
	t.Logf("contact jobs in the burst: %d asked, %d started, %d never started, %d cancelled at work, %d delivered; cancel latencies %v",
		runs, s.Started-before.Started, s.Skipped-before.Skipped, s.Cancelled-before.Cancelled, s.Delivered-before.Delivered, s.CancelLatency)
	t.Logf("heap: %d MB before the case, %d MB after one load, %d MB after the burst", base>>20, single>>20, after>>20)
	if runs < 2 || runs > int64(len(keys))+1 {
		t.Errorf("%d contact jobs asked for %d steps", runs, len(keys))
	}
	if s.Started+s.Skipped != s.Runs || s.Finished != s.Started || s.Running != 0 {
		t.Errorf("jobs not all accounted for: %+v", s)
	}
	if s.Cancelled-before.Cancelled == 0 {
		t.Errorf("no load was cancelled at work: the burst did not supersede any (%+v)", s)
	}
	if s.Cancelled+s.Delivered != s.Finished {
		t.Errorf("finished jobs neither cancelled nor delivered: %+v", s)
	}
	if pane.MaxContactJobsRunning() != 1 {
		t.Errorf("%d contact jobs ran at once", pane.MaxContactJobsRunning())
	}
	// How soon a cancelled load returns is timed by the store's
	// BenchmarkCancelledQuery (a ratio to the whole query), not asserted
	// here: a test asserts what happened, not how fast on a shared machine.
	if lat := slices.Sorted(slices.Values(s.CancelLatency)); len(lat) > 0 {
		t.Logf("superseded loads returned a median %v after their cancel (%v)", lat[len(lat)/2], lat)
	}
	t.Logf("records handed over: %d, %d of them after their sweep was cancelled", slow.handed.Load(), slow.late.Load())
	// the store looks at the context every 256 records it hands over: a
	// cancelled sweep goes on for fewer than 256 more (checked once a day's
	// blob was read whole, it went on for ~1,500 a sweep here)
	if late, cancelled := slow.late.Load(), s.Cancelled-before.Cancelled; late > 256*cancelled {
		t.Errorf("%d records handed over after the cancel of %d sweeps: more than 256 a sweep", late, cancelled)
	}
	if after > single+32<<20 {
		t.Errorf("heap after the burst %d MB, after one load %d MB", after>>20, single>>20)
	}
	cancel()
	uitest.Quit(t, tm)
}

// waitIdle waits until the pane's contact jobs have all returned.
func waitIdle(t *testing.T, p *correlation.Pane) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for p.ContactJobStats().Running != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("contact jobs still running after 30 s: %+v", p.ContactJobStats())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// slowSweep is the case whose sweep of the records near A's is slowed
// inside the store's own sweep (1 ms every 64 records handed over), as on
// a large case, so that a step supersedes a sweep at work: whether the
// sweep stops when cancelled is the store's doing, not the wrapper's
// (the wrapper never looks at the context). late counts the records the
// store still handed over after the cancel.
type slowSweep struct {
	*store.Store
	late, handed *atomic.Int64
}

func (c slowSweep) EachRecordInSpans(ctx context.Context, spans []store.PortSpan, exclude int64, fn func(sub int64, port int, start int64)) error {
	n := 0
	return c.Store.EachRecordInSpans(ctx, spans, exclude, func(sub int64, port int, start int64) {
		n++
		c.handed.Add(1)
		if n%64 == 0 {
			time.Sleep(time.Millisecond)
		}
		if ctx.Err() != nil {
			c.late.Add(1)
		}
		fn(sub, port, start)
	})
}
