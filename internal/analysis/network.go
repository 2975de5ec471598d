package analysis

import (
	"cmp"
	"slices"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/network"
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

// Measures are the graph measures of each node of a link graph, computed
// by gonum (network.Betweenness, traverse.BreadthFirst) on the simple
// undirected graph of its links (two numbers are
// adjacent when any link joins them, whatever its kind or weight).
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
	g := &adjGraph{}
	id := make(map[string]int64, len(nodes))
	var name []string
	add := func(s string) int64 {
		if i, ok := id[s]; ok {
			return i
		}
		i := int64(len(name))
		id[s] = i
		name = append(name, s)
		g.nodes = append(g.nodes, simple.Node(i))
		g.adj = append(g.adj, nil)
		return i
	}
	for _, n := range nodes {
		add(n)
	}
	seen := map[[2]int64]bool{}
	for _, l := range links {
		a, b := add(l.A), add(l.B)
		if a > b {
			a, b = b, a
		}
		if a != b && !seen[[2]int64{a, b}] {
			seen[[2]int64{a, b}] = true
			g.adj[a] = append(g.adj[a], simple.Node(b))
			g.adj[b] = append(g.adj[b], simple.Node(a))
		}
	}
	m := Measures{Betweenness: map[string]float64{}, Normalized: map[string]float64{}, Degree: map[string]int{}, Hop: map[string]int{}}
	// gonum sums over ordered pairs (s, t); on an undirected graph each
	// unordered pair is counted twice
	raw := network.Betweenness(g)
	n := float64(len(name))
	for i, s := range name {
		b := raw[int64(i)] / 2
		m.Betweenness[s] = b
		if n > 2 {
			m.Normalized[s] = b / ((n - 1) * (n - 2) / 2)
		} else {
			m.Normalized[s] = 0
		}
		m.Degree[s] = len(g.adj[i])
	}
	if c, ok := id[center]; ok {
		var bf traverse.BreadthFirst
		bf.Walk(g, simple.Node(c), func(v graph.Node, depth int) bool {
			m.Hop[name[v.ID()]] = depth
			return false
		})
	}
	return m
}

// adjGraph is an undirected simple graph on nodes 0..n-1 held as adjacency
// slices: gonum's graph.Undirected, for gonum's algorithms, with
// neighbours iterated from a slice (simple.UndirectedGraph iterates maps,
// which dominates Brandes' algorithm on thousands of nodes).
type adjGraph struct {
	nodes []graph.Node
	adj   [][]graph.Node
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
