// Package overview is the workbench's first pane: the case at a glance
// (span, counts per kind of evidence), the sources with their hashes and
// rejected lines, and the subscriber table from which the analyst picks the
// subscribers every other pane looks at.
package overview

import (
	"context"
	"fmt"
	"github.com/cdrtui/cdrtui/internal/analysis"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

type view int

const (
	viewSubscribers view = iota
	viewSources
	viewRejects
)

// Pane is the overview pane.
type Pane struct {
	env      *uikit.Env
	keys     keyMap
	width    int
	height   int
	view     view
	subs     *table.Model
	sources  *table.Model
	rejects  *table.Model
	rejectOf string // path of the source whose rejects are shown
	info     bool   // show the selected source's full details
	summary  *store.Summary
	scoped   *store.ScopedCounts // what the time scope holds, when one is set
	ticket   uikit.Job           // summary loads
	focusA   string
	focusB   string
}

type keyMap struct {
	table                        table.KeyMap
	FocusA, FocusB, Switch, Info key.Binding
	Open, Drill, Back            key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		table:  table.DefaultKeyMap(),
		FocusA: uikit.VerbFocusA(),
		FocusB: uikit.VerbFocusB(),
		Open:   uikit.VerbOpen("open in Persona (as A)"),
		Switch: key.NewBinding(key.WithKeys("v"), key.WithHelp("v", uikit.NextView.Desc+": subscribers/sources")),
		Info:   key.NewBinding(key.WithKeys("i"), key.WithHelp("i", uikit.Whole.Desc+": the source's path, SHA-256, layout")),
		Drill:  uikit.VerbOpen("rejected lines of the source"),
		Back:   uikit.VerbBack(),
	}
}

// New returns the overview pane.
func New(env *uikit.Env) *Pane {
	if !env.Local() {
		return newRemote(env)
	}
	db := env.Store.DB()
	p := &Pane{
		env:     env,
		keys:    newKeyMap(),
		subs:    table.New(subscriberSource(env.Store, env.Ports), env.Styles, table.EnvOptions(env, "subscribers", "no subscribers yet: I imports evidence (cdrtui import CASE.db EVIDENCE…)")),
		sources: table.New(sourceSource(db), env.Styles, table.EnvOptions(env, "sources", "no evidence imported yet")),
	}
	p.subs.SetExportInfo("the subscribers of the case", nil)
	p.sources.SetExportInfo("the evidence files (sources) of the case", nil)
	return p
}

// ID implements uikit.Pane.
func (p *Pane) ID() string { return "overview" }

// Title implements uikit.Pane.
func (p *Pane) Title() string { return "Overview" }

type summaryMsg struct {
	tag    uint64
	sum    *store.Summary
	scoped *store.ScopedCounts
	err    error
}

// Init loads the summary and both tables.
func (p *Pane) Init() tea.Cmd {
	return tea.Batch(p.loadSummary(), p.subs.Init(), p.sources.Init())
}

func (p *Pane) loadSummary() tea.Cmd {
	st, scope := p.env.Case, p.env.Scope
	return p.ticket.Run(p.env.Context, func(ctx context.Context, tag uint64) tea.Msg {
		sum, err := st.Summary(ctx)
		msg := summaryMsg{tag: tag, sum: sum, err: err}
		if err == nil && scope.Set() {
			msg.scoped, msg.err = st.CountsIn(ctx, scope.From, scope.To)
		}
		return msg
	})
}

// Editing implements uikit.Pane.
func (p *Pane) Editing() bool { return p.current().Editing() }

func (p *Pane) current() *table.Model {
	switch p.view {
	case viewSources:
		return p.sources
	case viewRejects:
		if p.rejects != nil {
			return p.rejects
		}
	}
	return p.subs
}

// Update implements uikit.Pane.
func (p *Pane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case summaryMsg:
		if p.ticket.Current(msg.tag) {
			if msg.err != nil {
				return uikit.Fail(msg.err)
			}
			p.summary, p.scoped = msg.sum, msg.scoped
			p.resize() // the header's lines follow the counts
			if !p.env.Local() {
				return p.sources.Refresh(remoteSources(msg.sum.Sources))
			}
		}
		return nil
	case uikit.FocusMsg:
		p.focusA, p.focusB = msg.A, msg.B
		return nil
	case uikit.ShowSourceMsg: // from the palette
		p.view = viewSources
		p.resize()
		return p.sources.SetFilter(filepath.Base(msg.Path))
	case tea.KeyMsg:
		return p.handleKey(msg)
	case tea.MouseMsg:
		msg.Y -= p.headerHeight()
		return p.current().Update(msg)
	}
	cmds := []tea.Cmd{p.subs.Update(msg), p.sources.Update(msg)}
	if p.rejects != nil {
		cmds = append(cmds, p.rejects.Update(msg))
	}
	return tea.Batch(cmds...)
}

func (p *Pane) handleKey(msg tea.KeyMsg) tea.Cmd {
	cur := p.current()
	if cur.Editing() {
		return cur.Update(msg)
	}
	switch {
	case key.Matches(msg, p.keys.Switch):
		if p.view == viewSubscribers {
			p.view = viewSources
		} else {
			p.view = viewSubscribers
		}
		p.resize()
		return nil
	case p.view == viewSubscribers && key.Matches(msg, p.keys.FocusA):
		if row, ok := p.subs.Selected(); ok {
			msisdn := row.Ref.(string)
			return tea.Batch(uikit.RequestFocus(uikit.RoleA, msisdn, ""), uikit.Status("A = "+msisdn+": every pane now follows this subscriber"))
		}
		return nil
	case p.view == viewSubscribers && key.Matches(msg, p.keys.Open):
		if row, ok := p.subs.Selected(); ok {
			msisdn := row.Ref.(string)
			return tea.Batch(uikit.RequestFocus(uikit.RoleA, msisdn, "persona"), uikit.Status("A = "+msisdn+": every pane now follows this subscriber"))
		}
		return nil
	case p.view == viewSubscribers && key.Matches(msg, p.keys.FocusB):
		if row, ok := p.subs.Selected(); ok {
			msisdn := row.Ref.(string)
			return tea.Batch(uikit.RequestFocus(uikit.RoleB, msisdn, ""), uikit.Status("B = "+msisdn+" (compared with A in Correlation and Trends)"))
		}
		return nil
	case p.view == viewSources && key.Matches(msg, p.keys.Drill):
		return p.openRejects()
	case p.view == viewSources && key.Matches(msg, p.keys.Info):
		p.info = !p.info
		p.resize()
		return nil
	case p.view == viewRejects && key.Matches(msg, p.keys.Back) && cur.Filter() == "":
		p.view = viewSources
		p.resize()
		return nil
	}
	cmd := cur.Update(msg)
	if p.info {
		p.resize() // the details of another source may take more lines
	}
	return cmd
}

func (p *Pane) openRejects() tea.Cmd {
	row, ok := p.sources.Selected()
	if !ok {
		return nil
	}
	if !p.env.Local() {
		return uikit.Status(uikit.NotOnClickHouse("the rejected lines of a source"))
	}
	id, _ := row.Ref.(int64)
	p.rejectOf = row.Cells[1]
	p.rejects = table.New(rejectSource(p.env.Store.DB(), id), p.env.Styles,
		table.EnvOptions(p.env, fmt.Sprintf("rejects-source-%d", id), "every line of this source was imported whole"))
	p.view = viewRejects
	p.resize()
	return p.rejects.Init()
}

// SetSize implements uikit.Pane.
func (p *Pane) SetSize(w, h int) {
	p.width, p.height = w, h
	p.resize()
}

func (p *Pane) resize() {
	h := max(3, p.height-p.headerHeight()-p.infoHeight())
	p.subs.SetSize(p.width, h)
	p.sources.SetSize(p.width, h)
	if p.rejects != nil {
		p.rejects.SetSize(p.width, h)
	}
}

// headerHeight is the header's lines: the case's span, its counts (as
// many lines as they need), the list's title (with the time scope's).
func (p *Pane) headerHeight() int { return strings.Count(p.headerView(), "\n") + 1 }

func (p *Pane) infoHeight() int {
	if p.view == viewSources && p.info {
		return len(p.infoLines())
	}
	return 0
}

// KeyMap implements uikit.Pane.
func (p *Pane) KeyMap() help.KeyMap { return paneKeys{p} }

type paneKeys struct{ p *Pane }

func (k paneKeys) ShortHelp() []key.Binding {
	km := k.p.keys
	switch k.p.view {
	case viewSources:
		return []key.Binding{km.Drill, km.Info, km.Switch, km.table.Filter}
	case viewRejects:
		return []key.Binding{km.Back, km.table.Filter, km.table.Export}
	}
	return []key.Binding{km.Open, km.FocusA, km.FocusB, km.Switch, km.table.Filter, km.table.Sort}
}

func (k paneKeys) FullHelp() [][]key.Binding {
	km := k.p.keys
	return append(km.table.FullHelp(), []key.Binding{km.Open, km.FocusA, km.FocusB, km.Switch, km.Drill, km.Info, km.Back})
}

// View implements uikit.Pane.
func (p *Pane) View() string {
	var b strings.Builder
	b.WriteString(p.headerView())
	b.WriteByte('\n')
	b.WriteString(p.current().View())
	if p.infoHeight() > 0 {
		b.WriteByte('\n')
		b.WriteString(p.infoView())
	}
	return b.String()
}

func (p *Pane) headerView() string {
	st := p.env.Styles
	title := map[view]string{viewSubscribers: "Subscribers", viewSources: "Sources", viewRejects: "Rejected lines of " + p.rejectOf}[p.view]
	if p.summary == nil {
		return st.Title.Render("Case overview") + "\n" + st.Muted.Render("loading…") + "\n" + st.Subtitle.Render(title)
	}
	s := p.summary
	none := "no records"
	if len(uikit.KindCounts(s.Records)) > 0 { // a PBX's calls, logs, configuration: no span of their own here
		none = "no data or voice records"
	}
	span := []string{st.Title.Render("Case") + " " + st.Text.Render(none)}
	if s.FirstWall != "" {
		span = []string{st.Title.Render("Case") + " " + st.Text.Render(s.FirstWall+" →"), st.Text.Render(s.LastWall), st.Text.Render("(wall clock as written)")}
	}
	// records first, then who and where, then the artefacts' lines
	var counts, artefacts []string
	for _, k := range uikit.KindCounts(s.Records) {
		c := fmt.Sprintf("%s %s", table.Thousands(k.Count), k.Label)
		if k.Record {
			counts = append(counts, c)
		} else {
			artefacts = append(artefacts, c)
		}
	}
	counts = append(counts, analysis.Plural(s.Subscribers, "subscriber", "subscribers"),
		analysis.Plural(s.Cells, "cell", "cells"), analysis.Plural(int64(len(s.Sources)), "source", "sources"))
	if s.Rejected > 0 {
		counts = append(counts, st.Warn.Render(fmt.Sprintf("%s rejected", table.Thousands(s.Rejected))))
	}
	counts = append(counts, artefacts...)
	// the counts are read whole: they wrap (at most three lines)
	lines := uikit.WrapItems(counts, " · ", p.width)
	if len(lines) > 3 {
		lines = append(lines[:2], uikit.FitLine(lines[2]+" · "+strings.Join(lines[3:], " · "), p.width))
	}
	title3 := []string{st.Subtitle.Render(inert.String(title))}
	if c := p.scoped; c != nil {
		title3 = []string{st.Subtitle.Render(inert.String(title)) + st.Muted.Render(" (whole case)"),
			st.Warn.Render(fmt.Sprintf("in the time scope: %s ipdr", table.Thousands(c.Records["ipdr"]))),
			st.Warn.Render(fmt.Sprintf("%s voice", table.Thousands(c.Records["voice"]))),
			st.Warn.Render(fmt.Sprintf("%s subscribers", table.Thousands(c.Subscribers)))}
	}
	lines = append(lines, uikit.WrapItems(title3, st.Muted.Render(" · "), p.width)...)
	return strings.Join(append(uikit.WrapItems(span, " ", p.width), lines...), "\n")
}

func (p *Pane) infoView() string { return strings.Join(p.infoLines(), "\n") }

// infoLines are the selected source's details, wrapped: a path or a hash
// is read whole, never cut (at most half the pane: the list stays).
func (p *Pane) infoLines() []string {
	row, ok := p.sources.Selected()
	if !ok || p.summary == nil {
		return nil
	}
	id, _ := row.Ref.(int64)
	for _, s := range p.summary.Sources {
		if s.ID == id {
			st := p.env.Styles
			lines := []string{
				st.Subtitle.Render("path ") + inert.String(s.Path),
				st.Subtitle.Render("sha256 ") + s.SHA256,
				st.Subtitle.Render("read as ") + inert.String(strings.Join(nonEmpty(s.Format, s.Mapping), " · ")),
				st.Subtitle.Render("notes ") + inert.String(orNone(s.Notes)),
			}
			var out []string
			for _, l := range lines {
				out = append(out, strings.Split(ansi.Wrap(l, max(10, p.width), " /,;"), "\n")...)
			}
			if limit := max(4, p.height/2); len(out) > limit {
				out = out[:limit]
			}
			return out
		}
	}
	return nil
}

// nonEmpty keeps the texts that say something (a configuration file has
// a layout but no column mapping: no separator left dangling after it).
func nonEmpty(texts ...string) []string {
	var out []string
	for _, t := range texts {
		if t != "" {
			out = append(out, t)
		}
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
