// Package asterisk is the Asterisk pane: a forensic browser for a seized
// PBX. It shows the artefacts found in the image as a tree with their
// hashes and a raw, searchable viewer for each; the calls in the shared
// table with filters by date, number, disposition and modem; the seed's
// dashboard (calls per day and month, a weekday × hour heatmap by count or
// by talk time, talk time per recipient, top 10/20/50); the modems of
// dongle.conf joined to their calls and to the subscribers whose IPDR or
// voice records carried their IMEIs; the messages log with a level
// filter and a jump from a call to the entries around it; and Channel
// Event Logging, its calls by linkedid and each call's events with their
// file and line and the call records tied to it; and the dial plan's
// outbound routes, each opening its file at its line. Its numbers are those of
// `cdrtui asterisk` (and `--cel`): both call casework.Asterisk and
// casework.AsteriskCEL.
package asterisk

import (
	"fmt"
	"github.com/cdrtui/cdrtui/internal/analysis"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

type view int

const (
	viewArtefacts view = iota
	viewCalls
	viewCharts
	viewModems
	viewHits
	viewLog
	viewRaw
	viewCEL
	viewCELCall
	viewRoutes
)

// headerLines is the height of the pane's header.
const headerLines = 2

// Pane is the Asterisk pane.
type Pane struct {
	env    *uikit.Env
	keys   keyMap
	width  int
	height int
	view   view

	filter   store.PBXFilter
	formText [formFields]string // the filter as typed
	form     *filterForm

	report    *casework.AsteriskReport
	reportTag uikit.Job
	err       error

	tree    *artefactTree
	treeTag uikit.Job

	calls, modems, hits, log *table.Model
	routes                   *table.Model // the dial plan's outbound routes
	hitsOf                   casework.DongleReport
	level                    string     // "" all levels
	window                   *logWindow // entries around a call, nil for the whole log

	raw     *rawViewer
	rawTag  uikit.Job
	rawBack view

	charts chartState

	cel, celEvents *table.Model // CEL calls; one call's events
	celTag         uikit.Job
	celRep         *casework.CELReport
	celCall        *casework.CELCallView
}

// noCallsText is what the calls list says when the case holds no PBX call.
const noCallsText = "no PBX calls in this case: cdrtui import CASE.db /mnt/image (the root of the seized disk)"

// New returns the Asterisk pane.
func New(env *uikit.Env) *Pane {
	p := &Pane{env: env, keys: newKeyMap(), tree: &artefactTree{}, charts: newChartState()}
	// the calls listed are those the header counts: in the time scope
	p.calls = table.New(callSource(env.Store, env.Scope.PBX(p.filter)), env.Styles, table.EnvOptions(env, "asterisk-calls", p.noCalls()))
	p.modems = table.New(modemSource(nil), env.Styles, table.EnvOptions(env, "asterisk-modems", "loading…"))
	p.routes = table.New(routeSource(nil), env.Styles, table.EnvOptions(env, "asterisk-routes", "loading…"))
	p.log = table.New(logSource(env.Store, "", nil, env.Scope), env.Styles, table.EnvOptions(env, "asterisk-log", noLogText))
	return p
}

// ID implements uikit.Pane.
func (p *Pane) ID() string { return "asterisk" }

// Suspend implements uikit.Suspender: the report stops while the pane is
// hidden.
func (p *Pane) Suspend() bool {
	return uikit.SuspendJobs(&p.reportTag, &p.treeTag, &p.rawTag, &p.celTag)
}

// Resume implements uikit.Suspender.
func (p *Pane) Resume() tea.Cmd {
	return uikit.ResumeJobs(&p.reportTag, &p.treeTag, &p.rawTag, &p.celTag)
}

// Title implements uikit.Pane.
func (p *Pane) Title() string { return "Asterisk" }

// Init loads the report, the artefacts and the first pages.
func (p *Pane) Init() tea.Cmd {
	return tea.Batch(p.loadReport(), p.loadTree(), p.calls.Init(), p.log.Init())
}

// Editing implements uikit.Pane: the filter form, the viewer's search and
// the tables' own prompts take every key.
func (p *Pane) Editing() bool {
	if p.form != nil || p.view == viewRaw && p.raw != nil && p.raw.searching {
		return true
	}
	if t := p.currentTable(); t != nil {
		return t.Editing()
	}
	return false
}

func (p *Pane) currentTable() *table.Model {
	switch p.view {
	case viewCalls:
		return p.calls
	case viewModems:
		return p.modems
	case viewHits:
		return p.hits
	case viewLog:
		return p.log
	case viewCEL:
		return p.cel
	case viewCELCall:
		return p.celEvents
	case viewRoutes:
		return p.routes
	}
	return nil
}

// Update implements uikit.Pane.
func (p *Pane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case reportMsg:
		return p.reportLoaded(msg)
	case treeMsg:
		return p.treeLoaded(msg)
	case rawMsg:
		return p.rawLoaded(msg)
	case logAroundMsg:
		return p.logAroundLoaded(msg)
	case celMsg:
		return p.celLoaded(msg)
	case uikit.PBXCallsMsg:
		return p.showNumber(msg)
	case tea.KeyMsg:
		return p.handleKey(msg)
	case tea.MouseMsg:
		msg.Y -= p.headerHeight()
		if t := p.currentTable(); t != nil {
			return t.Update(msg)
		}
		return nil
	}
	return table.UpdateAll(msg, p.calls, p.modems, p.hits, p.log, p.cel, p.celEvents, p.routes)
}

func (p *Pane) handleKey(msg tea.KeyMsg) tea.Cmd {
	if p.form != nil {
		return p.formKey(msg)
	}
	if p.view == viewRaw && p.raw != nil && p.raw.searching {
		p.raw.searchKey(msg)
		return nil
	}
	if t := p.currentTable(); t != nil && t.Editing() {
		return t.Update(msg)
	}
	km := p.keys
	switch {
	case key.Matches(msg, km.Artefacts):
		return p.show(viewArtefacts)
	case key.Matches(msg, km.Calls):
		return p.show(viewCalls)
	case key.Matches(msg, km.Charts):
		return p.show(viewCharts)
	case key.Matches(msg, km.Modems):
		return p.show(viewModems)
	case key.Matches(msg, km.Log):
		return p.show(viewLog)
	case key.Matches(msg, km.Routes):
		return p.show(viewRoutes)
	case key.Matches(msg, km.CEL):
		p.show(viewCEL)
		return p.loadCEL("")
	case key.Matches(msg, km.Filter) && p.view != viewRaw && p.view != viewArtefacts && p.view != viewCEL && p.view != viewCELCall && p.view != viewRoutes:
		p.openForm()
		return nil
	}
	switch p.view {
	case viewArtefacts:
		return p.treeKey(msg)
	case viewRaw:
		return p.rawKey(msg)
	case viewCalls:
		return p.callsKey(msg)
	case viewCharts:
		return p.chartsKey(msg)
	case viewModems:
		return p.modemsKey(msg)
	case viewHits:
		return p.hitsKey(msg)
	case viewLog:
		return p.logKey(msg)
	case viewCEL:
		return p.celKey(msg)
	case viewCELCall:
		return p.celCallKey(msg)
	case viewRoutes:
		return p.routesKey(msg)
	}
	return nil
}

func (p *Pane) show(v view) tea.Cmd {
	p.view = v
	p.resize()
	return nil
}

// SetSize implements uikit.Pane.
func (p *Pane) SetSize(w, h int) {
	p.width, p.height = w, h
	p.resize()
}

func (p *Pane) bodyHeight() int { return max(3, p.height-p.headerHeight()) }

// headerHeight is headerLines, and more when what the case holds wraps on
// a narrow screen.
func (p *Pane) headerHeight() int { return strings.Count(p.headerView(), "\n") + 1 }

func (p *Pane) resize() {
	h := p.bodyHeight()
	for _, t := range []*table.Model{p.calls, p.modems, p.hits} {
		if t != nil {
			t.SetSize(p.width, h)
		}
	}
	p.modems.SetSize(p.width, h-p.modemsInfoHeight())
	p.log.SetSize(p.width, h-p.logInfoHeight())
	p.routes.SetSize(p.width, h-1-routesDetailLines)
	if p.cel != nil {
		p.cel.SetSize(p.width, h-len(p.celInfoLines()))
	}
	if p.celEvents != nil {
		p.celEvents.SetSize(p.width, h-len(p.celCallInfo()))
	}
}

// View implements uikit.Pane.
func (p *Pane) View() string {
	var body string
	h := p.bodyHeight()
	switch p.view {
	case viewArtefacts:
		body = p.treeView(h)
	case viewRaw:
		body = p.rawView(h)
	case viewCalls:
		body = p.calls.View()
	case viewCharts:
		body = p.chartsView(h)
	case viewModems:
		body = p.modemsView()
	case viewHits:
		body = p.hitsView()
	case viewLog:
		body = p.logView()
	case viewCEL:
		body = strings.Join(p.celInfoLines(), "\n")
		if p.cel != nil {
			body += "\n" + p.cel.View()
		}
	case viewCELCall:
		var lines []string
		for _, l := range p.celCallInfo() {
			lines = append(lines, uikit.FitLine(l, p.width))
		}
		body = strings.Join(lines, "\n") + "\n" + p.celEvents.View()
	case viewRoutes:
		body = p.routesView()
	}
	if p.form != nil {
		body = p.formView(h)
	}
	return uikit.FitBlock(p.headerView()+"\n"+body, p.width, p.height)
}

// headerView is two lines (or more on a narrow screen): what the case holds, and the views with the
// filter in force.
func (p *Pane) headerView() string {
	st := p.env.Styles
	line1 := st.Title.Render("Asterisk ")
	switch {
	case p.err != nil:
		line1 += st.Bad.Render("error: " + inert.String(p.err.Error()))
	case p.report == nil:
		line1 += st.Muted.Render("loading…")
	default:
		r := p.report
		zone := r.Timezone
		switch {
		case zone == "":
			zone = "-"
		case strings.HasPrefix(zone, "none ("):
			zone = "none (as written)"
		}
		calls := analysis.Plural(r.Calls, "call", "calls")
		if r.Filtered {
			var all int64
			for _, n := range r.CallsByKind {
				all += n
			}
			calls = fmt.Sprintf("%s of %s", table.Thousands(r.Calls), analysis.Plural(all, "call", "calls"))
		}
		if n := r.Directions["inbound"] + r.Directions["outbound"] + r.Directions["internal"]; n > 0 {
			calls += fmt.Sprintf(" (in %s out %s int %s)", table.Thousands(r.Directions["inbound"]),
				table.Thousands(r.Directions["outbound"]), table.Thousands(r.Directions["internal"]))
		}
		parts := []string{calls, "zone " + inert.String(zone),
			analysis.Plural(int64(len(r.Dongles)), "modem", "modems"), peersText(r.SIPPeers)}
		if r.Copies > 0 {
			parts = append(parts, fmt.Sprintf("%s copies kept once", table.Thousands(r.Copies)))
		}
		if n := r.NoDuration - r.NoTimes; n > 0 {
			parts = append(parts, fmt.Sprintf("%s with talk time only", table.Thousands(n)))
		}
		if r.NoBillSec > 0 {
			parts = append(parts, fmt.Sprintf("%s without talk time", table.Thousands(r.NoBillSec)))
		}
		if r.First != "" {
			parts = append(parts, r.First[:10]+" → "+r.Last[:10])
		}
		for _, c := range r.ClockChecks {
			if c.Verdict == "disagrees" {
				line1 += st.Bad.Render("⚠ CDR clock off · ")
				break
			}
		}
		items := []string{line1 + st.Text.Render(parts[0])}
		for _, part := range parts[1:] {
			items = append(items, st.Text.Render(part))
		}
		// what the case holds is read whole: it wraps between its items
		line1 = strings.Join(uikit.WrapItems(items, st.Text.Render(" · "), p.width), "\n")
	}
	tabs := []struct {
		v    view
		k    string
		name string
	}{{viewArtefacts, "A", "artefacts"}, {viewCalls, "c", "calls"}, {viewCharts, "d", "dashboard"}, {viewModems, "M", "modems"}, {viewLog, "L", "log"}, {viewCEL, "C", "CEL"}, {viewRoutes, "r", "routes"}}
	var b strings.Builder
	for _, t := range tabs {
		shown := p.view
		if shown == viewRaw {
			shown = p.rawBack // a file read from a view is under that view's tab
		}
		active := shown == t.v || t.v == viewModems && shown == viewHits || t.v == viewCEL && shown == viewCELCall
		label := t.k + " " + t.name
		if active {
			b.WriteString(st.TabActive.Render("[" + label + "]"))
		} else {
			b.WriteString(st.TabInactive.Render(label))
		}
	}
	s := filterSummary(p.filter, p.formText)
	if s == "" {
		return line1 + "\n" + uikit.FitLine(b.String(), p.width)
	}
	s = "▼ " + inert.String(s)
	if lipgloss.Width(b.String())+1+lipgloss.Width(s) <= p.width {
		return line1 + "\n" + b.String() + " " + st.Warn.Render(s)
	}
	// the filter is read whole: on lines of its own below the views
	var lines []string
	for _, l := range uikit.WrapWords(s, max(10, p.width)) {
		lines = append(lines, st.Warn.Render(l))
	}
	return line1 + "\n" + uikit.FitLine(b.String(), p.width) + "\n" + strings.Join(lines, "\n")
}

// peersText counts the SIP peers, and those of files Asterisk never
// loaded: "12 SIP peers (2 not loaded by Asterisk)".
func peersText(peers []casework.PeerReport) string {
	text := analysis.Plural(int64(len(peers)), "SIP peer", "SIP peers")
	n := 0
	for _, p := range peers {
		if p.NotLoaded != "" {
			n++
		}
	}
	if n > 0 {
		text += fmt.Sprintf(" (%d not loaded by Asterisk)", n)
	}
	return text
}
