package casework

import (
	"context"
	"fmt"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
)

// refBetweennessNodes bounds the graphs whose betweenness the reference
// computes: gonum's takes minutes on thousands of numbers (the analysis
// package holds the betweenness to gonum's on random graphs too).
const refBetweennessNodes = 600

// refLink is one link of the reference graph.
type refLink struct {
	calls, sms, talk int64
}

// referenceGraph computes the link graph the slow, obvious way, from every
// call edge of the case (store.VoiceEdges of all subscribers, one pass, a
// query of its own): each subscriber's side of a pair kept when it has
// MinCalls calls or SMS (a number without key only beside the centre), the
// pair's counts the larger side's, a breadth-first walk over all of them,
// and every link with both ends within hops. Betweenness by gonum's
// network.Betweenness on gonum's simple graph (nil above
// refBetweennessNodes numbers).
func referenceGraph(t *testing.T, edges []store.VoiceEdge, center string, hops int, minCalls int64) (map[string]int, map[[2]string]*refLink, map[string]float64) {
	t.Helper()
	links := map[[2]string]*refLink{}
	adj := map[string][]string{}
	for _, e := range edges {
		calls, sms := e.CallsOut+e.CallsIn, e.SMSOut+e.SMSIn
		if calls < minCalls && sms < minCalls || !e.Keyed && e.MSISDN != center || e.MSISDN == e.Other {
			continue
		}
		if calls < minCalls {
			calls = 0
		}
		if sms < minCalls {
			sms = 0
		}
		talk := e.TalkS
		if calls == 0 {
			talk = 0
		}
		if calls == 0 && sms == 0 {
			continue
		}
		k := [2]string{min(e.MSISDN, e.Other), max(e.MSISDN, e.Other)}
		l := links[k]
		if l == nil {
			l = &refLink{}
			links[k] = l
			adj[k[0]] = append(adj[k[0]], k[1])
			adj[k[1]] = append(adj[k[1]], k[0])
		}
		l.calls, l.sms, l.talk = max(l.calls, calls), max(l.sms, sms), max(l.talk, talk)
	}
	hop := map[string]int{center: 0}
	queue := []string{center}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		if hop[v] == hops {
			continue
		}
		for _, w := range adj[v] {
			if _, ok := hop[w]; !ok {
				hop[w] = hop[v] + 1
				queue = append(queue, w)
			}
		}
	}
	kept := map[[2]string]*refLink{}
	g := simple.NewUndirectedGraph()
	id := map[string]int64{}
	for n := range hop {
		id[n] = int64(len(id))
		g.AddNode(simple.Node(id[n]))
	}
	for k, l := range links {
		_, a := hop[k[0]]
		_, b := hop[k[1]]
		if a && b {
			kept[k] = l
			g.SetEdge(simple.Edge{F: simple.Node(id[k[0]]), T: simple.Node(id[k[1]])})
		}
	}
	bc := map[string]float64{}
	if len(id) > refBetweennessNodes {
		return hop, kept, nil
	}
	raw := network.Betweenness(g)
	for n, i := range id {
		bc[n] = raw[i] / 2
	}
	return hop, kept, bc
}

// On a generated case, the graph around several numbers (the planted
// broker and group members, the busiest subscribers, a number no
// subscriber owns) at one to three hops, with and without --min-calls,
// holds exactly the numbers, hops, links, counts and betweenness of the
// reference computed from every call edge of the case.
func TestGraphMatchesReferenceOnGeneratedCase(t *testing.T) {
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Subscribers, cfg.Records, cfg.VoiceSubscribers, cfg.SimBoxes, cfg.Days = 17, 30, 3000, 150, 4, 14
	st, _, truth := casekit.GeneratedCase(t, cfg)
	ctx := context.Background()
	edges, err := st.VoiceEdges(ctx, nil, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	subs, err := st.VoiceSubscribers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	slices.SortStableFunc(subs, func(x, y store.VoiceSubscriber) int { return int(y.Records - x.Records) })
	c := truth.Calls
	centers := []string{c.Broker, c.Group1[0], c.Group2[1], subs[0].MSISDN, subs[len(subs)/2].MSISDN, c.Group1Shared[0]}
	for _, center := range centers {
		for _, hops := range []int{1, 2, 3} {
			for _, minCalls := range []int64{1, 3} {
				name := fmt.Sprintf("%s/%d hops/min %d", center, hops, minCalls)
				opt := GraphOptions{Hops: hops, MinCalls: minCalls, CorrThreshold: -1}
				g, err := BuildGraph(ctx, st, nil, center, opt)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				hop, links, bc := referenceGraph(t, edges, g.Center, hops, minCalls)
				if len(g.Nodes) != len(hop) {
					t.Errorf("%s: %d numbers, reference %d", name, len(g.Nodes), len(hop))
				}
				for _, n := range g.Nodes {
					h, ok := hop[n.ID]
					if !ok || h != n.Hop || bc != nil && math.Abs(n.Betweenness-bc[n.ID]) > 1e-6*math.Max(1, bc[n.ID]) {
						t.Errorf("%s: %s hop %d betweenness %g; reference %v %d %g", name, n.ID, n.Hop, n.Betweenness, ok, h, bc[n.ID])
					}
				}
				got := map[[2]string]*refLink{}
				for _, e := range g.Edges {
					k := [2]string{e.A, e.B}
					if got[k] == nil {
						got[k] = &refLink{}
					}
					switch e.Kind {
					case "call":
						got[k].calls, got[k].talk = int64(e.Weight), e.TalkS
					case "sms":
						got[k].sms = int64(e.Weight)
					}
				}
				if len(got) != len(links) {
					t.Errorf("%s: %d linked pairs, reference %d", name, len(got), len(links))
				}
				for k, l := range links {
					if g := got[k]; g == nil || *g != *l {
						t.Errorf("%s: %v = %+v, reference %+v", name, k, g, *l)
					}
				}
			}
		}
	}
}
