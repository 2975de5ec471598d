package casework

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
)

// graphFixture is hand-built; every figure the tests expect is read off it.
// A (919800000001), B (...02) and F (...06) are subscribers; C, D, E are
// numbers only others' records name. B is written three ways. A's CDR has
// three calls with B (150 s), B's only two of them (120 s). HDFCBK is a
// bank's alphanumeric sender that texts both A and F.
const graphFixture = `MSISDN,B_NUMBER,CALL_TYPE,CALL_DATE,CALL_TIME,DURATION,CELL_ID
919800000001,09800000002,VOICE_OUT,2024-03-13,10:00:00,60,X
919800000001,09800000002,VOICE_OUT,2024-03-13,11:00:00,60,X
919800000001,+91 98000 00002,VOICE_IN,2024-03-13,12:00:00,30,X
919800000001,919800000003,SMS_OUT,2024-03-13,13:00:00,0,X
919800000001,919800000004,VOICE_OUT,2024-03-13,14:00:00,10,X
919800000001,HDFCBK,SMS_IN,2024-03-13,15:00:00,0,X
919800000002,919800000001,VOICE_IN,2024-03-13,10:00:01,60,Y
919800000002,919800000001,VOICE_IN,2024-03-13,11:00:01,60,Y
919800000002,919800000005,VOICE_OUT,2024-03-13,16:00:00,20,Y
919800000006,+919800000005,VOICE_OUT,2024-03-13,17:00:00,5,Z
919800000006,HDFCBK,SMS_IN,2024-03-13,15:00:00,0,Z
`

const (
	gA, gB, gC, gD, gE, gF = "919800000001", "919800000002", "919800000003", "919800000004", "919800000005", "919800000006"
)

func graphStore(t *testing.T) *store.Store {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "calls.csv")
	if err := os.WriteFile(file, []byte(graphFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	return importInto(t, dir, file)
}

func graphOpts(hops int, minCalls int64) GraphOptions {
	o := DefaultGraphOptions()
	o.Hops, o.MinCalls = hops, minCalls
	return o
}

func edgeSet(g *Graph) map[[3]string]analysis.Link {
	m := map[[3]string]analysis.Link{}
	for _, e := range g.Edges {
		m[[3]string{e.A, e.B, e.Kind}] = e
	}
	return m
}

func TestGraphTwoHopsByHand(t *testing.T) {
	st := graphStore(t)
	g, err := BuildGraph(context.Background(), st, analysis.DefaultDictionary(), "09800000001", graphOpts(2, 1))
	if err != nil {
		t.Fatal(err)
	}
	if g.Center != gA {
		t.Fatalf("center %q, want A's key %s", g.Center, gA)
	}
	want := map[[3]string]analysis.Link{
		{gA, gB, "call"}:      {A: gA, B: gB, Kind: "call", Weight: 3, TalkS: 150}, // the larger side, never the sum
		{gA, gC, "sms"}:       {A: gA, B: gC, Kind: "sms", Weight: 1},
		{gA, gD, "call"}:      {A: gA, B: gD, Kind: "call", Weight: 1, TalkS: 10},
		{gA, "HDFCBK", "sms"}: {A: gA, B: "HDFCBK", Kind: "sms", Weight: 1},
		{gB, gE, "call"}:      {A: gB, B: gE, Kind: "call", Weight: 1, TalkS: 20},
	}
	got := edgeSet(g)
	if len(got) != len(want) {
		t.Errorf("edges %+v, want %d", g.Edges, len(want))
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("edge %v = %+v, want %+v", k, got[k], w)
		}
	}
	// a tree: A separates {B, E}, {C}, {D}, {HDFCBK}: 10 pairs of the
	// other five less the one inside {B, E} = 9; B separates E from the
	// other four = 4
	hops := map[string]int{gA: 0, gB: 1, gC: 1, gD: 1, "HDFCBK": 1, gE: 2}
	betw := map[string]float64{gA: 9, gB: 4, gC: 0, gD: 0, "HDFCBK": 0, gE: 0}
	if len(g.Nodes) != len(hops) {
		t.Errorf("nodes %+v, want %d (F is 3 hops away)", g.Nodes, len(hops))
	}
	for id, h := range hops {
		n := g.Node(id)
		if n == nil {
			t.Errorf("no node %s", id)
			continue
		}
		if n.Hop != h || n.Betweenness != betw[id] {
			t.Errorf("%s: hop %d betweenness %g, want %d %g", id, n.Hop, n.Betweenness, h, betw[id])
		}
	}
	if g.Nodes[0].ID != gA || g.Nodes[1].ID != gB {
		t.Errorf("order by betweenness: %s, %s first", g.Nodes[0].ID, g.Nodes[1].ID)
	}
	if n := g.Node("HDFCBK"); n.Keyed || n.Subscriber {
		t.Errorf("HDFCBK %+v: neither keyed nor a subscriber", n)
	}
	if n := g.Node(gB); !n.Subscriber || n.Degree != 2 {
		t.Errorf("B %+v", n)
	}
	if g.Correlation != "the centre has no data records" {
		t.Errorf("correlation note %q", g.Correlation)
	}
}

// Three hops reach F through E (found by E's key in F's records, written
// +919800000005); the bank's sender texting A and F does not join them.
func TestGraphThreeHopsLeavesUnkeyedAlone(t *testing.T) {
	st := graphStore(t)
	g, err := BuildGraph(context.Background(), st, nil, gA, graphOpts(3, 1))
	if err != nil {
		t.Fatal(err)
	}
	got := edgeSet(g)
	if e := got[[3]string{gE, gF, "call"}]; e.Weight != 1 || e.TalkS != 5 {
		t.Errorf("E-F %+v", e)
	}
	if _, ok := got[[3]string{gF, "HDFCBK", "sms"}]; ok {
		t.Error("the bank's sender links F")
	}
	if n := g.Node(gF); n == nil || n.Hop != 3 {
		t.Errorf("F %+v", n)
	}
	if g.Correlation != "no port dictionary" {
		t.Errorf("correlation %q", g.Correlation)
	}
}

func TestGraphMinCalls(t *testing.T) {
	st := graphStore(t)
	g, err := BuildGraph(context.Background(), st, nil, gA, graphOpts(2, 2))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Edges) != 1 || g.Edges[0] != (analysis.Link{A: gA, B: gB, Kind: "call", Weight: 3, TalkS: 150}) || len(g.Nodes) != 2 {
		t.Errorf("min 2: %+v %+v", g.Edges, g.Nodes)
	}
}

// A centre that is no subscriber: E, named by B and F.
func TestGraphCenterNotSubscriber(t *testing.T) {
	st := graphStore(t)
	g, err := BuildGraph(context.Background(), st, analysis.DefaultDictionary(), "+91 98000 00005", graphOpts(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	if g.Center != gE || len(g.Nodes) != 3 || g.Node(gB) == nil || g.Node(gF) == nil {
		t.Errorf("%+v", g)
	}
	if g.Node(gE).Betweenness != 1 { // between B and F
		t.Errorf("E %+v", g.Node(gE))
	}
	if _, err := BuildGraph(context.Background(), st, nil, "919811111111", graphOpts(1, 1)); !errors.Is(err, ErrNoNumber) {
		t.Errorf("unknown number: %v", err)
	}
	for _, o := range []GraphOptions{graphOpts(0, 1), graphOpts(MaxHops+1, 1), graphOpts(1, 0)} {
		if _, err := BuildGraph(context.Background(), st, nil, gA, o); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
}
