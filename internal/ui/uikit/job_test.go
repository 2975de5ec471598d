package uikit

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

type jobMsg struct{ tag uint64 }

// slowWork blocks until its context is cancelled or release is closed,
// counting how many run at once.
func slowWork(release <-chan struct{}, running, peak *atomic.Int64) func(context.Context, uint64) tea.Msg {
	return func(ctx context.Context, tag uint64) tea.Msg {
		n := running.Add(1)
		for {
			m := peak.Load()
			if n <= m || peak.CompareAndSwap(m, n) {
				break
			}
		}
		defer running.Add(-1)
		select {
		case <-ctx.Done():
		case <-release:
		}
		return jobMsg{tag}
	}
}

// Fifty runs started in a burst, each superseding the last, every command
// executed at once as Bubble Tea does: never two at work together, every
// superseded run cancelled or never begun, only the last one's message
// delivered, and each dropped run ends its busy mark.
func TestJobBurstRunsOneAtATime(t *testing.T) {
	j := &Job{Key: "k"}
	release := make(chan struct{})
	var running, peak atomic.Int64
	type out struct {
		i   int
		msg tea.Msg
	}
	results := make(chan out, 50)
	var wg sync.WaitGroup
	for i := range 50 {
		cmd := j.Run(context.Background(), slowWork(release, &running, &peak))
		wg.Add(1)
		go func() { defer wg.Done(); results <- out{i, cmd()} }()
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond)
	close(release) // the last run may finish now
	wg.Wait()
	close(results)
	var delivered []jobMsg
	busyOff := 0
	for r := range results {
		switch m := r.msg.(type) {
		case jobMsg:
			delivered = append(delivered, m)
		case BusyMsg:
			if m.Key != "k" || m.Busy {
				t.Fatalf("busy message %+v", m)
			}
			busyOff++
		default:
			t.Fatalf("run %d delivered %#v", r.i, r.msg)
		}
	}
	if len(delivered) != 1 || !j.Current(delivered[0].tag) || delivered[0].tag != 50 {
		t.Fatalf("delivered %+v", delivered)
	}
	if busyOff != 49 {
		t.Fatalf("%d busy marks ended by the job, want 49", busyOff)
	}
	st := j.Stats()
	if st.Started+st.Skipped != 50 || st.Finished != st.Started || st.Cancelled != st.Started-1 || st.Running != 0 {
		t.Fatalf("stats %+v", st)
	}
	if peak.Load() != 1 || j.MaxRunning() != 1 {
		t.Fatalf("%d runs at work at once (job says %d)", peak.Load(), j.MaxRunning())
	}
}

// A run superseded before Bubble Tea executes its command never calls its
// work.
func TestJobSupersededBeforeStartNeverRuns(t *testing.T) {
	var j Job
	called := 0
	first := j.Run(context.Background(), func(context.Context, uint64) tea.Msg { called++; return jobMsg{1} })
	second := j.Run(context.Background(), func(_ context.Context, tag uint64) tea.Msg { return jobMsg{tag} })
	if msg := first(); msg != nil || called != 0 {
		t.Fatalf("superseded run delivered %#v, work called %d times", msg, called)
	}
	if msg := second(); msg != (jobMsg{2}) {
		t.Fatalf("second run delivered %#v", msg)
	}
	if st := j.Stats(); st.Skipped != 1 || st.Started != 1 || st.Finished != 1 || st.Cancelled != 0 {
		t.Fatalf("stats %+v", st)
	}
}

// Suspend stops the run in flight (its result is not delivered) and keeps
// its generation; Resume runs the same work again under the same tag.
func TestJobSuspendResume(t *testing.T) {
	j := &Job{Key: "k"}
	calls := atomic.Int64{}
	started := make(chan struct{}, 2)
	work := func(ctx context.Context, tag uint64) tea.Msg {
		if calls.Add(1) == 1 {
			started <- struct{}{}
			<-ctx.Done()
		}
		return jobMsg{tag}
	}
	cmd := j.Run(context.Background(), work)
	res := make(chan tea.Msg, 1)
	go func() { res <- cmd() }()
	<-started
	if !j.Suspend() {
		t.Fatal("nothing suspended")
	}
	select {
	case m := <-res:
		if m != (BusyMsg{Key: "k"}) {
			t.Fatalf("a suspended run delivered %#v", m)
		}
	case <-time.After(time.Second):
		t.Fatal("suspended run still at work after 1 s")
	}
	again := j.Resume()
	if again == nil {
		t.Fatal("nothing to resume")
	}
	msgs := drain(again)
	if len(msgs) != 2 || msgs[0] != (BusyMsg{Key: "k", Busy: true}) || msgs[1] != (jobMsg{1}) || !j.Current(1) {
		t.Fatalf("resumed run delivered %#v", msgs)
	}
	if j.Resume() != nil || j.Suspend() {
		t.Fatal("resumed twice, or suspended a finished run")
	}
}

// Quitting (the parent context cancelled) stops the run in flight and it
// delivers nothing.
func TestJobParentCancelled(t *testing.T) {
	var j Job
	ctx, cancel := context.WithCancel(context.Background())
	cmd := j.Run(ctx, func(ctx context.Context, tag uint64) tea.Msg { <-ctx.Done(); return jobMsg{tag} })
	time.AfterFunc(10*time.Millisecond, cancel)
	if msg := cmd(); msg != nil {
		t.Fatalf("delivered %#v after quit", msg)
	}
	if st := j.Stats(); st.Cancelled != 1 {
		t.Fatalf("stats %+v", st)
	}
}

// drain executes cmd and the batches it returns, in order.
func drain(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, drain(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}
