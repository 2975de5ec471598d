package analysis

import (
	"cmp"
	"context"
	"slices"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/traverse"
)

// The kinds of link of the link graph.
const (
	LinkCall = "call"             // voice calls, either way
	LinkSMS  = "sms"              // SMS, either way
	LinkData = "data-correlation" // data sessions coinciding beyond chance (Evidence)
)

// SideCount is what one subscriber's records hold about one other number:
// the calls and SMS between them and the talk time. The same call is often
// in both parties' records (A's outgoing, B's incoming) when both are
// subscribers of the case.
type SideCount struct {
	Of, Other  string // canonical keys
	Calls, SMS int64
	TalkS      int64
}

// Link is one edge of the link graph: two numbers (A < B), the kind of
// link and its weight (calls, SMS, or the correlation score).
type Link struct {
	A      string  `json:"a"`
	B      string  `json:"b"`
	Kind   string  `json:"kind"`
	Weight float64 `json:"weight"`
	TalkS  int64   `json:"talk_s,omitempty"`
}

// MergeSides turns each side's counts into one link per pair and kind. When
// both parties' records are in the case, each holds the calls between them,
// so the pair's count is the larger of the two sides' (never their sum,
// which would count each call twice); the same for SMS and talk time. Kinds
// with no record are left out. Links are sorted by A, B, kind.
func MergeSides(sides []SideCount) []Link {
	type key struct{ a, b string }
	type acc struct{ calls, sms, talk int64 }
	m := map[key]*acc{}
	for _, s := range sides {
		if s.Of == s.Other {
			continue // a number calling itself (voicemail) links nobody
		}
		k := key{s.Of, s.Other}
		if k.b < k.a {
			k.a, k.b = k.b, k.a
		}
		x := m[k]
		if x == nil {
			x = &acc{}
			m[k] = x
		}
		x.calls, x.sms, x.talk = max(x.calls, s.Calls), max(x.sms, s.SMS), max(x.talk, s.TalkS)
	}
	var out []Link
	for k, x := range m {
		if x.calls > 0 {
			out = append(out, Link{A: k.a, B: k.b, Kind: LinkCall, Weight: float64(x.calls), TalkS: x.talk})
		}
		if x.sms > 0 {
			out = append(out, Link{A: k.a, B: k.b, Kind: LinkSMS, Weight: float64(x.sms)})
		}
	}
	SortLinks(out)
	return out
}

// SortLinks orders links by A, B, kind.
func SortLinks(ls []Link) {
	slices.SortFunc(ls, func(x, y Link) int {
		return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B), cmp.Compare(x.Kind, y.Kind))
	})
}

// Measures are the graph measures of each node of a link graph, on the
// simple undirected graph of its links (two numbers are adjacent when any
// link joins them, whatever its kind or weight): betweenness by Brandes'
// algorithm over both cores (betweenness; the tests hold it to gonum's
// network.Betweenness on random graphs), hop distance by gonum's
// traverse.BreadthFirst.
type Measures struct {
	// Betweenness is the share of shortest paths between other pairs of
	// nodes that pass through the node, summed over unordered pairs {s, t}
	// (a star's centre with n leaves has n(n-1)/2): how much the node
	// brokers between the others.
	Betweenness map[string]float64
	// Normalized is Betweenness over the (n-1)(n-2)/2 pairs it could
	// broker at most (0 with fewer than three nodes).
	Normalized map[string]float64
	Degree     map[string]int // distinct neighbours
	Hop        map[string]int // links from the centre; absent: not reachable
}

// Measure computes the measures of nodes joined by links, with hop
// distances from center (breadth-first). Nodes not named by any link count
// as isolated.
func Measure(center string, nodes []string, links []Link) Measures {
	m, _ := MeasureContext(context.Background(), center, nodes, links)
	return m
}

// MeasureContext is Measure stopped, with ctx's error, when ctx is
// cancelled (a graph superseded in the pane).
func MeasureContext(ctx context.Context, center string, nodes []string, links []Link) (Measures, error) {
	name, adj := simpleGraph(nodes, links)
	m := Measures{Betweenness: map[string]float64{}, Normalized: map[string]float64{}, Degree: map[string]int{}, Hop: map[string]int{}}
	// summed over ordered pairs (s, t), as gonum does; on an undirected
	// graph each unordered pair is counted twice
	raw, err := betweenness(ctx, newCSR(adj))
	if err != nil {
		return m, err
	}
	n := float64(len(name))
	for i, s := range name {
		b := raw[i] / 2
		m.Betweenness[s] = b
		if n > 2 {
			m.Normalized[s] = b / ((n - 1) * (n - 2) / 2)
		} else {
			m.Normalized[s] = 0
		}
		m.Degree[s] = len(adj[i])
	}
	for i, s := range name {
		if s != center {
			continue
		}
		g := newAdjGraph(adj)
		var bf traverse.BreadthFirst
		bf.Walk(g, simple.Node(i), func(v graph.Node, depth int) bool {
			m.Hop[name[v.ID()]] = depth
			return false
		})
	}
	return m, nil
}

// simpleGraph numbers the nodes (those given first, in order, then those
// only links name) and returns their names and the simple undirected
// graph of the links as adjacency lists: one edge per pair whatever the
// links' kinds, no loops.
func simpleGraph(nodes []string, links []Link) ([]string, [][]int32) {
	id := make(map[string]int32, len(nodes))
	var name []string
	var adj [][]int32
	add := func(s string) int32 {
		if i, ok := id[s]; ok {
			return i
		}
		i := int32(len(name))
		id[s] = i
		name = append(name, s)
		adj = append(adj, nil)
		return i
	}
	for _, n := range nodes {
		add(n)
	}
	seen := make(map[[2]int32]bool, len(links))
	for _, l := range links {
		a, b := add(l.A), add(l.B)
		if a > b {
			a, b = b, a
		}
		if a != b && !seen[[2]int32{a, b}] {
			seen[[2]int32{a, b}] = true
			adj[a] = append(adj[a], b)
			adj[b] = append(adj[b], a)
		}
	}
	return name, adj
}

// adjGraph is an undirected simple graph on nodes 0..n-1 held as adjacency
// slices: gonum's graph.Undirected, for gonum's traversals, with
// neighbours iterated from a slice (simple.UndirectedGraph iterates maps).
type adjGraph struct {
	nodes []graph.Node
	adj   [][]graph.Node
}

func newAdjGraph(adj [][]int32) *adjGraph {
	g := &adjGraph{nodes: make([]graph.Node, len(adj)), adj: make([][]graph.Node, len(adj))}
	for i, ns := range adj {
		g.nodes[i] = simple.Node(i)
		for _, w := range ns {
			g.adj[i] = append(g.adj[i], simple.Node(w))
		}
	}
	return g
}

func (g *adjGraph) Node(id int64) graph.Node {
	if id < 0 || id >= int64(len(g.nodes)) {
		return nil
	}
	return g.nodes[id]
}

func (g *adjGraph) Nodes() graph.Nodes { return iterator.NewOrderedNodes(g.nodes) }

func (g *adjGraph) From(id int64) graph.Nodes {
	if id < 0 || id >= int64(len(g.adj)) {
		return graph.Empty
	}
	return iterator.NewOrderedNodes(g.adj[id])
}

func (g *adjGraph) HasEdgeBetween(x, y int64) bool {
	if x < 0 || x >= int64(len(g.adj)) {
		return false
	}
	for _, n := range g.adj[x] {
		if n.ID() == y {
			return true
		}
	}
	return false
}

func (g *adjGraph) Edge(u, v int64) graph.Edge { return g.EdgeBetween(u, v) }

func (g *adjGraph) EdgeBetween(x, y int64) graph.Edge {
	if !g.HasEdgeBetween(x, y) {
		return nil
	}
	return simple.Edge{F: g.nodes[x], T: g.nodes[y]}
}
