package hunt

import (
	"context"
	"fmt"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// The pane's asynchronous results; each carries the ticket of its request.
type (
	huntDoneMsg struct {
		tag   uint64
		query *analysis.HuntQuery
		res   *casework.HuntResult
		err   error
	}
	recordsMsg struct {
		tag    uint64
		msisdn string
		recs   []analysis.HuntRecord
		err    error
	}
	savedListMsg struct {
		tag  uint64
		list []casework.SavedHuntView
		err  error
	}
	savedMsg struct {
		name string
		res  *casework.HuntResult
		err  error
	}
	deletedMsg struct {
		name string
		err  error
	}
	exportedMsg struct {
		paths []string
		err   error
	}
	cellsRestMsg struct {
		seq   uint64
		value string
	}
	cellsCheckedMsg struct {
		seq     uint64
		value   string
		text    string
		unknown bool // some cell named exactly is not in the case
	}
)

// run starts a hunt off the UI goroutine; rerun names the saved hunt it
// reruns ("" for a new one). A newer run makes this one's result stale.
func (p *Pane) run(q *analysis.HuntQuery, rerun string) tea.Cmd {
	p.running = true
	c, scope := p.env.Case, p.env.Scope
	p.huntTag.Key = "hunt"
	work := p.huntTag.Run(p.env.Context, func(ctx context.Context, tag uint64) tea.Msg {
		var res *casework.HuntResult
		var err error
		switch {
		case rerun != "" && scope.Set():
			// in the time scope, and not kept as the saved hunt's run
			var saved *analysis.HuntQuery
			if saved, err = casework.SavedHuntQuery(ctx, c, rerun); err == nil {
				q = scope.Hunt(saved)
				res, err = casework.Hunt(ctx, c, q)
			}
		case rerun != "":
			res, err = casework.RerunHunt(ctx, c, rerun, time.Now())
		default:
			res, err = casework.Hunt(ctx, c, scope.Hunt(q)) // within the case-wide time scope
		}
		return huntDoneMsg{tag: tag, query: q, res: res, err: err}
	})
	return tea.Batch(uikit.Busy("hunt", true), work)
}

func (p *Pane) huntDone(msg huntDoneMsg) tea.Cmd {
	done := uikit.Busy("hunt", false)
	if !p.huntTag.Current(msg.tag) {
		return done // a newer hunt was started
	}
	p.running = false
	if msg.err != nil {
		return tea.Batch(done, uikit.Fail(msg.err))
	}
	p.query, p.result, p.mode = msg.query, msg.res, modeResults
	res := msg.res
	p.outcome = fmt.Sprintf("%s, %s", plural(len(res.Subscribers), "subscriber", "subscribers"), plural(int(res.Records), "record", "records"))
	if s := res.Saved; s != nil {
		change := "unchanged since"
		if s.Changed(res) {
			change = fmt.Sprintf("was %d subscribers, %d records", s.PreviousSubscribers, s.PreviousRecords)
		}
		p.outcome = fmt.Sprintf("rerun of %q: %s (%s %s)", inert.String(s.Name), p.outcome, change, s.PreviousRanAt)
	}
	audit := uikit.Audit("pane hunt", map[string]any{"query": res.Query, "description": res.Description}, res)
	// a hunt ran: an empty list is what it found, not "no hunt yet"
	p.subs.SetEmpty("no subscriber found by this hunt · f edits the hunt")
	return tea.Batch(done, p.subs.SetSource(subscriberSource(res)), uikit.Status(p.outcome), audit)
}

// openRecords loads the selected subscriber's records in the hunt.
func (p *Pane) openRecords() tea.Cmd {
	s, ok := p.selectedSubscriber()
	if !ok || p.query == nil {
		return nil
	}
	st, q := p.env.Case, p.env.Scope.Hunt(p.query)
	p.recordsTag.Key = "hunt-records"
	work := p.recordsTag.Run(p.env.Context, func(ctx context.Context, tag uint64) tea.Msg {
		recs, err := casework.HuntRecords(ctx, st, q, s.MSISDN)
		return recordsMsg{tag: tag, msisdn: s.MSISDN, recs: recs, err: err}
	})
	return tea.Batch(uikit.Busy("hunt-records", true), work)
}

func (p *Pane) recordsLoaded(msg recordsMsg) tea.Cmd {
	done := uikit.Busy("hunt-records", false)
	if !p.recordsTag.Current(msg.tag) {
		return done
	}
	if msg.err != nil {
		return tea.Batch(done, uikit.Fail(msg.err))
	}
	p.recordsOf, p.recs, p.mode = msg.msisdn, msg.recs, modeRecords
	return tea.Batch(done, p.records.SetSource(recordSource(msg.recs)))
}

func (p *Pane) loadSaved() tea.Cmd {
	tag := p.savedTag.Next()
	st, ctx := p.env.Case, p.env.Context
	return func() tea.Msg {
		list, err := casework.SavedHunts(ctx, st)
		return savedListMsg{tag: tag, list: list, err: err}
	}
}

func (p *Pane) savedLoaded(msg savedListMsg) tea.Cmd {
	if !p.savedTag.Current(msg.tag) {
		return nil
	}
	if msg.err != nil {
		return uikit.Fail(msg.err)
	}
	p.savedList = msg.list
	return p.saved.SetSource(savedSource(msg.list))
}

func (p *Pane) selectedSaved() (casework.SavedHuntView, bool) {
	row, ok := p.saved.Selected()
	if !ok {
		return casework.SavedHuntView{}, false
	}
	i, _ := row.Ref.(int)
	if i < 0 || i >= len(p.savedList) {
		return casework.SavedHuntView{}, false
	}
	return p.savedList[i], true
}

// rerunSelected fills the form with the saved hunt and runs it again.
func (p *Pane) rerunSelected() tea.Cmd {
	h, ok := p.selectedSaved()
	if !ok {
		return nil
	}
	q, err := h.Form.Parse()
	if err != nil {
		return uikit.Fail(fmt.Errorf("saved hunt %q: %w", h.Name, err))
	}
	p.form.set(h.Form)
	p.mode = modeResults
	cmds := []tea.Cmd{p.run(q, h.Name)}
	if h.Form.Cells != "" {
		cmds = append(cmds, p.checkCells(cellsRestMsg{seq: p.cellsTag.Next(), value: h.Form.Cells}))
	}
	return tea.Batch(cmds...)
}

func (p *Pane) deleteSelected() tea.Cmd {
	h, ok := p.selectedSaved()
	if !ok {
		return nil
	}
	st, ctx := p.env.Case, p.env.Context
	return func() tea.Msg { return deletedMsg{name: h.Name, err: st.DeleteHunt(ctx, h.Name)} }
}

// save keeps the hunt shown in the case under name.
func (p *Pane) save(name string) tea.Cmd {
	res := p.result
	if res == nil {
		return nil
	}
	st, ctx := p.env.Case, p.env.Context
	return func() tea.Msg {
		return savedMsg{name: name, res: res, err: casework.SaveHunt(ctx, st, name, res, time.Now())}
	}
}

func (p *Pane) savedDone(msg savedMsg) tea.Cmd {
	if msg.err != nil {
		return uikit.Fail(fmt.Errorf("saving the hunt: %w", msg.err))
	}
	p.outcome = fmt.Sprintf("saved as %q with %s", inert.String(msg.name), plural(len(msg.res.Subscribers), "subscriber", "subscribers"))
	return uikit.Status("hunt " + p.outcome + " (o lists saved hunts)")
}

// exportAll writes every statement, subscriber row and record.
func (p *Pane) exportAll() tea.Cmd {
	if p.result == nil || p.query == nil {
		return nil
	}
	st, ctx, q, res, dir := p.env.Case, p.env.Context, p.query, p.result, p.env.ExportDir
	work := func() tea.Msg {
		paths, err := casework.ExportHunt(ctx, st, q, res, dir, time.Now())
		return exportedMsg{paths: paths, err: err}
	}
	return tea.Batch(uikit.Busy("hunt-export", true), work)
}

// checkCells asks the case how many of its cells the field names.
func (p *Pane) checkCells(msg cellsRestMsg) tea.Cmd {
	cells, err := analysis.ParseHuntCells(msg.value)
	if err != nil || len(cells) == 0 {
		return nil
	}
	st, ctx := p.env.Case, p.env.Context
	return func() tea.Msg {
		n, unknown, err := st.HuntCells(ctx, cells)
		text := plural(n, "cell", "cells") + " in the case"
		switch {
		case err != nil:
			text = "cannot check: " + err.Error()
		case len(unknown) > 0:
			text += "; not in the case: " + strings.Join(unknown, ", ")
		}
		return cellsCheckedMsg{seq: msg.seq, value: msg.value, text: text, unknown: err != nil || len(unknown) > 0}
	}
}
