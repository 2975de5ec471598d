// Package persona is the pane that says who the focused subscriber is:
// the applications of their data records (Table III of the paper, with the
// dictionary's confidence and the other readings of each port) and a bar
// chart of them, records on unknown ports, handsets and SIMs with changes
// flagged, cells, destinations with opt-in reverse DNS, and activity by
// hour of day. Every row drills down to its records with file and line.
package persona

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/records"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// section is one of the pane's tables.
type section int

const (
	secApps section = iota
	secUnknown
	secDevices
	secCells
	secDestinations
	sectionCount
)

func (s section) title() string {
	return [...]string{"Applications", "Unknown ports", "Handsets & SIMs", "Cells", "Destinations"}[s]
}

// Option changes how the pane is built.
type Option func(*Pane)

// WithResolver makes the pane ask r for reverse DNS (tests give one that
// never reaches the network); the default is the system's.
func WithResolver(r casework.Resolver) Option { return func(p *Pane) { p.resolver = r } }

// Pane is the persona pane.
type Pane struct {
	env      *uikit.Env
	keys     keyMap
	resolver casework.Resolver
	width    int
	height   int

	focus  string    // the MSISDN in focus (A)
	ticket uikit.Job // persona computations
	// drillJob reads a drill-down's records from a case on ClickHouse;
	// drillExport names them for exports.
	drillJob    uikit.Job
	drillExport string
	loading     bool
	err         error
	result      *casework.Persona

	section    section
	chartOnly  bool // narrow screens: the applications chart in place of the table
	whole      bool // i: the selected row's details whole, on more lines
	wholeLines int  // the lines they took when i was pressed
	tables     [sectionCount]*table.Model
	drill      *table.Model
	drillTitle string

	rdnsTicket uikit.Job // reverse DNS lookups
	rdnsBusy   bool
}

// New returns the persona pane.
func New(env *uikit.Env, opts ...Option) *Pane {
	p := &Pane{env: env, keys: newKeyMap(), resolver: casework.SystemResolver()}
	p.ticket.Key, p.rdnsTicket.Key = busyKey, busyKey+"-rdns"
	for _, o := range opts {
		o(p)
	}
	return p
}

// Suspend implements uikit.Suspender: the pane's work stops while it is
// hidden.
func (p *Pane) Suspend() bool { return uikit.SuspendJobs(&p.ticket, &p.rdnsTicket) }

// Resume implements uikit.Suspender.
func (p *Pane) Resume() tea.Cmd { return uikit.ResumeJobs(&p.ticket, &p.rdnsTicket) }

// ID implements uikit.Pane.
func (p *Pane) ID() string { return "persona" }

// Title implements uikit.Pane.
func (p *Pane) Title() string { return "Persona" }

// Init implements uikit.Pane: nothing to load before a subscriber is in
// focus.
func (p *Pane) Init() tea.Cmd { return nil }

// Editing implements uikit.Pane.
func (p *Pane) Editing() bool {
	if t := p.current(); t != nil {
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

func (p *Pane) current() *table.Model {
	if p.drill != nil {
		return p.drill
	}
	return p.tables[p.section]
}

type personaMsg struct {
	tag    uint64
	result *casework.Persona
	err    error
}

type rdnsMsg struct {
	tag     uint64
	focus   string
	entries map[string]store.RDNSEntry
	err     error
}

const busyKey = "persona"

// compute starts the persona of the subscriber in focus.
func (p *Pane) compute() tea.Cmd {
	p.rdnsTicket.Cancel() // a lookup for the previous subscriber is stale now
	p.loading, p.err = true, nil
	st, dict, msisdn, scope := p.env.Case, p.env.Ports, p.focus, p.env.Scope
	work := p.ticket.Run(p.env.Context, func(ctx context.Context, tag uint64) tea.Msg {
		info, err := casework.DescribeDictionary(ctx, st, dict)
		if err != nil {
			return personaMsg{tag: tag, err: err}
		}
		// every destination: a list is complete (sorting and exports act on
		// all of them, not a top 25)
		res, err := casework.BuildPersona(ctx, st, dict, info, msisdn, casework.PersonaOptions{Destinations: -1, Scope: scope})
		return personaMsg{tag: tag, result: res, err: err}
	})
	return tea.Batch(uikit.Busy(busyKey, true), work)
}

// lookupNames asks for the reverse DNS of the listed destinations.
func (p *Pane) lookupNames() tea.Cmd {
	if p.result == nil || p.rdnsBusy {
		return nil
	}
	if !p.env.Local() {
		return uikit.Status(uikit.NotOnClickHouse("reverse DNS (kept in a local case)"))
	}
	var ips []string
	for _, d := range p.result.Destinations { // most records first
		if len(ips) == rdnsLimit {
			break
		}
		ips = append(ips, d.IP)
	}
	what := fmt.Sprintf("%d destinations", len(ips))
	if n := len(p.result.Destinations); n > len(ips) {
		what = fmt.Sprintf("the %d busiest of %s destinations", len(ips), table.Thousands(int64(n)))
	}
	p.rdnsBusy = true
	st, r, focus := p.env.Store, p.resolver, p.focus
	work := p.rdnsTicket.Run(p.env.Context, func(ctx context.Context, tag uint64) tea.Msg {
		entries, err := casework.LookupNames(ctx, st, r, ips, casework.DefaultRDNSTimeout)
		return rdnsMsg{tag: tag, focus: focus, entries: entries, err: err}
	})
	return tea.Batch(uikit.Busy(busyKey+"-rdns", true),
		uikit.Status(fmt.Sprintf("reverse DNS of %s: asking the network (at most %s each)…", what, casework.DefaultRDNSTimeout)), work)
}

// rdnsLimit bounds the destinations one r asks the network about.
const rdnsLimit = 200

// Update implements uikit.Pane.
func (p *Pane) Update(msg tea.Msg) tea.Cmd {
	cmd := p.update(msg)
	if p.whole && p.wholeLines == 0 && p.result != nil {
		// i was pressed before the details were known: they are now
		if n := len(p.detailWrapped()); n > 0 {
			p.wholeLines = n
			p.resize()
		}
	}
	return cmd
}

func (p *Pane) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case records.LoadedMsg:
		if msg.Key != p.drillJob.Key {
			return nil // another pane's
		}
		done := uikit.Busy(p.drillJob.Key, false)
		if !p.drillJob.Current(msg.Tag) || p.drill == nil {
			return done
		}
		if msg.Err != nil {
			return tea.Batch(done, uikit.Fail(msg.Err))
		}
		p.drill = table.New(msg.Src, p.env.Styles, table.EnvOptions(p.env, "records-"+p.result.MSISDN, "no data records"))
		p.drill.SetExportInfo(p.drillExport, p.exportParams)
		p.resize()
		if note := msg.Note(); note != "" {
			return tea.Batch(done, p.drill.Init(), uikit.Status(note))
		}
		return tea.Batch(done, p.drill.Init())
	case uikit.FocusMsg:
		if msg.A == p.focus {
			return nil
		}
		p.focus, p.result, p.drill, p.wholeLines = msg.A, nil, nil, 0
		p.rdnsBusy = false
		p.clearTables()
		if p.focus == "" {
			p.ticket.Cancel()
			return nil
		}
		return p.compute()
	case personaMsg:
		done := uikit.Busy(busyKey, false) // every computation started says it ended
		if !p.ticket.Current(msg.tag) {
			return done // an older subscriber's persona
		}
		p.loading = false
		if msg.err != nil {
			p.err = msg.err
			return tea.Batch(done, uikit.Fail(msg.err))
		}
		p.result = msg.result
		audit := uikit.Audit("pane persona", map[string]any{"msisdn": msg.result.MSISDN}, msg.result) // a result shown: in the trail
		return tea.Batch(done, p.buildTables(), audit)
	case rdnsMsg:
		done := uikit.Busy(busyKey+"-rdns", false)
		p.rdnsBusy = false // lookups run one at a time: this one is over
		if !p.rdnsTicket.Current(msg.tag) || msg.focus != p.focus || p.result == nil {
			return done
		}
		if msg.err != nil {
			return tea.Batch(done, uikit.Fail(fmt.Errorf("reverse DNS: %w", msg.err)))
		}
		p.applyNames(msg.entries)
		return tea.Batch(done, p.tables[secDestinations].Refresh(destinationSource(p.result)), uikit.Status(rdnsSummary(msg.entries, p.env.Store.ReadOnly())))
	case tea.KeyMsg:
		return p.handleKey(msg)
	case tea.MouseMsg:
		if t := p.current(); t != nil {
			msg.Y -= p.headerHeight()
			return t.Update(msg)
		}
		return nil
	}
	var cmds []tea.Cmd
	for _, t := range p.tables {
		if t != nil {
			cmds = append(cmds, t.Update(msg))
		}
	}
	if p.drill != nil {
		cmds = append(cmds, p.drill.Update(msg))
	}
	return tea.Batch(cmds...)
}

func (p *Pane) handleKey(msg tea.KeyMsg) tea.Cmd {
	cur := p.current()
	if cur != nil && cur.Editing() {
		return cur.Update(msg)
	}
	km := p.keys
	if p.drill != nil {
		if cmd, ok := p.drill.Escape(msg); ok {
			return cmd
		}
		if key.Matches(msg, km.Back) {
			p.drill = nil
			p.resize()
			return nil
		}
		return p.drill.Update(msg)
	}
	switch {
	case key.Matches(msg, km.Next):
		p.section = (p.section + 1) % sectionCount
		p.resize()
		return nil
	case key.Matches(msg, km.Prev):
		p.section = (p.section + sectionCount - 1) % sectionCount
		p.resize()
		return nil
	case key.Matches(msg, km.sectionShortcuts):
		p.section = map[string]section{"A": secApps, "U": secUnknown, "D": secDevices, "C": secCells}[msg.String()]
		p.resize()
		return nil
	case key.Matches(msg, km.Reload):
		if p.focus != "" {
			return p.compute()
		}
		return nil
	case key.Matches(msg, km.Chart) && p.section == secApps:
		p.chartOnly = !p.chartOnly
		return nil
	case key.Matches(msg, km.Whole):
		p.whole = !p.whole
		p.wholeLines = len(p.detailWrapped()) // 0 before the details are known: Update sets it then
		p.resize()
		return nil
	case key.Matches(msg, km.RDNS):
		return p.lookupNames()
	case key.Matches(msg, km.Drill):
		return p.openDrill()
	}
	if cur != nil {
		return cur.Update(msg)
	}
	return nil
}

// openDrill opens the records behind the selected row.
func (p *Pane) openDrill() tea.Cmd {
	cur := p.tables[p.section]
	if cur == nil || p.result == nil {
		return nil
	}
	row, ok := cur.Selected()
	if !ok {
		return nil
	}
	if _, isUnknown := row.Ref.(unknownSummary); isUnknown {
		p.section = secUnknown
		p.resize()
		return nil
	}
	sel, title, ok := p.selectionFor(row.Ref)
	if !ok {
		return nil
	}
	sel = p.env.Scope.Data(sel) // the records in the time scope, as counted
	opts := records.Options{Devices: p.section == secDevices || p.section == secCells}
	if !p.env.Local() { // read once from the cluster, then listed
		p.drill = table.New(records.Slice(nil, p.env.Ports, opts), p.env.Styles,
			table.EnvOptions(p.env, "records-"+p.result.MSISDN, "reading the records from the cluster…"))
		p.drillTitle, p.drillExport = title, "data records of "+p.result.MSISDN+": "+title
		p.resize()
		p.drillJob.Key = busyKey + "-records"
		return tea.Batch(p.drill.Init(), records.Load(p.env.Context, &p.drillJob, p.env.Case, p.env.Ports, sel, opts))
	}
	p.drill = table.New(records.Source(p.env.Store.DB(), p.env.Ports, sel, opts), p.env.Styles,
		table.EnvOptions(p.env, "records-"+p.result.MSISDN, "no data records"))
	p.drill.SetExportInfo("data records of "+p.result.MSISDN+": "+title, p.exportParams)
	p.drillTitle = title
	p.resize()
	return p.drill.Init()
}

// selectionFor turns a row's Ref into the selection of its records.
func (p *Pane) selectionFor(ref any) (store.DataSelection, string, bool) {
	sel := store.DataSelection{Subscribers: []int64{p.result.SubscriberID}}
	switch r := ref.(type) {
	case appRef:
		app := casework.AppPorts(p.env.Ports, string(r))
		sel.ByPort, sel.Ports, sel.NoPort = true, app.Ports, app.NoPort
		return sel, string(r), true
	case unknownPortRef:
		sel.ByPort, sel.Ports = true, [][2]int{{int(r), int(r)}}
		return sel, fmt.Sprintf("unknown port %d", int(r)), true
	case deviceRef:
		if r.imei {
			sel.IMEI = r.value
			return sel, "handset IMEI " + r.value, true
		}
		sel.IMSI = r.value
		return sel, "SIM IMSI " + r.value, true
	case cellRef:
		sel.CellID = r.id
		return sel, "cell " + r.name, true
	case destRef:
		sel.Dest, sel.DestIP, sel.DestPort = true, r.ip, r.port
		return sel, "destination " + destText(r.ip, r.port), true
	}
	return sel, "", false
}

func (p *Pane) clearTables() {
	for i := range p.tables {
		p.tables[i] = nil
	}
}

// buildTables fills the five tables from the result.
func (p *Pane) buildTables() tea.Cmd {
	r := p.result
	srcs := [sectionCount]table.Source{
		appSource(r), unknownSource(r), deviceSource(r), cellSource(r), destinationSource(r),
	}
	names := [sectionCount]string{"apps", "unknown-ports", "devices", "cells", "destinations"}
	empty := [sectionCount]string{"no data records", "every port is in the dictionary", "no IMEI or IMSI in the records",
		"no cell in the records", "no destination in the records"}
	var cmds []tea.Cmd
	for i := range p.tables {
		p.tables[i] = table.New(srcs[i], p.env.Styles, table.EnvOptions(p.env, "persona-"+r.MSISDN+"-"+names[i], empty[i]))
		p.tables[i].SetExportInfo("persona of "+r.MSISDN+": "+strings.ReplaceAll(names[i], "-", " "), p.exportParams)
		cmds = append(cmds, p.tables[i].Init())
	}
	p.resize()
	return tea.Batch(cmds...)
}

// exportParams are the parameters exports of the pane name.
func (p *Pane) exportParams() table.Params {
	if p.result == nil {
		return nil
	}
	return table.Params{{Name: "subscriber (A)", Value: p.result.MSISDN}, {Name: "port dictionary SHA-256", Value: p.env.Ports.Fingerprint()}}
}

// applyNames puts looked-up names into the result's destinations.
func (p *Pane) applyNames(entries map[string]store.RDNSEntry) {
	for i, d := range p.result.Destinations {
		if e, ok := entries[d.IP]; ok {
			dst := &p.result.Destinations[i]
			dst.Names, dst.RDNSStatus = e.Names, e.Status
			dst.LookedUpAt = time.Unix(e.LookedUpAt, 0).UTC().Format(time.RFC3339)
		}
	}
}

func rdnsSummary(entries map[string]store.RDNSEntry, readOnly bool) string {
	count := map[string]int{}
	for _, e := range entries {
		count[e.Status]++
	}
	s := fmt.Sprintf("reverse DNS: %d named, %d without a name, %d failed or timed out", count["ok"], count["none"], count["error"]+count["timeout"])
	if readOnly {
		return s + " (the case is read-only: not kept)"
	}
	return s + " (kept in the case with the time of lookup)"
}
