package uikit

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// Bounded background work. A pane's background work of one kind (a load,
// a recomputation at a new window, a drill-down) is a Job: each run takes
// a context of its own, cancelled the moment a newer run of the same kind
// starts (a newer slider step, a new focus), when the pane is hidden for
// long (Suspend), or when the workbench quits (the parent context). At
// most one run of a kind executes at a time: a run waits for the one it
// superseded to stop (promptly, its context being cancelled) before it
// starts, and a run superseded before it started never starts at all. A
// run's message carries its generation (the tag); Current says whether a
// message is still wanted, so a superseded result is never shown; a run
// whose context was cancelled before its work returned delivers nothing
// (a cancelled computation's partial result is never shown either).
//
// A Job is used from the UI goroutine only (Run, Current, Cancel,
// Suspend, Resume); the commands it returns run wherever Bubble Tea runs
// them.

// JobStats counts a job's runs, for tests and the memory figures.
type JobStats struct {
	// Started is the runs whose work began; Finished those whose work
	// returned (cancelled or not); Cancelled the runs whose context was
	// cancelled before their work returned; Skipped the runs superseded
	// before they began, whose work never ran.
	Started, Finished, Cancelled, Skipped int64
	// Runs is the runs asked for (Run and Resume); Delivered the messages
	// of runs that completed without being cancelled.
	Runs, Delivered int64
	// Running is the runs begun and not finished (at most one).
	Running int64
	// CancelLatency is, for the last runs cancelled at work (up to 64),
	// how long each took to return after its context was cancelled.
	CancelLatency []time.Duration
}

// Job is one kind of a pane's background work. The zero value is ready.
type Job struct {
	// Key is the busy key (BusyMsg) the pane marks the job's work with: a
	// run that is dropped (superseded before it began, or cancelled before
	// its work returned) ends its busy mark itself, since the pane never
	// sees its message. Empty when the pane shows no spinner for the job.
	Key string

	gen     uint64
	current *run
	// last is the work of the newest run, kept so that Resume can run it
	// again after Suspend; dropped when the run completes.
	last      func(context.Context, uint64) tea.Msg
	lastCtx   context.Context
	suspended bool
	stats     jobCounters
}

type jobCounters struct {
	started, finished, cancelled, skipped, running, maxRunning atomic.Int64
	runs, delivered                                            atomic.Int64
	mu                                                         sync.Mutex
	latency                                                    []time.Duration
}

func (c *jobCounters) cancelledAfter(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.latency) == 64 {
		c.latency = c.latency[1:]
	}
	c.latency = append(c.latency, d)
}

// run is one execution of a job's work.
type run struct {
	state  atomic.Int32 // runPending, runRunning, runSkipped
	cancel context.CancelFunc
	done   chan struct{} // closed when the run returned (or was skipped)
	prev   *run          // the run it superseded, waited for before starting
	once   sync.Once
	stats  *jobCounters
	// stoppedAt is when stop was first called (Unix nanoseconds), for
	// the cancel latency.
	stoppedAt atomic.Int64
}

const (
	runPending int32 = iota
	runRunning
	runSkipped
)

// Run supersedes the run in flight (its context is cancelled, its result
// will not be Current) and returns the command of a new run of work, with
// a context derived from parent and the new generation's tag. work must
// put tag in its message for Current.
func (j *Job) Run(parent context.Context, work func(ctx context.Context, tag uint64) tea.Msg) tea.Cmd {
	j.supersede()
	j.gen++
	j.last, j.lastCtx, j.suspended = work, parent, false
	return j.start(parent, work, j.gen)
}

// Next supersedes the run in flight without starting another and returns
// the new generation's tag (for work that is not a background run, like a
// debounced request, or to drop every result asked for so far).
func (j *Job) Next() uint64 {
	j.supersede()
	j.gen++
	j.last, j.suspended = nil, false
	return j.gen
}

// Current reports whether tag is the newest run's.
func (j *Job) Current(tag uint64) bool { return tag == j.gen }

// Tag is the newest generation.
func (j *Job) Tag() uint64 { return j.gen }

// Cancel stops the run in flight and drops its result.
func (j *Job) Cancel() { j.Next() }

// Suspend stops the run in flight but keeps its generation, so that
// Resume can run its work again; it reports whether there was one.
func (j *Job) Suspend() bool {
	if j.current == nil || j.last == nil || j.done() {
		return false
	}
	j.current.stop()
	j.suspended = true
	return true
}

// Resume runs again the work Suspend stopped, under the same tag; nil when
// nothing was suspended.
func (j *Job) Resume() tea.Cmd {
	if !j.suspended || j.last == nil {
		return nil
	}
	j.suspended = false
	cmd := j.start(j.lastCtx, j.last, j.gen)
	if j.Key != "" {
		return tea.Batch(Busy(j.Key, true), cmd)
	}
	return cmd
}

// Busy reports whether the newest run has not returned yet.
func (j *Job) Busy() bool { return j.current != nil && !j.done() && !j.suspended }

// Stats returns the job's counters.
func (j *Job) Stats() JobStats {
	c := &j.stats
	c.mu.Lock()
	lat := append([]time.Duration(nil), c.latency...)
	c.mu.Unlock()
	return JobStats{Started: c.started.Load(), Finished: c.finished.Load(), Cancelled: c.cancelled.Load(),
		Skipped: c.skipped.Load(), Runs: c.runs.Load(), Delivered: c.delivered.Load(), Running: c.running.Load(),
		CancelLatency: lat}
}

// MaxRunning is the most runs of the job ever executing at once (1 when
// the job keeps its promise).
func (j *Job) MaxRunning() int64 { return j.stats.maxRunning.Load() }

func (j *Job) done() bool {
	select {
	case <-j.current.done:
		return true
	default:
		return false
	}
}

func (j *Job) supersede() {
	if j.current != nil {
		j.current.stop()
	}
}

func (j *Job) start(parent context.Context, work func(context.Context, uint64) tea.Msg, tag uint64) tea.Cmd {
	if parent == nil {
		parent = context.Background()
	}
	ctx, cancel := context.WithCancel(parent)
	j.stats.runs.Add(1)
	r := &run{cancel: cancel, done: make(chan struct{}), prev: j.current}
	r.stats = &j.stats
	j.current = r
	c := &j.stats
	var dropped tea.Msg
	if j.Key != "" {
		dropped = BusyMsg{Key: j.Key}
	}
	return func() tea.Msg {
		defer r.once.Do(func() { close(r.done) })
		defer cancel()
		if !r.state.CompareAndSwap(runPending, runRunning) {
			return dropped // superseded before it began
		}
		r.waitPrev()
		r.prev = nil // the chain of superseded runs is garbage now
		if ctx.Err() != nil {
			c.skipped.Add(1)
			return dropped
		}
		c.started.Add(1)
		for n := c.running.Add(1); ; {
			m := c.maxRunning.Load()
			if n <= m || c.maxRunning.CompareAndSwap(m, n) {
				break
			}
		}
		msg := work(ctx, tag)
		returned := time.Now()
		c.running.Add(-1)
		c.finished.Add(1)
		if ctx.Err() != nil {
			c.cancelled.Add(1)
			if at := r.stoppedAt.Load(); at != 0 {
				c.cancelledAfter(returned.Sub(time.Unix(0, at)))
			}
			return dropped
		}
		c.delivered.Add(1)
		return msg
	}
}

// stop cancels the run; a run that had not begun never will.
func (r *run) stop() {
	r.stoppedAt.CompareAndSwap(0, time.Now().UnixNano())
	r.cancel()
	if r.state.CompareAndSwap(runPending, runSkipped) {
		r.stats.skipped.Add(1)
		r.once.Do(func() { close(r.done) })
	}
}

// waitPrev waits until the superseded run returned: it was cancelled, so
// it does promptly.
func (r *run) waitPrev() {
	if p := r.prev; p != nil {
		<-p.done
	}
}

// Suspender is a pane whose background work stops while it is hidden for
// long and runs again when it is shown (the root calls them).
type Suspender interface {
	// Suspend stops the work in flight; it reports whether there was any.
	Suspend() bool
	// Resume runs again what Suspend stopped.
	Resume() tea.Cmd
}

// SuspendJobs suspends every job and reports whether one had work in
// flight.
func SuspendJobs(jobs ...*Job) bool {
	any := false
	for _, j := range jobs {
		if j.Suspend() {
			any = true
		}
	}
	return any
}

// ResumeJobs resumes every job.
func ResumeJobs(jobs ...*Job) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(jobs))
	for _, j := range jobs {
		cmds = append(cmds, j.Resume())
	}
	return tea.Batch(cmds...)
}
