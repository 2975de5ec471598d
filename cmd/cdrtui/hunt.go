package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
)

const huntUsage = "hunt CASE.db --dest IP[:PORT]|CIDR[:PORT]|FIRST-LAST [--dest ...] [--port N[-M]] [--cell ID|PREFIX*,...] [--from T] [--to T] " +
	"[--save NAME] [--statements] [--records] [--json] | hunt CASE.db --saved | --rerun NAME | --delete NAME"

// huntFlags are the hunt command's flags.
type huntFlags struct {
	dests, ports, cells           multiFlag
	from, to                      string
	asJSON, statements, records   bool
	save, rerun, remove           string
	cluster                       string
	listSaved                     bool
	hasQuery, anyAction, anyPrint bool
}

func runHunt(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("hunt", flag.ContinueOnError)
	var f huntFlags
	fs.Var(&f.dests, "dest", "destination: IP, IP:PORT, CIDR, CIDR:PORT or FIRST-LAST; repeat or separate with commas; @FILE reads a list")
	fs.Var(&f.ports, "port", "port or range (443, 8000-8100) for destinations written without one; alone, every record on it")
	fs.Var(&f.cells, "cell", "cell ID as the evidence writes it, or a prefix ending in * (234-15-101-*); repeat, commas, or @FILE")
	fs.StringVar(&f.from, "from", "", "start of the window, evidence wall clock: 2006-01-02T15:04:05 (or to the minute, hour, day)")
	fs.StringVar(&f.to, "to", "", "end of the window, inclusive: 2017-05-02 means up to 23:59:59 that day")
	fs.BoolVar(&f.asJSON, "json", false, "print JSON")
	fs.BoolVar(&f.statements, "statements", false, "print only the statements, as a report")
	fs.BoolVar(&f.records, "records", false, "also list every record found with its source file and line")
	fs.StringVar(&f.cluster, "cluster", "", "with a clickhouse:// case: the cluster (remote_servers) whose shards hold the records")
	fs.StringVar(&f.save, "save", "", "keep this hunt in the case under NAME (with what it found), to rerun later")
	fs.StringVar(&f.rerun, "rerun", "", "run the hunt saved under NAME again")
	fs.BoolVar(&f.listSaved, "saved", false, "list the hunts saved in the case")
	fs.StringVar(&f.remove, "delete", "", "forget the hunt saved under NAME")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: need one case file", errUsage)
	}
	f.hasQuery = len(f.dests)+len(f.ports)+len(f.cells) > 0 || f.from != "" || f.to != ""
	if err := f.check(); err != nil {
		return err
	}
	var st casework.Case
	if isClusterCase(pos[0]) || f.cluster != "" {
		c, _, err := openCase(pos[0], f.cluster, stderr)
		if err != nil {
			return err
		}
		st = c
	} else {
		open := openReading
		if f.save != "" || f.rerun != "" || f.remove != "" {
			open = openExisting // a saved hunt is kept, rerun (with its time) or deleted
		}
		local, err := open(pos[0], stderr)
		if err != nil {
			return err
		}
		st = local
	}
	defer st.Close()
	ctx := context.Background()
	switch {
	case f.listSaved:
		return printSavedHunts(ctx, st, f.asJSON, stdout)
	case f.remove != "":
		if err := st.DeleteHunt(ctx, f.remove); err != nil {
			return err
		}
		recordRun(ctx, st, "hunt delete", args, f.remove, stderr)
		fmt.Fprintf(stderr, "saved hunt %q deleted\n", inert.String(f.remove))
		return nil
	}
	var q *analysis.HuntQuery
	var res *casework.HuntResult
	now := time.Now()
	if f.rerun != "" {
		if q, err = casework.SavedHuntQuery(ctx, st, f.rerun); err != nil {
			return err
		}
		if res, err = casework.RerunHunt(ctx, st, f.rerun, now); err != nil {
			return err
		}
	} else {
		if q, err = f.query(); err != nil {
			return err
		}
		if res, err = casework.Hunt(ctx, st, q); err != nil {
			return err
		}
		if f.save != "" {
			if err := casework.SaveHunt(ctx, st, f.save, res, now); err != nil {
				return fmt.Errorf("saving the hunt: %w", err)
			}
			fmt.Fprintf(stderr, "hunt saved as %q (rerun: cdrtui hunt %s --rerun %q)\n", inert.String(f.save), inert.String(caseName(pos[0])), inert.String(f.save))
		}
	}
	recordRun(ctx, st, "hunt", args, res, stderr)
	switch {
	case f.asJSON:
		return writeJSON(stdout, res)
	case f.statements:
		return casework.HuntReport(stdout, st.Path(), res, now) // made inert by HuntReport
	}
	printHunt(stdout, res)
	if f.records {
		return printHuntRecords(ctx, st, q, res, stdout)
	}
	return nil
}

func (f *huntFlags) check() error {
	actions := 0
	for _, on := range []bool{f.listSaved, f.remove != "", f.rerun != "", f.hasQuery} {
		if on {
			actions++
		}
	}
	switch {
	case actions == 0:
		return fmt.Errorf("%w: name a --dest, --port or --cell to hunt for, or --saved / --rerun NAME", errUsage)
	case actions > 1:
		return fmt.Errorf("%w: a hunt, --saved, --rerun and --delete go one at a time", errUsage)
	case f.save != "" && !f.hasQuery:
		return fmt.Errorf("%w: --save keeps a new hunt; give its --dest, --port or --cell", errUsage)
	case f.asJSON && f.statements:
		return fmt.Errorf("%w: choose --json or --statements", errUsage)
	}
	return nil
}

// query reads the flags as the hunt form; each list flag may be repeated,
// hold a comma list, or name a file with @FILE.
func (f *huntFlags) query() (*analysis.HuntQuery, error) {
	var form analysis.HuntForm
	var err error
	if form.Dests, err = listFlag(f.dests); err != nil {
		return nil, err
	}
	if form.Ports, err = listFlag(f.ports); err != nil {
		return nil, err
	}
	if form.Cells, err = listFlag(f.cells); err != nil {
		return nil, err
	}
	form.From, form.To = f.from, f.to
	q, err := form.Parse()
	if err != nil {
		var fe analysis.HuntFormErrors
		if errors.As(err, &fe) {
			flagName := map[string]string{analysis.HuntFieldDests: "--dest", analysis.HuntFieldPorts: "--port",
				analysis.HuntFieldCells: "--cell", analysis.HuntFieldFrom: "--from", analysis.HuntFieldTo: "--to"}
			msgs := make([]string, len(fe))
			for i, e := range fe {
				msgs[i] = flagName[e.Field] + ": " + e.Err.Error()
			}
			return nil, fmt.Errorf("%w: %s", errUsage, strings.Join(msgs, "; "))
		}
		return nil, fmt.Errorf("%w: %v", errUsage, err)
	}
	return q, nil
}

func listFlag(values multiFlag) (string, error) {
	var parts []string
	for _, v := range values {
		if name, ok := strings.CutPrefix(v, "@"); ok {
			b, err := os.ReadFile(name)
			if err != nil {
				return "", err
			}
			v = string(b)
		}
		parts = append(parts, v)
	}
	return strings.Join(parts, "\n"), nil
}

func printHunt(w io.Writer, res *casework.HuntResult) {
	fmt.Fprintf(w, "hunt: %s\n", inert.String(res.Description))
	if res.Saved != nil {
		s := res.Saved
		change := "unchanged"
		if s.Changed(res) {
			change = "CHANGED"
		}
		fmt.Fprintf(w, "saved hunt %q: last run %s found %d subscribers, %d records; now %d, %d (%s)\n",
			inert.String(s.Name), s.PreviousRanAt, s.PreviousSubscribers, s.PreviousRecords, len(res.Subscribers), res.Records, change)
		if !s.Recorded {
			fmt.Fprintln(w, "the case is read-only: this run's counts were not kept")
		}
	}
	fmt.Fprintf(w, "found %s, %s, %s (read by %s)\n", analysis.Plural(int64(len(res.Subscribers)), "subscriber", "subscribers"),
		analysis.Plural(res.Records, "record", "records"), analysis.Plural(res.Bytes, "byte", "bytes"), res.Access)
	if unknown := res.UnknownNotSwitch(); len(unknown) > 0 {
		fmt.Fprintf(w, "warning: the case holds no cell %s\n", inert.String(strings.Join(unknown, ", ")))
	}
	for _, h := range res.SwitchCells {
		fmt.Fprintf(w, "warning: %s\n", inert.String(h.Message()))
	}
	if len(res.Subscribers) == 0 {
		return
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "MSISDN\tIMSI\tIMEI\tCells\tFirst (wall clock)\tLast (wall clock)\tRecords\tBytes\t")
	for _, s := range res.Subscribers {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", inert.String(s.MSISDN), inert.String(strings.Join(s.IMSIs, " ")),
			inert.String(strings.Join(s.IMEIs, " ")), inert.String(strings.Join(s.Cells, " ")), s.First, s.Last,
			huntCount(s.Records), huntCount(s.Bytes))
	}
	tw.Flush()
	fmt.Fprintln(w, "\nstatements:")
	for i, s := range res.Subscribers {
		fmt.Fprintf(w, "%d. %s\n", i+1, inert.String(s.Statement))
	}
}

func printHuntRecords(ctx context.Context, st casework.Case, q *analysis.HuntQuery, res *casework.HuntResult, w io.Writer) error {
	fmt.Fprintln(w, "\nrecords:")
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "MSISDN\tTime (wall clock)\tDestination\tCell\tIMSI\tIMEI\tBytes\tSource\tLine")
	for _, s := range res.Subscribers {
		recs, err := casework.HuntRecords(ctx, st, q, s.MSISDN)
		if err != nil {
			return err
		}
		for _, r := range recs {
			bytes := ""
			if r.Bytes >= 0 {
				bytes = huntCount(r.Bytes)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\n", inert.String(r.MSISDN), r.At, inert.String(r.Destination()),
				inert.String(r.Cell), inert.String(r.IMSI), inert.String(r.IMEI), bytes, inert.String(r.Source.Path), r.Line)
		}
	}
	return tw.Flush()
}

func printSavedHunts(ctx context.Context, st casework.Keeper, asJSON bool, w io.Writer) error {
	hs, err := casework.SavedHunts(ctx, st)
	if err != nil {
		return err
	}
	if asJSON {
		if hs == nil {
			hs = []casework.SavedHuntView{}
		}
		return writeJSON(w, hs)
	}
	if len(hs) == 0 {
		fmt.Fprintln(w, "no saved hunts in this case (keep one with: cdrtui hunt CASE.db ... --save NAME)")
		return nil
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "Name\tLast run\tSubscribers\tRecords\tHunt")
	for _, h := range hs {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\n", inert.String(h.Name), h.RanWall, h.Subscribers, h.Records, inert.String(h.Description))
	}
	return tw.Flush()
}

// huntCount writes n with commas between thousands.
func huntCount(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
