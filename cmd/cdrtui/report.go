package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/report"
)

const reportUsage = "report CASE.db [--subscriber MSISDN]... [--sections persona,contacts,...] [--window 180s] [--top N] [--app APP] [--analyst NAME] --out FILE.html|FILE.pdf|FILE.xlsx... | report --verify FILE.html|FILE.pdf|FILE.xlsx CASE.db [--json]"

func runReport(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	var subs multiFlag
	fs.Var(&subs, "subscriber", "a subscriber the report covers (repeatable, or comma-separated)")
	sections := fs.String("sections", "", "sections to include, comma-separated ("+strings.Join(report.Kinds(), ", ")+"; default all); the case and the audit head are always in")
	var window windowFlag
	window.seconds = report.DefaultWindowS
	fs.Var(&window, "window", "correlation and contacts window (180s, 3m)")
	top := fs.Int("top", report.DefaultTop, "contacts, destinations listed")
	app := fs.String("app", casework.DefaultTrendApp, "application of the trends")
	analyst := fs.String("analyst", "", "who makes the report (default: $"+casework.AnalystEnv+", else the OS user)")
	var outs multiFlag
	fs.Var(&outs, "out", "the report file: .html, .pdf or .xlsx (repeatable: one report in several formats)")
	verify := fs.Bool("verify", false, "recompute every figure of a report (HTML, PDF or XLSX) from the case and say which differ")
	asJSON := fs.Bool("json", false, "with --verify: print the verdict as JSON")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	ctx := context.Background()
	if *verify {
		if len(pos) != 2 {
			return fmt.Errorf("%w: report --verify needs the report and the case file", errUsage)
		}
		return verifyReport(ctx, pos[0], pos[1], *asJSON, stdout)
	}
	if len(pos) != 1 || len(outs) == 0 {
		return fmt.Errorf("%w: need a case file and --out FILE", errUsage)
	}
	secs, err := report.ParseSections(*sections)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	var who []string
	for _, s := range subs {
		for _, p := range strings.Split(s, ",") {
			if p = strings.TrimSpace(p); p != "" {
				who = append(who, p)
			}
		}
	}
	st, err := openExisting(pos[0], stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	r, _, err := report.Make(ctx, st, report.Params{Case: pos[0], Subscribers: who, Sections: secs, WindowS: window.seconds, Top: *top, App: *app}, *analyst, outs...)
	if err != nil && r == nil {
		return err
	}
	if err != nil {
		if casework.NotRecorded(err) {
			fmt.Fprintln(stderr, "cdrtui: the case is read-only: the report is not in its audit trail")
		} else {
			return fmt.Errorf("recording the report in the audit trail: %w", err)
		}
	}
	for _, out := range outs {
		fmt.Fprintf(stdout, "report written to %s (%d sections)\n", inert.String(out), len(r.Sections))
	}
	fmt.Fprintf(stdout, "figures sha256 %s\ncheck it: cdrtui report --verify %s %s\n", report.FiguresHash(r), inert.String(outs[0]), inert.String(pos[0]))
	return nil
}

func verifyReport(ctx context.Context, file, casePath string, asJSON bool, stdout io.Writer) error {
	doc, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	st, err := openReading(casePath, io.Discard)
	if err != nil {
		return err
	}
	defer st.Close()
	v, err := report.Verify(ctx, st, doc)
	if err != nil {
		return err
	}
	if asJSON {
		if err := writeJSON(stdout, v); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(stdout, "report of %s: %d figures compared with the case\n", v.GeneratedAt, v.Figures)
		for _, d := range v.Differences {
			fmt.Fprintf(stdout, "DIFFERS  %s  %s: report %s, case now %s\n", inert.String(d.Section), inert.String(d.Figure), inert.String(d.Report), inert.String(d.Case))
		}
		if v.OK {
			fmt.Fprintf(stdout, "every figure matches; figures sha256 %s\n", v.CaseHash)
		} else {
			fmt.Fprintf(stdout, "%d figure(s) differ: the case changed since the report was made (report figures sha256 %s, case now %s)\n", len(v.Differences), v.ReportHash, v.CaseHash)
		}
	}
	if !v.OK {
		return errBroken
	}
	return nil
}
