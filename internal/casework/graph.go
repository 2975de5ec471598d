package casework

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
)

// GraphOptions bound the link graph.
type GraphOptions struct {
	Hops     int   // links from the centre to walk (1..MaxHops)
	MinCalls int64 // a call link needs this many calls, an SMS link this many SMS (at least 1)
	// CorrThreshold is the score (-log10 P, see analysis.Evidence) a
	// data-session correlation with the centre must reach to be a link;
	// negative: no data-correlation links.
	CorrThreshold float64
	Window        int64 // the correlation's window, seconds (0: DefaultWindow)
}

// The defaults of the graph: two hops, every call, correlations scoring 5
// or more (P <= 1e-5 after the correction for the applications and windows
// looked at: a wrong link is worse than a missing one).
const (
	DefaultGraphHops      = 2
	DefaultCorrThreshold  = 5.0
	MaxHops               = 4
	graphCorrelationLabel = "data sessions coinciding beyond chance with the centre"
)

// DefaultGraphOptions are the options of `cdrtui graph` without flags.
func DefaultGraphOptions() GraphOptions {
	return GraphOptions{Hops: DefaultGraphHops, MinCalls: 1, CorrThreshold: DefaultCorrThreshold, Window: DefaultWindow}
}

// GraphNode is one number of the link graph, by its canonical key (ID), as
// written (Label).
type GraphNode struct {
	ID          string  `json:"id"`
	Label       string  `json:"label"`
	Betweenness float64 `json:"betweenness"`
	Normalized  float64 `json:"betweenness_normalized"`
	Hop         int     `json:"hop"`
	Degree      int     `json:"degree"`
	Subscriber  bool    `json:"subscriber"` // its own records are in the case
	Keyed       bool    `json:"keyed"`      // ID is a canonical key (else the number as written: never walked through)
}

// Graph is the network around a number: the calls and SMS of the case
// within Hops links of it, and its data-session correlations that pass
// the threshold. Nodes are ordered by betweenness (highest first), then
// hop, then ID; edges by A, B, kind.
type Graph struct {
	Center        string          `json:"center"`
	CenterLabel   string          `json:"center_label"`
	Hops          int             `json:"hops"`
	MinCalls      int64           `json:"min_calls"`
	CorrThreshold float64         `json:"corr_threshold"`
	WindowS       int64           `json:"window_s"`
	Correlation   string          `json:"correlation"` // what became of the data-session correlation, in words
	Scope         TimeScope       `json:"scope"`       // the wall-clock window of the records read (zero: all)
	Nodes         []GraphNode     `json:"nodes"`
	Edges         []analysis.Link `json:"edges"`
}

// Node returns the node with id, or nil.
func (g *Graph) Node(id string) *GraphNode {
	for i := range g.Nodes {
		if g.Nodes[i].ID == id {
			return &g.Nodes[i]
		}
	}
	return nil
}

// ErrNoNumber says the number is neither a subscriber of the case nor the
// other party of any of its calls.
var ErrNoNumber = errors.New("no such number in the case's calls or subscribers")

// BuildGraph walks the link graph from a (as written, or its key): each hop
// reads the call and SMS links of the numbers reached by the one before
// (store.CallLinks: their own records, and every subscriber's records
// naming them), keeping links with at least MinCalls calls or SMS. A
// number without a key (an alphanumeric sender, a short code) is shown
// only around the centre, as a leaf, never walked through: a bank's sender
// would join all its customers. Links among the numbers of the last hop are kept too. When a
// is a subscriber with data records and dict is given, its contacts by
// data-session correlation (Contacts) scoring at least CorrThreshold join
// it as data-correlation links, as hop-1 numbers. Betweenness, degree and
// hop distance are computed on the graph found (analysis.MeasureContext:
// Brandes' algorithm over both cores, held to gonum's in the tests). A
// cancelled ctx stops the walk or the measure with ctx's error.
func BuildGraph(ctx context.Context, st CallsCase, dict *analysis.Dictionary, a string, opt GraphOptions) (*Graph, error) {
	return BuildGraphIn(ctx, st, dict, a, opt, TimeScope{})
}

// BuildGraphIn is BuildGraph over the records whose wall clock is in the
// time scope: the calls and SMS, and the data sessions correlated.
func BuildGraphIn(ctx context.Context, st CallsCase, dict *analysis.Dictionary, a string, opt GraphOptions, ts TimeScope) (*Graph, error) {
	if opt.Hops < 1 || opt.Hops > MaxHops {
		return nil, fmt.Errorf("hops must be 1 to %d, not %d", MaxHops, opt.Hops)
	}
	if opt.MinCalls < 1 {
		return nil, fmt.Errorf("min-calls must be at least 1, not %d", opt.MinCalls)
	}
	if opt.Window <= 0 {
		opt.Window = DefaultWindow
	}
	center, label, isSub, err := graphCenter(ctx, st, a)
	if err != nil {
		return nil, err
	}
	g := &Graph{Center: center, CenterLabel: label, Hops: opt.Hops, MinCalls: opt.MinCalls, CorrThreshold: opt.CorrThreshold, WindowS: opt.Window, Scope: ts}
	labels := map[string]string{center: label}
	subs := map[string]bool{}
	keyed := map[string]bool{center: true}
	if isSub {
		subs[center] = true
	}
	hop := map[string]int{center: 0}
	var sides []analysis.SideCount
	var corr []analysis.Link
	seen := map[[2]string]bool{}
	frontier := []string{center}
	// hop h reads the links of the numbers at h-1; one more read, of the
	// last hop's numbers, finds the links among them
	for h := 1; h <= opt.Hops+1 && len(frontier) > 0; h++ {
		var ls []store.CallLink
		var err error
		if h > opt.Hops {
			// the links among the last hop's numbers: the others were
			// all found by the reads before
			ls, err = st.CallLinksAmong(ctx, frontier, frontier, ts.From, ts.To)
		} else {
			ls, err = st.CallLinks(ctx, frontier, ts.From, ts.To)
		}
		if err != nil {
			return nil, err
		}
		var next []string
		reach := func(n string, k bool) {
			if _, ok := hop[n]; ok || h > opt.Hops {
				return
			}
			hop[n] = h
			if k {
				next = append(next, n)
			}
		}
		for _, l := range ls {
			subs[l.Subscriber], keyed[l.Subscriber], labels[l.Subscriber] = true, true, l.Subscriber
			if l.Calls < opt.MinCalls && l.SMS < opt.MinCalls || !l.Keyed && l.Subscriber != center {
				continue // too few, or an unkeyed number away from the centre
			}
			if h > opt.Hops {
				if _, ok := hop[l.Subscriber]; !ok {
					continue
				}
				if _, ok := hop[l.Other]; !ok {
					continue
				}
			}
			p := [2]string{l.Subscriber, l.Other}
			if seen[p] {
				continue
			}
			seen[p] = true
			c := l
			if c.Calls < opt.MinCalls {
				c.Calls, c.TalkS = 0, 0
			}
			if c.SMS < opt.MinCalls {
				c.SMS = 0
			}
			sides = append(sides, analysis.SideCount{Of: c.Subscriber, Other: c.Other, Calls: c.Calls, SMS: c.SMS, TalkS: c.TalkS})
			if l.Keyed {
				keyed[l.Other] = true
			}
			if _, ok := labels[l.Other]; !ok {
				labels[l.Other] = l.OtherAs
			}
			reach(l.Subscriber, true)
			reach(l.Other, l.Keyed)
		}
		if h == 1 {
			cl, note, err := graphCorrelation(ctx, st, dict, center, isSub, opt, ts)
			if err != nil {
				return nil, err
			}
			g.Correlation = note
			for _, c := range cl {
				corr = append(corr, c)
				other := c.A
				if other == center {
					other = c.B
				}
				subs[other], keyed[other], labels[other] = true, true, other
				reach(other, true)
			}
		}
		slices.Sort(next)
		frontier = next
	}
	g.Edges = append(analysis.MergeSides(sides), corr...)
	analysis.SortLinks(g.Edges)
	ids := make([]string, 0, len(hop))
	for n := range hop {
		ids = append(ids, n)
	}
	slices.Sort(ids)
	// a number of the last hop is found by the records naming it: whether
	// it has records of its own is asked of the case
	inCase, err := st.SubscribersByKey(ctx, ids)
	if err != nil {
		return nil, err
	}
	for k, s := range inCase {
		if s.Records > 0 {
			subs[k] = true
		}
	}
	m, err := analysis.MeasureContext(ctx, center, ids, g.Edges)
	if err != nil {
		return nil, err
	}
	for _, n := range ids {
		g.Nodes = append(g.Nodes, GraphNode{ID: n, Label: labels[n], Betweenness: m.Betweenness[n], Normalized: m.Normalized[n],
			Hop: hop[n], Degree: m.Degree[n], Subscriber: subs[n], Keyed: keyed[n]})
	}
	slices.SortFunc(g.Nodes, func(x, y GraphNode) int {
		return cmp.Or(cmp.Compare(y.Betweenness, x.Betweenness), cmp.Compare(x.Hop, y.Hop), cmp.Compare(x.ID, y.ID))
	})
	return g, nil
}

// graphCenter resolves a to the centre's key: a subscriber (as written or
// by key), else a number some subscriber's records name (by key).
func graphCenter(ctx context.Context, st CallsCase, a string) (key, label string, sub bool, err error) {
	if id, err := st.SubscriberID(ctx, a); err == nil {
		m, err := st.SubscriberMSISDN(ctx, id)
		return m, m, true, err
	} else if !errors.Is(err, store.ErrNoSubscriber) {
		return "", "", false, err
	}
	k, ok, err := st.NumberKey(ctx, a)
	if err != nil {
		return "", "", false, err
	}
	if !ok {
		k = a
	}
	ls, err := st.CallLinks(ctx, []string{k}, 0, 0)
	if err != nil {
		return "", "", false, err
	}
	if len(ls) == 0 {
		return "", "", false, fmt.Errorf("%w: %q", ErrNoNumber, a)
	}
	return k, ls[0].OtherAs, false, nil
}

// graphCorrelation is the centre's data-correlation links: its contacts by
// data sessions (Contacts at the window) scoring at least the threshold.
func graphCorrelation(ctx context.Context, st CallsCase, dict *analysis.Dictionary, center string, isSub bool, opt GraphOptions, ts TimeScope) ([]analysis.Link, string, error) {
	switch {
	case opt.CorrThreshold < 0:
		return nil, "not asked for", nil
	case dict == nil:
		return nil, "no port dictionary", nil
	case !isSub:
		return nil, "the centre is no subscriber of the case", nil
	}
	list, err := ContactsIn(ctx, st, dict, center, opt.Window, 0, ts)
	if err != nil {
		return nil, "", err
	}
	if list.RecordsA == 0 {
		return nil, "the centre has no data records", nil
	}
	var out []analysis.Link
	for _, c := range list.Contacts {
		if c.Score < opt.CorrThreshold || c.Pairs == 0 {
			continue
		}
		l := analysis.Link{A: center, B: c.MSISDN, Kind: analysis.LinkData, Weight: c.Score}
		if l.B < l.A {
			l.A, l.B = l.B, l.A
		}
		out = append(out, l)
	}
	return out, fmt.Sprintf("%s scoring %g or more of %d subscribers ranked (%s, window %d s)",
		analysis.Plural(int64(len(out)), "contact", "contacts"), opt.CorrThreshold, list.Candidates, graphCorrelationLabel, opt.Window), nil
}
