package ui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/asterisk"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// pbxPane is the Asterisk pane of a case on ClickHouse: it makes the
// private SQLite copy of the case's PBX artefacts (casework.PBXOf) off the
// UI goroutine, then is the Asterisk pane over it, as on a local case.
// What the pane keeps (notes, the audit trail, exports' case) goes to the
// case itself: only Store is the copy. A copy that could not be made (a
// shard not answering) is said, and tried again when the pane is shown
// again.
type pbxPane struct {
	env   *uikit.Env
	inner *asterisk.Pane // nil until the copy is made
	err   error
	w, h  int
}

// pbxReadyMsg brings the copy (or why there is none) to the pane that
// asked for it.
type pbxReadyMsg struct {
	to  *pbxPane
	st  *store.Store
	err error
}

func asteriskOn(env *uikit.Env) uikit.Pane { return &pbxPane{env: env} }

func (p *pbxPane) ID() string    { return "asterisk" }
func (p *pbxPane) Title() string { return "Asterisk" }

// Init makes the copy in the background.
func (p *pbxPane) Init() tea.Cmd {
	env := p.env
	return tea.Batch(uikit.Busy("asterisk-copy", true), func() tea.Msg {
		st, err := casework.PBXOf(env.Context, env.Case)
		return pbxReadyMsg{to: p, st: st, err: err}
	})
}

// Update builds the Asterisk pane once the copy is made, then passes it
// every message.
func (p *pbxPane) Update(msg tea.Msg) tea.Cmd {
	if m, ok := msg.(pbxReadyMsg); ok && m.to == p {
		done := uikit.Busy("asterisk-copy", false)
		if m.err != nil {
			p.err = m.err
			return tea.Batch(done, uikit.Fail(m.err))
		}
		e := *p.env
		e.Store = m.st
		p.inner = asterisk.New(&e)
		p.inner.SetSize(p.w, p.h)
		return tea.Batch(done, p.inner.Init())
	}
	if p.inner != nil {
		return p.inner.Update(msg)
	}
	return nil
}

// View is the Asterisk pane's, or what it waits for.
func (p *pbxPane) View() string {
	if p.inner != nil {
		return p.inner.View()
	}
	st := p.env.Styles
	line := st.Muted.Render("reading the case's PBX artefacts…")
	if p.err != nil {
		line = st.Bad.Render("error: " + inert.String(p.err.Error()))
	}
	return uikit.FitBlock(st.Title.Render("Asterisk")+"\n\n"+line+"\n", p.w, p.h)
}

func (p *pbxPane) SetSize(w, h int) {
	p.w, p.h = w, h
	if p.inner != nil {
		p.inner.SetSize(w, h)
	}
}

func (p *pbxPane) KeyMap() help.KeyMap {
	if p.inner != nil {
		return p.inner.KeyMap()
	}
	return noPBXKeys{}
}

func (p *pbxPane) Editing() bool { return p.inner != nil && p.inner.Editing() }

// Suspend implements uikit.Suspender.
func (p *pbxPane) Suspend() bool { return p.inner != nil && p.inner.Suspend() }

// Resume implements uikit.Suspender; a copy that failed is tried again.
func (p *pbxPane) Resume() tea.Cmd {
	switch {
	case p.inner != nil:
		return p.inner.Resume()
	case p.err != nil:
		p.err = nil
		return p.Init()
	}
	return nil
}

// Bookmark implements uikit.Bookmarker.
func (p *pbxPane) Bookmark() (uikit.Place, bool) {
	if p.inner == nil {
		return uikit.Place{}, false
	}
	return p.inner.Bookmark()
}

// Locate implements uikit.Locator (false while the copy is made: asked
// again).
func (p *pbxPane) Locate(pl uikit.Place) bool { return p.inner != nil && p.inner.Locate(pl) }

type noPBXKeys struct{}

func (noPBXKeys) ShortHelp() []key.Binding  { return nil }
func (noPBXKeys) FullHelp() [][]key.Binding { return nil }
