package main

import (
	"context"
	"flag"
	"fmt"
	"github.com/cdrtui/cdrtui/internal/casework"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/cdrtui/cdrtui/internal/evidence"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
)

const cellsUsage = "cells CASE.db [FILE...] [--layer FILE.geojson]... [--plmn MCC-MNC] [--encoding cp1252|cp1250|cp1251|latin1|utf-8] [--json] [--cluster NAME]"

func runCells(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("cells", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print a JSON summary (as import --json)")
	plmn := fs.String("plmn", "", "MCC-MNC (404-10) of a cell-site list that gives only LAC and CI")
	encoding := fs.String("encoding", "", "encoding of cell-site files that are not UTF-8: "+evidence.EncodingNames+" (default: told from each file's bytes; a file they do not tell is refused naming the candidates)")
	clusterName := clusterFlag(fs)
	var layers multiFlag
	fs.Var(&layers, "layer", "a GeoJSON file (district boundaries, roads) kept in the case and drawn on the map as outlines; repeatable")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 1 || len(pos) == 1 && len(layers) == 0 {
		return fmt.Errorf("%w: need a case file and at least one cell-site file (or --layer FILE)", errUsage)
	}
	if *encoding != "" {
		if _, err := evidence.ParseEncoding(*encoding); err != nil {
			return fmt.Errorf("%w: --%v", errUsage, err)
		}
	}
	cluster := *clusterName
	var results []store.FileResult
	var counts siteCounts
	began := time.Now()
	ctx := context.Background()
	if isClusterCase(pos[0]) {
		bar := newProgressBar(stderr)
		var done func()
		results, counts, done, err = cellsCluster(pos[0], cluster, pos[1:], store.CellImportOptions{Sites: evidence.SiteOptions{PLMN: *plmn}, Encoding: *encoding, Progress: bar.update}, layers)
		bar.done()
		defer done()
		if t, ok := counts.(casework.Trail); ok && len(results) > 0 && !caseFailed(err) {
			recordFilesRun(context.Background(), t, "cells", args, append(append([]string{}, pos[1:]...), layers...), map[string]any{"files": results}, stderr) // what --json prints
		}
	} else {
		if cluster != "" {
			return fmt.Errorf("%w: --cluster goes with a clickhouse:// case", errUsage)
		}
		var st *store.Store
		if results, st, err = cellsLocal(pos[0], pos[1:], store.CellImportOptions{Sites: evidence.SiteOptions{PLMN: *plmn}, Encoding: *encoding}, layers, args, stderr); st != nil {
			defer st.Close()
			counts = st
		}
	}
	if counts == nil {
		return err // the case could not be opened
	}
	if *asJSON {
		if jerr := writeJSON(stdout, map[string]any{"files": results}); jerr != nil {
			return jerr
		}
	} else {
		for _, r := range results {
			switch {
			case r.Error != "":
				fmt.Fprintf(stdout, "%s: %s\n", inert.String(r.Path), inert.String(r.Error))
			case r.Skipped != "":
				fmt.Fprintf(stdout, "%s: skipped: %s\n", inert.String(r.Path), inert.String(r.Skipped))
			default:
				what := "cell sites"
				if r.Rows == 1 {
					what = "cell site"
				}
				if r.Kind == store.KindLayer {
					what = "features (base layer)"
				}
				fmt.Fprintf(stdout, "%s: %d %s, %d rejected; %s; sha256 %s\n", inert.String(r.Path), r.Rows, what, r.Rejected, inert.String(r.Format), r.SHA256)
			}
		}
		if rows, keys, cerr := counts.CellSiteCount(ctx); cerr == nil {
			fmt.Fprintf(stdout, "the case holds %d cell-site rows for %d cells (%s)\n", rows, keys, time.Since(began).Round(time.Millisecond))
		}
		if cov, cerr := counts.CoverageOf(ctx, 0); cerr == nil && cov.Records > 0 {
			fmt.Fprintf(stdout, "placed: %d of %d records (%.1f%%), %d of %d cells used\n", cov.Placed, cov.Records, 100*cov.Share(), cov.CellsPlaced, cov.Cells)
		}
	}
	return importVerdict(results, err, "no file given holds cell sites or a base layer")
}

// cellsLocal imports cell-site files and base layers into the local case
// at path (created when missing), and records the run in its audit trail.
func cellsLocal(path string, files []string, opts store.CellImportOptions, layers, args []string, stderr io.Writer) ([]store.FileResult, *store.Store, error) {
	st, err := store.Create(path)
	if err != nil {
		return nil, nil, err
	}
	if err := st.ImportInProgress(); err != nil {
		st.Close()
		return nil, nil, err // refused at once, naming the import that holds the case
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	bar := newProgressBar(stderr)
	var results []store.FileResult
	if len(files) > 0 {
		opts.Progress = bar.update
		results, err = st.ImportCells(ctx, files, opts)
	}
	bar.done()
	for _, l := range layers {
		if err != nil {
			break
		}
		var res store.FileResult
		res, err = st.ImportLayer(ctx, l)
		results = append(results, res)
	}
	if len(results) > 0 && !caseFailed(err) {
		recordFilesRun(context.Background(), st, "cells", args, append([]string{path}, append(files, layers...)...), map[string]any{"files": results}, stderr) // what --json prints
	}
	return results, st, err
}
