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
)

// The call analyses' commands (issue 16): calls, common, devices,
// silences, chains, international. Each prints text, or with --json the
// casework report the Calls pane shows.

const (
	callsUsage         = "calls CASE.db A [--sort COLUMN] [--top N] [--with NUMBER] [--from T] [--to T] [--json]"
	commonUsage        = "common CASE.db A B [C...] [--min 2] [--group2 X,Y...] [--from T] [--to T] [--json]"
	devicesUsage       = "devices CASE.db A [--from T] [--to T] [--json]"
	silencesUsage      = "silences CASE.db A [--from T] [--to T] [--json]"
	chainsUsage        = "chains CASE.db A [--within 30m] [--min 2] [--top N] [--from T] [--to T] [--json]"
	internationalUsage = "international CASE.db A [--from T] [--to T] [--json]"
)

// callsCommand is what every call command shares: its flags, the case
// opened for reading, the scope.
type callsCommand struct {
	fs      *flag.FlagSet
	asJSON  *bool
	cluster *string
	scope   func() (casework.TimeScope, error)
}

func newCallsCommand(name string) *callsCommand {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	return &callsCommand{fs: fs, asJSON: fs.Bool("json", false, "print JSON"), cluster: clusterFlag(fs), scope: scopeFlags(fs)}
}

// open parses args, checks the count of positionals (at least min) and
// opens the case: a local one, or one on ClickHouse (clickhouse://...).
func (c *callsCommand) open(args []string, min int, what string, stderr io.Writer) (casework.CallsCase, []string, casework.TimeScope, error) {
	pos, ts, err := parseScoped(c.fs, c.scope, args)
	if err != nil {
		return nil, nil, ts, err
	}
	if len(pos) < min || (min == 2 && len(pos) != 2) {
		return nil, nil, ts, fmt.Errorf("%w: need %s", errUsage, what)
	}
	st, _, err := openCase(pos[0], *c.cluster, stderr)
	if err != nil {
		return nil, nil, ts, err
	}
	calls, err := casework.CallsOf(st)
	if err != nil {
		st.Close()
		return nil, nil, ts, err
	}
	return calls, pos[1:], ts, nil
}

// finish records the run (in a local case's audit trail; a case on
// ClickHouse keeps none) and prints the JSON or the text.
func (c *callsCommand) finish(st casework.CallsCase, action string, args []string, rep any, ts casework.TimeScope, stdout, stderr io.Writer, text func(io.Writer)) error {
	recordRun(context.Background(), st, action, args, rep, stderr)
	if *c.asJSON {
		return writeJSON(stdout, rep)
	}
	printScope(stdout, ts)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	text(tw)
	return tw.Flush()
}

func runCalls(args []string, stdout, stderr io.Writer) error {
	c := newCallsCommand("calls")
	sortBy := c.fs.String("sort", "interactions", "order the contacts by: "+strings.Join(analysis.ContactColumns, ", "))
	top := c.fs.Int("top", -1, "contacts to print (-1: all; the JSON always has all)")
	with := c.fs.String("with", "", "list A's records with this number (any form of it) or sender, each with its file and line")
	st, pos, ts, err := c.open(args, 2, "a case file and a subscriber (A)", stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	if *with != "" {
		return callsWith(c, st, args, pos[0], *with, ts, stdout, stderr)
	}
	rep, err := casework.Calls(context.Background(), st, pos[0], ts)
	if err != nil {
		return err
	}
	if !analysis.SortContacts(rep.Contacts, *sortBy) {
		return fmt.Errorf("%w: --sort %q: one of %s", errUsage, *sortBy, strings.Join(analysis.ContactColumns, ", "))
	}
	analysis.SortContacts(rep.Senders, *sortBy)
	return c.finish(st, "calls", args, rep, ts, stdout, stderr, func(w io.Writer) {
		fmt.Fprintf(w, "contacts by calls of %s: %s, %s, %s\n\n", inert.String(rep.MSISDN), analysis.Plural(int64(rep.Records), "voice record", "voice records"),
			analysis.Plural(int64(len(rep.Contacts)), "number", "numbers"), analysis.Plural(int64(len(rep.Senders)), "alphanumeric sender", "alphanumeric senders"))
		tableHead(w, len(rep.Contacts), "no call or SMS with a number", "NUMBER\tKEY\tCALLS OUT\tCALLS IN\tSMS OUT\tSMS IN\tTALK\tFIRST\tLAST\tNIGHT\tCELLS\tIN CASE")
		for i, k := range rep.Contacts {
			if *top >= 0 && i >= *top {
				fmt.Fprintf(w, "... %d more (--top -1 for all)\n", len(rep.Contacts)-i)
				break
			}
			inCase := ""
			if rep.InCase[k.Key] {
				inCase = "yes"
			}
			fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%d\t%d\t%s\t%s\t%s\t%.0f%%\t%d\t%s\n", inert.String(k.Number), orDash(k.Key), k.CallsOut, k.CallsIn,
				k.SMSOut, k.SMSIn, analysis.TalkText(k.TalkS), k.FirstW, k.LastW, 100*k.NightPct, len(k.Cells), inCase)
		}
		if len(rep.Senders) > 0 {
			fmt.Fprintln(w, "\nALPHANUMERIC SENDER\t\tSMS IN\tSMS OUT\tFIRST\tLAST")
			for _, k := range rep.Senders {
				fmt.Fprintf(w, "%s\t\t%d\t%d\t%s\t%s\n", inert.String(k.Number), k.SMSIn, k.SMSOut, k.FirstW, k.LastW)
			}
		}
	})
}

// tableHead writes a table's header row, or the words none when the table
// is empty.
func tableHead(w io.Writer, n int, none, head string) {
	if n == 0 {
		fmt.Fprintln(w, none)
		return
	}
	fmt.Fprintln(w, head)
}

func runCommon(args []string, stdout, stderr io.Writer) error {
	c := newCallsCommand("common")
	minN := c.fs.Int("min", 2, "list numbers in contact with at least this many of the subscribers")
	group2 := c.fs.String("group2", "", "a second group (comma-separated): list who links the subscribers given to this group instead")
	st, pos, ts, err := c.open(args, 1, "a case file and subscribers", stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	if *group2 != "" {
		var g2 []string
		for _, s := range strings.Split(*group2, ",") {
			if s = strings.TrimSpace(s); s != "" {
				g2 = append(g2, s)
			}
		}
		if len(pos) == 0 || len(g2) == 0 {
			return fmt.Errorf("%w: --group2 needs subscribers on both sides", errUsage)
		}
		rep, err := casework.Bridges(ctx, st, pos, g2, ts)
		if err != nil {
			return err
		}
		return c.finish(st, "common --group2", args, rep, ts, stdout, stderr, func(w io.Writer) {
			fmt.Fprintf(w, "who links group 1 (%s) and group 2 (%s): %s\n\n", inert.String(strings.Join(rep.Group1, ", ")),
				inert.String(strings.Join(rep.Group2, ", ")), analysis.Plural(int64(len(rep.Bridges)), "number", "numbers"))
			tableHead(w, len(rep.Bridges), "no number in contact with both groups", "NUMBER\tGROUP 1\tGROUP 2\tCALLS+SMS\tMEMBER OF")
			for _, b := range rep.Bridges {
				member := ""
				if b.Member > 0 {
					member = fmt.Sprintf("group %d", b.Member)
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%s\n", inert.String(b.Number), inert.String(strings.Join(b.Group1, " ")),
					inert.String(strings.Join(b.Group2, " ")), b.Total, member)
			}
		})
	}
	if *minN < 2 {
		return fmt.Errorf("%w: --min must be at least 2", errUsage)
	}
	if len(pos) < 2 {
		return fmt.Errorf("%w: need at least two subscribers", errUsage)
	}
	rep, err := casework.Common(ctx, st, pos, *minN, ts)
	if err != nil {
		return err
	}
	return c.finish(st, "common", args, rep, ts, stdout, stderr, func(w io.Writer) {
		fmt.Fprintf(w, "numbers in contact with at least %d of %s: %d\n\n", rep.Min, inert.String(strings.Join(rep.Subscribers, ", ")), len(rep.Numbers))
		tableHead(w, len(rep.Numbers), fmt.Sprintf("no number in contact with %d or more of them", rep.Min), "NUMBER\tCOUNT\tLINKED\tCALLS+SMS\tSUSPECT")
		for _, n := range rep.Numbers {
			sus := ""
			if n.Suspect {
				sus = "yes"
			}
			fmt.Fprintf(w, "%s\t%d\t%s\t%d\t%s\n", inert.String(n.Number), n.Count, inert.String(strings.Join(n.Linked, " ")), n.Total, sus)
		}
	})
}

func runDevices(args []string, stdout, stderr io.Writer) error {
	c := newCallsCommand("devices")
	st, pos, ts, err := c.open(args, 2, "a case file and a subscriber (A)", stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := casework.Devices(context.Background(), st, pos[0], ts)
	if err != nil {
		return err
	}
	return c.finish(st, "devices", args, rep, ts, stdout, stderr, func(w io.Writer) {
		fmt.Fprintf(w, "devices of %s (data and voice records)\n\n", inert.String(rep.MSISDN))
		tableHead(w, len(rep.IMEIs), "no handset (IMEI) in the records", "HANDSET (IMEI)\tFROM\tTO\tRECORDS\tSIMS\tCHANGE")
		for _, d := range rep.IMEIs {
			fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%s\t%s\n", inert.String(d.IMEI), d.From, d.To, d.Records, inert.String(strings.Join(d.With, " ")), d.Change)
		}
		fmt.Fprintln(w)
		tableHead(w, len(rep.IMSIs), "no SIM (IMSI) in the records", "SIM (IMSI)\tFROM\tTO\tRECORDS\tHANDSETS\tCHANGE")
		for _, d := range rep.IMSIs {
			fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%s\t%s\n", inert.String(d.IMSI), d.From, d.To, d.Records, inert.String(strings.Join(d.With, " ")), d.Change)
		}
		fmt.Fprintln(w)
		tableHead(w, len(rep.Changes), "no change of handset or SIM", "CHANGE AT\tKIND\tFROM\tTO\tDETAIL")
		for _, ch := range rep.Changes {
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", ch.At, ch.Kind, inert.String(ch.From), inert.String(ch.To), inert.String(ch.Detail))
		}
	})
}

func runSilences(args []string, stdout, stderr io.Writer) error {
	c := newCallsCommand("silences")
	st, pos, ts, err := c.open(args, 2, "a case file and a subscriber (A)", stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := casework.Silences(context.Background(), st, pos[0], ts)
	if err != nil {
		return err
	}
	return c.finish(st, "silences", args, rep, ts, stdout, stderr, func(w io.Writer) {
		b := rep.Baseline
		fmt.Fprintf(w, "silences of %s: no record (voice or data) for more than %.1f h = max(%.0f × the usual longest daily gap %.1f h, %.0f h), over %d days\n\n",
			inert.String(rep.MSISDN), b.ThresholdHours, b.Factor, b.UsualHours, b.MinHours, b.Days)
		tableHead(w, len(rep.Silences), fmt.Sprintf("no silence longer than %.1f h", b.ThresholdHours), "FROM\tTO\tHOURS\t× USUAL\tRECORD BEFORE\tRECORD AFTER")
		for _, s := range rep.Silences {
			fmt.Fprintf(w, "%s\t%s\t%.1f\t%.1f\t%s (source %d line %d)\t%s (source %d line %d)\n", s.FromW, s.ToW, s.Hours, s.Ratio,
				inert.String(s.Before.What), s.Before.SourceID, s.Before.Line, inert.String(s.After.What), s.After.SourceID, s.After.Line)
		}
		fmt.Fprintln(w)
		tableHead(w, len(rep.Bursts), "no burst hour (score 3 or more, 5 records or more)", "BURST HOUR\tCALLS+SMS\tUSUAL AT THIS HOUR\tSCORE")
		for _, x := range rep.Bursts {
			fmt.Fprintf(w, "%s\t%d\t%.2f\t%.1f\n", x.HourW, x.Records, x.Expected, x.Score)
		}
	})
}

func runChains(args []string, stdout, stderr io.Writer) error {
	c := newCallsCommand("chains")
	within := c.fs.Duration("within", 30*time.Minute, "B's call to C must start within this of the end of A's call to B")
	minN := c.fs.Int("min", analysis.ChainMinCount, "list chains seen at least this many times")
	top := c.fs.Int("top", 50, "chains to print (-1: all; the JSON always has all)")
	st, pos, ts, err := c.open(args, 2, "a case file and a subscriber (A)", stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	if *within <= 0 || *minN < 1 {
		return fmt.Errorf("%w: --within must be positive and --min at least 1", errUsage)
	}
	rep, err := casework.Chains(context.Background(), st, pos[0], int64(within.Seconds()), *minN, ts)
	if err != nil {
		return err
	}
	return c.finish(st, "chains", args, rep, ts, stdout, stderr, func(w io.Writer) {
		fmt.Fprintf(w, "relay chains %s → B → C within %s: %d (B followed: %s of the case; %s no records)\n%s\n\n",
			inert.String(rep.A), analysis.WindowText(*within), len(rep.Chains), analysis.Plural(int64(rep.Parties), "subscriber", "subscribers"),
			analysis.Plural(int64(len(rep.Missing)), "called number has", "called numbers have"), casework.ChainMethod)
		tableHead(w, len(rep.Chains), fmt.Sprintf("no chain seen %d or more times", rep.Min), "B\tC\tCOUNT\tEXPECTED\tSCORE\tFIRST")
		for i, ch := range rep.Chains {
			if *top >= 0 && i >= *top {
				fmt.Fprintf(w, "... %d more (--top -1 for all)\n", len(rep.Chains)-i)
				break
			}
			first := ""
			if len(ch.Examples) > 0 {
				first = ch.Examples[0].AB + " → " + ch.Examples[0].BC
			}
			fmt.Fprintf(w, "%s\t%s\t%d\t%.2f\t%.1f\t%s\n", inert.String(ch.B), inert.String(ch.C), ch.Count, ch.Expected, ch.Score, first)
		}
	})
}

func runInternational(args []string, stdout, stderr io.Writer) error {
	c := newCallsCommand("international")
	st, pos, ts, err := c.open(args, 2, "a case file and a subscriber (A)", stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := casework.International(context.Background(), st, pos[0], ts)
	if err != nil {
		return err
	}
	return c.finish(st, "international", args, rep, ts, stdout, stderr, func(w io.Writer) {
		fmt.Fprintf(w, "international calls of %s (home country code +%s; home networks %s)\n", inert.String(rep.MSISDN), rep.Home,
			strings.Join(rep.HomeMCCs, " "))
		if rep.Note != "" {
			fmt.Fprintf(w, "note: %s\n", rep.Note)
		}
		fmt.Fprintln(w)
		tableHead(w, len(rep.Countries), "no call or SMS abroad", "COUNTRY\tCODE\tCALLS OUT\tCALLS IN\tSMS OUT\tSMS IN\tTALK\tNUMBERS")
		for _, x := range rep.Countries {
			fmt.Fprintf(w, "%s\t+%s\t%d\t%d\t%d\t%d\t%s\t%s\n", orDash(x.Country), x.Code, x.CallsOut, x.CallsIn, x.SMSOut, x.SMSIn,
				analysis.TalkText(x.TalkS), inert.String(strings.Join(x.Numbers, " ")))
		}
		fmt.Fprintln(w)
		tableHead(w, len(rep.Roaming), "no record on a foreign network", "ROAMING ON\tCOUNTRY\tFROM\tTO\tRECORDS\tCELLS")
		for _, r := range rep.Roaming {
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d\t%s\n", r.Network, orDash(r.Country), r.From, r.To, r.Records, inert.String(strings.Join(r.Cells, " ")))
		}
	})
}

// callsWith prints the records behind one contact (calls --with).
func callsWith(c *callsCommand, st casework.CallsCase, args []string, a, with string, ts casework.TimeScope, stdout, stderr io.Writer) error {
	recs, err := casework.CallsWith(context.Background(), st, a, with, ts)
	if err != nil {
		return err
	}
	rep := struct {
		A       string                   `json:"a"`
		With    string                   `json:"with"`
		Records []casework.CallRecordRow `json:"records"`
	}{a, with, recs}
	return c.finish(st, "calls --with", args, rep, ts, stdout, stderr, func(w io.Writer) {
		fmt.Fprintf(w, "records of %s with %s: %d\n\nAT\tTYPE\tOTHER AS WRITTEN\tDURATION\tCELL\tSOURCE\tLINE\n", inert.String(a), inert.String(with), len(recs))
		for _, r := range recs {
			fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%s\t%s\t%d\n", r.At, inert.String(r.Type), inert.String(r.Other), r.Duration, inert.String(r.Cell),
				inert.String(r.Source), r.Line)
		}
	})
}
