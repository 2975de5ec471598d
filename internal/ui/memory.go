package ui

import (
	"context"
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/ui/notes"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// The root's memory: the bookmark key (m), the Notes view (N) and the
// report dialog (R), shown over the panes, and the recording of pane
// actions in the audit trail.

// memoryKey handles m, N and R; ok is false for other keys.
func (m *Model) memoryKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, m.keys.Bookmark):
		return m.openOverlay(notes.NewBookmark(m.env, m.placeHere())), true
	case key.Matches(msg, m.keys.Notes):
		v := notes.NewView(m.env)
		return tea.Batch(m.openOverlay(v), v.Init()), true
	case key.Matches(msg, m.keys.Report):
		return m.openOverlay(notes.NewReport(m.env, m.focusA, m.focusB)), true
	}
	return nil, false
}

// placeHere is the item under the active pane's cursor, or the pane's
// view of the focus when the pane cannot name one.
func (m *Model) placeHere() uikit.Place {
	p := m.activePane()
	if b, ok := p.(uikit.Bookmarker); ok {
		if pl, ok := b.Bookmark(); ok {
			pl.Pane = p.ID()
			if pl.A == "" {
				pl.A = m.focusA
			}
			if pl.B == "" {
				pl.B = m.focusB
			}
			return pl
		}
	}
	pl := uikit.Place{Pane: p.ID(), A: m.focusA, B: m.focusB, Kind: "view", Target: p.ID()}
	switch {
	case m.focusA != "" && m.focusB != "":
		pl.Kind, pl.Target, pl.Label = "pair", m.focusA+" "+m.focusB, fmt.Sprintf("%s of %s and %s", p.Title(), m.focusA, m.focusB)
	case m.focusA != "":
		pl.Kind, pl.Target, pl.Label = "subscriber", m.focusA, fmt.Sprintf("%s of %s", p.Title(), m.focusA)
	default:
		pl.Label = p.Title()
	}
	return pl
}

func (m *Model) openOverlay(o notes.Overlay) tea.Cmd {
	m.overlay = o
	m.layout()
	return nil
}

// memoryMsg handles the messages of the overlays and pane audits; ok is
// false for others.
func (m *Model) memoryMsg(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case notes.SavedMsg:
		var cmd tea.Cmd
		if m.overlay != nil {
			cmd = m.overlay.Update(msg)
		}
		if msg.Err != nil {
			m.lastErr = fmt.Errorf("bookmark not kept: %w", msg.Err)
			return cmd, true
		}
		m.status, m.lastErr = fmt.Sprintf("bookmarked as note #%d (N lists the notes)", msg.Note.ID), nil
		return cmd, true
	case locateMsg:
		return m.locate(msg.pane, msg.place, msg.tries), true
	case notes.JumpMsg:
		m.overlay = nil
		return m.jump(msg.Place), true
	case notes.OpenReportMsg:
		return m.openOverlay(notes.NewReport(m.env, m.focusA, m.focusB)), true
	case notes.ReportDoneMsg:
		if msg.Err != nil {
			m.lastErr = fmt.Errorf("report: %w", msg.Err)
		} else {
			m.status, m.lastErr = "report written to "+inert.String(msg.Out)+" · figures sha256 "+msg.Hash[:12]+"…", nil
		}
		return nil, true
	case uikit.AuditMsg:
		return m.record(msg), true
	case auditFailedMsg:
		if casework.NotRecorded(msg.err) {
			if m.audit.warned {
				return nil, true
			}
			m.audit.warned = true // said once per session, not at every result
			m.status = "pane results are not recorded: " + inert.String(msg.err.Error())
			return nil, true
		}
		m.lastErr = fmt.Errorf("this result is not in the audit trail: %w", msg.err)
		return nil, true
	}
	return nil, false
}

// auditMemory is what the root knows of the trail this session: the last
// entry asked per action (a pane showing the same result again, on a
// focus set twice or a pane reopened, records nothing), and whether the
// analyst was told the case cannot record.
type auditMemory struct {
	last   map[string]string
	warned bool
}

// auditFailedMsg is a pane result the trail did not get.
type auditFailedMsg struct{ err error }

// recordTimeout bounds one write to the audit trail.
const recordTimeout = 30 * time.Second

// record appends a pane's shown result to the trail, off the UI goroutine,
// unless it repeats the action's last entry.
func (m *Model) record(msg uikit.AuditMsg) tea.Cmd {
	if params, ok := msg.Params.(map[string]any); ok && m.env.Scope.Set() {
		if _, named := params["time_scope"]; !named { // the case-wide scope the pane computed in
			withScope := map[string]any{"time_scope": m.env.Scope.AuditValue()}
			for k, v := range params {
				withScope[k] = v
			}
			msg.Params = withScope
		}
	}
	key := casework.ResultHash(msg.Params) + " " + casework.ResultHash(msg.Result)
	if m.audit.last[msg.Action] == key {
		return nil
	}
	if m.audit.last == nil {
		m.audit.last = map[string]string{}
	}
	m.audit.last[msg.Action] = key
	st, wg := m.env.Case, m.env.Recording
	if st == nil {
		return nil
	}
	if wg != nil {
		wg.Add(1)
	}
	// not cancelled with the panes: quitting right after a result was shown
	// still records it (the shell closes the case when this is done). The
	// write starts here rather than in the command, which Bubble Tea drops
	// unrun when the program ends first (a batch delivered after the quit).
	ctx, cancel := context.WithTimeout(context.WithoutCancel(m.env.Context), recordTimeout)
	failed := make(chan error, 1)
	go func() {
		defer cancel()
		if wg != nil {
			defer wg.Done()
		}
		_, err := casework.Record(ctx, st, "", msg.Action, msg.Params, msg.Result)
		failed <- err
	}()
	return func() tea.Msg {
		if err := <-failed; err != nil {
			return auditFailedMsg{err}
		}
		return nil
	}
}

// jump shows a bookmarked place: its pane, its focus, and the item when
// the pane can find it.
func (m *Model) jump(p uikit.Place) tea.Cmd {
	idx := -1
	for i, pane := range m.panes {
		if pane.ID() == p.Pane {
			idx = i
		}
	}
	if idx < 0 {
		return uikit.Status("the note's pane " + inert.String(p.Pane) + " is not in this workbench")
	}
	if p.A != m.focusA || p.B != m.focusB {
		m.focusA, m.focusB = p.A, p.B
		m.focusGen++
	}
	return tea.Batch(m.switchTo(idx), m.locate(idx, p, 0), uikit.Status("back at "+inert.String(p.Kind+" "+p.Label)))
}

// locateMsg asks again the pane to find a bookmarked row.
type locateMsg struct {
	pane  int
	place uikit.Place
	tries int
}

// locate asks the pane to select the place's row, again every 150 ms for
// up to 6 s while the pane loads.
func (m *Model) locate(idx int, p uikit.Place, tries int) tea.Cmd {
	l, ok := m.panes[idx].(uikit.Locator)
	if !ok || m.active != idx {
		return nil
	}
	if l.Locate(p) || tries >= 40 {
		return nil
	}
	return tea.Tick(150*time.Millisecond, func(time.Time) tea.Msg { return locateMsg{pane: idx, place: p, tries: tries + 1} })
}

// overlayDone drops an overlay that closed.
func (m *Model) overlayDone() {
	if m.overlay != nil && m.overlay.Done() {
		m.overlay = nil
		m.layout()
	}
}
