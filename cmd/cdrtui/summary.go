package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"sort"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
)

func runSummary(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("summary", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	scope := scopeFlags(fs)
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
		return printScopedSummary(pos[0], ts, *asJSON, stdout)
	}
	return printSummary(pos[0], *asJSON, stdout)
}

func printSummary(casePath string, asJSON bool, w io.Writer) error {
	st, err := openExisting(casePath)
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
		fmt.Fprintf(w, "%-22s %d\n", k+" records", sum.Records[k])
	}
	fmt.Fprintf(w, "%-22s %d\n%-22s %d\n%-22s %d\n%-22s %d\n", "subscribers", sum.Subscribers, "cells", sum.Cells,
		"devices (IMSI/IMEI)", sum.Devices, "rows rejected", sum.Rejected)
	fmt.Fprintf(w, "\nsources:\n")
	for _, s := range sum.Sources {
		fmt.Fprintf(w, "  #%d %s  [%s] %d rows, %d rejected, sha256 %s\n", s.ID, inert.String(s.Path), inert.String(s.Format), s.Rows, s.Rejected, s.SHA256)
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
// never create an empty case by a typo).
func openExisting(path string) (*store.Store, error) {
	if err := casework.MustExist(path); err != nil {
		return nil, err
	}
	return store.Open(path)
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
