// Package calls is the Calls pane: what A's voice records (calls and SMS)
// say, in six views switched with v: contacts by calls, common numbers of
// A and B (or of a typed set, or who links two typed groups), devices and
// SIMs over time, silences and bursts, relay chains, international calls
// and roaming. Each view shows exactly what its CLI twin prints (cdrtui
// calls, common, devices, silences, chains, international): both call the
// same casework function. Every view is a table with the shared list verbs
// (sort, filter, export; a and b make the row's number A or B).
package calls

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

type view int

const (
	viewContacts view = iota
	viewCommon
	viewDevices
	viewSilences
	viewChains
	viewInternational
	viewCount
)

func (v view) label() string {
	return [...]string{"contacts", "common", "devices", "silences", "chains", "international"}[v]
}

// chainWindows are the windows w cycles through for chains.
var chainWindows = []time.Duration{30 * time.Minute, 60 * time.Minute, 2 * time.Hour, 10 * time.Minute}

const busyKey = "calls"

// Pane is the Calls pane.
type Pane struct {
	env           *uikit.Env
	keys          keyMap
	width, height int
	view          view
	a, b          string
	groups        string // typed for common: "X,Y,Z" (a set) or "X,Y;Z,W" (two groups); "" = A and B
	window        int    // index in chainWindows

	result  *result
	table   *table.Model
	err     error
	loading bool
	ticket  uikit.Job // the view's analyses

	typing bool
	input  textinput.Model

	drill      *table.Model // the records behind a contact (enter), nil when closed
	drillTitle string
	drillTag   uikit.Job // a contact's records
}

type keyMap struct {
	table          table.KeyMap
	Next, Prev     key.Binding
	FocusA, FocusB key.Binding
	Groups, Window key.Binding
	Accept, Cancel key.Binding
	Recompute      key.Binding
	Open, Back     key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		table:     table.DefaultKeyMap(),
		Next:      uikit.VerbNextView(),
		Prev:      uikit.VerbPrevView(),
		FocusA:    uikit.VerbFocusA(),
		FocusB:    uikit.VerbFocusB(),
		Groups:    key.NewBinding(key.WithKeys("M"), key.WithHelp("M", "common: type subscribers (X,Y,Z) or two groups (X,Y;Z,W)")),
		Window:    key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "chains: window 30m/1h/2h/10m")),
		Accept:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply")),
		Cancel:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Recompute: key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "recompute")),
		Open:      uikit.VerbOpen("records with the contact (file and line)"),
		Back:      uikit.VerbBack(),
	}
}

// New returns the Calls pane.
func New(env *uikit.Env) *Pane {
	in := textinput.New()
	in.Prompt = "subscribers: "
	in.CharLimit = 2000
	return &Pane{env: env, keys: newKeyMap(), input: in}
}

// ID implements uikit.Pane.
func (p *Pane) ID() string { return "calls" }

// Title implements uikit.Pane.
func (p *Pane) Title() string { return "Calls" }

// Init implements uikit.Pane: nothing to compute until A is in focus.
func (p *Pane) Init() tea.Cmd { return nil }

// Editing implements uikit.Pane.
func (p *Pane) Editing() bool {
	return p.typing || (p.table != nil && p.table.Editing()) || (p.drill != nil && p.drill.Editing())
}

// SetSize implements uikit.Pane.
func (p *Pane) SetSize(w, h int) {
	p.width, p.height = w, h
	if p.table != nil {
		p.table.SetSize(w, p.bodyHeight())
	}
	if p.drill != nil {
		p.drill.SetSize(w, p.bodyHeight()-1)
	}
}

type computedMsg struct {
	tag    uint64
	result *result
	err    error
}

// Suspend implements uikit.Suspender: the analysis stops while the pane
// is hidden.
func (p *Pane) Suspend() bool { return uikit.SuspendJobs(&p.ticket, &p.drillTag) }

// Resume implements uikit.Suspender.
func (p *Pane) Resume() tea.Cmd { return uikit.ResumeJobs(&p.ticket, &p.drillTag) }

// compute runs the current view's analysis in the background.
func (p *Pane) compute() tea.Cmd {
	v, a, b, groups, within := p.view, p.a, p.b, p.groups, chainWindows[p.window]
	if (a == "" && !(v == viewCommon && groups != "")) || (v == viewCommon && groups == "" && b == "") {
		p.ticket.Cancel()
		p.loading, p.result, p.table, p.err = false, nil, nil, nil
		return nil
	}
	// the previous table is of another view or subscriber: no key reaches it while this one computes
	p.loading, p.result, p.table, p.err, p.drill = true, nil, nil, nil, nil
	st, stErr := casework.CallsOf(p.env.Case)
	scope := p.env.Scope
	p.ticket.Key = busyKey
	work := p.ticket.Run(p.env.Context, func(ctx context.Context, tag uint64) tea.Msg {
		if stErr != nil {
			return computedMsg{tag: tag, err: stErr}
		}
		r, err := run(ctx, st, v, a, b, groups, within, scope)
		return computedMsg{tag: tag, result: r, err: err}
	})
	return tea.Batch(uikit.Busy(busyKey, true), work)
}

// Update implements uikit.Pane.
func (p *Pane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case uikit.FocusMsg:
		changed := msg.A != p.a || (p.view == viewCommon && p.groups == "" && msg.B != p.b)
		p.a, p.b = msg.A, msg.B
		if changed {
			return p.compute()
		}
		return nil
	case drillMsg:
		done := uikit.Busy(busyKey+"-records", false)
		if !p.drillTag.Current(msg.tag) {
			return done
		}
		if msg.err != nil {
			return tea.Batch(done, uikit.Fail(msg.err))
		}
		p.drillTitle = msg.title
		p.drill = table.New(msg.src, p.env.Styles, table.EnvOptions(p.env, "calls-records", "no records"))
		p.drill.SetExportInfo(msg.title, nil)
		p.drill.SetSize(p.width, p.bodyHeight()-1)
		return tea.Batch(done, p.drill.Init())
	case computedMsg:
		done := uikit.Busy(busyKey, false)
		if !p.ticket.Current(msg.tag) {
			return done
		}
		p.loading = false
		if msg.err != nil {
			p.err, p.result, p.table = msg.err, nil, nil
			return tea.Batch(done, uikit.Fail(msg.err))
		}
		p.err, p.result = nil, msg.result
		opts := table.EnvOptions(p.env, "calls-"+msg.result.view.label(), "nothing to list")
		p.table = table.New(msg.result.src, p.env.Styles, opts)
		r := msg.result
		p.table.SetExportInfo(r.title, func() table.Params {
			ps := table.Params{{Name: "view", Value: r.view.label()}, {Name: "a", Value: r.a}}
			if r.b != "" {
				ps = append(ps, table.Param{Name: "subscribers", Value: r.b})
			}
			if s := p.env.Scope; s.Set() {
				ps = append(ps, table.Param{Name: "time_scope", Value: s.String()})
			}
			return ps
		})
		p.table.SetSize(p.width, p.bodyHeight())
		audit := uikit.Audit("pane calls "+r.view.label(), map[string]any{"a": r.a, "b": r.b}, r.report)
		return tea.Batch(done, p.table.Init(), audit)
	case tea.KeyMsg:
		return p.handleKey(msg)
	case tea.MouseMsg:
		if p.drill != nil {
			msg.Y -= p.headerLines()
			return p.drill.Update(msg)
		}
		if p.table != nil {
			msg.Y -= p.headerLines()
			return p.table.Update(msg)
		}
		return nil
	}
	cmds := []tea.Cmd{table.UpdateAll(msg, p.table, p.drill)}
	if p.typing {
		var cmd tea.Cmd
		p.input, cmd = p.input.Update(msg)
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

func (p *Pane) handleKey(msg tea.KeyMsg) tea.Cmd {
	km := p.keys
	if p.typing {
		switch {
		case key.Matches(msg, km.Accept):
			p.typing = false
			p.input.Blur()
			p.groups = strings.TrimSpace(p.input.Value())
			p.view = viewCommon
			return p.compute()
		case key.Matches(msg, km.Cancel):
			p.typing = false
			p.input.Blur()
			return nil
		}
		var cmd tea.Cmd
		p.input, cmd = p.input.Update(msg)
		return cmd
	}
	if p.drill != nil {
		if !p.drill.Editing() && key.Matches(msg, km.Back) && p.drill.Filter() == "" {
			p.drill = nil
			return nil
		}
		return p.drill.Update(msg)
	}
	if p.table != nil && p.table.Editing() {
		return p.table.Update(msg)
	}
	switch {
	case key.Matches(msg, km.Open) && p.view == viewContacts:
		row, ok := p.selected()
		if !ok {
			return nil
		}
		return p.openRecords(row.number)
	case key.Matches(msg, km.Open):
		// the other views' rows are no contact of A's: say where enter opens
		// records rather than do nothing
		return uikit.Status("enter lists A's records with a contact in the contacts view (v)")
	case key.Matches(msg, km.Next):
		p.view = (p.view + 1) % viewCount
		return p.compute()
	case key.Matches(msg, km.Prev):
		p.view = (p.view + viewCount - 1) % viewCount
		return p.compute()
	case key.Matches(msg, km.Groups):
		p.typing = true
		p.input.SetValue(p.groups)
		p.input.CursorEnd()
		return p.input.Focus()
	case key.Matches(msg, km.Window):
		p.window = (p.window + 1) % len(chainWindows)
		if p.view == viewChains {
			return p.compute()
		}
		return uikit.Status(fmt.Sprintf("chains window %s (v to the chains view)", uikit.WindowText(chainWindows[p.window])))
	case key.Matches(msg, km.Recompute):
		return p.compute()
	case key.Matches(msg, km.FocusA), key.Matches(msg, km.FocusB):
		row, ok := p.selected()
		if !ok {
			return nil
		}
		role, name := uikit.RoleA, "A"
		if key.Matches(msg, km.FocusB) {
			role, name = uikit.RoleB, "B"
		}
		return tea.Batch(uikit.RequestFocus(role, row.number, ""), uikit.Status(name+" = "+row.number))
	case msg.String() == uikit.Back.Key && p.view == viewCommon && p.groups != "" && (p.table == nil || p.table.Filter() == ""):
		p.groups = ""
		return tea.Batch(p.compute(), uikit.Status("common numbers of A and B"))
	}
	if p.table != nil {
		return p.table.Update(msg)
	}
	return nil
}

type drillMsg struct {
	tag   uint64
	title string
	src   *table.SliceSource
	err   error
}

// openRecords lists, in the background, A's records with a contact.
func (p *Pane) openRecords(party string) tea.Cmd {
	scope, a := p.env.Scope, p.a
	st, stErr := casework.CallsOf(p.env.Case)
	p.drillTag.Key = busyKey + "-records"
	work := p.drillTag.Run(p.env.Context, func(ctx context.Context, tag uint64) tea.Msg {
		if stErr != nil {
			return drillMsg{tag: tag, err: stErr}
		}
		recs, err := casework.CallsWith(ctx, st, a, party, scope)
		if err != nil {
			return drillMsg{tag: tag, err: err}
		}
		return drillMsg{tag: tag, title: "records of " + a + " with " + party, src: recordsSource(recs)}
	})
	return tea.Batch(uikit.Busy(busyKey+"-records", true), work)
}

// selected is the number of the row under the cursor, if it names one.
func (p *Pane) selected() (refNumber, bool) {
	if p.table == nil {
		return refNumber{}, false
	}
	row, ok := p.table.Selected()
	if !ok {
		return refNumber{}, false
	}
	r, ok := row.Ref.(refNumber)
	return r, ok && r.number != ""
}

type paneKeys struct{ p *Pane }

// ShortHelp implements help.KeyMap.
func (k paneKeys) ShortHelp() []key.Binding {
	km := k.p.keys
	if k.p.typing {
		return []key.Binding{km.Accept, km.Cancel}
	}
	if k.p.drill != nil {
		return []key.Binding{km.Back, km.table.Filter, km.table.Export}
	}
	out := []key.Binding{km.Next, km.FocusA, km.FocusB, km.table.Sort, km.table.Export}
	if k.p.view == viewContacts {
		out = append(out, km.Open)
	}
	switch k.p.view {
	case viewCommon:
		out = append(out, km.Groups)
	case viewChains:
		out = append(out, km.Window)
	}
	return out
}

// FullHelp implements help.KeyMap.
func (k paneKeys) FullHelp() [][]key.Binding {
	km := k.p.keys
	return [][]key.Binding{{km.Next, km.Prev, km.FocusA, km.FocusB, km.Open, km.Back, km.Groups, km.Window, km.Recompute},
		{km.table.Sort, km.table.Reverse, km.table.Filter, km.table.Export}}
}

// KeyMap implements uikit.Pane.
func (p *Pane) KeyMap() help.KeyMap { return paneKeys{p} }

var _ uikit.Pane = (*Pane)(nil)
