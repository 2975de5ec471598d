package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
)

// runAsteriskCEL is `cdrtui asterisk CASE --cel`: the PBX's Channel Event
// Logging calls, or one call's events (--linkedid), as casework.AsteriskCEL
// reports them.
func runAsteriskCEL(c casework.Case, pbx *store.Store, args []string, o casework.CELOptions, asJSON bool, stdout, stderr io.Writer) error {
	rep, err := casework.AsteriskCEL(context.Background(), pbx, o)
	if err != nil {
		return err
	}
	recordRun(context.Background(), c, "asterisk", args, rep, stderr)
	if asJSON {
		return writeJSON(stdout, rep)
	}
	printCEL(stdout, rep)
	return nil
}

func printCEL(w io.Writer, r *casework.CELReport) {
	if r.Events == 0 {
		fmt.Fprintln(w, casework.NoCEL)
		return
	}
	where := ""
	if r.Copies > 0 {
		where = " (--linkedid lists where)"
	}
	fmt.Fprintf(w, "Channel Event Logging: %s%s\n", casework.CELSentence(r.CELSummary), where)
	if r.Call != nil {
		printCELCall(w, r.Call)
		return
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "\nFIRST EVENT\tZONE\tLINKEDID\tSECONDS\tEVENTS\tCHANNELS\tANSWERED\tCALLER\tEXTEN@CONTEXT\tCDRS")
	for _, c := range r.Listed {
		ans := "no"
		if c.Answered {
			ans = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.3f\t%d\t%d\t%s\t%s\t%s@%s\t%d\n", c.FirstWall, inert.String(zoneName(c.Zone)), inert.String(c.LinkedID), c.Seconds, c.Events, c.Channels, ans,
			inert.String(orDash(c.Caller)), inert.String(c.Exten), inert.String(c.Context), c.CDRs)
	}
	tw.Flush()
	if int64(len(r.Listed)) < r.Calls {
		fmt.Fprintf(w, "%d of %d calls listed (--top N, --number N)\n", len(r.Listed), r.Calls)
	}
}

func printCELCall(w io.Writer, v *casework.CELCallView) {
	zone := ""
	if len(v.Events) > 0 {
		zone = v.Events[0].Zone
	}
	fmt.Fprintf(w, "\ncall %s: %d events, wall clocks in %s\n", inert.String(v.LinkedID), len(v.Events), inert.String(zoneName(zone)))
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "WALL CLOCK\tEVENT\tCHANNEL\tUNIQUEID\tCALLER\tEXTEN@CONTEXT\tAPP(DATA)\tPEER\tEXTRA\tFILE:LINE")
	for _, e := range v.Events {
		app := ""
		if e.App != "" {
			app = e.App + "(" + e.AppData + ")"
		}
		caller := e.CIDNum
		if e.CIDName != "" {
			caller = `"` + e.CIDName + `" ` + e.CIDNum
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s@%s\t%s\t%s\t%s\t%s:%d%s\n", e.Wall, inert.String(e.Event), inert.String(e.Channel), inert.String(e.UniqueID),
			inert.String(orDash(caller)), inert.String(e.Exten), inert.String(e.Context), inert.String(orDash(app)), inert.String(orDash(e.Peer)),
			inert.String(orDash(e.Extra)), inert.String(e.Source), e.Line, alsoIn(e.AlsoIn))
	}
	tw.Flush()
	if len(v.CDRs) == 0 {
		fmt.Fprintln(w, "no call record carries this linkedid or the uniqueid of one of its channels")
		return
	}
	fmt.Fprintln(w, "\ncall records tied to it:")
	for _, c := range v.CDRs {
		fmt.Fprintf(w, "  %s:%d  %s -> %s  %s, %s  (by %s %s)\n", inert.String(c.Source), c.Line, inert.String(c.Src), inert.String(c.Dst),
			inert.String(c.Disposition), casework.BilledText(c.BillSec), c.By, inert.String(map[string]string{"linkedid": c.LinkedID, "uniqueid": c.UniqueID}[c.By]))
	}
}

// zoneName is a source's zone, UTC when it has none (CELWall then writes
// UTC).
func zoneName(z string) string {
	if z == "" {
		return "UTC"
	}
	return z
}

// alsoIn writes the further occurrences of an event: " (also in FILE:LINE,
// ...)", "" when none.
func alsoIn(cs []store.CELCopy) string {
	if len(cs) == 0 {
		return ""
	}
	var parts []string
	for _, c := range cs {
		parts = append(parts, fmt.Sprintf("%s:%d", inert.String(c.Source), c.Line))
	}
	return " (also in " + strings.Join(parts, ", ") + ")"
}
