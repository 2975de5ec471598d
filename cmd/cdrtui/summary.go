package main

import (
	"context"
	"flag"
	"fmt"
	"github.com/cdrtui/cdrtui/internal/analysis"
	"io"
	"sort"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/store/clickhouse"
)

func runSummary(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("summary", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	scope := scopeFlags(fs)
	cluster := clusterFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: need one case file", errUsage)
	}
	ts, err := scope()
	if err != nil {
		return err
	}
	if ts.Set() {
		return printScopedSummary(pos[0], *cluster, ts, *asJSON, stdout, stderr)
	}
	return printSummary(pos[0], *cluster, *asJSON, stdout, stderr)
}

func printSummary(casePath, cluster string, asJSON bool, w, stderr io.Writer) error {
	st, _, err := openCase(casePath, cluster, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	sum, err := st.Summary(context.Background())
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(w, sum)
	}
	fmt.Fprintf(w, "case %s\n", inert.String(sum.Path))
	fmt.Fprintf(w, "span %s .. %s (wall clock as written in the evidence)\n", orDash(sum.FirstWall), orDash(sum.LastWall))
	kinds := make([]string, 0, len(sum.Records))
	for k := range sum.Records {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		fmt.Fprintf(w, "%-22s %s\n", k+" records", analysis.Thousands(sum.Records[k]))
	}
	fmt.Fprintf(w, "%-22s %s\n%-22s %s\n%-22s %s\n%-22s %s\n", "subscribers", analysis.Thousands(sum.Subscribers), "cells", analysis.Thousands(sum.Cells),
		"devices (IMSI/IMEI)", analysis.Thousands(sum.Devices), "rows rejected", analysis.Thousands(sum.Rejected))
	plan := "none (only numbers written with their country code are keyed)"
	if sum.Country != "" {
		plan = sum.Country + " (" + inert.String(sum.CountryHow) + ")"
	}
	fmt.Fprintf(w, "%-22s %s\n", "numbering plan", plan)
	fmt.Fprintf(w, "\nsources:\n")
	for _, s := range sum.Sources {
		fmt.Fprintf(w, "  #%d %s  [%s] %s, %s rejected, sha256 %s\n", s.ID, inert.String(s.Path), inert.String(s.Format), analysis.Plural(s.Rows, "row", "rows"), analysis.Thousands(s.Rejected), s.SHA256)
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// openExisting opens a case that must already exist (analysis commands
// never create an empty case by a typo) for a command that may write into
// it; what the analyst should know about the case goes to stderr.
func openExisting(path string, stderr io.Writer) (*store.Store, error) {
	if err := localOnly(path); err != nil {
		return nil, err
	}
	if err := casework.MustExist(path); err != nil {
		return nil, err
	}
	st, err := store.Open(path)
	if err != nil {
		return nil, err
	}
	warn(st, stderr)
	return st, nil
}

// openReading opens an existing case for a command that only reads it:
// nothing is written, so the case's bytes stay as they were.
func openReading(path string, stderr io.Writer) (*store.Store, error) {
	if err := localOnly(path); err != nil {
		return nil, err
	}
	if err := casework.MustExist(path); err != nil {
		return nil, err
	}
	st, err := store.OpenReadOnly(path)
	if err != nil {
		return nil, err
	}
	// what is known of the case, and no note that a large case's check is
	// still running (a read needs no check: SQLite refuses a damaged page
	// it reads); damage the check finds before the command ends is said
	// once, at its end
	printWarnings(st.Findings(), stderr)
	st.OnLateFinding(func(w string) { printWarnings([]string{w}, stderr) })
	return st, nil
}

func warn(st *store.Store, stderr io.Writer) { printWarnings(st.Warnings(), stderr) }

func printWarnings(ws []string, stderr io.Writer) {
	for _, w := range ws {
		fmt.Fprintln(stderr, "cdrtui: warning: "+inert.String(w))
	}
}

func runDemo(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	rebuild := fs.Bool("rebuild", false, "build the demo case again")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	p, err := casework.EnsureDemo(context.Background(), *rebuild)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, p)
	return nil
}

// runUpgrade opens a case for writing, which migrates it, and says so.
func runUpgrade(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("upgrade", flag.ContinueOnError)
	cluster := clusterFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: need one case file", errUsage)
	}
	if isClusterCase(pos[0]) {
		return upgradeCluster(pos[0], *cluster, stdout)
	}
	if *cluster != "" {
		return fmt.Errorf("%w: --cluster goes with a clickhouse:// case", errUsage)
	}
	st, err := openExisting(pos[0], stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	if st.ReadOnly() {
		return fmt.Errorf("case %s is read-only: nothing was upgraded", inert.String(pos[0]))
	}
	fmt.Fprintf(stdout, "case %s: schema version %d\n", inert.String(pos[0]), store.SchemaVersion())
	return nil
}

// upgradeCluster makes what this cdrtui reads and the ClickHouse case at
// url lacks (a ClickHouse case keeps no schema version: import makes and
// keeps its tables), and says what it made.
func upgradeCluster(url, cluster string, stdout io.Writer) error {
	ctx := context.Background()
	st, err := clickhouse.Open(ctx, url, cluster, false)
	if err != nil {
		return err
	}
	defer st.Close()
	made, err := st.Upgrade(ctx)
	if err != nil {
		return err
	}
	name := inert.String(st.Path())
	if len(made) == 0 {
		fmt.Fprintf(stdout, "case %s: nothing to upgrade: it has every table this cdrtui reads (a ClickHouse case keeps no schema version: each import makes the tables it lacks, and each import of PBX files writes the PBX tables again whole)\n", name)
		return nil
	}
	fmt.Fprintf(stdout, "case %s: made the tables an older cdrtui did not (a ClickHouse case keeps no schema version: each import makes the tables it lacks):\n", name)
	for _, m := range made {
		fmt.Fprintf(stdout, "  %s\n", inert.String(m))
	}
	return nil
}
