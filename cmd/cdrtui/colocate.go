package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
)

const colocateUsage = "colocate CASE.db A [B] [--within 15m] [--radius 0|500m|2km] [--top 10] [--from T] [--to T] [--json] [--export FILE.csv|.json]"

func runColocate(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("colocate", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	within := fs.Duration("within", 15*time.Minute, "records of A and B at most this far apart in time (--window is the same)")
	fs.DurationVar(within, "window", 15*time.Minute, "the same as --within")
	radius := fs.String("radius", "0", "sites at most this far apart (500m, 2km); 0: the same site (cells within 100 m)")
	top := fs.Int("top", 10, "without B: how many of those most often with A to list")
	export := fs.String("export", "", "also write the result to FILE.csv or FILE.json (what it is of, the sources' SHA-256, every record's file and line)")
	scope := scopeFlags(fs)
	cluster := clusterFlag(fs)
	pos, ts, err := parseScoped(fs, scope, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 && len(pos) != 3 {
		return fmt.Errorf("%w: need a case file and A (and B)", errUsage)
	}
	p := casework.DefaultColocParams()
	p.Scope = ts
	if *within < time.Second {
		return fmt.Errorf("%w: --within must be at least 1s", errUsage)
	}
	p.WindowS = int64(*within / time.Second)
	if p.RadiusM, err = casework.ParseDistance(*radius); err != nil {
		return fmt.Errorf("%w: --radius: %v", errUsage, err)
	}
	if *top < 1 {
		return fmt.Errorf("%w: --top must be at least 1", errUsage)
	}
	p.Top = *top
	if *export != "" {
		if ext := strings.ToLower(filepath.Ext(*export)); ext != ".csv" && ext != ".json" {
			return fmt.Errorf("%w: --export: the extension says no format (%s)", errUsage, strings.Join(casework.ColocExportFormats, ", "))
		}
	}
	st, _, err := openLocator(pos[0], *cluster, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	if len(pos) == 2 {
		rep, err := casework.ColocateTop(ctx, st, pos[1], p)
		if err != nil {
			return err
		}
		if *export != "" {
			if err := casework.ExportColocation(ctx, st, nil, rep, *export, time.Now()); err != nil {
				return err
			}
		}
		recordRun(ctx, st, "colocate", args, rep, stderr)
		if *asJSON {
			return writeJSON(stdout, rep)
		}
		printScope(stdout, ts)
		printCompanions(stdout, rep)
		return nil
	}
	rep, err := casework.Colocate(ctx, st, pos[1], pos[2], p)
	if err != nil {
		return err
	}
	if *export != "" {
		if err := casework.ExportColocation(ctx, st, rep, nil, *export, time.Now()); err != nil {
			return err
		}
	}
	recordRun(ctx, st, "colocate", args, rep, stderr)
	if *asJSON {
		return writeJSON(stdout, rep)
	}
	printScope(stdout, ts)
	printColocate(stdout, rep)
	return nil
}

func radiusText(m float64) string {
	if m <= 0 {
		return "at the same site"
	}
	return fmt.Sprintf("within %g m", m)
}

func printColocate(w io.Writer, r *casework.ColocReport) {
	fmt.Fprintf(w, "%s and %s %s within %s: %d meetings; chance gives %.2f (score %.2f)\n", inert.String(r.A), inert.String(r.B),
		radiusText(r.RadiusM), analysis.WindowText(time.Duration(r.WindowS)*time.Second), len(r.Meetings), r.Expected, r.Score)
	fmt.Fprintf(w, "(%d of A's and %d of B's records placed; %s)\n", r.PlacedA, r.PlacedB, r.Method)
	for _, m := range r.Meetings {
		fmt.Fprintf(w, "\n%s .. %s  A in %s, B in %s (%.0f m)\n", m.At, m.End, inert.String(m.CellA), inert.String(m.CellB), m.DistanceM)
		for _, rec := range m.Records {
			fmt.Fprintf(w, "  %s %s %-5s %-22s %s:%d\n", strings.ToUpper(rec.Side), rec.At, rec.Kind, inert.String(rec.Cell), inert.String(rec.File), rec.Line)
		}
	}
}

func printCompanions(w io.Writer, r *casework.CompanionsReport) {
	fmt.Fprintf(w, "who was most with %s (%s within %s): %d subscribers near A's records\n", inert.String(r.A), radiusText(r.RadiusM),
		analysis.WindowText(time.Duration(r.WindowS)*time.Second), r.Candidates)
	fmt.Fprintf(w, "%-16s %8s %9s %8s %6s  %-19s %-19s\n", "MSISDN", "MEETINGS", "EXPECTED", "EXCESS", "SCORE", "FIRST", "LAST")
	for _, c := range r.Companions {
		fmt.Fprintf(w, "%-16s %8d %9.2f %8.2f %6.2f  %-19s %-19s\n", inert.String(c.MSISDN), c.Meetings, c.Expected, c.Excess, c.Score, c.First, c.Last)
	}
	fmt.Fprintln(w, "ranked by score (how unlikely so many meetings are by chance); "+r.Method)
}
