package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
)

// windowFlag is a correlation window: a Go duration (180s, 3m, 1h) or bare
// seconds (180), whole seconds from 0 up.
type windowFlag struct{ seconds int64 }

func (w *windowFlag) String() string { return strconv.FormatInt(w.seconds, 10) + "s" }

func (w *windowFlag) Set(s string) error {
	s = strings.TrimSpace(s)
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n < 0 {
			return fmt.Errorf("window must not be negative")
		}
		w.seconds = n
		return nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("window %q: give seconds (180) or a duration (180s, 3m)", s)
	}
	if d < 0 {
		return fmt.Errorf("window must not be negative")
	}
	if d%time.Second != 0 {
		return fmt.Errorf("window %q: whole seconds only", s)
	}
	w.seconds = int64(d / time.Second)
	return nil
}

// matchFlag is --match app|port.
type matchFlag struct{ m casework.Match }

func (f *matchFlag) String() string { return string(f.m) }

func (f *matchFlag) Set(s string) error {
	m, err := casework.ParseMatch(s)
	if err != nil {
		return err
	}
	f.m = m
	return nil
}

// correlateOutput is the --json of correlate: the casework result and the
// first matched pairs.
type correlateOutput struct {
	*casework.Correlation
	Matches []casework.MatchRow `json:"matches"`
	Scope   *casework.TimeScope `json:"time_scope,omitempty"` // only when a scope is set
}

func runCorrelate(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("correlate", flag.ContinueOnError)
	window := &windowFlag{seconds: casework.DefaultWindow}
	match := &matchFlag{m: casework.MatchApp}
	fs.Var(window, "window", "largest gap between the two starts: 180s, 3m or seconds")
	fs.Var(match, "match", "app (the application of the port) or port (the exact port)")
	list := fs.Int("list", 20, "matched pairs to list (0: none, -1: all)")
	asJSON := fs.Bool("json", false, "print JSON")
	scope := scopeFlags(fs)
	cluster := clusterFlag(fs)
	pos, ts, err := parseScoped(fs, scope, args)
	if err != nil {
		return err
	}
	if len(pos) != 3 {
		return fmt.Errorf("%w: need a case file and two MSISDNs", errUsage)
	}
	ctx := context.Background()
	st, _, dict, _, err := openCaseWithPorts(ctx, pos[0], *cluster, nil, false, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	pair, err := casework.LoadPairIn(ctx, st, dict, pos[1], pos[2], match.m, ts)
	if errors.Is(err, casework.ErrSamePair) {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if err != nil {
		return err
	}
	out := correlateOutput{Correlation: pair.At(window.seconds), Matches: []casework.MatchRow{}}
	if ts.Set() {
		out.Scope = &ts
	}
	if *list != 0 {
		out.Matches = pair.Matches(window.seconds, max(*list, 0))
	}
	recordRun(ctx, st, "correlate", args, out, stderr)
	if *asJSON {
		return writeJSON(stdout, out)
	}
	printScope(stdout, ts)
	printCorrelation(stdout, out)
	return nil
}

func printCorrelation(w io.Writer, out correlateOutput) {
	c := out.Correlation
	fmt.Fprintf(w, "A %s (%d data records)  B %s (%d data records)\n", inert.String(c.A), c.RecordsA, inert.String(c.B), c.RecordsB)
	fmt.Fprintf(w, "window %d s, matched by %s, chance over %d days\n\n", c.WindowS, c.Match, c.Days)
	fmt.Fprintf(w, "%d matches; %s expected by chance; ratio %s\n", c.Pairs, casework.FormatExpected(c.Expected), casework.FormatRatio(c.Ratio, c.Pairs))
	fmt.Fprintf(w, "score %.1f (p %s): strongest %s, corrected for %d tests (applications x windows up to %d s)\n\n",
		c.Score, casework.FormatP(c.P), casework.FormatStrongest(c.BestApp, c.BestWindowS), c.Tests, c.WindowS)
	if len(c.Apps) == 0 {
		fmt.Fprintln(w, "the two subscribers used no application in common")
	} else {
		fmt.Fprintf(w, "%-24s %8s %7s %9s %8s %6s %8s %8s\n", "APPLICATION", "MATCHES", "SHARE", "EXPECTED", "RATIO", "SCORE", "RECS A", "RECS B")
		for _, a := range c.Apps {
			fmt.Fprintf(w, "%-24s %8d %6.1f%% %9s %8s %6.1f %8d %8d\n", inert.String(a.App), a.Matches, 100*a.Share,
				casework.FormatExpected(a.Expected), casework.FormatRatio(a.Ratio, a.Matches), a.Score, a.RecordsA, a.RecordsB)
		}
	}
	if len(out.Matches) > 0 {
		fmt.Fprintf(w, "\nmatched pairs (%d of %d):\n", len(out.Matches), c.Pairs)
		fmt.Fprintf(w, "%-16s %5s %5s %-19s %-19s %-19s %-19s %6s  %s\n", "APPLICATION", "PORTA", "PORTB", "A START", "A END", "B START", "B END", "DELTA", "SOURCES (A ; B)")
		for _, m := range out.Matches {
			fmt.Fprintf(w, "%-16s %5d %5d %-19s %-19s %-19s %-19s %+6d  %s:%d ; %s:%d\n", inert.String(m.App), m.PortA, m.PortB,
				m.AStart, orDash(m.AEnd), m.BStart, orDash(m.BEnd), m.DeltaS,
				inert.String(m.ASource), m.ALine, inert.String(m.BSource), m.BLine)
		}
	}
}

func runContacts(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("contacts", flag.ContinueOnError)
	window := &windowFlag{seconds: casework.DefaultWindow}
	fs.Var(window, "window", "largest gap between the two starts: 180s, 3m or seconds")
	top := fs.Int("top", 20, "contacts to list (0: every subscriber)")
	asJSON := fs.Bool("json", false, "print JSON")
	scope := scopeFlags(fs)
	cluster := clusterFlag(fs)
	pos, ts, err := parseScoped(fs, scope, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return fmt.Errorf("%w: need a case file and an MSISDN", errUsage)
	}
	if *top < 0 {
		return fmt.Errorf("%w: --top must not be negative", errUsage)
	}
	ctx := context.Background()
	st, _, dict, _, err := openCaseWithPorts(ctx, pos[0], *cluster, nil, false, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	list, err := casework.ContactsIn(ctx, st, dict, pos[1], window.seconds, *top, ts)
	if err != nil {
		return err
	}
	recordRun(ctx, st, "contacts", args, list, stderr)
	if *asJSON {
		return writeJSON(stdout, list)
	}
	fmt.Fprintf(stdout, "contacts of %s (%d data records), window %d s, matched by %s, chance over %d days\n",
		inert.String(list.A), list.RecordsA, list.WindowS, list.Match, list.Days)
	if list.RecordsA == 0 {
		fmt.Fprintf(stdout, "A has no data records: no one coincides with A, none ranked (%s with data records in the case)\n",
			analysis.Plural(int64(list.Candidates), "other subscriber", "other subscribers"))
		return nil
	}
	fmt.Fprintf(stdout, "%s ranked by how far their matches exceed chance, per application and window up to %d s (%s of their records lay near A's)\n\n",
		analysis.Plural(int64(list.Candidates), "subscriber", "subscribers"), list.WindowS, analysis.Thousands(int64(list.Scanned)))
	fmt.Fprintf(stdout, "%4s  %-20s %7s %9s %8s %6s  %-20s %s\n", "RANK", "MSISDN", "PAIRS", "EXPECTED", "RATIO", "SCORE", "STRONGEST", "APPLICATIONS")
	for i, c := range list.Contacts {
		fmt.Fprintf(stdout, "%4d  %-20s %7d %9s %8s %6.1f  %-20s %s\n", i+1, inert.String(c.MSISDN), c.Pairs, casework.FormatExpected(c.Expected),
			casework.FormatRatio(c.Ratio, c.Pairs), c.Score, inert.String(casework.FormatStrongest(c.BestApp, c.BestWindowS)),
			inert.String(perAppText(c.PerApp)))
	}
	return nil
}

// perAppText writes "WhatsApp 7, Web (HTTPS) 11", most first.
func perAppText(m map[string]int) string { return strings.Join(casework.AppCounts(m), ", ") }
