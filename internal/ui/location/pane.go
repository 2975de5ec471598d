// Package location is the Location pane: where the focused subscribers'
// phones were. Map draws A's (and B's) cells on a braille canvas (sites
// sized by their records, sectors as wedges where an azimuth is known, the
// analyst's GeoJSON base layers as outlines, a scale bar and a north
// arrow); Timeline lists the stays and moves of one day, an impossible
// speed flagged; Places says home and work with the nights and days behind
// them. It shows what `cdrtui location` prints: both call
// casework.Location.
package location

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/analysis/location"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

type view int

const (
	viewMap view = iota
	viewTimeline
	viewPlaces
	viewColoc
	viewCount
)

var viewNames = [viewCount]string{"Map", "Timeline", "Places", "Co-location"}

const busyKey = "location"

// Pane is the Location pane.
type Pane struct {
	env           *uikit.Env
	keys          keyMap
	width, height int
	view          view

	focusA, focusB string
	ticket         uikit.Job // loads of A's and B's places
	loading        bool
	err            error
	a, b           *casework.LocationReport
	layers         []store.Layer

	cam      camera
	camSet   bool
	camMoved bool     // zoomed or panned since the last fit
	days     []string // dates with a stay of A, in order
	day      int      // index into days
	scroll   int      // timeline's first line (co-location: the cursor)
	nightH   location.Hours
	dayH     location.Hours
	hours    hoursForm

	radius, window int // indexes into radiusChoices, windowChoices
	colocTicket    uikit.Ticket
	colocFor       string // colocKey of what coloc or companions show
	coloc          *casework.ColocReport
	companions     *casework.CompanionsReport
	colocErr       error
}

type keyMap struct {
	ZoomIn, ZoomOut, Left, Right, Up, Down key.Binding
	NextView, PrevView, PrevDay, NextDay   key.Binding
	Reset, Night, Work, Export, Hours      key.Binding
	ColocExport                            key.Binding
	Radius, Window, Companion, Scroll      key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		ZoomIn:   key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+/-", "zoom in / out")),
		ZoomOut:  key.NewBinding(key.WithKeys("-", "_"), key.WithHelp("-", "zoom out")),
		Left:     key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←↓↑→ hjkl", "pan the map, scroll the timeline")),
		Right:    key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→ l", "pan east")),
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑ k", "pan north")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓ j", "pan south")),
		NextView: uikit.VerbNextView(),
		PrevView: uikit.VerbPrevView(),
		PrevDay:  key.NewBinding(key.WithKeys("["), key.WithHelp("[ ]", "previous / next day")),
		NextDay:  key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next day")),
		Reset:    key.NewBinding(key.WithKeys("z"), key.WithHelp("z", "fit the map to the sites")),
		Night:    key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next hours of the night (home)")),
		Work:     key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "next working hours (work)")),
		Export:   key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "export A's and B's location (CSV, KML, GeoJSON)")),
		// the same key in the co-location view, where it exports what it shows
		ColocExport: key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "export the co-location (CSV, JSON)")),
		Hours:       key.NewBinding(key.WithKeys("H"), key.WithHelp("H", "type the hours of the night and of work")),
		Radius:      key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "co-location: next radius")),
		Window:      key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "co-location: next window")),
		Scroll:      key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑↓ jk", "scroll")),
		Companion:   uikit.FocusB.Binding(uikit.FocusB.Detail("the companion under the cursor (co-location)")),
	}
}

// viewKeys are the keys of the sub-view shown: the short help says those
// (it said zoom and pan over the co-location's ranking).
type viewKeys struct {
	k    keyMap
	view view
}

func (v viewKeys) ShortHelp() []key.Binding {
	k := v.k
	switch v.view {
	case viewTimeline:
		return []key.Binding{k.NextView, k.PrevDay, k.Scroll, k.Export}
	case viewPlaces:
		return []key.Binding{k.NextView, k.Night, k.Work, k.Hours, k.Export}
	case viewColoc:
		return []key.Binding{k.NextView, k.Radius, k.Window, k.Companion, k.ColocExport}
	}
	return []key.Binding{k.NextView, k.ZoomIn, k.Left, k.PrevDay}
}

func (v viewKeys) FullHelp() [][]key.Binding {
	k := v.k
	return [][]key.Binding{{k.NextView, k.PrevView, k.ZoomIn, k.ZoomOut, k.Reset}, {k.Left, k.Right, k.Up, k.Down, k.PrevDay, k.NextDay},
		{k.Night, k.Work, k.Hours, k.Export, k.Radius, k.Window, k.Companion, k.ColocExport}}
}

// New returns the Location pane.
func New(env *uikit.Env) *Pane {
	return &Pane{env: env, keys: newKeyMap(), nightH: nightChoices[0], dayH: dayChoices[0]}
}

// ID implements uikit.Pane.
func (p *Pane) ID() string { return "location" }

// Title implements uikit.Pane.
func (p *Pane) Title() string { return "Location" }

// KeyMap implements uikit.Pane.
func (p *Pane) KeyMap() help.KeyMap { return viewKeys{p.keys, p.view} }

// Editing implements uikit.Pane: true while the hours form is open.
func (p *Pane) Editing() bool { return p.hours.open }

// SetSize implements uikit.Pane.
func (p *Pane) SetSize(w, h int) { p.width, p.height = w, h }

type loadedMsg struct {
	tag    uint64
	a, b   *casework.LocationReport
	layers []store.Layer
	err    error
}

// Suspend implements uikit.Suspender: the load stops while the pane is
// hidden.
func (p *Pane) Suspend() bool { return p.ticket.Suspend() }

// Resume implements uikit.Suspender.
func (p *Pane) Resume() tea.Cmd { return p.ticket.Resume() }

// Init implements uikit.Pane: the work starts with the focus.
func (p *Pane) Init() tea.Cmd { return nil }

func (p *Pane) load() tea.Cmd {
	p.loading, p.err = true, nil
	st, params, a, b := p.env.Locator(), p.params(), p.focusA, p.focusB
	p.ticket.Key = busyKey
	work := p.ticket.Run(p.env.Context, func(ctx context.Context, tag uint64) tea.Msg {
		return compute(ctx, st, params, a, b, tag)
	})
	return tea.Sequence(uikit.Busy(busyKey, true), work) // the spinner starts before the result can end it
}

func compute(ctx context.Context, st casework.Locator, params casework.LocationParams, a, b string, tag uint64) loadedMsg {
	msg := loadedMsg{tag: tag}
	msg.layers, msg.err = st.Layers(ctx)
	if msg.err != nil {
		return msg
	}
	if a != "" {
		if msg.a, msg.err = casework.Location(ctx, st, a, params); msg.err != nil {
			return msg
		}
	}
	if b != "" && b != a {
		msg.b, msg.err = casework.Location(ctx, st, b, params)
	}
	return msg
}

// Update implements uikit.Pane.
func (p *Pane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case uikit.FocusMsg:
		if msg.A == p.focusA && msg.B == p.focusB {
			return nil
		}
		p.focusA, p.focusB = msg.A, msg.B
		p.a, p.b, p.camSet, p.camMoved = nil, nil, false, false
		if p.focusA == "" && p.focusB == "" {
			p.ticket.Cancel()
			p.loading = false
			return nil
		}
		if p.view == viewColoc {
			return tea.Batch(p.load(), p.loadColoc())
		}
		return p.load()
	case colocMsg:
		return p.colocLoaded(msg)
	case loadedMsg:
		done := uikit.Busy(busyKey, false)
		if !p.ticket.Current(msg.tag) {
			return done
		}
		p.loading = false
		if msg.err != nil {
			p.err = msg.err
			return tea.Batch(done, uikit.Fail(msg.err))
		}
		kept := p.a != nil && msg.a != nil && p.a.MSISDN == msg.a.MSISDN // new hours: keep the day and the map
		p.a, p.b, p.layers = msg.a, msg.b, msg.layers
		if !kept {
			p.setDays()
			p.camSet, p.camMoved = false, false
		}
		return tea.Batch(done, p.audit(msg.a), p.audit(msg.b))
	case exportedMsg:
		return p.exported(msg)
	case tea.KeyMsg:
		return p.handleKey(msg)
	}
	return nil
}

func (p *Pane) setDays() {
	seen := map[string]bool{}
	p.days = nil
	for _, r := range []*casework.LocationReport{p.a, p.b} {
		if r == nil {
			continue
		}
		for _, s := range r.Stays {
			d := s.From[:10]
			if !seen[d] {
				seen[d] = true
				p.days = append(p.days, d)
			}
		}
	}
	sort.Strings(p.days)
	p.day, p.scroll = 0, 0
}

func (p *Pane) handleKey(msg tea.KeyMsg) tea.Cmd {
	k := p.keys
	if p.hours.open {
		return p.hoursKey(msg)
	}
	if p.view == viewColoc {
		if cmd, ok := p.colocKeys(msg); ok {
			return cmd
		}
	}
	switch {
	case key.Matches(msg, k.NextView):
		p.view = (p.view + 1) % viewCount
		p.scroll = 0
		if p.view == viewColoc {
			return p.loadColoc()
		}
	case key.Matches(msg, k.PrevView):
		p.view = (p.view + viewCount - 1) % viewCount
		p.scroll = 0
		if p.view == viewColoc {
			return p.loadColoc()
		}
	case key.Matches(msg, k.Hours):
		p.openHours()
		return textinputBlink()
	case key.Matches(msg, k.Export) && p.view == viewColoc:
		return p.exportColoc()
	case key.Matches(msg, k.Export):
		return p.export()
	case key.Matches(msg, k.Night):
		return p.cycleHours(true)
	case key.Matches(msg, k.Work):
		return p.cycleHours(false)
	case key.Matches(msg, k.PrevDay):
		if p.day > 0 {
			p.day--
			p.scroll = 0
		}
	case key.Matches(msg, k.NextDay):
		if p.day < len(p.days)-1 {
			p.day++
			p.scroll = 0
		}
	case p.view == viewMap && p.moveCamera(msg):
	case key.Matches(msg, k.Down):
		p.scroll++
	case key.Matches(msg, k.Up):
		if p.scroll > 0 {
			p.scroll--
		}
	}
	return nil
}

// View implements uikit.Pane.
func (p *Pane) View() string {
	s := p.env.Styles
	if p.width <= 0 || p.height <= 0 {
		return ""
	}
	var head string
	switch {
	case p.focusA == "" && p.focusB == "":
		return s.Muted.Render(wrap("No subscriber in focus: choose one in Overview (enter or a), then come back with 8.", p.width))
	case p.err != nil:
		return s.Bad.Render(wrap("Location: "+p.err.Error(), p.width))
	case p.a == nil && p.b == nil: // a change of hours keeps the last result shown while it computes
		return s.Muted.Render(fit("Placing the records of "+p.focusA+" by their cells…", p.width))
	}
	head = p.header()
	body := p.height - 2
	var content string
	switch p.view {
	case viewMap:
		content = p.mapView(p.width, body)
	case viewTimeline:
		content = p.timelineView(p.width, body)
	case viewPlaces:
		content = p.placesView(p.width, body)
	case viewColoc:
		content = p.colocView(p.width, body)
	}
	if p.hours.open { // the form over the last two lines
		lines := strings.Split(content, "\n")
		for len(lines) < body {
			lines = append(lines, "")
		}
		content = strings.Join(append(lines[:max(body-2, 0)], p.hoursView(p.width)), "\n")
	}
	return head + "\n" + content
}

// header is two lines: whose location and how much of it is placed, and
// the sub-views.
func (p *Pane) header() string {
	s := p.env.Styles
	// each subscriber's placed records, or (A and B not fitting so) only
	// the share: the counts are in Places
	var line string
	for _, short := range []bool{false, true} {
		line = ""
		for i, r := range []*casework.LocationReport{p.a, p.b} {
			if r == nil {
				continue
			}
			glyph, st := glyphA, s.BarA
			if i == 1 {
				glyph, st = glyphB, s.BarB
				line += "  "
			}
			what := fmt.Sprintf(": %s of %s records placed (%.1f%%)", thousands(int64(r.Placed)), thousands(int64(r.Records)), 100*r.PlacedShare)
			if short {
				what = fmt.Sprintf(" (%.1f%% placed)", 100*r.PlacedShare)
			}
			line += st.Render(string(glyph)) + " " + roleName(i) + " " + inert.String(r.MSISDN) + what
		}
		if ansi.StringWidth(line) <= p.width {
			break
		}
	}
	if (p.a != nil && p.a.CellSources == 0) || (p.b != nil && p.b.CellSources == 0) {
		line = "no cell sites in the case: I imports a cell-site list (or cdrtui cells)"
	}
	tabs := ""
	for v := view(0); v < viewCount; v++ {
		if v == p.view {
			tabs += s.Title.Render("["+viewNames[v]+"]") + " "
		} else {
			tabs += s.Muted.Render(" "+viewNames[v]+" ") + " "
		}
	}
	// the day is of the map and the timeline; places and co-location are
	// over every day
	if len(p.days) > 0 && (p.view == viewMap || p.view == viewTimeline) {
		tabs += s.Muted.Render(fmt.Sprintf(" day %s (%d/%d, [ ])", p.days[p.day], p.day+1, len(p.days)))
	}
	return fitStyled(line, p.width) + "\n" + fitStyled(tabs, p.width)
}

func roleName(i int) string {
	if i == 0 {
		return "A"
	}
	return "B"
}

// moveCamera zooms, pans or fits the map for a key; false when the key is
// none of those.
func (p *Pane) moveCamera(msg tea.KeyMsg) bool {
	k := p.keys
	switch {
	case key.Matches(msg, k.ZoomIn):
		p.cam.zoom(1 / 1.5)
	case key.Matches(msg, k.ZoomOut):
		p.cam.zoom(1.5)
	case key.Matches(msg, k.Left):
		p.cam.pan(-0.25, 0)
	case key.Matches(msg, k.Right):
		p.cam.pan(0.25, 0)
	case key.Matches(msg, k.Up):
		p.cam.pan(0, 0.25)
	case key.Matches(msg, k.Down):
		p.cam.pan(0, -0.25)
	case key.Matches(msg, k.Reset):
		p.camSet, p.camMoved = false, false
		return true
	default:
		return false
	}
	p.camMoved = true
	return true
}
