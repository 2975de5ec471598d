package casework

import (
	"cmp"
	"context"
	"encoding/csv"
	"fmt"
	"github.com/cdrtui/cdrtui/internal/inert"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
)

// HuntReport writes a hunt's statements as a plain-text report: what was
// looked for, in which case, when, what was found, then one numbered
// statement per subscriber.
func HuntReport(w io.Writer, casePath string, res *HuntResult, ranAt time.Time) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Server hunt: %s\n", res.Description)
	fmt.Fprintf(&b, "Case: %s\n", casePath)
	fmt.Fprintf(&b, "Run: %s (the analyst's clock)\n", ranAt.Format(time.RFC3339))
	fmt.Fprintf(&b, "Found: %s, %s, %s.\n", analysis.Plural(int64(len(res.Subscribers)), "subscriber", "subscribers"),
		analysis.Plural(res.Records, "record", "records"), analysis.Plural(res.Bytes, "byte", "bytes"))
	if unknown := res.UnknownNotSwitch(); len(unknown) > 0 {
		fmt.Fprintf(&b, "Cells named that the case does not hold: %s.\n", strings.Join(unknown, ", "))
	}
	for _, h := range res.SwitchCells {
		fmt.Fprintf(&b, "%s.\n", h.Message())
	}
	b.WriteString("Times are the wall clock written in the evidence; each statement names its zone.\n")
	for i, s := range res.Subscribers {
		fmt.Fprintf(&b, "\n%d. %s\n", i+1, s.Statement)
	}
	// the statements are read (in a viewer, on a terminal): inert, as
	// the panes show them
	_, err := io.WriteString(w, inert.Text(b.String()))
	return err
}

// ExportHunt writes a hunt's statements (a text report), its subscriber
// rows and every record with its source file and line (CSV) into dir, and
// returns the paths written. Files are written under a temporary name and
// renamed when complete.
func ExportHunt(ctx context.Context, st Case, q *analysis.HuntQuery, res *HuntResult, dir string, at time.Time) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	stamp := "hunt-" + at.Format("20060102-150405")
	statements := filepath.Join(dir, stamp+"-statements.txt")
	subscribers := filepath.Join(dir, stamp+"-subscribers.csv")
	records := filepath.Join(dir, stamp+"-records.csv")
	if err := writeWhole(statements, func(w io.Writer) error { return HuntReport(w, st.Path(), res, at) }); err != nil {
		return nil, err
	}
	srcs, err := st.Sources(ctx)
	if err != nil {
		return nil, err
	}
	meta := func(w io.Writer, of string) error { return huntCSVMeta(w, of, st.Path(), srcs, res, at) }
	if err := writeWhole(subscribers, func(w io.Writer) error {
		if err := meta(w, "subscribers found by the hunt"); err != nil {
			return err
		}
		return huntSubscribersCSV(w, res)
	}); err != nil {
		return nil, err
	}
	if err := writeWhole(records, func(w io.Writer) error {
		if err := meta(w, "records found by the hunt"); err != nil {
			return err
		}
		return huntRecordsCSV(ctx, w, st, q)
	}); err != nil {
		return nil, err
	}
	return []string{statements, subscribers, records}, nil
}

// huntCSVMeta begins a hunt's CSV with "# " lines saying what it is: the
// list, the case and its sources' SHA-256, the hunt, the time of export
// (the table exports of the workbench do the same).
func huntCSVMeta(w io.Writer, of, casePath string, srcs []store.Source, res *HuntResult, at time.Time) error {
	line := csvMetaLine
	var b strings.Builder
	b.WriteString(line("cdrtui export of", of))
	b.WriteString(line("case", casePath))
	for _, s := range srcs {
		b.WriteString(line("source", s.SHA256+"  "+s.Path))
	}
	b.WriteString(line("hunt", res.Description))
	b.WriteString(line("exported at", at.UTC().Format(time.RFC3339)))
	_, err := io.WriteString(w, b.String())
	return err
}

func huntSubscribersCSV(w io.Writer, res *HuntResult) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"msisdn", "imsis", "imeis", "cells", "first", "last", "records", "bytes", "records_with_bytes", "clock", "statement"})
	for _, s := range res.Subscribers {
		cw.Write(huntSpreadsheetSafe([]string{s.MSISDN, strings.Join(s.IMSIs, " "), strings.Join(s.IMEIs, " "), strings.Join(s.Cells, " "),
			s.First, s.Last, strconv.FormatInt(s.Records, 10), strconv.FormatInt(s.Bytes, 10), strconv.FormatInt(s.RecordsWithBytes, 10),
			s.Clock, s.Statement}))
	}
	cw.Flush()
	return cw.Error()
}

func huntRecordsCSV(ctx context.Context, w io.Writer, st Case, q *analysis.HuntQuery) error {
	var rows []store.HuntRow
	if _, err := st.HuntScan(ctx, q, store.HuntScanOptions{}, func(r store.HuntRow) error { rows = append(rows, r); return nil }); err != nil {
		return err
	}
	names, err := st.HuntNames(ctx, rows)
	if err != nil {
		return err
	}
	recs := make([]analysis.HuntRecord, len(rows))
	for i, r := range rows {
		recs[i] = names.Record(r)
	}
	slices.SortFunc(recs, func(a, b analysis.HuntRecord) int {
		return cmp.Or(cmp.Compare(a.MSISDN, b.MSISDN), cmp.Compare(a.At.Unix, b.At.Unix), cmp.Compare(a.Line, b.Line))
	})
	cw := csv.NewWriter(w)
	cw.Write([]string{"msisdn", "imsi", "imei", "destination", "wall_clock", "utc_offset_seconds", "zone", "cell", "bytes", "source", "sha256", "line"})
	for _, r := range recs {
		bytes := ""
		if r.Bytes >= 0 {
			bytes = strconv.FormatInt(r.Bytes, 10)
		}
		offset := "" // evidence that gave no zone: its wall clock has no known offset (0 would read as UTC)
		if r.Source.Zone != "" {
			offset = strconv.Itoa(int(r.At.Offset))
		}
		cw.Write(huntSpreadsheetSafe([]string{r.MSISDN, r.IMSI, r.IMEI, r.Destination(), r.At.String(), offset,
			r.Source.Zone, r.Cell, bytes, r.Source.Path, r.Source.SHA256, strconv.FormatInt(r.Line, 10)}))
	}
	cw.Flush()
	return cw.Error()
}

// huntSpreadsheetSafe prefixes an apostrophe to a cell a spreadsheet would run
// as a formula (=, +, -, @ first), unless it is a number.
func huntSpreadsheetSafe(cells []string) []string {
	for i, c := range cells {
		if c == "" || !strings.ContainsRune("=+-@", rune(c[0])) {
			continue
		}
		if _, err := strconv.ParseFloat(c, 64); err == nil {
			continue
		}
		cells[i] = "'" + c
	}
	return cells
}

// writeWhole writes path through a temporary file in its directory,
// renamed into place only when complete: an export is there whole or not
// at all.
func writeWhole(path string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	if err := write(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}
