package ui

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// loadPane is a pane whose load runs until it is cancelled or released.
type loadPane struct {
	id      string
	env     *uikit.Env
	job     uikit.Job
	begun   atomic.Int64 // loads whose work began
	release chan struct{}
	shown   atomic.Int64 // results shown
}

type loadedMsg struct {
	id  string
	tag uint64
}

func (p *loadPane) ID() string    { return p.id }
func (p *loadPane) Title() string { return p.id }
func (p *loadPane) Init() tea.Cmd {
	return p.job.Run(p.env.Context, func(ctx context.Context, tag uint64) tea.Msg {
		p.begun.Add(1)
		select {
		case <-ctx.Done():
		case <-p.release:
		}
		return loadedMsg{p.id, tag}
	})
}
func (p *loadPane) Update(msg tea.Msg) tea.Cmd {
	if m, ok := msg.(loadedMsg); ok && m.id == p.id && p.job.Current(m.tag) {
		p.shown.Add(1)
	}
	return nil
}
func (p *loadPane) View() string         { return "pane " + p.id }
func (p *loadPane) SetSize(int, int)     {}
func (p *loadPane) KeyMap() help.KeyMap  { return noKeys{} }
func (p *loadPane) Editing() bool        { return false }
func (p *loadPane) Suspend() bool        { return p.job.Suspend() }
func (p *loadPane) Resume() tea.Cmd      { return p.job.Resume() }
func (noKeys) ShortHelp() []key.Binding  { return nil }
func (noKeys) FullHelp() [][]key.Binding { return nil }

type noKeys struct{}

// A pane left for longer than HiddenDelay has its load cancelled (it
// does not run on for a screen nobody looks at); shown again, the load
// runs again and its result is shown. A pane left for a glance keeps its
// load running.
func TestHiddenPaneSuspendedAndResumed(t *testing.T) {
	defer func(d time.Duration) { HiddenDelay = d }(HiddenDelay)
	HiddenDelay = 100 * time.Millisecond
	env := fixtureEnv(t)
	heavy := &loadPane{id: "heavy", env: env, release: make(chan struct{})}
	other := &loadPane{id: "other", env: env, release: make(chan struct{})}
	close(other.release)
	tm := teatest.NewTestModel(t, New(env, []uikit.Pane{heavy, other}), teatest.WithInitialTermSize(80, 24))
	uitest.WaitFor(t, tm, "pane heavy")
	waitUntil(t, "the load began", func() bool { return heavy.begun.Load() == 1 })

	uitest.Press(tm, "2", "1") // a glance: nothing stops
	time.Sleep(3 * HiddenDelay)
	if s := heavy.job.Stats(); s.Cancelled != 0 || s.Running != 1 {
		t.Fatalf("after a glance away: %+v", s)
	}
	uitest.Press(tm, "2")
	uitest.WaitFor(t, tm, "pane other")
	waitUntil(t, "the hidden pane's load cancelled", func() bool { s := heavy.job.Stats(); return s.Cancelled == 1 && s.Running == 0 })
	if heavy.shown.Load() != 0 {
		t.Fatal("a cancelled load was shown")
	}
	close(heavy.release)
	uitest.Press(tm, "1")
	uitest.WaitFor(t, tm, "pane heavy")
	waitUntil(t, "the load resumed and shown", func() bool { return heavy.begun.Load() == 2 && heavy.shown.Load() == 1 })
	uitest.Quit(t, tm)
}

func waitUntil(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not after 5 s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
