package analysis

import (
	"cmp"
	"slices"

	"gonum.org/v1/gonum/graph"
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
// by gonum on the simple undirected graph of its links (two numbers are
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
	g := simple.NewUndirectedGraph()
	id := make(map[string]int64, len(nodes))
	name := make([]string, 0, len(nodes))
	add := func(s string) int64 {
		if i, ok := id[s]; ok {
			return i
		}
		i := int64(len(name))
		id[s] = i
		name = append(name, s)
		g.AddNode(simple.Node(i))
		return i
	}
	for _, n := range nodes {
		add(n)
	}
	for _, l := range links {
		a, b := add(l.A), add(l.B)
		if a != b && !g.HasEdgeBetween(a, b) {
			g.SetEdge(simple.Edge{F: simple.Node(a), T: simple.Node(b)})
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
		m.Degree[s] = g.From(int64(i)).Len()
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
