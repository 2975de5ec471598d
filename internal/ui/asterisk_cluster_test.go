package ui

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
)

// flakyPBX is a case on ClickHouse as the Asterisk pane sees it: its PBX
// copy fails once (a shard not answering), then is made.
type flakyPBX struct {
	casework.Case
	copy  *store.Store
	calls int
}

func (f *flakyPBX) PBX(context.Context) (*store.Store, error) {
	f.calls++
	if f.calls == 1 {
		return nil, errors.New("a shard of the cluster does not answer")
	}
	return f.copy, nil
}

// run runs cmd and what it batches, handing every message to p.
func run(p *pbxPane, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			run(p, c)
		}
	case pbxReadyMsg:
		p.Update(msg)
	}
}

// The Asterisk pane of a case on ClickHouse makes the PBX copy in the
// background: until then it says so; a copy that fails is said in the
// pane, and made again when the pane is shown again, the Asterisk pane
// then standing over it.
func TestClusterAsteriskPaneCopy(t *testing.T) {
	pbx, err := store.Create(filepath.Join(t.TempDir(), "pbx.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer pbx.Close()
	env := uitest.Env(t, pbx)
	f := &flakyPBX{copy: pbx}
	env.Case, env.Store = f, nil
	p := asteriskOn(env).(*pbxPane)
	p.SetSize(80, 20)
	if v := p.View(); !strings.Contains(v, "reading the case's PBX artefacts") {
		t.Fatalf("before the copy:\n%s", v)
	}
	run(p, p.Init())
	if v := p.View(); p.inner != nil || !strings.Contains(v, "error: a shard of the cluster does not answer") {
		t.Fatalf("after a failed copy:\n%s", v)
	}
	run(p, p.Resume())
	if p.inner == nil || f.calls != 2 || strings.Contains(p.View(), "error") || !strings.Contains(p.View(), "Asterisk") {
		t.Fatalf("shown again: %d copies asked, pane %v:\n%s", f.calls, p.inner != nil, p.View())
	}
}
