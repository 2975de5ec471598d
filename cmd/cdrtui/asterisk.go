package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/store/clickhouse"
)

const asteriskUsage = "asterisk CASE.db|clickhouse://HOST:9000/DB [--cluster NAME] [--json] [--top N] [--from DATE] [--to DATE] [--number N] [--disposition D] [--dongle NAME] [--direction inbound|outbound|internal|unknown] [--cel [--linkedid ID]]"

func runAsterisk(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("asterisk", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	top := fs.Int("top", 20, "recipients to list by talk time")
	from := fs.String("from", "", "first wall-clock date (2024-03-18, 2024-03-18 10:00, 2024-03)")
	to := fs.String("to", "", "last wall-clock date, included")
	number := fs.String("number", "", "only calls with this number (or part) in src, dst or recipient")
	disposition := fs.String("disposition", "", "only calls of this disposition (ANSWERED, NO ANSWER, BUSY, FAILED ...)")
	dongle := fs.String("dongle", "", "only calls on this modem (- for none)")
	direction := fs.String("direction", "", "only calls of this direction: inbound, outbound, internal, unknown")
	cel := fs.Bool("cel", false, "Channel Event Logging: its calls (events grouped by linkedid), --number and --top narrowing them")
	linkedID := fs.String("linkedid", "", "with --cel: the events of this call (its linkedid) and the call records tied to it")
	cluster := clusterFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: need one case file", errUsage)
	}
	if *top < 1 {
		return fmt.Errorf("%w: --top must be at least 1", errUsage)
	}
	filter, err := casework.PBXFilter(*from, *to, *number, *disposition, *dongle)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if filter.Direction, err = casework.ParseDirection(*direction); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if *linkedID != "" && !*cel {
		return fmt.Errorf("%w: --linkedid needs --cel", errUsage)
	}
	if *cel && (*from != "" || *to != "" || *disposition != "" || *dongle != "" || *direction != "") {
		return fmt.Errorf("%w: --cel takes --number, --top, --linkedid and --json; --from, --to, --disposition, --dongle and --direction are filters of call records", errUsage)
	}
	c, pbx, err := openPBX(pos[0], *cluster, stderr)
	if err != nil {
		return err
	}
	defer c.Close()
	if *cel {
		return runAsteriskCEL(c, pbx, args, casework.CELOptions{Match: *number, Limit: *top, LinkedID: *linkedID}, *asJSON, stdout, stderr)
	}
	rep, err := casework.Asterisk(context.Background(), pbx, casework.AsteriskOptions{Filter: filter, Top: *top, Case: c})
	if err != nil {
		return err
	}
	recordRun(context.Background(), c, "asterisk", args, rep, stderr)
	if *asJSON {
		return writeJSON(stdout, rep)
	}
	printAsterisk(stdout, rep)
	return nil
}

// openPBX opens the case whose PBX artefacts the asterisk command reads:
// a local case is both; a case on ClickHouse gives its PBX artefacts as a
// private SQLite copy (clickhouse.Store.PBX), closed with it.
func openPBX(casePath, cluster string, stderr io.Writer) (casework.Case, *store.Store, error) {
	c, local, err := openCase(casePath, cluster, stderr)
	if err != nil || local != nil {
		return c, local, err
	}
	ch, ok := c.(*clickhouse.Store)
	if !ok {
		c.Close()
		return nil, nil, fmt.Errorf("%s: %w", clickhouseName(casePath), errLocalOnly)
	}
	pbx, err := ch.PBX(context.Background())
	if err != nil {
		c.Close()
		return nil, nil, err
	}
	return c, pbx, nil
}

func printAsterisk(w io.Writer, r *casework.AsteriskReport) {
	if r.Calls == 0 && len(r.Dongles) == 0 && len(r.SIPPeers) == 0 && len(r.OutboundRoutes) == 0 && len(r.LogByLevel) == 0 && r.CEL.Events == 0 {
		fmt.Fprintln(w, "no PBX artefacts in this case: cdrtui import CASE.db /mnt/image (the root of the seized disk)")
		return
	}
	filtered := ""
	if r.Filtered {
		filtered = " (filtered)"
	}
	fmt.Fprintf(w, "PBX calls%s: %d, %s to %s, talk time %s; %d copies in per-account files kept once\n",
		filtered, r.Calls, orDash(r.First), orDash(r.Last), hms(r.BillSec), r.Copies)
	for _, s := range []string{casework.NoDurationSentence(r.NoDuration - r.NoTimes), casework.NoBillSecSentence(r.NoBillSec)} {
		if s != "" {
			fmt.Fprintln(w, s)
		}
	}
	fmt.Fprintf(w, "zone of the wall clocks: %s\n", inert.String(orDash(r.Timezone)))
	for _, z := range r.Zones {
		fmt.Fprintf(w, "  %s: %s — %s\n", inert.String(z.Path), inert.String(z.Zone), inert.String(z.How))
	}
	if len(r.Dispositions) > 0 {
		var parts []string
		for _, d := range analysis.SortedKeys(r.Dispositions) {
			parts = append(parts, fmt.Sprintf("%s %d", inert.String(d), r.Dispositions[d]))
		}
		fmt.Fprintf(w, "dispositions: %s\n", strings.Join(parts, ", "))
	}
	if len(r.Directions) > 0 {
		var parts []string
		for _, d := range []string{"inbound", "outbound", "internal", "unknown"} {
			if n := r.Directions[d]; n > 0 {
				parts = append(parts, fmt.Sprintf("%s %d", d, n))
			}
		}
		fmt.Fprintf(w, "directions: %s\n", strings.Join(parts, ", "))
		for i, d := range r.DirectionReasons {
			if i == 8 {
				fmt.Fprintf(w, "  ... %d more reasons (--json lists them all)\n", len(r.DirectionReasons)-i)
				break
			}
			fmt.Fprintf(w, "  %-8s %5d  %s (e.g. %s)\n", d.Direction, d.Calls, inert.String(d.Reason), inert.String(d.Example))
		}
	}
	for _, c := range r.ClockChecks {
		fmt.Fprintf(w, "clock of %s: %s: %s\n", inert.String(c.Source), c.Verdict, inert.String(c.Text))
	}
	for _, q := range r.Queues {
		var agents []string
		for _, a := range q.Agents {
			agents = append(agents, fmt.Sprintf("%s %d", inert.String(a.Agent), a.Answered))
		}
		fmt.Fprintf(w, "queue %s: %d entered, %d answered (%s), %d abandoned, %d timed out; mean wait of answered calls %.0f s, longest wait %d s\n",
			inert.String(q.Queue), q.Entered, q.Answered, orDash(strings.Join(agents, ", ")), q.Abandoned, q.TimedOut, q.AvgWait, q.MaxWait)
	}
	if len(r.PerMonth) > 0 {
		var parts []string
		for _, m := range analysis.SortedKeys(r.PerMonth) {
			parts = append(parts, fmt.Sprintf("%s %d", m, r.PerMonth[m]))
		}
		fmt.Fprintf(w, "per month: %s\n", strings.Join(parts, ", "))
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	if len(r.Dongles) > 0 {
		fmt.Fprintln(tw, "\nMODEM\tIMEI\tIMSI\tNUMBER\tCALLS\tMINUTES\tFIRST\tLAST\tSEEN IN RECORDS OF")
		for _, d := range r.Dongles {
			var seen []string
			for _, h := range d.SeenIn {
				seen = append(seen, fmt.Sprintf("%s (%s, %d)", inert.String(h.MSISDN), h.Kind, h.Records))
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%.1f\t%s\t%s\t%s\n", inert.String(d.Name), inert.String(orDash(d.IMEI)), inert.String(orDash(d.IMSI)),
				inert.String(orDash(d.Exten)), d.Calls, d.Minutes, orDash(d.First), orDash(d.Last), orDash(strings.Join(seen, ", ")))
		}
	}
	if len(r.TopRecipients) > 0 {
		fmt.Fprintln(tw, "\nRECIPIENT\tTALK TIME\tCALLS")
		for _, t := range r.TopRecipients {
			talk := hms(t.BillSec)
			if t.NoBillSec > 0 {
				talk += fmt.Sprintf(" (+%d unknown)", t.NoBillSec)
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\n", inert.String(t.Number), talk, t.Calls)
		}
	}
	if len(r.SIPPeers) > 0 {
		fmt.Fprintln(tw, "\nSIP PEER\tTYPE\tHOST\tPORT\tUSER\tFROM")
		for _, p := range r.SIPPeers {
			from := p.Source
			if p.NotLoaded != "" { // a leftover file Asterisk never read: kept, marked
				from += " (" + p.NotLoaded + ")"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", inert.String(p.Name), inert.String(p.Type), inert.String(orDash(p.Host)),
				inert.String(orDash(p.Port)), inert.String(orDash(p.Username)), inert.String(from))
		}
	}
	if len(r.OutboundRoutes) > 0 {
		fmt.Fprintln(tw, "\nOUTBOUND ROUTE\tPATTERN\tSTRIPS\tTRUNK\tFROM")
		for _, o := range r.OutboundRoutes {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\n", inert.String(o.Context), inert.String(o.Pattern), o.Strip, inert.String(o.Trunk), inert.String(o.Where))
			if o.Written != "" || o.Vars != "" { // a line of one cell: no column's width
				fmt.Fprintf(tw, "  trunk written %s: %s\n", inert.String(orDash(o.Written)), inert.String(o.Vars))
			}
		}
	}
	tw.Flush()
	if len(r.DialPlanNumbers) > 0 {
		fmt.Fprintf(w, "\nnumbers in the dial plan: %s\n", inert.String(strings.Join(r.DialPlanNumbers, ", ")))
	}
	if len(r.LogByLevel) > 0 {
		var parts []string
		for _, l := range analysis.SortedKeys(r.LogByLevel) {
			name := l
			if name == "" {
				name = "(no level)"
			}
			parts = append(parts, fmt.Sprintf("%s %d", inert.String(name), r.LogByLevel[l]))
		}
		fmt.Fprintf(w, "log entries: %s\n", strings.Join(parts, ", "))
	}
	if r.CEL.Events > 0 {
		fmt.Fprintf(w, "Channel Event Logging: %s (--cel lists the calls)\n", casework.CELSentence(r.CEL))
	}
	if r.HistoryLines > 0 {
		fmt.Fprintf(w, "shell history: %d command lines\n", r.HistoryLines)
	}
}

// hms writes seconds as 1h02m03s.
func hms(sec int64) string {
	return (time.Duration(sec) * time.Second).String()
}
