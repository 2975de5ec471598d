package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
)

const graphUsage = "graph CASE.db A [--hops 2] [--min-calls N] [--corr-threshold S] [--window 180s] [--from T] [--to T] [--json] [--export FILE.(graphml|gexf|dot|csv)]"

// graphListed is how many nodes and links the text output lists (--json
// and --export have them all).
const graphListed = 25

func runGraph(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("graph", flag.ContinueOnError)
	def := casework.DefaultGraphOptions()
	hops := fs.Int("hops", def.Hops, "links to walk from A (1 to "+strconv.Itoa(casework.MaxHops)+")")
	minCalls := fs.Int64("min-calls", def.MinCalls, "a call link needs this many calls, an SMS link this many SMS")
	corr := fs.Float64("corr-threshold", def.CorrThreshold, "score (-log10 p) a data-session correlation with A needs to be a link; negative: none")
	window := &windowFlag{seconds: casework.DefaultWindow}
	fs.Var(window, "window", "the data-session correlation's window: 180s, 3m or seconds")
	asJSON := fs.Bool("json", false, "print JSON")
	export := fs.String("export", "", "write the graph to FILE: .graphml, .gexf (Gephi), .dot (Graphviz) or .csv (edge list, i2 Analyst's Notebook)")
	cluster := clusterFlag(fs)
	scope := scopeFlags(fs)
	pos, ts, err := parseScoped(fs, scope, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return fmt.Errorf("%w: need a case file and a number", errUsage)
	}
	if *hops < 1 || *hops > casework.MaxHops {
		return fmt.Errorf("%w: --hops must be 1 to %d", errUsage, casework.MaxHops)
	}
	if *minCalls < 1 {
		return fmt.Errorf("%w: --min-calls must be at least 1", errUsage)
	}
	if *export != "" {
		if _, err := casework.GraphFormat(*export); err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
	}
	ctx := context.Background()
	c, _, dict, _, err := openCaseWithPorts(ctx, pos[0], *cluster, nil, false, stderr)
	if err != nil {
		return err
	}
	defer c.Close()
	st, err := casework.CallsOf(c)
	if err != nil {
		return err
	}
	g, err := casework.BuildGraphIn(ctx, st, dict, pos[1], casework.GraphOptions{Hops: *hops, MinCalls: *minCalls, CorrThreshold: *corr, Window: window.seconds}, ts)
	if err != nil {
		return err
	}
	recordRun(ctx, st, "graph", args, g, stderr)
	if *export != "" {
		meta, err := casework.GraphMetaOf(ctx, st, time.Now())
		if err != nil {
			return err
		}
		if err := casework.NotIntoEvidence(ctx, st, *export); err != nil {
			return err
		}
		if err := casework.ExportGraph(*export, g, meta); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "graph written to %s (%d nodes, %d links)\n", inert.String(*export), len(g.Nodes), len(g.Edges))
	}
	if *asJSON {
		return writeJSON(stdout, g)
	}
	printGraph(stdout, g)
	return nil
}

func printGraph(w io.Writer, g *casework.Graph) {
	if g.Scope.Set() {
		fmt.Fprintf(w, "time scope: %s\n", g.Scope)
	}
	fmt.Fprintf(w, "link graph of %s: %s and %s within %s (calls and SMS of at least %d; data correlation: %s)\n\n",
		inert.String(g.CenterLabel), analysis.Plural(int64(len(g.Nodes)), "number", "numbers"),
		analysis.Plural(int64(len(g.Edges)), "link", "links"), analysis.Plural(int64(g.Hops), "hop", "hops"), g.MinCalls, inert.String(g.Correlation))
	fmt.Fprintf(w, "%-20s %-20s %3s %6s %12s %10s\n", "NUMBER", "AS WRITTEN", "HOP", "DEGREE", "BETWEENNESS", "NORMALIZED")
	for i, n := range g.Nodes {
		if i == graphListed {
			fmt.Fprintf(w, "... %d more (--json or --export for all)\n", len(g.Nodes)-graphListed)
			break
		}
		fmt.Fprintf(w, "%-20s %-20s %3d %6d %12.1f %10.3f\n", inert.String(n.ID), inert.String(n.Label), n.Hop, n.Degree, n.Betweenness, n.Normalized)
	}
	fmt.Fprintf(w, "\n%-20s %-20s %-16s %8s %8s\n", "A", "B", "KIND", "WEIGHT", "TALK_S")
	for i, e := range g.Edges {
		if i == graphListed {
			fmt.Fprintf(w, "... %d more (--json or --export for all)\n", len(g.Edges)-graphListed)
			break
		}
		fmt.Fprintf(w, "%-20s %-20s %-16s %8s %8d\n", inert.String(e.A), inert.String(e.B), e.Kind, strconv.FormatFloat(e.Weight, 'g', 4, 64), e.TalkS)
	}
}
