package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
)

// scopeFlags adds --from and --to (the case-wide time scope, on the wall
// clock written in the evidence) to fs; the returned function reads them
// once fs is parsed.
func scopeFlags(fs *flag.FlagSet) func() (casework.TimeScope, error) {
	from := fs.String("from", "", "time scope: only records from this wall-clock time (2024-03-18, 2024-03-18 10:00)")
	to := fs.String("to", "", "time scope: only records before this wall-clock time (a date includes its whole day)")
	return func() (casework.TimeScope, error) {
		ts, err := casework.ParseTimeScope(*from, *to)
		if err != nil {
			return ts, fmt.Errorf("%w: %v", errUsage, err)
		}
		return ts, nil
	}
}

// parseScoped parses fs from args (parseFlags) and then reads the time
// scope that scopeFlags added to fs.
func parseScoped(fs *flag.FlagSet, scope func() (casework.TimeScope, error), args []string) ([]string, casework.TimeScope, error) {
	pos, err := parseFlags(fs, args)
	if err != nil {
		return nil, casework.TimeScope{}, err
	}
	ts, err := scope()
	return pos, ts, err
}

// printScope names the scope above a command's text output.
func printScope(w io.Writer, ts casework.TimeScope) {
	if ts.Set() {
		fmt.Fprintln(w, casework.ScopeNote(ts))
	}
}

// printScopedSummary prints what the case holds inside a time scope.
func printScopedSummary(casePath, cluster string, ts casework.TimeScope, asJSON bool, w, stderr io.Writer) error {
	st, _, err := openCase(casePath, cluster, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	c, err := st.CountsIn(context.Background(), ts.From, ts.To)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(w, struct {
			Case  string             `json:"case"`
			Scope casework.TimeScope `json:"time_scope"`
			*store.ScopedCounts
		}{st.Path(), ts, c})
	}
	fmt.Fprintf(w, "case %s\n", inert.String(st.Path()))
	printScope(w, ts)
	fmt.Fprintf(w, "span %s .. %s (first and last record in scope)\n", orDash(c.FirstWall), orDash(c.LastWall))
	fmt.Fprintf(w, "%-22s %d\n%-22s %d\n%-22s %d\n", "ipdr records", c.Records["ipdr"], "voice records", c.Records["voice"], "subscribers", c.Subscribers)
	return nil
}
