package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
)

const auditUsage = "audit CASE.db|clickhouse://HOST:9000/DB [--verify] [--json] [--cluster NAME]"

// errBroken is a verification that failed (exit 1, after printing why).
var errBroken = errors.New("verification failed")

func runAudit(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("audit", flag.ContinueOnError)
	verify := fs.Bool("verify", false, "prove the trail unbroken, or name the first entry altered, removed or out of place")
	asJSON := fs.Bool("json", false, "print JSON")
	cluster := fs.String("cluster", "", "the ClickHouse cluster of a clickhouse:// case")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: need one case file", errUsage)
	}
	st, _, err := openCase(pos[0], *cluster, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	check, entries, err := casework.VerifyAudit(context.Background(), st)
	if err != nil {
		return err
	}
	if *verify {
		if *asJSON {
			if err := writeJSON(stdout, check); err != nil {
				return err
			}
		} else if check.OK {
			fmt.Fprintf(stdout, "audit trail unbroken: %d entries%s, head sha256 %s\n", check.Entries, chainsText(check), check.Head)
		} else {
			fmt.Fprintf(stdout, "audit trail BROKEN at entry %d: %s\n", *check.FirstBad, inert.String(check.Reason))
		}
		if !check.OK {
			return errBroken
		}
		return nil
	}
	if *asJSON {
		if entries == nil {
			entries = []store.AuditEntry{}
		}
		return writeJSON(stdout, struct {
			Entries []store.AuditEntry `json:"entries"`
			Check   store.AuditCheck   `json:"check"`
		}{entries, check})
	}
	for i, e := range entries {
		if e.Chain != "" && (i == 0 || entries[i-1].Chain != e.Chain) { // entries are listed by time: a chain is named where it (re)appears
			fmt.Fprintf(stdout, "chain %s\n", inert.String(e.Chain))
		}
		fmt.Fprintf(stdout, "%4d %s %-12s %-18s %s\n     result %s  entry %s\n", e.Seq, e.At, inert.String(e.Analyst), inert.String(e.Action),
			inert.String(casework.AuditParamsShown(e.Params)), short(e.ResultSHA256), short(e.EntrySHA256))
	}
	if check.OK {
		fmt.Fprintf(stdout, "%d entries%s, unbroken (cdrtui audit %s --verify)\n", check.Entries, chainsText(check), inert.String(caseName(pos[0])))
	} else {
		fmt.Fprintf(stdout, "%d entries, BROKEN at entry %d: %s\n", check.Entries, *check.FirstBad, inert.String(check.Reason))
		return errBroken
	}
	return nil
}

// chainsText names the chains of a ClickHouse case's trail ("" locally).
func chainsText(c store.AuditCheck) string {
	if c.Chains == 0 {
		return ""
	}
	if c.Chains == 1 {
		return " in 1 chain"
	}
	return fmt.Sprintf(" in %d chains", c.Chains)
}

// caseName is a case as it may be printed: a URL without its password.
func caseName(path string) string {
	if isClusterCase(path) {
		return clickhouseName(path)
	}
	return path
}

func short(h string) string {
	if len(h) > 16 {
		return h[:16]
	}
	return h
}

// recordRun appends a command's run to the case's audit trail: the
// command, its arguments as given, and the SHA-256 of its result as its
// --json prints it (so `cdrtui persona CASE A --json | sha256sum` is the
// hash recorded, whatever format this run printed). It is the one call
// each analysis makes after computing its result. A case opened read-only
// (every analysis opens it so) records in a short write of its own; a case
// that cannot be written, or that another program holds for longer than
// store.AuditWait, is said on stderr, once, and the command still answers.
// There is no switch to run unrecorded: an analyst who must leave a case
// untouched works on a copy or a read-only medium, and is told.
func recordRun(ctx context.Context, st casework.Trail, action string, args []string, result any, stderr io.Writer) {
	recordParams(ctx, st, action, map[string]any{"args": args}, result, stderr)
}

// recordFilesRun is recordRun for a run that reads files (import, cells):
// beside its arguments as typed, the absolute path of each path among
// them (casework.AbsolutePaths), the case's and the files'.
func recordFilesRun(ctx context.Context, st casework.Trail, action string, args []string, paths []string, result any, stderr io.Writer) {
	recordParams(ctx, st, action, map[string]any{"args": args, "absolute_paths": casework.AbsolutePaths(paths...)}, result, stderr)
}

// recordParams appends a run with its parameters, saying on stderr when
// it could not (see recordRun).
func recordParams(ctx context.Context, st casework.Trail, action string, params map[string]any, result any, stderr io.Writer) {
	_, err := casework.Record(ctx, st, "", action, params, result)
	var busy *store.CaseBusyError
	switch {
	case err == nil:
	case casework.NotRecorded(err):
		fmt.Fprintf(stderr, "cdrtui: warning: this run is not in the case's audit trail: %s\n", inert.String(strings.TrimPrefix(err.Error(), "the case cannot record in its audit trail: ")))
	case errors.As(err, &busy):
		who := "another program was writing it"
		if h := strings.TrimSpace(busy.Holder); h != "" {
			who = "an import was writing it (" + h + ")"
		}
		fmt.Fprintf(stderr, "cdrtui: warning: this run is not in the case's audit trail: for %v %s; run it again when that has finished to record it\n", store.AuditWait, inert.String(who))
	default:
		fmt.Fprintf(stderr, "cdrtui: warning: this run is not in the case's audit trail: %v\n", inert.String(err.Error()))
	}
}
