package analysis

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"
)

// randomLinks is a random graph of n numbers: each pair linked with
// probability p, by a call and sometimes by an SMS too (a second kind on
// the same pair), with a few self-links and repeated pairs thrown in.
func randomLinks(r *rand.Rand, n int, p float64) []Link {
	var ls []Link
	name := func(i int) string { return fmt.Sprintf("n%03d", i) }
	for i := range n {
		for j := i + 1; j < n; j++ {
			if r.Float64() < p {
				ls = append(ls, Link{A: name(i), B: name(j), Kind: LinkCall, Weight: 1})
				if r.IntN(4) == 0 {
					ls = append(ls, Link{A: name(i), B: name(j), Kind: LinkSMS, Weight: 2})
				}
			}
		}
		if r.IntN(10) == 0 {
			ls = append(ls, Link{A: name(i), B: name(i), Kind: LinkCall, Weight: 1})
		}
	}
	r.Shuffle(len(ls), func(i, j int) { ls[i], ls[j] = ls[j], ls[i] })
	return ls
}

// gonumBetweenness is the independent reference: gonum's own
// network.Betweenness on gonum's own simple.UndirectedGraph built from the
// links, halved (gonum sums ordered pairs).
func gonumBetweenness(nodes []string, ls []Link) map[string]float64 {
	g := simple.NewUndirectedGraph()
	id := map[string]int64{}
	node := func(s string) simple.Node {
		if _, ok := id[s]; !ok {
			id[s] = int64(len(id))
			g.AddNode(simple.Node(id[s]))
		}
		return simple.Node(id[s])
	}
	for _, n := range nodes {
		node(n)
	}
	for _, l := range ls {
		a, b := node(l.A), node(l.B)
		if a != b {
			g.SetEdge(simple.Edge{F: a, T: b})
		}
	}
	raw := network.Betweenness(g)
	out := map[string]float64{}
	for s, i := range id {
		out[s] = raw[i] / 2
	}
	return out
}

// The fast Brandes (slices, both cores) gives gonum's numbers on random
// graphs: sparse ones with leaves and several components, dense ones with
// many equal shortest paths, with isolated numbers and parallel links.
func TestBetweennessMatchesGonumOnRandomGraphs(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 1))
	for trial := range 60 {
		n := 3 + r.IntN(120)
		p := []float64{0.01, 0.03, 0.08, 0.3, 0.7}[trial%5]
		ls := randomLinks(r, n, p)
		nodes := []string{"isolated", "n000"}
		m := Measure("n000", nodes, ls)
		want := gonumBetweenness(nodes, ls)
		if len(m.Betweenness) != len(want) {
			t.Fatalf("trial %d: %d nodes, gonum %d", trial, len(m.Betweenness), len(want))
		}
		for s, w := range want {
			if got := m.Betweenness[s]; math.Abs(got-w) > 1e-9*math.Max(1, w) {
				t.Fatalf("trial %d (n %d, p %g): betweenness of %s = %.12g, gonum %.12g", trial, n, p, s, got, w)
			}
		}
	}
}

// The same figures to the last bit on one core and on several: the parts
// are summed in a fixed order.
func TestBetweennessSameOnAnyCores(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 2))
	ls := randomLinks(r, 400, 0.02)
	prev := runtime.GOMAXPROCS(1)
	one := Measure("n000", nil, ls)
	runtime.GOMAXPROCS(max(prev, 4))
	many := Measure("n000", nil, ls)
	runtime.GOMAXPROCS(prev)
	for s, b := range one.Betweenness {
		if many.Betweenness[s] != b {
			t.Fatalf("%s: %v on one core, %v on several", s, b, many.Betweenness[s])
		}
	}
}

// A cancelled context stops the measure with its error.
func TestMeasureCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ls := randomLinks(rand.New(rand.NewPCG(16, 3)), 200, 0.05)
	if _, err := MeasureContext(ctx, "n000", nil, ls); !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
}

// egoLinks is the shape of the 2-hop graph of a subscriber with 500
// contacts (BenchmarkGraphTwoHops in casework): 500 hop-1 numbers, 100 of
// them calling 20 other hop-1 numbers and 20 numbers of their own.
func egoLinks() []Link {
	r := rand.New(rand.NewPCG(7, 16))
	var ls []Link
	for i := range 500 {
		ls = append(ls, Link{A: "a", B: fmt.Sprintf("h%03d", i), Kind: LinkCall, Weight: 1})
	}
	for i := range 100 {
		for j := range 20 {
			ls = append(ls, Link{A: fmt.Sprintf("h%03d", i), B: fmt.Sprintf("h%03d", r.IntN(500)), Kind: LinkCall, Weight: 1},
				Link{A: fmt.Sprintf("h%03d", i), B: fmt.Sprintf("o%04d", i*100+j), Kind: LinkCall, Weight: 1})
		}
	}
	return ls
}

// BenchmarkBetweennessVsGonum measures the betweenness of a 2,601-number
// ego network (Measure) beside gonum's network.Betweenness of the same
// graph in the same run (the reference it replaced); ratio < 1 is faster.
func BenchmarkBetweennessVsGonum(b *testing.B) {
	ls := egoLinks()
	name, adj := simpleGraph(nil, ls)
	g := newAdjGraph(adj)
	var ours, ref float64
	n := 0
	for b.Loop() {
		t0 := time.Now()
		m := Measure("a", nil, ls)
		t1 := time.Now()
		raw := network.Betweenness(g)
		t2 := time.Now()
		if math.Abs(m.Betweenness["a"]-raw[0]/2) > 1e-6 || name[0] != "a" {
			b.Fatalf("a: %v, gonum %v", m.Betweenness["a"], raw[0]/2)
		}
		ours, ref = ours+t1.Sub(t0).Seconds(), ref+t2.Sub(t1).Seconds()
		n++
	}
	b.ReportMetric(float64(len(name)), "nodes")
	b.ReportMetric(ours*1000/float64(n), "ms/measure")
	b.ReportMetric(ref*1000/float64(n), "ms/gonum")
	b.ReportMetric(ours/ref, "ratio")
}
