// Command cdrtui is a terminal workbench for telecom forensic analysts: it
// imports operator IPDR/CDR exports and Asterisk artefacts into one SQLite
// case file and opens panes (persona, correlation, trends, hunt, SIM-box,
// Asterisk) on it. Every analysis also has a command-line twin with --json.
//
// This package holds flags and wiring only.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// command is one subcommand.
type command struct {
	name    string
	usage   string
	summary string
	run     func(args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"import", "import CASE.db PATH... [--tz ZONE] [--date-order DMY|MDY|YMD] [--map FIELD=COLUMN]... [--country CC] [--kind voice|ipdr] [--plmn MCC-MNC] [--encoding cp1252|cp1250|cp1251|latin1|utf-8] [--cells] [--json]", "import evidence files and directories into a case", runImport},
		{"gen", "gen DIR [--seed N] [--subscribers N] [--days N] [--records N] [--voice N] [--simboxes N] [--mimicry M] [--asterisk] [--geo]", "write a synthetic case with planted truth", runGen},
		{"summary", "summary CASE.db [--json] [--from T] [--to T]", "sources, counts and span of a case", runSummary},
		{"correlate", "correlate CASE.db A B [--window 180s] [--match app|port] [--list N] [--from T] [--to T] [--json]", "when A and B used the same application at nearly the same moment, beside chance", runCorrelate},
		{"contacts", "contacts CASE.db A [--window 180s] [--top N] [--from T] [--to T] [--json]", "everyone ranked by how far their coincidences with A exceed chance", runContacts},
		{"graph", graphUsage, "the network around a number: calls, SMS and data-session correlation, betweenness, GraphML/GEXF/DOT/CSV exports", runGraph},
		{"calls", callsUsage, "contacts by calls: every other party of A with calls and SMS each way, talk time, first and last, night share, cells", runCalls},
		{"common", commonUsage, "numbers in contact with several subscribers, or (--group2) who links two groups", runCommon},
		{"devices", devicesUsage, "A's handsets and SIMs over time, the changes, and other numbers behind A's handsets and SIMs", runDevices},
		{"silences", silencesUsage, "periods A produced no record for longer than usual for A, and hours of unusual call activity", runSilences},
		{"chains", chainsUsage, "relays A→B then B→C within a window, ranked by repeats, with chance beside them", runChains},
		{"international", internationalUsage, "A's calls and SMS abroad by country (numbering plan) and records on foreign networks", runInternational},
		{"simbox", "simbox CASE.db [--json] [--config FILE [--keep]] [--threshold X] [--top N] [--from T] [--to T] | simbox --print-config", "SIMs ranked by interconnect-bypass (SIM-box) features of their voice CDRs, with the reasons", runSimBox},
		{"simbox-eval", "simbox-eval [--seed N] [--json] [--config FILE] [--mimicry 0,0.5,1] [--thresholds 40,50] [--voice N] [--simboxes N] [--days N]", "measure the SIM-box detector on generated cases of rising mimicry", runSimBoxEval},
		{"hunt", huntUsage, "who reached a server (IP, network, IP:port) from which cells in a window, with statements", runHunt},
		{"persona", personaUsage, "who a subscriber is: applications by port (Table III), handsets, SIMs, cells, destinations, hours", runPersona},
		{"trends", trendsUsage, "when subscribers used an application: three-hour intervals, weekdays, dates, connections", runTrends},
		{"ports", portsUsage, "show, extend (analysts' CSV files) or reset the port dictionary kept in a case", runPorts},
		{"asterisk", asteriskUsage, "a seized PBX: calls per day and month, dispositions, top recipients, modems joined to their calls and IMEIs, SIP peers, zone", runAsterisk},
		{"note", noteUsage, "bookmark an item with tags and a note, list or remove notes (kept in the case)", runNote},
		{"audit", auditUsage, "the case's audit trail, and proof that it is unbroken", runAudit},
		{"report", reportUsage, "a report of the case (HTML, PDF or XLSX) that can be re-run, or --verify one against the case", runReport},
		{"cells", cellsUsage, "import cell-site reference data (OpenCellID / MLS, operators' site lists) and map base layers into a case", runCells},
		{"location", locationUsage, "where a subscriber was: sites, stays and moves (impossible speeds flagged), home and work", runLocation},
		{"colocate", colocateUsage, "when A and B were at one site (or within a radius) within a window, beside chance; without B, who was most with A", runColocate},
		{"scenes", scenesUsage, "tower dumps: subscribers present at several scenes (cells or a radius, and a window), with the records placing them", runScenes},
		{"demo", "demo [--rebuild]", "build (once) and print the path of the demo case", runDemo},
		{"upgrade", "upgrade CASE.db | upgrade clickhouse://HOST:9000/DATABASE [--cluster NAME]", "bring a case written by an older cdrtui up to this one's schema (read-only commands never do); on ClickHouse, make the tables and columns it lacks", runUpgrade},
	}
}

// errUsage marks an error whose message is a usage line.
var errUsage = errors.New("usage")

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "-h", "--help", "help":
			printHelp(stdout)
			return 0
		}
		for _, c := range commands() {
			if c.name == args[0] {
				if err := c.run(args[1:], stdout, stderr); err != nil {
					if errors.Is(err, flag.ErrHelp) {
						printCommandHelp(stdout, c, err)
						return 0
					}
					fmt.Fprintf(stderr, "cdrtui %s: %v\n", c.name, err)
					if errors.Is(err, errUsage) {
						fmt.Fprintf(stderr, "usage: cdrtui %s\n", c.usage)
					}
					return exitCode(err)
				}
				return 0
			}
		}
	}
	if err := runWorkbench(args, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "cdrtui: %v\n", err)
		return exitCode(err)
	}
	return 0
}

// exitCode is 2 for usage errors and 1 otherwise.
func exitCode(err error) int {
	if errors.Is(err, errUsage) {
		return 2
	}
	return 1
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "cdrtui: a terminal workbench for telecom forensic analysts")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "usage:")
	fmt.Fprintln(w, "  cdrtui                 the start screen: recent cases, open or create a case, the demo")
	fmt.Fprintln(w, "  cdrtui CASE.db         open a case")
	cs := commands()
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	for _, c := range cs {
		fmt.Fprintf(w, "  cdrtui %s\n      %s\n", c.usage, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "A case on ClickHouse: give clickhouse://HOST:9000/DATABASE for CASE.db (import, summary, persona,")
	fmt.Fprintln(w, "trends, contacts, correlate, simbox, hunt), with --cluster NAME for its shards; the user and password come from")
	fmt.Fprintln(w, "the URL or CDRTUI_CLICKHOUSE_USER and CDRTUI_CLICKHOUSE_PASSWORD. cdrtui clickhouse://HOST:9000/DATABASE")
	fmt.Fprintln(w, "[--cluster NAME] opens the workbench on it (Overview, Persona, Correlation, Trends, Hunt, SIM-box).")
}

// parseFlags parses fs from args with flags allowed anywhere among the
// positional arguments (cdrtui import case.db dir --json), and returns the
// positionals. "--" ends the flags.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var flags, positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			positional = append(positional, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		f := fs.Lookup(name)
		if f == nil {
			continue // reported by Parse
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			continue
		}
		if i+1 < len(args) {
			flags = append(flags, args[i+1])
			i++
		}
	}
	if err := fs.Parse(flags); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, helpRequest{fs}
		}
		return nil, fmt.Errorf("%w: %v", errUsage, err)
	}
	return positional, nil
}

// helpRequest is the answer to -h or --help: flag.ErrHelp carrying the
// command's flags, printed by run.
type helpRequest struct{ fs *flag.FlagSet }

func (h helpRequest) Error() string { return flag.ErrHelp.Error() }
func (h helpRequest) Unwrap() error { return flag.ErrHelp }

// printCommandHelp prints a command's usage, what it does and every flag.
func printCommandHelp(w io.Writer, c command, err error) {
	fmt.Fprintf(w, "usage: cdrtui %s\n\n%s\n", c.usage, c.summary)
	var h helpRequest
	if !errors.As(err, &h) {
		return
	}
	n := 0
	h.fs.VisitAll(func(*flag.Flag) { n++ })
	if n == 0 {
		return
	}
	fmt.Fprintln(w, "\nflags:")
	h.fs.VisitAll(func(f *flag.Flag) {
		arg, usage := flag.UnquoteUsage(f)
		line := "  --" + f.Name
		if arg != "" {
			line += " " + arg
		}
		if d := f.DefValue; d != "" && d != "false" && d != "0" && d != "[]" {
			usage += fmt.Sprintf(" (default %s)", d)
		}
		fmt.Fprintf(w, "%s\n      %s\n", line, usage)
	})
}

// multiFlag collects a repeated flag (--map a=b --map c=d).
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }
