package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
)

const locationUsage = "location CASE.db MSISDN [--from T] [--to T] [--night 22-06] [--day 09-17] [--max-kmh 250] [--json] [--export FILE.csv|.json|.kml|.geojson]"

func runLocation(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("location", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	night := fs.String("night", "22-06", "hours of the wall clock that are night, for home")
	day := fs.String("day", "09-17", "hours of the wall clock on weekdays that are work, for work")
	maxKMH := fs.Float64("max-kmh", 250, "a move faster than this, even granting 3 km at each end for the cells' coverage, is flagged impossible")
	export := fs.String("export", "", "write the timeline and places to FILE (.csv, .json, .kml or .geojson)")
	scope := scopeFlags(fs)
	cluster := clusterFlag(fs)
	pos, ts, err := parseScoped(fs, scope, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return fmt.Errorf("%w: need a case file and an MSISDN", errUsage)
	}
	p := casework.DefaultLocationParams()
	p.Scope = ts
	if p.Params.Night, err = casework.ParseHours(*night); err != nil {
		return fmt.Errorf("%w: --night: %v", errUsage, err)
	}
	if p.Params.Day, err = casework.ParseHours(*day); err != nil {
		return fmt.Errorf("%w: --day: %v", errUsage, err)
	}
	if *maxKMH <= 0 {
		return fmt.Errorf("%w: --max-kmh must be positive", errUsage)
	}
	p.Params.MaxKMH = *maxKMH
	if *export != "" {
		ext := strings.ToLower(filepath.Ext(*export))
		ok := false
		for _, e := range casework.LocationExportFormats {
			ok = ok || e == ext
		}
		if !ok {
			return fmt.Errorf("%w: --export %s: the extension must be one of %s", errUsage, *export, strings.Join(casework.LocationExportFormats, ", "))
		}
	}
	st, _, err := openLocator(pos[0], *cluster, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	rep, err := casework.Location(ctx, st, pos[1], p)
	if err != nil {
		return err
	}
	recordRun(ctx, st, "location", args, rep, stderr)
	if *export != "" {
		if err := casework.ExportLocation(ctx, st, rep, *export, time.Now()); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "wrote %s\n", inert.String(*export))
	}
	if *asJSON {
		return writeJSON(stdout, rep)
	}
	printScope(stdout, ts)
	printLocation(stdout, rep)
	return nil
}

func printLocation(w io.Writer, r *casework.LocationReport) {
	fmt.Fprintf(w, "location of %s: %d of %d records placed (%.1f%%); %d cell-site rows in the case\n",
		inert.String(r.MSISDN), r.Placed, r.Records, 100*r.PlacedShare, r.CellSources)
	if r.CellSources == 0 {
		fmt.Fprintln(w, "no cell sites in the case: add them with cdrtui cells CASE.db FILE (OpenCellID, an operator's list)")
	}
	pl := func(name string, p *casework.LocPlace, n int, unit string) {
		if p == nil {
			fmt.Fprintf(w, "%s: none (no placed record in its hours)\n", name)
			return
		}
		fmt.Fprintf(w, "%s: %s at %.5f,%.5f, the most used site on %d of %d %s\n", name, inert.String(p.Cell), p.Lat, p.Lon, n, p.Of, unit)
	}
	if r.Places.Home != nil {
		pl("home ("+r.Night+")", r.Places.Home, r.Places.Home.Nights, "nights")
	} else {
		pl("home ("+r.Night+")", nil, 0, "")
	}
	if r.Places.Work != nil {
		pl("work (weekdays "+r.Day+")", r.Places.Work, r.Places.Work.Days, "weekdays")
	} else {
		pl("work (weekdays "+r.Day+")", nil, 0, "")
	}
	fmt.Fprintf(w, "\n%-22s %10s %10s %7s  %-19s %-19s %s\n", "SITE (CELL)", "LAT", "LON", "RECORDS", "FIRST", "LAST", "NOTE")
	for _, s := range r.Sites {
		note := ""
		if s.Disagree {
			note = fmt.Sprintf("sources disagree by %.1f km", s.SpreadM/1000)
		}
		fmt.Fprintf(w, "%-22s %10.5f %10.5f %7d  %-19s %-19s %s\n", inert.String(s.Cell), s.Lat, s.Lon, s.Records, s.First, s.Last, note)
	}
	for _, u := range r.Unplaced {
		fmt.Fprintf(w, "%-22s %10s %10s %7d  no position known\n", inert.String(u.Cell), "-", "-", u.Records)
	}
	fmt.Fprintf(w, "\n%d stays, %d moves (%d at an impossible speed)\n", len(r.Stays), len(r.Moves), r.Impossible)
	shown := 0
	for _, m := range r.Moves {
		if !m.Impossible {
			continue
		}
		if shown == 20 {
			fmt.Fprintf(w, "... and %d more impossible moves\n", r.Impossible-shown)
			break
		}
		shown++
		fmt.Fprintf(w, "IMPOSSIBLE %s -> %s  %s .. %s  %.2f km  %.1f km/h\n", inert.String(m.FromCell), inert.String(m.ToCell), m.Left, m.At, m.KM, m.KMH)
	}
	if len(r.Moves) > 0 {
		fmt.Fprintln(w, "every stay and move: --json, or --export FILE.csv|.json|.kml|.geojson")
	}
}
