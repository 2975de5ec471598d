package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
)

const portsUsage = "ports CASE.db|clickhouse://HOST:9000/DB [FILE.csv...] [--reset] [--csv] [--json] [--cluster NAME]"

// portsOutput is the --json of ports.
type portsOutput struct {
	casework.DictionaryInfo
	Rules []analysis.PortRule `json:"rules"`
}

// runPorts shows the port dictionary a case uses, lays analysts' files over
// the defaults and keeps the result in the case, or goes back to the
// defaults.
func runPorts(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ports", flag.ContinueOnError)
	reset := fs.Bool("reset", false, "make this cdrtui's defaults the case's dictionary")
	asCSV := fs.Bool("csv", false, "print the dictionary as CSV (a starting point for an analyst's file)")
	asJSON := fs.Bool("json", false, "print JSON")
	cluster := clusterFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 1 {
		return fmt.Errorf("%w: need a case file", errUsage)
	}
	if *reset && len(pos) > 1 {
		return fmt.Errorf("%w: --reset takes no dictionary file", errUsage)
	}
	if *asCSV && *asJSON {
		return fmt.Errorf("%w: --csv or --json, not both", errUsage)
	}
	var st casework.Case
	if isClusterCase(pos[0]) || *cluster != "" {
		st, _, err = openCase(pos[0], *cluster, stderr)
	} else {
		open := openReading
		if *reset || len(pos) > 1 {
			open = openExisting // the dictionary is kept in the case
		}
		st, err = open(pos[0], stderr)
	}
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	var dict *analysis.Dictionary
	var info casework.DictionaryInfo
	switch {
	case *reset:
		dict, info, err = casework.ResetPortDictionary(ctx, st)
	case len(pos) > 1:
		dict, info, err = casework.UsePortFiles(ctx, st, pos[1:])
		if err == nil && !info.Stored {
			return fmt.Errorf("the case is read-only: the dictionary cannot be kept in it")
		}
	default:
		dict, info, err = casework.PortDictionaryInfo(ctx, st)
	}
	if err != nil {
		return err
	}
	if *reset || len(pos) > 1 { // the dictionary of every later analysis changed
		recordRun(ctx, st, "ports", args, info, stderr)
	}
	switch {
	case *asJSON:
		return writeJSON(stdout, portsOutput{DictionaryInfo: info, Rules: dict.Rules()})
	case *asCSV:
		out, flush := terminalCSV(stdout)
		if _, err := out.Write(dict.MarshalCSV()); err != nil {
			return err
		}
		return flush()
	}
	fmt.Fprintf(stdout, "port dictionary of %s: %s\n", inert.String(st.Path()), inert.String(info.Origin))
	fmt.Fprintf(stdout, "sha256 %s%s\n", info.Fingerprint, dictionaryNote(info))
	if info.StoredAt != "" {
		fmt.Fprintf(stdout, "kept since %s\n", info.StoredAt)
	}
	fmt.Fprintf(stdout, "\n%-13s %-20s %-8s %-10s %-18s %s\n", "PORTS", "APPLICATION", "PROTO", "CONFIDENCE", "ORIGIN", "NOTE")
	for _, r := range dict.Rules() {
		ports := fmt.Sprint(r.Lo)
		if r.Hi != r.Lo {
			ports = fmt.Sprintf("%d-%d", r.Lo, r.Hi)
		}
		fmt.Fprintf(stdout, "%-13s %-20s %-8s %-10s %-18s %s\n", ports, inert.String(r.App), r.Protocol, r.Confidence,
			inert.String(r.Origin), inert.String(r.Note))
	}
	fmt.Fprintln(stdout, "\nA port's application is that of its best rule: the latest file first, then the narrowest range, then the highest\nconfidence. The other rules covering it are shown as what the port may also be.")
	return nil
}
