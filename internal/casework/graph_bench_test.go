package casework

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
)

// graphBenchCase writes and imports a synthetic voice case: subscriber A
// (919700000000) calls 500 numbers, 100 of which are subscribers calling
// 20 of A's other contacts and 20 numbers of their own (so the second hop
// holds about 2,000 numbers), among `others` background subscribers
// making 60 calls each to numbers of their own.
func graphBenchCase(b *testing.B, others int) (*store.Store, string) {
	b.Helper()
	dir := b.TempDir()
	r := rand.New(rand.NewPCG(7, 16))
	var sb strings.Builder
	sb.WriteString("MSISDN,B_NUMBER,CALL_TYPE,CALL_DATE,CALL_TIME,DURATION,CELL_ID\n")
	t0 := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	row := func(a, o uint64, kind string, k int) {
		at := t0.Add(time.Duration(k) * 37 * time.Second)
		fmt.Fprintf(&sb, "%d,%d,%s,%s,%s,%d,C%d\n", a, o, kind, at.Format("2006-01-02"), at.Format("15:04:05"), 10+r.IntN(300), r.IntN(50))
	}
	const a = 919700000000
	k := 0
	for i := range 500 {
		for j := range 1 + i%3 {
			kind := "VOICE_OUT"
			if j == 1 {
				kind = "SMS_OUT"
			}
			row(a, 919710000000+uint64(i), kind, k)
			k++
		}
	}
	for i := range 100 {
		sub := 919710000000 + uint64(i)
		row(sub, a, "VOICE_IN", k)
		k++
		for j := range 20 {
			row(sub, 919710000000+uint64(r.IntN(500)), "VOICE_OUT", k)
			row(sub, 919800000000+uint64(i*100+j), "VOICE_OUT", k+1)
			k += 2
		}
	}
	for i := range others {
		sub := 919600000000 + uint64(i)
		for range 60 {
			row(sub, 919900000000+uint64(r.IntN(1_000_000)), "VOICE_OUT", k)
			k++
		}
	}
	file := filepath.Join(dir, "calls.csv")
	if err := os.WriteFile(file, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	st, err := store.Create(filepath.Join(dir, "case.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if res, err := st.Import(context.Background(), []string{file}, store.ImportOptions{}); err != nil || res[0].Error != "" {
		b.Fatalf("import: %v %+v", err, res)
	}
	return st, "919700000000"
}

// BenchmarkGraphTwoHops builds the 2-hop graph of a subscriber with 500
// contacts (walk by key through voice_by_subscriber and
// voice_by_other_key, then gonum's betweenness), beside a reference
// measured in the same run: one pass reading every call edge of the case
// (store.VoiceEdges of all subscribers), which a graph built without the
// indexes would need at least. ratio < 1: the graph costs less than
// reading the case once. CDRTUI_BENCH_OTHERS sets the background
// subscribers (default 2,000: about 125,000 records; "small").
func BenchmarkGraphTwoHops(b *testing.B) {
	others := 2000
	if s := os.Getenv("CDRTUI_BENCH_OTHERS"); s != "" {
		fmt.Sscan(s, &others)
	}
	st, a := graphBenchCase(b, others)
	ctx := context.Background()
	opt := DefaultGraphOptions()
	var graph, reference clock
	n := 0
	for b.Loop() {
		timed(b, &graph, func() error {
			g, err := BuildGraph(ctx, st, analysis.DefaultDictionary(), a, opt)
			if c := g.Node(a); err == nil && (c == nil || c.Degree != 500 || len(g.Nodes) < 2500) {
				b.Fatalf("graph: %d nodes, centre %+v", len(g.Nodes), c)
			}
			return err
		})
		timed(b, &reference, func() error {
			edges, err := st.VoiceEdges(ctx, nil, 0, 0)
			if err == nil && len(edges) < others*50 {
				b.Fatalf("reference: %d edges", len(edges))
			}
			return err
		})
		n++
	}
	report(b, n, graph, reference, "graph", "full-pass")
}

// graphReads reads what BuildGraph reads for g, hop by hop: the call links
// of the keyed numbers at each hop (store.CallLinks), those among the last
// hop's numbers (store.CallLinksAmong), and which numbers are subscribers.
// The store's part of a graph, the reference of BenchmarkGraph500.
func graphReads(ctx context.Context, st *store.Store, g *Graph) error {
	var all []string
	for h := 0; h <= g.Hops; h++ {
		var keys []string
		for _, n := range g.Nodes {
			if n.Hop == h && n.Keyed {
				keys = append(keys, n.ID)
			}
		}
		all = append(all, keys...)
		var err error
		if h < g.Hops {
			_, err = st.CallLinks(ctx, keys, 0, 0)
		} else {
			_, err = st.CallLinksAmong(ctx, keys, keys, 0, 0)
		}
		if err != nil {
			return err
		}
	}
	_, err := st.SubscribersByKey(ctx, all)
	return err
}

// BenchmarkGraph500 builds the 2-hop graph (the CLI's defaults: every
// call, data correlations scoring 5 or more) of two subscribers of the
// benchmark case (the 1M case, or CDRTUI_BENCH_CASE=10M): the one whose
// distinct contacts are nearest 500 (the generated cases' honest
// subscribers have fewer, but their contacts are subscribers with contacts
// of their own: thousands of numbers at two hops) and the one with the
// most (a SIM-box SIM calling thousands of numbers once). Beside each, the
// store's part alone measured in the same run (graphReads: the same
// queries); ratio - 1 is what the merging, the correlation and the
// betweenness add.
func BenchmarkGraph500(b *testing.B) {
	st, _, _ := openBenchCase(b)
	ctx := context.Background()
	edges, err := st.VoiceEdges(ctx, nil, 0, 0)
	if err != nil {
		b.Fatal(err)
	}
	contacts := map[string]int{}
	for _, e := range edges {
		if e.Keyed && e.Other != e.MSISDN {
			contacts[e.MSISDN]++
		}
	}
	nearest, most := "", ""
	for m, c := range contacts {
		if d, bd := abs(c-500), abs(contacts[nearest]-500); nearest == "" || d < bd || d == bd && m < nearest {
			nearest = m
		}
		if c > contacts[most] || c == contacts[most] && m < most {
			most = m
		}
	}
	for _, sub := range []struct{ name, center string }{{"nearest-500", nearest}, {"most-contacts", most}} {
		b.Run(sub.name, func(b *testing.B) {
			dict := analysis.DefaultDictionary()
			opt := DefaultGraphOptions()
			var ours, ref clock
			var g *Graph
			n := 0
			for b.Loop() {
				timed(b, &ours, func() (err error) { g, err = BuildGraph(ctx, st, dict, sub.center, opt); return err })
				timed(b, &ref, func() error { return graphReads(ctx, st, g) })
				n++
			}
			b.ReportMetric(float64(contacts[sub.center]), "contacts")
			b.ReportMetric(float64(len(g.Nodes)), "nodes")
			b.ReportMetric(float64(len(g.Edges)), "links")
			report(b, n, ours, ref, "graph", "reads")
		})
	}
}

func abs(x int) int { return max(x, -x) }
