package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
)

const trendsUsage = "trends CASE.db MSISDN[,MSISDN...]|all [--app WhatsApp] [--each] [--json | --csv | --list | --list-csv] [--ports FILE]... [--from T] [--to T]"

// runTrends prints when subscribers used an application, by the wall
// clock of the evidence: three-hour intervals, weekdays, both together and
// dates (section III.C of the paper).
func runTrends(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("trends", flag.ContinueOnError)
	app := fs.String("app", casework.DefaultTrendApp, "application of the port dictionary (cdrtui ports CASE lists them), \"port N\" or \"no port\"")
	each := fs.Bool("each", false, "one trend per MSISDN given (side by side) instead of one for them all")
	asJSON := fs.Bool("json", false, "print JSON")
	asCSV := fs.Bool("csv", false, "print the three-hour intervals as CSV (the paper's output file)")
	list := fs.Bool("list", false, "print every connection (time, port, destination IP, cell, file:line) and the total")
	listCSV := fs.Bool("list-csv", false, "print every connection as CSV")
	var portFiles multiFlag
	fs.Var(&portFiles, "ports", "an analyst's port dictionary (CSV) laid over the defaults and kept in the case; repeatable")
	timeScope := scopeFlags(fs)
	cluster := clusterFlag(fs)
	pos, ts, err := parseScoped(fs, timeScope, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return fmt.Errorf("%w: need a case file and an MSISDN (several separated by commas, or %q for the whole case)", errUsage, casework.AllSubscribers)
	}
	outputs := 0
	for _, b := range []bool{*asJSON, *asCSV, *list, *listCSV} {
		if b {
			outputs++
		}
	}
	if outputs > 1 {
		return fmt.Errorf("%w: choose one of --json, --csv, --list, --list-csv", errUsage)
	}
	scope, err := casework.ParseTrendScope(pos[1])
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	ctx := context.Background()
	st, _, dict, info, err := openCaseWithPorts(ctx, pos[0], *cluster, portFiles, false, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	scopes := []casework.TrendScope{scope}
	if *each && !scope.All {
		scopes = scopes[:0]
		for _, m := range scope.MSISDNs {
			scopes = append(scopes, casework.TrendScope{MSISDNs: []string{m}})
		}
	}
	var trends []*casework.Trend
	for _, sc := range scopes {
		t, err := casework.BuildTrendIn(ctx, st, dict, info, sc, *app, ts)
		if err != nil {
			return err
		}
		trends = append(trends, t)
	}
	var result any = trends // as --json prints it
	if len(trends) == 1 {
		result = trends[0]
	}
	recordRun(ctx, st, "trends", args, result, stderr)
	switch {
	case *asJSON:
		return writeJSON(stdout, result)
	case *asCSV:
		meta, err := casework.TrendsCSVMetaOf(ctx, st, "cdrtui trends "+strings.Join(args, " "), time.Now())
		if err != nil {
			return err
		}
		out, flush := terminalCSV(stdout)
		if err := casework.WriteTrendsCSV(out, meta, trends...); err != nil {
			return err
		}
		return flush()
	case *listCSV:
		meta, err := casework.TrendsCSVMetaOf(ctx, st, "cdrtui trends "+strings.Join(args, " "), time.Now())
		if err != nil {
			return err
		}
		out, flush := terminalCSV(stdout)
		if _, err := casework.WriteConnectionsCSV(ctx, st, out, meta, trends...); err != nil {
			return err
		}
		return flush()
	case *list:
		for _, t := range trends {
			if _, err := casework.WriteConnections(ctx, st, t, stdout, false); err != nil {
				return err
			}
		}
		return nil
	}
	printScope(stdout, ts)
	printTrends(stdout, trends)
	return nil
}

func printTrends(w io.Writer, ts []*casework.Trend) {
	t0 := ts[0]
	ports := strings.Join(t0.Ports, ", ")
	if ports == "" {
		ports = "none"
	}
	fmt.Fprintf(w, "%s (ports %s), hours of the wall clock written in the evidence\n", inert.String(t0.App), ports)
	fmt.Fprintf(w, "port dictionary: %s\n", inert.String(t0.Dictionary.Short()))
	if t0.Note != "" {
		fmt.Fprintf(w, "note: %s\n", inert.String(t0.Note))
	}
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = t.MSISDN
		if len(t.Subscribers) > 1 {
			names[i] = fmt.Sprintf("%d subscribers", len(t.Subscribers))
		}
	}
	row := func(label string, value func(*casework.Trend) int64) {
		fmt.Fprintf(w, "%-14s", label)
		for _, t := range ts {
			fmt.Fprintf(w, " %16d", value(t))
		}
		fmt.Fprintln(w)
	}
	header := func(title string) {
		fmt.Fprintf(w, "\n%-14s", title)
		for _, n := range names {
			fmt.Fprintf(w, " %16s", inert.String(lastChars(n, 16)))
		}
		fmt.Fprintln(w)
	}
	header("INTERVAL")
	for i := range 8 {
		row(analysis.ThreeHourLabel(i), func(t *casework.Trend) int64 { return t.Bins3h[i] })
	}
	row("total", func(t *casework.Trend) int64 { return t.Total })
	header("WEEKDAY")
	for i := range 7 {
		row(analysis.WeekdayLabel(i), func(t *casework.Trend) int64 { return t.Weekday[i] })
	}
	first, last, ok := analysis.Span(trendsOf(ts)...)
	if !ok {
		fmt.Fprintln(w, "\nno records")
		return
	}
	header("DATE")
	for _, d := range t0.Trend.Dates(first, last) {
		row(d.Date+" "+d.Weekday[:2], func(t *casework.Trend) int64 { return t.ByDate[d.Date] })
	}
	for _, t := range ts {
		fmt.Fprintf(w, "\nWEEKDAY x INTERVAL of %s\n%-4s", inert.String(t.MSISDN), "")
		for i := range 8 {
			fmt.Fprintf(w, " %6s", analysis.ThreeHourLabel(i))
		}
		fmt.Fprintln(w)
		for d := range 7 {
			fmt.Fprintf(w, "%-4s", analysis.WeekdayLabel(d))
			for i := range 8 {
				fmt.Fprintf(w, " %6d", t.Grid[d][i])
			}
			fmt.Fprintln(w)
		}
	}
}

func trendsOf(ts []*casework.Trend) []analysis.Trend {
	out := make([]analysis.Trend, len(ts))
	for i, t := range ts {
		out[i] = t.Trend
	}
	return out
}

// lastChars keeps the end of s (MSISDNs differ at the end).
func lastChars(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n+1:]
}
