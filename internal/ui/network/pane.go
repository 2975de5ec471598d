// Package network is the Network pane: the link graph around the focused
// subscriber A (calls, SMS and data-session correlation; casework.BuildGraph)
// drawn on a cell canvas by a radial layout by hop, with every number
// listed beside by betweenness so that the broker between two groups
// stands out. Arrows move between the drawn numbers, enter re-centres the
// graph on one, + and - change the hops, e exports GraphML, GEXF, DOT and
// CSV. The graph is built off the UI goroutine.
package network

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Pane is the Network pane.
type Pane struct {
	env           *uikit.Env
	keys          keyMap
	width, height int

	focusA  string // the workbench's A
	center  string // the number the graph is around (A, or one re-centred on)
	hops    int
	ticket  uikit.Ticket
	loading bool
	err     error
	graph   *casework.Graph
	lo      layout
	sel     int // the selected spot
	labelW  int

	// the build under way: cancel stops it when a newer one supersedes
	// it; done is closed when its command has returned, and the next
	// build waits for it, so at most one build runs at a time.
	cancel context.CancelFunc
	done   chan struct{}
	build  buildFunc
	builds *buildCounts
}

// buildFunc builds a graph (casework.BuildGraphIn; tests slow it down).
type buildFunc func(context.Context, casework.CallsCase, *analysis.Dictionary, string, casework.GraphOptions, casework.TimeScope) (*casework.Graph, error)

// buildCounts count the pane's builds: started, run to the end, stopped
// by a newer one, and never started because a newer one came first.
type buildCounts struct {
	started, finished, cancelled, skipped atomic.Int64
}

// New returns the Network pane.
func New(env *uikit.Env) *Pane {
	return &Pane{env: env, keys: newKeyMap(), hops: casework.DefaultGraphHops, sel: 0, build: casework.BuildGraphIn, builds: &buildCounts{}}
}

// ID implements uikit.Pane.
func (p *Pane) ID() string { return "network" }

// Title implements uikit.Pane.
func (p *Pane) Title() string { return "Network" }

// Init implements uikit.Pane: nothing is built before A is in focus.
func (p *Pane) Init() tea.Cmd { return nil }

// Editing implements uikit.Pane: the pane has no text field.
func (p *Pane) Editing() bool { return false }

// KeyMap implements uikit.Pane.
func (p *Pane) KeyMap() help.KeyMap { return paneKeys{p} }

// SetSize implements uikit.Pane.
func (p *Pane) SetSize(w, h int) {
	p.width, p.height = w, h
	p.relayout()
}

type graphMsg struct {
	tag   uint64
	graph *casework.Graph
	err   error
}

type savedMsg struct {
	paths []string
	err   error
}

const busyKey = "network"

// load builds the graph around the centre off the UI goroutine. The build
// it supersedes (another centre or hop count asked for before it ended) is
// cancelled, and the new one starts only once that one has returned: at
// most one build runs at a time, and a burst of re-centres runs only the
// last. A result for an older centre or hop count is dropped.
func (p *Pane) load() tea.Cmd {
	tag := p.ticket.Next()
	if p.cancel != nil {
		p.cancel()
		p.cancel = nil
	}
	if p.center == "" {
		p.loading, p.graph = false, nil
		return nil
	}
	p.loading, p.err = true, nil
	dict, center, scope, build, counts := p.env.Ports, p.center, p.env.Scope, p.build, p.builds
	st, stErr := casework.CallsOf(p.env.Case)
	parent := p.env.Context
	if parent == nil {
		parent = context.Background()
	}
	ctx, cancel := context.WithCancel(parent)
	prev, done := p.done, make(chan struct{})
	p.cancel, p.done = cancel, done
	opt := casework.DefaultGraphOptions()
	opt.Hops = p.hops
	work := func() tea.Msg {
		defer close(done)
		defer cancel()
		if prev != nil {
			<-prev
		}
		if err := ctx.Err(); err != nil {
			counts.skipped.Add(1)
			return graphMsg{tag: tag, err: err}
		}
		if stErr != nil {
			return graphMsg{tag: tag, err: stErr}
		}
		counts.started.Add(1)
		g, err := build(ctx, st, dict, center, opt, scope)
		if errors.Is(err, context.Canceled) || ctx.Err() != nil {
			counts.cancelled.Add(1)
		} else {
			counts.finished.Add(1)
		}
		return graphMsg{tag: tag, graph: g, err: err}
	}
	return tea.Batch(uikit.Busy(busyKey, true), work)
}

// Update implements uikit.Pane.
func (p *Pane) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case uikit.FocusMsg:
		if msg.A == p.focusA {
			return nil
		}
		p.focusA, p.center = msg.A, msg.A
		return p.load()
	case graphMsg:
		done := uikit.Busy(busyKey, false)
		if !p.ticket.Current(msg.tag) {
			return done
		}
		p.loading = false
		if msg.err != nil {
			p.err, p.graph = msg.err, nil
			return tea.Batch(done, uikit.Fail(msg.err))
		}
		// the selection is read before the graph changes: its spot is of
		// the layout drawn, its number of the graph drawn
		old := p.selected()
		p.graph = msg.graph
		p.relayoutKeeping(old)
		// the network shown is in the case's audit trail: the graph `cdrtui
		// graph CASE CENTER --hops N --json` prints
		audit := uikit.Audit("pane network", map[string]any{"center": msg.graph.Center, "hops": msg.graph.Hops}, msg.graph)
		return tea.Batch(done, audit)
	case savedMsg:
		if msg.err != nil {
			return uikit.Fail(msg.err)
		}
		audit := uikit.AuditFiles("export network", map[string]any{"center": p.center, "hops": p.hops}, msg.paths...)
		return tea.Batch(audit, uikit.Status(fmt.Sprintf("saved the graph of %s as %s in %s", inert.String(p.center), strings.Join(names(msg.paths), ", "), inert.String(dirOf(msg.paths)))))
	case tea.KeyMsg:
		return p.handleKey(msg)
	}
	return nil
}

// dirOf is the folder the exports went to (the message named the files
// only; Location's says where).
func dirOf(paths []string) string {
	if len(paths) == 0 {
		return ""
	}
	return filepath.Dir(paths[0])
}

func names(paths []string) []string {
	out := make([]string, len(paths))
	for i, s := range paths {
		out[i] = inert.String(filepath.Base(s))
	}
	return out
}

func (p *Pane) handleKey(msg tea.KeyMsg) tea.Cmd {
	km := p.keys
	switch {
	case key.Matches(msg, km.Up):
		p.move(dirUp)
	case key.Matches(msg, km.Down):
		p.move(dirDown)
	case key.Matches(msg, km.Left):
		p.move(dirLeft)
	case key.Matches(msg, km.Right):
		p.move(dirRight)
	case key.Matches(msg, km.More):
		if p.hops < casework.MaxHops {
			p.hops++
			return p.load()
		}
	case key.Matches(msg, km.Fewer):
		if p.hops > 1 {
			p.hops--
			return p.load()
		}
	case key.Matches(msg, km.Recenter):
		if id := p.selected(); id != "" && id != p.center {
			p.center = id
			return p.load()
		}
	case key.Matches(msg, km.Back):
		if p.center != p.focusA {
			p.center = p.focusA
			return p.load()
		}
	case key.Matches(msg, km.FocusA):
		if n := p.selectedNode(); n != nil && n.Subscriber {
			return uikit.RequestFocus(uikit.RoleA, n.ID, "")
		} else if n != nil {
			return uikit.Status(inert.String(n.Label) + " has no records of its own in the case: it cannot be A")
		}
	case key.Matches(msg, km.Export):
		return p.export()
	}
	return nil
}

func (p *Pane) move(dir int) {
	if len(p.lo.spots) > 0 {
		p.sel = p.lo.nearest(p.sel, dir)
	}
}

func (p *Pane) selectedNode() *casework.GraphNode {
	if p.graph == nil || p.sel < 0 || p.sel >= len(p.lo.spots) {
		return nil
	}
	return &p.graph.Nodes[p.lo.spots[p.sel].node]
}

func (p *Pane) selected() string {
	if n := p.selectedNode(); n != nil {
		return n.ID
	}
	return ""
}

var unsafeName = regexp.MustCompile(`[^0-9A-Za-z_+-]+`)

// export writes the graph in the four formats into the export folder.
func (p *Pane) export() tea.Cmd {
	g := p.graph
	if g == nil {
		return uikit.Status("no graph to export yet")
	}
	ctx, dir := p.env.Context, p.env.ExportDir
	st, err := casework.CallsOf(p.env.Case)
	if err != nil {
		return uikit.Fail(err)
	}
	return func() tea.Msg {
		at := time.Now()
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return savedMsg{err: err}
		}
		meta, err := casework.GraphMetaOf(ctx, st, at)
		if err != nil {
			return savedMsg{err: err}
		}
		base := filepath.Join(dir, "network-"+unsafeName.ReplaceAllString(g.Center, "_")+"-"+at.Format("20060102-150405"))
		var paths []string
		for _, ext := range []string{casework.GraphML, casework.GEXF, casework.GraphDOT, casework.GraphCSV} {
			if err := casework.ExportGraph(base+"."+ext, g, meta); err != nil {
				return savedMsg{err: err}
			}
			paths = append(paths, base+"."+ext)
		}
		return savedMsg{paths: paths}
	}
}

// sideWidth is the width of the list beside the drawing.
func (p *Pane) sideWidth() int { return min(46, max(24, p.width/3)) }

const headerLines = 2

func (p *Pane) relayout() { p.relayoutKeeping(p.selected()) }

// relayoutKeeping lays the graph out for the pane's size and selects the
// number old where it is drawn, else the centre (the first spot).
func (p *Pane) relayoutKeeping(old string) {
	p.labelW = 9
	if p.width >= 140 {
		p.labelW = 13
	}
	cw, ch := p.width-p.sideWidth()-1, p.height-headerLines
	p.lo = newLayout(p.graph, p.center, cw, ch, p.labelW)
	if p.graph != nil {
		p.center = p.graph.Center // a centre given as written is its key from now on
		p.lo = newLayout(p.graph, p.center, cw, ch, p.labelW)
	}
	p.sel = 0
	for k, s := range p.lo.spots {
		if p.graph.Nodes[s.node].ID == old {
			p.sel = k
		}
	}
}

// wrap lays a message (guidance, an error) on as many lines as it needs:
// what to do is read whole at 80 columns, never cut with an ellipsis.
func wrap(s string, width int) string { return strings.Join(uikit.WrapWords(s, width), "\n") }

// View implements uikit.Pane.
func (p *Pane) View() string {
	st := p.env.Styles
	if p.width <= 0 || p.height <= 0 {
		return ""
	}
	var head string
	switch {
	case p.center == "":
		return st.Muted.Render(wrap("Network: no subscriber in focus. Make one A (a in any list) to see who it is linked to.", p.width))
	case p.err != nil:
		return st.Bad.Render(wrap("Network of "+inert.String(p.center)+": "+inert.String(p.err.Error()), p.width))
	case p.graph == nil:
		return st.Muted.Render(fit("Network of "+inert.String(p.center)+": building the graph…", p.width))
	}
	g := p.graph
	head = fmt.Sprintf("Network of %s · %s · %s, %s", shortLabel(g.CenterLabel, 20), analysis.Plural(int64(g.Hops), "hop", "hops"),
		analysis.Plural(int64(len(g.Nodes)), "number", "numbers"), analysis.Plural(int64(len(g.Edges)), "link", "links"))
	if g.Scope.Set() {
		head += " · " + g.Scope.String()
	}
	if p.loading {
		head += " · updating…"
	}
	if p.lo.hidden > 0 {
		head += " · " + table.Thousands(int64(p.lo.hidden)) + " not drawn"
	}
	legend := "·─━ calls/SMS 1-2,3-9,10+  ~≈ data corr.  ●subscriber ○number ◉centre *broker"
	lines := []string{st.Title.Render(fit(head, p.width)), st.Muted.Render(fit(legend, p.width))}
	cw, ch := p.width-p.sideWidth()-1, p.height-headerLines
	if ch <= 0 {
		return strings.Join(lines[:min(len(lines), p.height)], "\n")
	}
	left := p.draw(max(cw, 1), ch)
	right := p.side(p.sideWidth(), ch)
	for y := range ch {
		r := ""
		if y < len(right) {
			r = right[y]
		}
		lines = append(lines, left[y]+" "+r)
	}
	return strings.Join(lines, "\n")
}
