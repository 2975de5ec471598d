package asterisk

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// reportMsg carries casework.Asterisk's report for a filter.
type reportMsg struct {
	tag    uint64
	report *casework.AsteriskReport
	err    error
}

// treeMsg carries the case's PBX-side sources.
type treeMsg struct {
	tag     uint64
	sources []store.Source
	err     error
}

// rawMsg carries a file read for the raw viewer.
type rawMsg struct {
	tag  uint64
	file *rawFile
	line int64 // line to show first (0: the top)
}

// reportTop is how many recipients the report keeps: the most the chart
// cycles to.
const reportTop = 50

// loadReport computes the report for the filter in force, off the UI
// goroutine; a result for an older filter is dropped.
func (p *Pane) loadReport() tea.Cmd {
	st, c, f := p.env.Store, p.env.Case, p.env.Scope.PBX(p.filter)
	p.reportTag.Key = "asterisk"
	work := p.reportTag.Run(p.env.Context, func(ctx context.Context, tag uint64) tea.Msg {
		// the modems' IMEIs are looked for in the case's records (on
		// ClickHouse, the cluster's: Store is the copy of its PBX tables)
		rep, err := casework.Asterisk(ctx, st, casework.AsteriskOptions{Filter: f, Top: reportTop, Case: c})
		return reportMsg{tag: tag, report: rep, err: err}
	})
	return tea.Batch(uikit.Busy("asterisk", true), work)
}

func (p *Pane) reportLoaded(msg reportMsg) tea.Cmd {
	if !p.reportTag.Current(msg.tag) {
		return uikit.Busy("asterisk", false)
	}
	done := uikit.Busy("asterisk", false)
	if msg.err != nil {
		p.err = msg.err
		return tea.Batch(done, uikit.Fail(msg.err))
	}
	p.report, p.err = msg.report, nil
	p.routes.SetEmpty(noRoutesText)
	p.resize() // the header's lines follow the report
	cmds := []tea.Cmd{done, p.modems.SetSource(modemSource(p.report)), p.routes.SetSource(routeSource(p.report)), uikit.Audit("pane asterisk", filterParams(p.filter), p.report)}
	if p.view == viewHits {
		for _, d := range p.report.Dongles {
			if d.Name == p.hitsOf.Name && d.IMEI == p.hitsOf.IMEI {
				p.hitsOf = d
			}
		}
		cmds = append(cmds, p.hits.SetSource(hitSource(p.hitsOf)))
	}
	return tea.Batch(cmds...)
}

// artefactKinds are the sources the artefact tree lists.
var artefactKinds = map[string]bool{
	store.KindAsteriskCDR: true, store.KindFreeSWITCHCDR: true, store.KindAsteriskLog: true,
	store.KindAsteriskConf: true, store.KindHostZone: true, store.KindShellHistory: true,
	store.KindAsteriskQueueLog: true, store.KindCUCMCDR: true, store.KindKamailioAcc: true, store.KindThreeCXCDR: true,
	store.KindAsteriskCEL: true,
}

func (p *Pane) loadTree() tea.Cmd {
	st := p.env.Store
	return p.treeTag.Run(p.env.Context, func(ctx context.Context, tag uint64) tea.Msg {
		all, err := st.Sources(ctx)
		var out []store.Source
		for _, s := range all {
			if artefactKinds[s.Kind] {
				out = append(out, s)
			}
		}
		return treeMsg{tag: tag, sources: out, err: err}
	})
}

func (p *Pane) treeLoaded(msg treeMsg) tea.Cmd {
	if !p.treeTag.Current(msg.tag) {
		return nil
	}
	if msg.err != nil {
		return uikit.Fail(msg.err)
	}
	p.tree = buildTree(msg.sources)
	return nil
}

// applyFilter puts a new calls filter in force: the calls table and the
// report (dashboard, modems) follow it.
func (p *Pane) applyFilter(f store.PBXFilter) tea.Cmd {
	p.filter = f
	p.calls.SetEmpty(p.noCalls())
	return tea.Batch(p.calls.SetSource(callSource(p.env.Store, p.env.Scope.PBX(f))), p.loadReport())
}

// noCalls is what the calls list says when it has no row: what left it
// empty, the filter, the time scope or the case.
func (p *Pane) noCalls() string {
	switch {
	case !p.filter.IsZero(): // the case has calls: none is what this filter found
		return "no call matches the filter (f changes it, esc clears it)"
	case p.env.Scope.Set():
		return "no PBX call in the time scope (T changes it)"
	}
	return noCallsText
}

// filterParams names the calls filter a result was computed with, by the
// flags of cdrtui asterisk (the time scope is added by the trail): a
// filtered result recorded without it could not be told from the whole.
func filterParams(f store.PBXFilter) map[string]any {
	params := map[string]any{}
	wall := func(v int64) string { return time.Unix(v, 0).UTC().Format("2006-01-02 15:04:05") }
	if f.From != 0 {
		params["from"] = wall(f.From)
	}
	if f.To != 0 {
		params["to"] = wall(f.To) + " (excluded)"
	}
	for k, v := range map[string]string{"number": f.Number, "key": f.Key, "disposition": f.Disposition, "dongle": f.Dongle, "direction": f.Direction} {
		if v != "" {
			params[k] = v
		}
	}
	return params
}
