package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
)

const personaUsage = "persona CASE.db MSISDN [--json] [--rdns [--rdns-timeout 3s]] [--top N] [--ports FILE]... [--from T] [--to T]"

func runPersona(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("persona", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	rdns := fs.Bool("rdns", false, "look up the reverse DNS of the listed destinations (goes to the network; answers are kept in the case)")
	timeout := fs.Duration("rdns-timeout", casework.DefaultRDNSTimeout, "bound of each reverse lookup")
	top := fs.Int("top", casework.DefaultDestinations, "destinations to list (-1: all)")
	var portFiles multiFlag
	fs.Var(&portFiles, "ports", "an analyst's port dictionary (CSV) laid over the defaults and kept in the case; repeatable, the last wins")
	scope := scopeFlags(fs)
	cluster := clusterFlag(fs)
	pos, ts, err := parseScoped(fs, scope, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return fmt.Errorf("%w: need a case file and an MSISDN", errUsage)
	}
	if *top == 0 || *top < -1 {
		return fmt.Errorf("%w: --top must be a positive number or -1", errUsage)
	}
	ctx := context.Background()
	st, _, dict, info, err := openCaseWithPorts(ctx, pos[0], *cluster, portFiles, *rdns, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	p, err := casework.BuildPersona(ctx, st, dict, info, pos[1], casework.PersonaOptions{
		Destinations: *top, RDNS: *rdns, RDNSTimeout: *timeout, Scope: ts})
	if err != nil {
		return err
	}
	recordRun(ctx, st, "persona", args, p, stderr)
	if *asJSON {
		return writeJSON(stdout, p)
	}
	printScope(stdout, ts)
	printPersona(stdout, p)
	return nil
}

func printPersona(w io.Writer, p *casework.Persona) {
	fmt.Fprintf(w, "persona of %s: %d data records, %d voice records, %s", inert.String(p.MSISDN), p.Total, p.VoiceRecords, byteText(p.Bytes))
	if p.First != "" {
		fmt.Fprintf(w, ", %s .. %s (wall clock as written)", p.First, p.Last)
	}
	if p.CellSites {
		fmt.Fprintf(w, "; %d records placed (%.1f%%) by their cells", p.RecordsPlaced, 100*p.PlacedShare)
	}
	fmt.Fprintf(w, "\nport dictionary: %s%s\n", inert.String(p.Dictionary.Short()), dictionaryNote(p.Dictionary))

	fmt.Fprintf(w, "\n%-24s %9s %8s  %-18s %-26s %s\n", "APPLICATION", "FREQUENCY", "USAGE %", "CONFIDENCE", "PORTS", "MAY ALSO BE")
	for _, a := range p.Apps {
		conf := a.Confidence
		if a.Mixed {
			conf += " (mixed)"
		}
		fmt.Fprintf(w, "%-24s %9d %8.2f  %-18s %-26s %s\n", inert.String(a.App), a.Count, a.Percent, conf, portList(a.Ports),
			inert.String(strings.Join(a.Alternatives(), ", ")))
	}
	if len(p.UnknownPorts) > 0 {
		fmt.Fprintf(w, "%-24s %9d %8.2f  %-18s\n", fmt.Sprintf("unknown ports (%d)", len(p.UnknownPorts)), p.UnknownTotal,
			analysis.Percent(p.UnknownTotal, p.Total), "none")
		var parts []string
		for i, u := range p.UnknownPorts {
			if i == 20 {
				parts = append(parts, fmt.Sprintf("… %d more (--json lists all)", len(p.UnknownPorts)-20))
				break
			}
			parts = append(parts, fmt.Sprintf("%d (%d)", u.Port, u.Count))
		}
		fmt.Fprintf(w, "  unknown ports by records: %s\n", strings.Join(parts, ", "))
	}

	fmt.Fprintf(w, "\n%-13s %-16s %8s  %-19s  %-19s  %s\n", "KIND", "IDENTITY", "RECORDS", "FIRST SEEN", "LAST SEEN", "CHANGE")
	printIdentities(w, "handset IMEI", p.IMEIs)
	printIdentities(w, "SIM IMSI", p.IMSIs)
	if len(p.IMEIs)+len(p.IMSIs) == 0 {
		fmt.Fprintln(w, "(no IMEI or IMSI in the records)")
	}
	for _, c := range p.Changes {
		how := "replacing"
		if c.Alongside {
			how = "alongside"
		}
		fmt.Fprintf(w, "! new %s %s from %s, %s %s\n", c.Kind, inert.String(c.To), c.AtWall, how, inert.String(c.From))
	}

	fmt.Fprintf(w, "\n%-24s %8s %8s  %-19s  %s\n", "CELL", "DATA", "VOICE", "FIRST SEEN", "LAST SEEN")
	for _, c := range p.Cells {
		fmt.Fprintf(w, "%-24s %8d %8d  %-19s  %s\n", inert.String(c.Cell), c.DataRecords, c.VoiceRecords, c.First, c.Last)
	}

	fmt.Fprintf(w, "\nDESTINATIONS (%d of %d, most records first)\n", len(p.Destinations), p.DistinctDestinations)
	fmt.Fprintf(w, "%-28s %-18s %8s %12s  %s\n", "DESTINATION", "APPLICATION", "RECORDS", "BYTES", "REVERSE DNS")
	for _, d := range p.Destinations {
		fmt.Fprintf(w, "%-28s %-18s %8d %12d  %s\n", inert.String(destinationText(d.IP, d.Port)), inert.String(d.App), d.Records, d.Bytes, inert.String(rdnsCell(d)))
	}

	fmt.Fprintf(w, "\nHOURS (records per hour of the wall clock)\n")
	for h, n := range p.Hours {
		fmt.Fprintf(w, "%02d %8d\n", h, n)
	}
}

func dictionaryNote(d casework.DictionaryInfo) string {
	switch {
	case !d.Stored:
		return " (not kept: the case is read-only)"
	case d.DefaultsOutdated:
		return " (its defaults are older than this cdrtui's: cdrtui ports CASE --reset to update)"
	}
	return " (kept in the case)"
}

func printIdentities(w io.Writer, kind string, ids []analysis.IdentityUse) {
	for _, id := range ids {
		change := ""
		switch id.Change {
		case "replaced":
			change = "! replaced " + id.Previous
		case "alongside":
			change = "! alongside " + id.Previous
		}
		fmt.Fprintf(w, "%-13s %-16s %8d  %-19s  %-19s  %s\n", kind, inert.String(id.Value), id.Records, id.FirstWall, id.LastWall, inert.String(change))
	}
}

func portList(ports []analysis.PortDetail) string {
	parts := make([]string, 0, len(ports))
	for _, p := range ports {
		if p.Port < 0 {
			parts = append(parts, "none")
		} else {
			parts = append(parts, fmt.Sprint(p.Port))
		}
	}
	return strings.Join(parts, " ")
}

func destinationText(ip string, port int) string {
	if ip == "" {
		ip = "(no IP)"
	}
	if port < 0 {
		return ip + ":(no port)"
	}
	if strings.Contains(ip, ":") {
		return fmt.Sprintf("[%s]:%d", ip, port)
	}
	return fmt.Sprintf("%s:%d", ip, port)
}

func rdnsCell(d casework.PersonaDestination) string {
	switch d.RDNSStatus {
	case "ok":
		return strings.Join(d.Names, " ") + " (looked up " + d.LookedUpAt + ")"
	case "none":
		return "(no name, looked up " + d.LookedUpAt + ")"
	case "timeout", "error":
		return "(" + d.RDNSStatus + " at " + d.LookedUpAt + ")"
	}
	return "-"
}

func byteText(n int64) string {
	switch {
	case n >= 1e9:
		return fmt.Sprintf("%.1f GB", float64(n)/1e9)
	case n >= 1e6:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%d kB", n/1000)
	}
	return fmt.Sprintf("%d bytes", n)
}
