// Package simbox is the SIM-box pane: the case's SIMs ranked by the
// interconnect-bypass features of their voice CDRs, with a score bar per
// SIM, a threshold slider that recounts the flagged SIMs as it moves, the
// breakdown of the selected SIM (which rules fired, and the records behind
// each feature with their source file and line) and the cells holding
// suspicious SIMs. It shows exactly what `cdrtui simbox` prints: both call
// casework.SimBox.
package simbox

import (
	"context"
	"strconv"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

type view int

const (
	viewSIMs view = iota
	viewCells
	viewBreakdown
	viewRecords
)

// debounce is how long the slider rests before the tables are rebuilt.
const debounce = 150 * time.Millisecond

// Pane is the SIM-box pane.
type Pane struct {
	env    *uikit.Env
	keys   keyMap
	width  int
	height int
	view   view

	report    *casework.SimBoxReport
	err       error
	loadTag   uikit.Job // scorings of the case's SIMs
	threshold float64   // the slider
	applied   float64   // the threshold the tables were built for
	sliderSeq uikit.Ticket
	rebuilds  uikit.Job // the tables rebuilt at a threshold
	recsJob   uikit.Job // the records behind a feature, read from a case on ClickHouse

	sims, cells, features, records *table.Model
	simMemo, cellMemo              *sortMemo
	cell                           *cellRef          // the SIM list shows only this cell's SIMs
	selected                       analysis.SIMScore // the SIM of the breakdown
	feature                        string            // the feature whose records are shown
	back                           view              // where esc returns from the breakdown
}

type keyMap struct {
	table                    table.KeyMap
	Up, Down, BigUp, BigDown key.Binding
	Reset                    key.Binding
	Open, Back, Cells, Focus key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		table:   table.DefaultKeyMap(),
		Up:      key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+/-", "threshold ±1")),
		Down:    key.NewBinding(key.WithKeys("-", "_"), key.WithHelp("-", "threshold -1")),
		BigUp:   key.NewBinding(key.WithKeys("]"), key.WithHelp("[/]", "threshold ±5")),
		BigDown: key.NewBinding(key.WithKeys("["), key.WithHelp("[", "threshold -5")),
		Reset:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "rule book's threshold")),
		Open:    uikit.VerbOpen("the SIM's breakdown, the records behind a feature"),
		Back:    key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", uikit.Back.Desc)),
		Cells:   key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "SIMs/cells")),
		Focus:   uikit.VerbFocusA(),
	}
}

// New returns the SIM-box pane.
func New(env *uikit.Env) *Pane {
	p := &Pane{env: env, keys: newKeyMap(), simMemo: &sortMemo{}, cellMemo: &sortMemo{}}
	p.sims = table.New(&table.SliceSource{Cols: []table.Column{{Title: "SIMs"}}}, env.Styles, table.EnvOptions(env, "simbox-sims", "loading…"))
	return p
}

// ID implements uikit.Pane.
func (p *Pane) ID() string { return "simbox" }

// Title implements uikit.Pane.
func (p *Pane) Title() string { return "SIM-box" }

type loadedMsg struct {
	tag    uint64
	report *casework.SimBoxReport
	err    error
}

// rebuiltMsg carries the tables' sources for a threshold, built off the
// UI goroutine.
type rebuiltMsg struct {
	seq       uint64
	threshold float64
	sims      table.Source
	cells     table.Source
}

type sliderRestMsg struct{ seq uint64 }

// Init scores the case's SIMs.
func (p *Pane) Init() tea.Cmd { return p.load() }

func (p *Pane) load() tea.Cmd {
	st, scope := p.env.Case, p.env.Scope
	p.loadTag.Key = "simbox"
	work := p.loadTag.Run(p.env.Context, func(ctx context.Context, tag uint64) tea.Msg {
		rules, err := casework.LoadSimBoxRules(ctx, st, "")
		if err != nil {
			return loadedMsg{tag: tag, err: err}
		}
		rep, err := casework.SimBoxIn(ctx, st, rules, scope)
		return loadedMsg{tag: tag, report: rep, err: err}
	})
	return tea.Batch(uikit.Busy("simbox", true), work)
}

// Suspend implements uikit.Suspender: the scoring stops while the pane is
// hidden.
func (p *Pane) Suspend() bool { return uikit.SuspendJobs(&p.loadTag, &p.rebuilds) }

// Resume implements uikit.Suspender.
func (p *Pane) Resume() tea.Cmd { return uikit.ResumeJobs(&p.loadTag, &p.rebuilds) }

// Editing implements uikit.Pane.
func (p *Pane) Editing() bool {
	if t := p.current(); t != nil {
		return t.Editing()
	}
	return false
}

func (p *Pane) current() *table.Model {
	switch p.view {
	case viewCells:
		return p.cells
	case viewBreakdown:
		return p.features
	case viewRecords:
		return p.records
	}
	return p.sims
}

// Update implements uikit.Pane.
func (p *Pane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case remoteRecordsMsg:
		return p.remoteRecordsLoaded(msg)
	case loadedMsg:
		done := uikit.Busy("simbox", false) // every load started says it ended
		if !p.loadTag.Current(msg.tag) {
			return done
		}
		if msg.err != nil {
			p.err = msg.err
			return tea.Batch(done, uikit.Fail(msg.err))
		}
		audit := uikit.Audit("pane simbox", map[string]any{"rules": msg.report.ConfigOrigin}, msg.report)
		return tea.Batch(done, p.loaded(msg.report), audit)
	case sliderRestMsg:
		if !p.sliderSeq.Current(msg.seq) || p.report == nil {
			return nil
		}
		return p.rebuild(msg.seq)
	case rebuiltMsg:
		done := uikit.Busy("simbox-threshold", false)
		if !p.sliderSeq.Current(msg.seq) {
			return done // the slider moved on since
		}
		p.applied = msg.threshold
		flagged := 0
		for _, s := range p.report.Subscribers {
			if s.Score >= msg.threshold {
				flagged++
			}
		}
		audit := uikit.Audit("pane simbox threshold", map[string]any{"threshold": msg.threshold},
			map[string]any{"threshold": msg.threshold, "flagged": flagged, "rules": p.report.ConfigOrigin})
		return tea.Batch(done, p.sims.Refresh(msg.sims), p.cells.Refresh(msg.cells), audit)
	case tea.KeyMsg:
		return p.handleKey(msg)
	case tea.MouseMsg:
		if cmd, ok := p.sliderClick(msg); ok {
			return cmd
		}
		msg.Y -= p.headerHeight()
		if t := p.current(); t != nil {
			return t.Update(msg)
		}
		return nil
	}
	return table.UpdateAll(msg, p.sims, p.cells, p.features, p.records)
}

func (p *Pane) loaded(rep *casework.SimBoxReport) tea.Cmd {
	p.report, p.err = rep, nil
	p.threshold, p.applied = rep.Threshold, rep.Threshold
	p.sims = table.New(simSource(rep.SimBoxResult, nil, p.threshold, p.simMemo), p.env.Styles,
		table.EnvOptions(p.env, "simbox-sims", "no SIM in this case has voice records: import voice CDRs to look for SIM-boxes"))
	p.cells = table.New(cellSource(rep.SimBoxResult, p.threshold, p.cellMemo), p.env.Styles,
		table.EnvOptions(p.env, "simbox-cells", "no voice record carries a cell"))
	params := func() table.Params {
		return table.Params{{Name: "threshold", Value: strconv.FormatFloat(p.applied, 'f', -1, 64)},
			{Name: "rule book", Value: rep.ConfigOrigin}}
	}
	p.sims.SetExportInfo("SIM-box ranking of the SIMs with voice records", params)
	p.cells.SetExportInfo("SIM-box suspects by cell", params)
	p.resize()
	return tea.Batch(p.sims.Init(), p.cells.Init())
}

// moveThreshold moves the slider: the flagged count in the header follows
// at once (a binary search over the ranking), the tables after the slider
// rests.
func (p *Pane) moveThreshold(to float64) tea.Cmd {
	if p.report == nil {
		return nil
	}
	to = min(max(to, 0), p.report.MaxScore)
	if to == p.threshold {
		return nil
	}
	p.threshold = to
	seq := p.sliderSeq.Next()
	return uikit.Debounce(debounce, sliderRestMsg{seq: seq})
}

func (p *Pane) rebuild(seq uint64) tea.Cmd {
	res, t, indexes := p.report.SimBoxResult, p.threshold, p.cellIndexes()
	simMemo, cellMemo := p.simMemo, p.cellMemo
	p.rebuilds.Key = "simbox-threshold"
	work := p.rebuilds.Run(p.env.Context, func(context.Context, uint64) tea.Msg {
		return rebuiltMsg{seq: seq, threshold: t, sims: simSource(res, indexes, t, simMemo), cells: cellSource(res, t, cellMemo)}
	})
	return tea.Batch(uikit.Busy("simbox-threshold", true), work)
}

func (p *Pane) cellIndexes() []int {
	if p.cell == nil {
		return nil
	}
	return p.report.CellSIMs(p.cell.id)
}

func (p *Pane) handleKey(msg tea.KeyMsg) tea.Cmd {
	cur := p.current()
	if cur == nil {
		return nil
	}
	if cur.Editing() {
		return cur.Update(msg)
	}
	k := p.keys
	switch {
	case key.Matches(msg, k.Up):
		return p.moveThreshold(p.threshold + 1)
	case key.Matches(msg, k.Down):
		return p.moveThreshold(p.threshold - 1)
	case key.Matches(msg, k.BigUp):
		return p.moveThreshold(p.threshold + 5)
	case key.Matches(msg, k.BigDown):
		return p.moveThreshold(p.threshold - 5)
	case key.Matches(msg, k.Reset) && p.report != nil:
		return p.moveThreshold(p.report.Config.Threshold)
	case key.Matches(msg, k.Cells) && (p.view == viewSIMs || p.view == viewCells) && p.report != nil:
		if p.view == viewCells {
			p.view = viewSIMs
		} else {
			p.view = viewCells
		}
		p.resize()
		return nil
	case key.Matches(msg, k.Focus) && (p.view == viewSIMs || p.view == viewBreakdown):
		if s, ok := p.selectedSIM(); ok {
			return tea.Batch(uikit.RequestFocus(uikit.RoleA, s.MSISDN, ""), uikit.Status("A = "+s.MSISDN+": every pane now follows this SIM"))
		}
		return nil
	case key.Matches(msg, k.Open):
		return p.open()
	case key.Matches(msg, k.Back):
		if cmd, ok := cur.Escape(msg); ok {
			return cmd // esc clears the filter first, then backs out
		}
		return p.goBack()
	}
	return cur.Update(msg)
}

// selectedSIM is the SIM under the cursor (list) or in the breakdown.
func (p *Pane) selectedSIM() (analysis.SIMScore, bool) {
	if p.view == viewBreakdown || p.view == viewRecords {
		return p.selected, p.selected.MSISDN != ""
	}
	if p.report == nil || p.sims == nil {
		return analysis.SIMScore{}, false
	}
	row, ok := p.sims.Selected()
	if !ok {
		return analysis.SIMScore{}, false
	}
	ref, ok := row.Ref.(simRef)
	if !ok || int(ref) >= len(p.report.Subscribers) {
		return analysis.SIMScore{}, false
	}
	return p.report.Subscribers[ref], true
}

func (p *Pane) open() tea.Cmd {
	switch p.view {
	case viewSIMs:
		s, ok := p.selectedSIM()
		if !ok {
			return nil
		}
		p.selected, p.back = s, viewSIMs
		p.features = table.New(featureSource(&s, p.report.Config), p.env.Styles, table.EnvOptions(p.env, "simbox-features-"+s.MSISDN, ""))
		p.view = viewBreakdown
		p.resize()
		return p.features.Init()
	case viewCells:
		row, ok := p.cells.Selected()
		if !ok {
			return nil
		}
		ref := row.Ref.(cellRef)
		p.cell = &ref
		p.view = viewSIMs
		p.resize()
		return p.sims.SetSource(simSource(p.report.SimBoxResult, p.cellIndexes(), p.applied, p.simMemo))
	case viewBreakdown:
		row, ok := p.features.Selected()
		if !ok {
			return nil
		}
		p.feature = string(row.Ref.(featureRef))
		sel, err := casework.SimBoxSelection(p.selected, p.feature, p.report.Config)
		if err != nil {
			return uikit.Fail(err)
		}
		if !p.env.Local() {
			return p.remoteRecords()
		}
		p.records = table.New(recordSource(p.env.Store, sel), p.env.Styles,
			table.EnvOptions(p.env, "simbox-records-"+p.selected.MSISDN+"-"+p.feature, "no record stands behind this feature"))
		p.view = viewRecords
		p.resize()
		return p.records.Init()
	}
	return nil
}

func (p *Pane) goBack() tea.Cmd {
	switch p.view {
	case viewRecords:
		p.view = viewBreakdown
	case viewBreakdown:
		p.view = p.back
	case viewSIMs:
		if p.cell != nil {
			p.cell = nil
			p.view = viewCells
			p.resize()
			return p.sims.SetSource(simSource(p.report.SimBoxResult, nil, p.applied, p.simMemo))
		}
	}
	p.resize()
	return nil
}

// SetSize implements uikit.Pane.
func (p *Pane) SetSize(w, h int) {
	p.width, p.height = w, h
	p.resize()
}

func (p *Pane) resize() {
	body := max(3, p.height-p.headerHeight()-p.footerHeight())
	for _, t := range []*table.Model{p.sims, p.cells, p.features, p.records} {
		if t != nil {
			t.SetSize(p.width, body)
		}
	}
}

// KeyMap implements uikit.Pane.
func (p *Pane) KeyMap() help.KeyMap { return paneKeys{p} }

type paneKeys struct{ p *Pane }

func (k paneKeys) ShortHelp() []key.Binding {
	km := k.p.keys
	switch k.p.view {
	case viewCells:
		return []key.Binding{km.Open, km.Cells, km.Up, km.BigUp, km.table.Sort}
	case viewBreakdown:
		return []key.Binding{km.Open, km.Back, km.Focus, km.table.Export}
	case viewRecords:
		return []key.Binding{km.Back, km.table.Filter, km.table.Export}
	}
	return []key.Binding{km.Open, km.Up, km.BigUp, km.Cells, km.Focus, km.table.Sort}
}

func (k paneKeys) FullHelp() [][]key.Binding {
	km := k.p.keys
	return append(km.table.FullHelp(), []key.Binding{km.Up, km.Down, km.BigUp, km.BigDown, km.Reset},
		[]key.Binding{km.Open, km.Back, km.Cells, km.Focus})
}
