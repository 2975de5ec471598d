package network_test

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/network"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// asyncRunner runs commands as bubbletea does, each on a goroutine of its
// own (a batch's commands too), and keeps the messages they return for the
// test goroutine, which alone calls Update.
type asyncRunner struct {
	wg   sync.WaitGroup
	mu   sync.Mutex
	msgs []tea.Msg
}

func (r *asyncRunner) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		msg := cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			for _, c := range batch {
				r.run(c)
			}
			return
		}
		if msg != nil {
			r.mu.Lock()
			r.msgs = append(r.msgs, msg)
			r.mu.Unlock()
		}
	}()
}

// A burst of re-centres (enter on a number, esc back to A, + and - hops)
// while a slow build runs: the running build is cancelled, at most one
// build runs at any moment, only the last one runs to the end, and its
// graph is the one shown. Update never waits for a build.
func TestNetworkPaneBurstCancelsSupersededBuilds(t *testing.T) {
	p, _ := paneFor(t, 120, 30)
	uitest.Drain(p.Update, p.Update(uikit.FocusMsg{A: "919800000001"}))
	if b := network.Builds(p); b.Started != 1 || b.Finished != 1 {
		t.Fatalf("first graph: %+v", b)
	}
	var running, most, entered atomic.Int64
	gate := make(chan struct{})
	network.SetBuild(p, func(ctx context.Context, st casework.CallsCase, d *analysis.Dictionary, a string, opt casework.GraphOptions, ts casework.TimeScope) (*casework.Graph, error) {
		n := running.Add(1)
		defer running.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		entered.Add(1)
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-gate:
		}
		return casework.BuildGraphIn(ctx, st, d, a, opt, ts)
	})
	for _, k := range []string{"right", "down", "up", "left"} {
		if strings.Contains(selectedLabel(p.View()), "◉") {
			press(p, k)
		}
	}
	target := strings.TrimPrefix(strings.TrimPrefix(selectedLabel(p.View()), "●"), "…")
	if target == "" || strings.Contains(target, "◉") {
		t.Fatalf("no number selected: %q", target)
	}
	var r asyncRunner
	step := func(k string) {
		t0 := time.Now()
		cmd := p.Update(uitest.Key(k))
		if d := time.Since(t0); d > time.Second {
			t.Errorf("%s: Update took %v", k, d)
		}
		r.run(cmd)
	}
	step("enter") // re-centre on the selected number: a build that blocks
	for deadline := time.Now().Add(10 * time.Second); entered.Load() == 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the first build of the burst never started")
		}
	}
	keys := []string{"esc", "enter", "esc", "+", "-", "enter", "esc", "enter"}
	for _, k := range keys {
		step(k)
	}
	close(gate)
	r.wg.Wait()
	busy := 0
	update := func(msg tea.Msg) tea.Cmd {
		if b, ok := msg.(uikit.BusyMsg); ok {
			busy += map[bool]int{true: 1, false: -1}[b.Busy]
		}
		return p.Update(msg)
	}
	for _, msg := range r.msgs {
		uitest.Drain(update, update(msg))
	}
	loads := int64(1 + len(keys))
	b := network.Builds(p)
	b.Started, b.Finished = b.Started-1, b.Finished-1 // the first graph's
	if most.Load() != 1 {
		t.Errorf("%d builds ran at once", most.Load())
	}
	if b.Finished != 1 || b.Cancelled < 1 || b.Started != b.Finished+b.Cancelled || b.Started+b.Skipped != loads {
		t.Errorf("builds %+v for %d loads: want one finished, the rest cancelled or skipped", b, loads)
	}
	if busy != 0 {
		t.Errorf("busy left at %d", busy)
	}
	// the last re-centre (enter) wins: the graph around the selected number, 2 hops
	if v := p.View(); !strings.Contains(v, "Network of 9198000000") || strings.Contains(v, "Network of 919800000001") || strings.Contains(v, "updating") ||
		!strings.HasSuffix(strings.Fields(strings.SplitN(v, "·", 2)[0])[2], target) || !strings.Contains(v, "· 2 hops ·") {
		t.Errorf("after the burst (last: centre on %s):\n%s", target, v)
	}
	t.Logf("builds of the burst: %+v", b)
}
