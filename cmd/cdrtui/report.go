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
	"github.com/cdrtui/cdrtui/internal/store/clickhouse"
)

// A case on ClickHouse answers what a report asks (casework.Tracer).
var _ casework.Tracer = (*clickhouse.Store)(nil)

const reportUsage = "report CASE.db|clickhouse://HOST:9000/DB [--cluster NAME] [--subscriber MSISDN]... [--sections persona,contacts,...] [--window 180s] [--top N] [--app APP] [--analyst NAME] --out FILE.html|FILE.pdf|FILE.xlsx... | report --verify FILE.html|FILE.pdf|FILE.xlsx CASE.db|clickhouse://HOST:9000/DB [--cluster NAME] [--json]"

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
	cluster := clusterFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	ctx := context.Background()
	if *verify {
		if len(pos) != 2 {
			return fmt.Errorf("%w: report --verify needs the report and the case file", errUsage)
		}
		return verifyReport(ctx, pos[0], pos[1], *cluster, *asJSON, stdout)
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
	st, caseArg, err := openReportCase(pos[0], *cluster, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	r, _, err := report.Make(ctx, st, report.Params{Case: caseArg, Subscribers: who, Sections: secs, WindowS: window.seconds, Top: *top, App: *app}, *analyst, outs...)
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
	fmt.Fprintf(stdout, "figures sha256 %s\ncheck it: cdrtui report --verify %s %s\n", report.FiguresHash(r), inert.String(outs[0]), inert.String(report.ShellQuote(caseArg)))
	return nil
}

// openReportCase opens the case a report is made of: a local case as
// given, or a case on ClickHouse, named then in the report by its URL and
// cluster without user or password (report.Params.Case is printed in
// every command the report gives).
func openReportCase(casePath, cluster string, stderr io.Writer) (casework.Case, string, error) {
	if !isClusterCase(casePath) {
		if cluster != "" {
			return nil, "", fmt.Errorf("%w: --cluster goes with a clickhouse:// case", errUsage)
		}
		st, err := openExisting(casePath, stderr)
		return st, casePath, err
	}
	st, _, err := openCase(casePath, cluster, stderr)
	if err != nil {
		return nil, "", err
	}
	tr, ok := st.(casework.Tracer)
	if !ok {
		st.Close()
		return nil, "", fmt.Errorf("%s: this case cannot list the records behind a report's figures", clickhouseName(casePath))
	}
	return st, tr.CaseArg(), nil
}

func verifyReport(ctx context.Context, file, casePath, cluster string, asJSON bool, stdout io.Writer) error {
	doc, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	st, _, err := openCase(casePath, cluster, io.Discard)
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
