// Package correlation is the Correlation pane: when did subscribers A and B
// use the same application at nearly the same moment (section III.B and
// Figure 3 of the paper), how many such coincidences chance alone would
// give, and everyone in the case ranked by how far their coincidences with
// A exceed chance ("Contacts of A"). A window slider (1 s to 1 h) updates
// every figure live: the sides are loaded and sorted once and every window
// change is a sweep off the UI goroutine, debounced, stale results dropped.
package correlation

import (
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// view is what the pane shows below its header on a small terminal; on a
// large one every part is shown and view names the part with the keyboard.
type view int

const (
	viewSummary view = iota // applications and the chance plot
	viewPairs
	viewContacts
	viewCount
)

var viewNames = [viewCount]string{"Summary", "Pairs", "Contacts of A"}

// debounceDelay is how long the slider must rest before a computation
// starts.
const debounceDelay = 80 * time.Millisecond

// listLimit bounds the matched pairs listed (all are counted).
const listLimit = 10_000

// Pane is the correlation pane.
type Pane struct {
	env    *uikit.Env
	keys   keyMap
	width  int
	height int

	a, b    string
	match   casework.Match
	windows []int64
	win     int // index into windows: the slider's position
	view    view

	pair                         *casework.PairData    // the loaded pair (nil while none)
	result                       *casework.Correlation // the figures shown
	listed                       int                   // matched pairs listed in the table
	contactSet                   *casework.ContactSet  // loaded contacts (nil while none)
	contactList                  *casework.ContactList // the ranking shown
	pairErr                      error                 // why the pair could not be loaded
	loadPair                     *uikit.Job            // pair loads
	compute                      *uikit.Job            // window computations of the pair
	loadContact                  *uikit.Job            // contact loads and recomputations
	slideSeq                     uint64                // debounce sequence of the slider
	pendingPair, pendingContacts bool                  // a request is in flight

	apps, pairs, contacts *table.Model
	chart                 string // rendered chance plot (rebuilt on change, not in View)
}

type keyMap struct {
	table               table.KeyMap
	Narrower, Wider     key.Binding
	NextView, PrevView  key.Binding
	Match, Open, FocusB key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		table:    table.DefaultKeyMap(),
		Narrower: key.NewBinding(key.WithKeys("[", "-"), key.WithHelp("[/-", "narrower window")),
		Wider:    key.NewBinding(key.WithKeys("]", "+", "="), key.WithHelp("]/+", "wider window")),
		NextView: key.NewBinding(key.WithKeys("v"), key.WithHelp("v", uikit.NextView.Desc+": summary, pairs, contacts")),
		PrevView: uikit.VerbPrevView(),
		Match:    key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "match by application / by port")),
		Open:     uikit.VerbOpen("correlate A with this contact (B)"),
		FocusB:   uikit.VerbFocusB(),
	}
}

// New returns the correlation pane.
func New(env *uikit.Env) *Pane {
	windows := analysis.Windows()
	win := 0
	for i, w := range windows {
		if w == casework.DefaultWindow {
			win = i
		}
	}
	p := &Pane{
		env: env, keys: newKeyMap(), match: casework.MatchApp, windows: windows, win: win,
		loadPair: &uikit.Job{Key: busyPair}, compute: &uikit.Job{Key: busyPair}, loadContact: &uikit.Job{Key: busyContacts},
		apps:     table.New(appsSource(nil), env.Styles, table.EnvOptions(env, "correlation-apps", "no application used by both")),
		pairs:    table.New(pairsSource(nil), env.Styles, table.EnvOptions(env, "correlation-pairs", "no matched pairs at this window")),
		contacts: table.New(contactsSource(nil), env.Styles, table.EnvOptions(env, "correlation-contacts", noContacts)),
	}
	p.apps.SetExportInfo("correlation of A and B by application", p.pairParams)
	p.pairs.SetExportInfo("matched pairs of A and B", p.pairParams)
	p.contacts.SetExportInfo("contacts of A ranked against chance", p.contactParams)
	return p
}

// pairParams are the parameters of the pair's figures, for exports.
func (p *Pane) pairParams() table.Params {
	if r := p.result; r != nil {
		return table.Params{{Name: "A", Value: r.A}, {Name: "B", Value: r.B},
			{Name: "window", Value: fmt.Sprintf("%ds", r.WindowS)}, {Name: "match", Value: string(r.Match)}}
	}
	return table.Params{{Name: "A", Value: p.a}, {Name: "B", Value: p.b}}
}

// contactParams are the parameters of the contacts ranking, for exports.
func (p *Pane) contactParams() table.Params {
	if l := p.contactList; l != nil {
		return table.Params{{Name: "A", Value: l.A}, {Name: "window", Value: fmt.Sprintf("%ds", l.WindowS)}, {Name: "match", Value: string(l.Match)}}
	}
	return table.Params{{Name: "A", Value: p.a}}
}

// ID implements uikit.Pane.
func (p *Pane) ID() string { return "correlation" }

// Title implements uikit.Pane.
func (p *Pane) Title() string { return "Correlation" }

// Init implements uikit.Pane.
func (p *Pane) Init() tea.Cmd { return tea.Batch(p.apps.Init(), p.pairs.Init(), p.contacts.Init()) }

// Suspend implements uikit.Suspender: the pane's loads stop while it is
// hidden.
func (p *Pane) Suspend() bool { return uikit.SuspendJobs(p.loadPair, p.compute, p.loadContact) }

// Resume implements uikit.Suspender.
func (p *Pane) Resume() tea.Cmd { return uikit.ResumeJobs(p.loadPair, p.compute, p.loadContact) }

// ContactJobStats counts the runs of the contacts ranking (loads and
// re-rankings), for tests and measurements.
func (p *Pane) ContactJobStats() uikit.JobStats { return p.loadContact.Stats() }

// MaxContactJobsRunning is the most contact rankings ever at work at once.
func (p *Pane) MaxContactJobsRunning() int64 { return p.loadContact.MaxRunning() }

// Window is the slider's window in seconds.
func (p *Pane) Window() int64 { return p.windows[p.win] }

// Editing implements uikit.Pane.
func (p *Pane) Editing() bool { return p.focused().Editing() }

// focused is the table that has the keyboard.
func (p *Pane) focused() *table.Model {
	switch p.view {
	case viewPairs:
		return p.pairs
	case viewContacts:
		return p.contacts
	}
	return p.apps
}

// Update implements uikit.Pane.
func (p *Pane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case uikit.FocusMsg:
		return p.setFocus(msg.A, msg.B)
	case pairMsg:
		return p.pairLoaded(msg)
	case computedMsg:
		return p.computed(msg)
	case contactsMsg:
		return p.contactsLoaded(msg)
	case slideMsg:
		if msg.seq != p.slideSeq {
			return nil // the slider moved again since
		}
		return tea.Batch(p.recompute(), p.refreshContacts())
	case tea.KeyMsg:
		return p.handleKey(msg)
	case tea.MouseMsg:
		return p.mouse(msg)
	}
	return tea.Batch(p.apps.Update(msg), p.pairs.Update(msg), p.contacts.Update(msg))
}

func (p *Pane) handleKey(msg tea.KeyMsg) tea.Cmd {
	cur := p.focused()
	if cur.Editing() {
		return cur.Update(msg)
	}
	km := p.keys
	switch {
	case key.Matches(msg, km.Narrower):
		return p.slide(-1)
	case key.Matches(msg, km.Wider):
		return p.slide(+1)
	case key.Matches(msg, km.NextView):
		p.view = (p.view + 1) % viewCount
		p.layout()
		return nil
	case key.Matches(msg, km.PrevView):
		p.view = (p.view + viewCount - 1) % viewCount
		p.layout()
		return nil
	case key.Matches(msg, km.Match):
		if p.match == casework.MatchApp {
			p.match = casework.MatchPort
		} else {
			p.match = casework.MatchApp
		}
		return tea.Batch(p.startPair(), p.startContacts())
	case p.view == viewContacts && (key.Matches(msg, km.Open) || key.Matches(msg, km.FocusB)):
		if row, ok := p.contacts.Selected(); ok {
			msisdn := row.Ref.(contactRow).MSISDN
			p.view = viewSummary
			p.layout()
			return tea.Batch(uikit.RequestFocus(uikit.RoleB, msisdn, p.ID()), uikit.Status("B = "+msisdn+": correlated with A"))
		}
		return nil
	}
	return cur.Update(msg)
}

// slide moves the slider by steps and schedules a computation once it
// rests; the new window shows at once, the figures follow.
func (p *Pane) slide(steps int) tea.Cmd {
	next := min(max(p.win+steps, 0), len(p.windows)-1)
	if next == p.win {
		return nil
	}
	p.win = next
	p.slideSeq++
	p.rebuildChart()
	return uikit.Debounce(debounceDelay, slideMsg{seq: p.slideSeq})
}

func (p *Pane) setFocus(a, b string) tea.Cmd {
	aChanged, bChanged := a != p.a, b != p.b
	p.a, p.b = a, b
	var cmds []tea.Cmd
	if aChanged {
		p.contactSet, p.contactList = nil, nil
		cmds = append(cmds, p.contacts.SetSource(contactsSource(nil)), p.startContacts())
		if b == "" {
			p.view = viewContacts
			p.layout()
		}
	}
	if bChanged && b != "" && p.view == viewContacts {
		p.view = viewSummary // a new B: show the pair
		p.layout()
	}
	if aChanged || bChanged {
		cmds = append(cmds, p.startPair())
	}
	return tea.Batch(cmds...)
}

// SetSize implements uikit.Pane.
func (p *Pane) SetSize(w, h int) {
	p.width, p.height = w, h
	p.layout()
}

// KeyMap implements uikit.Pane.
func (p *Pane) KeyMap() help.KeyMap { return paneKeys{p} }

type paneKeys struct{ p *Pane }

func (k paneKeys) ShortHelp() []key.Binding {
	km := k.p.keys
	out := []key.Binding{km.Narrower, km.Wider, km.NextView}
	if k.p.view == viewContacts {
		out = append(out, km.Open)
	}
	return append(out, km.Match, km.table.Export)
}

func (k paneKeys) FullHelp() [][]key.Binding {
	km := k.p.keys
	t := km.table
	return [][]key.Binding{
		{km.Narrower, km.Wider, km.NextView, km.PrevView, km.Match, km.Open, km.FocusB},
		{t.Up, t.Down, t.PageUp, t.PageDown, t.Top, t.Bottom},
		{t.Left, t.Right, t.Sort, t.Reverse, t.Filter, t.Export},
	}
}

// noContacts is the contacts list's text when no one is ranked.
const noContacts = "no other subscriber with data records"
