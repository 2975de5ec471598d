// Package trends is the pane that says when subscribers are active on an
// application (WhatsApp unless another is picked): the paper's three-hour
// intervals of the day and days of the week, a weekday × interval grid,
// every date of the span, and the list of connections, for the focused
// subscriber, A and B side by side on one scale, a set of subscribers or
// the whole case. Hours are always the wall clock written in the evidence.
package trends

import (
	"context"
	"fmt"
	"github.com/cdrtui/cdrtui/internal/analysis"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/records"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// scopeKind is whose records are counted.
type scopeKind int

const (
	scopeA    scopeKind = iota // the focused subscriber
	scopeAB                    // A and B side by side
	scopeCase                  // every subscriber
	scopeSet                   // a set typed by the analyst
	scopeCount
)

func (s scopeKind) label() string { return [...]string{"A", "A vs B", "case", "set"}[s] }

// view is what the body shows.
type view int

const (
	viewCharts view = iota
	viewDates
	viewConnections
	viewCount
)

func (v view) label() string { return [...]string{"Charts", "Dates", "Connections"}[v] }

// Pane is the trends pane.
type Pane struct {
	connsJob   uikit.Job // the connections read from a case on ClickHouse
	countsGrid bool      // the weekday × interval grid as counts rather than a heatmap
	env        *uikit.Env
	keys       keyMap
	width      int
	height     int

	focusA, focusB string
	scope          scopeKind
	set            []string
	setInput       textinput.Model
	editingSet     bool
	app            string
	view           view
	picker         *table.Model

	ticket  uikit.Job // trend computations
	loading bool
	err     error
	result  *result
	dates   *table.Model
	conns   *table.Model
	day     string // date the connections are limited to ("" none)
	// caseTrends keeps whole-case trends per application: they read every
	// record of the case, and the case does not change under the pane.
	caseTrends map[string]*casework.Trend
}

// result is one computation: the trends shown (one, or A and B) and
// their labels.
type result struct {
	scope  scopeKind
	app    string
	trends []*casework.Trend
	labels []string
}

// New returns the trends pane.
func New(env *uikit.Env) *Pane {
	in := textinput.New()
	in.Prompt = "MSISDNs (comma-separated): "
	in.CharLimit = 2000
	return &Pane{env: env, keys: newKeyMap(), app: casework.DefaultTrendApp, setInput: in, caseTrends: map[string]*casework.Trend{}}
}

// ID implements uikit.Pane.
func (p *Pane) ID() string { return "trends" }

// Title implements uikit.Pane.
func (p *Pane) Title() string { return "Trends" }

// Init implements uikit.Pane: nothing is counted before a subscriber is in
// focus or another scope is chosen.
func (p *Pane) Init() tea.Cmd { return nil }

// Editing implements uikit.Pane.
func (p *Pane) Editing() bool {
	if p.editingSet {
		return true
	}
	if t := p.currentTable(); t != nil {
		return t.Editing()
	}
	return false
}

// KeyMap implements uikit.Pane.
func (p *Pane) KeyMap() help.KeyMap { return paneKeys{p} }

// SetSize implements uikit.Pane.
func (p *Pane) SetSize(w, h int) {
	p.width, p.height = w, h
	p.resize()
}

func (p *Pane) currentTable() *table.Model {
	switch {
	case p.picker != nil:
		return p.picker
	case p.view == viewDates:
		return p.dates
	case p.view == viewConnections:
		return p.conns
	}
	return nil
}

type trendMsg struct {
	tag    uint64
	result *result
	err    error
}

type savedMsg struct {
	path string
	n    int64
	what string
	err  error
	busy bool // the save was shown as work in the status bar
}

const busyKey = "trends"

// scopes returns what to count for the current scope, and the labels;
// ok is false when the scope needs a subscriber that is not in focus.
func (p *Pane) scopes() ([]casework.TrendScope, []string, bool) {
	switch p.scope {
	case scopeA:
		if p.focusA == "" {
			return nil, nil, false
		}
		return []casework.TrendScope{{MSISDNs: []string{p.focusA}}}, []string{"A " + p.focusA}, true
	case scopeAB:
		if p.focusA == "" {
			return nil, nil, false
		}
		if p.focusB == "" {
			return []casework.TrendScope{{MSISDNs: []string{p.focusA}}}, []string{"A " + p.focusA}, true
		}
		return []casework.TrendScope{{MSISDNs: []string{p.focusA}}, {MSISDNs: []string{p.focusB}}},
			[]string{"A " + p.focusA, "B " + p.focusB}, true
	case scopeCase:
		return []casework.TrendScope{{All: true}}, []string{"whole case"}, true
	case scopeSet:
		if len(p.set) == 0 {
			return nil, nil, false
		}
		return []casework.TrendScope{{MSISDNs: p.set}}, []string{fmt.Sprintf("set of %d", len(p.set))}, true
	}
	return nil, nil, false
}

// Suspend implements uikit.Suspender: the pane's work stops while it is
// hidden.
func (p *Pane) Suspend() bool { return p.ticket.Suspend() }

// Resume implements uikit.Suspender.
func (p *Pane) Resume() tea.Cmd { return p.ticket.Resume() }

// compute counts the current scope's records of the current application
// off the UI goroutine.
func (p *Pane) compute() tea.Cmd {
	scopes, labels, ok := p.scopes()
	p.result, p.err, p.dates, p.conns, p.day = nil, nil, nil, nil, ""
	if !ok {
		p.ticket.Cancel()
		p.loading = false
		return nil
	}
	p.loading = true
	st, dict, app, kind := p.env.Case, p.env.Ports, p.app, p.scope
	scope := p.env.Scope // the case-wide time scope (the pane is rebuilt when it changes)
	cached := p.caseTrends[app]
	p.ticket.Key = busyKey
	work := p.ticket.Run(p.env.Context, func(ctx context.Context, tag uint64) tea.Msg {
		info, err := casework.DescribeDictionary(ctx, st, dict)
		if err != nil {
			return trendMsg{tag: tag, err: err}
		}
		r := &result{scope: kind, app: app, labels: labels}
		for _, sc := range scopes {
			if sc.All && cached != nil {
				r.trends = append(r.trends, cached)
				continue
			}
			t, err := casework.BuildTrendIn(ctx, st, dict, info, sc, app, scope)
			if err != nil {
				return trendMsg{tag: tag, err: err}
			}
			r.trends = append(r.trends, t)
		}
		return trendMsg{tag: tag, result: r}
	})
	return tea.Batch(uikit.Busy(busyKey, true), work)
}

// Update implements uikit.Pane.
func (p *Pane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case records.LoadedMsg:
		return p.connectionsLoaded(msg)
	case uikit.FocusMsg:
		changed := msg.A != p.focusA || (p.scope == scopeAB && msg.B != p.focusB)
		p.focusA, p.focusB = msg.A, msg.B
		if changed && (p.scope == scopeA || p.scope == scopeAB) {
			return p.compute()
		}
		return nil
	case trendMsg:
		done := uikit.Busy(busyKey, false) // every computation started says it ended
		if !p.ticket.Current(msg.tag) {
			return done // for an older scope or application
		}
		p.loading = false
		if msg.err != nil {
			p.err = msg.err
			return tea.Batch(done, uikit.Fail(msg.err))
		}
		prev := p.result
		p.result = msg.result
		for _, t := range msg.result.trends {
			if t.MSISDN == casework.AllSubscribers {
				p.caseTrends[t.App] = t
			}
		}
		var audit tea.Cmd // the analyst changed the application or the scope: in the audit trail
		if prev == nil || prev.scope != msg.result.scope || prev.app != msg.result.app {
			audit = uikit.Audit("pane trends", map[string]any{"app": msg.result.app, "scope": msg.result.labels}, msg.result.trends)
		}
		return tea.Batch(done, p.buildTables(), audit)
	case savedMsg:
		var done tea.Cmd
		if msg.busy {
			done = uikit.Busy(busyKey+"-save", false)
		}
		if msg.err != nil {
			return tea.Batch(done, uikit.Fail(msg.err))
		}
		audit := uikit.AuditFiles("export trends", map[string]any{"what": msg.what, "rows": msg.n}, msg.path)
		return tea.Batch(done, audit, uikit.Status(fmt.Sprintf("saved %s (%s of %s)", shortPath(msg.path), analysis.Plural(int64(msg.n), "row", "rows"), msg.what)))
	case tea.KeyMsg:
		return p.handleKey(msg)
	case tea.MouseMsg:
		if t := p.currentTable(); t != nil {
			msg.Y -= headerLines
			return t.Update(msg)
		}
		return nil
	}
	cmds := []tea.Cmd{table.UpdateAll(msg, p.picker, p.dates, p.conns)}
	if p.editingSet {
		var cmd tea.Cmd
		p.setInput, cmd = p.setInput.Update(msg)
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

func (p *Pane) handleKey(msg tea.KeyMsg) tea.Cmd {
	km := p.keys
	if p.editingSet {
		return p.setKey(msg)
	}
	if p.picker != nil {
		return p.pickerKey(msg)
	}
	if t := p.currentTable(); t != nil && t.Editing() {
		return t.Update(msg)
	}
	switch {
	case key.Matches(msg, km.App):
		return p.openPicker()
	case key.Matches(msg, km.Scope):
		p.scope = (p.scope + 1) % scopeCount
		if p.scope == scopeSet && len(p.set) == 0 {
			return p.startSet()
		}
		return p.compute()
	case key.Matches(msg, km.Set):
		return p.startSet()
	case key.Matches(msg, km.Next):
		p.view = (p.view + 1) % viewCount
		p.resize()
		return nil
	case key.Matches(msg, km.Prev):
		p.view = (p.view + viewCount - 1) % viewCount
		p.resize()
		return nil
	case key.Matches(msg, km.shortcutsCharts):
		p.view = map[string]view{"C": viewCharts, "D": viewDates, "L": viewConnections}[msg.String()]
		p.resize()
		return nil
	case p.view == viewCharts && key.Matches(msg, km.Heat):
		p.countsGrid = !p.countsGrid
		return nil
	case key.Matches(msg, km.Recalc):
		delete(p.caseTrends, p.app)
		return p.compute()
	case p.view == viewCharts && key.Matches(msg, km.ExportBins):
		return p.saveIntervals() // the list views export their list (the table's e)
	case key.Matches(msg, km.ExportText):
		return p.saveConnections()
	case p.view == viewDates && key.Matches(msg, km.Drill):
		return p.openDay()
	case p.view == viewConnections && p.day != "" && key.Matches(msg, km.Back) && p.conns.Filter() == "":
		p.day = ""
		return p.setConnections()
	}
	if t := p.currentTable(); t != nil {
		return t.Update(msg)
	}
	return nil
}

func (p *Pane) startSet() tea.Cmd {
	p.editingSet = true
	p.setInput.SetValue(strings.Join(p.set, ","))
	p.setInput.CursorEnd()
	return p.setInput.Focus()
}

func (p *Pane) setKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, p.keys.Accept):
		p.editingSet = false
		p.setInput.Blur()
		sc, err := casework.ParseTrendScope(p.setInput.Value())
		if err != nil {
			return uikit.Fail(err)
		}
		if sc.All {
			p.scope = scopeCase
		} else {
			p.set, p.scope = sc.MSISDNs, scopeSet
		}
		return p.compute()
	case key.Matches(msg, p.keys.Cancel):
		p.editingSet = false
		p.setInput.Blur()
		if p.scope == scopeSet && len(p.set) == 0 {
			p.scope = scopeA
			return p.compute()
		}
		return nil
	}
	var cmd tea.Cmd
	p.setInput, cmd = p.setInput.Update(msg)
	return cmd
}

// openPicker lists the dictionary's applications to choose from.
func (p *Pane) openPicker() tea.Cmd {
	p.picker = table.New(appSource(p.env.Ports, p.app), p.env.Styles,
		table.EnvOptions(p.env, "applications", "the dictionary has no application"))
	p.resize()
	return p.picker.Init()
}

func (p *Pane) pickerKey(msg tea.KeyMsg) tea.Cmd {
	if p.picker.Editing() {
		return p.picker.Update(msg)
	}
	switch {
	case key.Matches(msg, p.keys.Accept):
		row, ok := p.picker.Selected()
		p.picker = nil
		p.resize()
		if ok {
			p.app = row.Ref.(string)
			return p.compute()
		}
		return nil
	case key.Matches(msg, p.keys.Cancel):
		p.picker = nil
		p.resize()
		return nil
	}
	return p.picker.Update(msg)
}

// buildTables makes the dates table and the connections list of a new
// result.
func (p *Pane) buildTables() tea.Cmd {
	r := p.result
	p.dates = table.New(dateSource(r), p.env.Styles, table.EnvOptions(p.env, "trends-dates-"+fileSafe(r.app), "no records"))
	p.dates.SetExportInfo("use of "+r.app+" by date", p.exportParams)
	p.resize()
	return tea.Batch(p.dates.Init(), p.setConnections())
}

// connectionSelection is the records of every trend shown (A and B
// together), limited to p.day when set.
func (p *Pane) connectionSelection() store.DataSelection {
	ts := p.result.trends
	sel := ts[0].Selection
	sel.Subscribers = nil
	all := false
	for _, t := range ts {
		if len(t.Selection.Subscribers) == 0 {
			all = true
		}
		sel.Subscribers = append(sel.Subscribers, t.Selection.Subscribers...)
	}
	if all {
		sel.Subscribers = nil
	}
	if p.day != "" {
		if d, err := time.Parse("2006-01-02", p.day); err == nil {
			sel.WallFrom, sel.WallTo = d.Unix(), d.Unix()+86400
		}
	}
	return sel
}

func (p *Pane) setConnections() tea.Cmd {
	sel := p.connectionSelection()
	multi := p.result.scope != scopeA
	if !p.env.Local() {
		return p.remoteConnections(sel, records.Options{MSISDN: multi})
	}
	p.conns = table.New(records.Source(p.env.Store.DB(), p.env.Ports, sel, records.Options{MSISDN: multi}), p.env.Styles,
		table.EnvOptions(p.env, "connections-"+fileSafe(p.result.app), "no connections"))
	p.conns.SetExportInfo("connections of "+p.result.app, p.exportParams)
	p.resize()
	return p.conns.Init()
}

// exportParams are the parameters of the result shown, for exports.
func (p *Pane) exportParams() table.Params {
	r := p.result
	if r == nil {
		return nil
	}
	ps := table.Params{{Name: "scope", Value: r.scope.label()}, {Name: "subscribers", Value: strings.Join(r.labels, ", ")},
		{Name: "application", Value: r.app}}
	if p.day != "" {
		ps = append(ps, table.Param{Name: "date", Value: p.day})
	}
	return ps
}

// openDay lists the connections of the date under the cursor.
func (p *Pane) openDay() tea.Cmd {
	row, ok := p.dates.Selected()
	if !ok {
		return nil
	}
	p.day = row.Ref.(string)
	p.view = viewConnections
	return p.setConnections()
}
