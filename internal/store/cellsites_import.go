package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/cdrtui/cdrtui/internal/evidence"
)

// KindCells is the kind of a source of cell-site reference data; its rows
// are in cell_sites.
const KindCells = "cells"

// CellImportOptions are the analyst's instructions for cdrtui cells.
type CellImportOptions struct {
	Sites    evidence.SiteOptions
	Encoding string // --encoding: cp1252, cp1250, cp1251, latin1 or utf-8 of the files; "" to tell from each file's bytes
	Progress func(Progress)
}

// ImportCells reads cell-site reference data (OpenCellID / Mozilla Location
// Service exports, operators' cell-site lists; gzip-compressed or not) into
// the case: each file hashed and recorded as a source of kind "cells",
// each row kept with its line, each file one transaction, a file already
// in the case (same SHA-256) adding nothing. Rows are streamed: memory
// stays bounded whatever the file's size. The error is non-nil only when
// the case itself failed; problems with a file are in its result.
func (s *Store) ImportCells(ctx context.Context, paths []string, opts CellImportOptions) ([]FileResult, error) {
	if err := s.waitChecked(ctx); err != nil {
		return nil, err
	}
	if s.Damaged() != "" {
		return nil, s.damagedError()
	}
	if s.readOnly {
		return nil, ErrReadOnly
	}
	unlock, err := s.lockImport(paths)
	if err != nil {
		return nil, err
	}
	defer unlock()
	var results []FileResult
	for _, p := range paths {
		if ctx.Err() != nil {
			return results, ctx.Err()
		}
		res, err := s.importCellFile(ctx, p, opts)
		results = append(results, res)
		if err != nil {
			return results, err
		}
	}
	return results, nil
}

func (s *Store) importCellFile(ctx context.Context, p string, opts CellImportOptions) (FileResult, error) {
	res := FileResult{Path: p, Kind: KindCells}
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		res.Error = err.Error()
		return res, nil
	}
	info, err := os.Stat(real)
	if err != nil {
		res.Error = err.Error()
		return res, nil
	}
	if info.IsDir() {
		res.Error = "a directory: name the cell-site files in it (cdrtui cells reads files, it does not walk folders)"
		return res, nil
	}
	if !info.Mode().IsRegular() {
		res = notRegular(p, info.Mode())
		res.Error, res.Skipped = res.Skipped, ""
		return res, nil
	}
	f, err := os.Open(real) // read-only: evidence is never written
	if err != nil {
		res.Error = err.Error()
		return res, nil
	}
	defer f.Close()
	const headSize = 256 << 10
	head := make([]byte, headSize)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	gz := bytes.HasPrefix(head, []byte{0x1f, 0x8b})
	text := head
	complete := n < headSize
	if gz {
		zr, err := gzip.NewReader(bytes.NewReader(head))
		if err != nil {
			res.Error = "gzip: " + err.Error()
			return res, nil
		}
		text, _ = io.ReadAll(io.LimitReader(zr, headSize))
		complete = complete && len(text) < headSize
	}
	// an operator's list written by a spreadsheet in Windows-1252 (its
	// addresses "Bogot\xe1") is decoded as an operator table is, never
	// stored as raw bytes; a file no encoding tells apart is refused
	enc, how, encErr := textEncoding(real, text, complete, ImportOptions{Encoding: opts.Encoding}, gz)
	sr, err := evidence.NewSiteReader(bytes.NewReader(evidence.DecodeText(text, enc)), opts.Sites)
	if err != nil {
		res.Error = err.Error()
		return res, nil
	}
	if encErr != nil {
		res.Error = encErr.Error()
		return res, nil
	}
	res.Format = sr.Format
	if dup, err := s.duplicateOf(ctx, f, info.Size()); err != nil {
		res.Error = err.Error()
		return res, nil
	} else if dup != nil {
		res.SHA256 = dup.sha
		res.Skipped = fmt.Sprintf("already in the case as source %d (%s): same SHA-256", dup.id, dup.path)
		res.inCase = true
		return res, nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		res.Error = err.Error()
		return res, nil
	}
	format := sr.Format
	if gz {
		format += ", gzip-compressed"
	}
	if enc != evidence.UTF8 || how != "" {
		format += ", " + enc.String()
	}
	if how != "" {
		format += " (" + how + ")"
	}
	res.Format = format
	det := &detection{kind: KindCells, format: format, gzipped: gz, encoding: enc,
		importer: func(ctx context.Context, j *importJob) error { return importSites(ctx, j, opts.Sites) }}
	if enc == evidence.UTF8 && how == "" && !complete {
		det.utf8Head = len(text) // the rest is checked as it is read
	}
	job := &importJob{s: s, path: p, real: real, info: info, file: f, det: det, res: &res,
		opts: ImportOptions{Progress: opts.Progress}}
	if err := job.run(ctx); errors.Is(err, errNoSites) {
		// nothing of it kept, so that it can be imported again (with
		// --plmn, say) without being taken for a duplicate
		res.Rows, res.SourceID, res.SHA256 = 0, 0, ""
		res.Reasons = job.topReasons(3)
		var why []string
		for _, r := range res.Reasons {
			why = append(why, fmt.Sprintf("%s (%d)", r.Reason, r.Count))
		}
		res.Error = fmt.Sprintf("nothing imported: no row gave a cell and a position (%d rejected: %s); nothing of this file is in the case",
			res.Rejected, strings.Join(why, "; "))
		return res, nil
	} else if err != nil {
		err = withDiskFull(err, s.path)
		res.Rows, res.Rejected, res.SourceID = 0, 0, 0
		if errors.Is(err, context.Canceled) {
			res.Error = "interrupted: nothing of this file is in the case (its transaction was rolled back)"
			return res, err
		}
		res.Error = "not imported: " + err.Error() + "; nothing of this file is in the case"
		if errors.Is(err, errCaseFailed) {
			return res, fmt.Errorf("%s: %w", p, err)
		}
		return res, nil
	}
	return res, nil
}

// bulkSitesBytes is the size from which a file's rows go in before the
// indexes are rebuilt.
const bulkSitesBytes = 8 << 20

// siteIndexes are cell_sites' indexes as migration 10 makes them.
var siteIndexes = []struct{ name, create string }{
	{"cell_sites_by_key", "CREATE INDEX cell_sites_by_key ON cell_sites(cell_key)"},
	{"cell_sites_by_alt", "CREATE INDEX cell_sites_by_alt ON cell_sites(alt_key) WHERE alt_key IS NOT NULL"},
	{"cell_sites_by_source", "CREATE INDEX cell_sites_by_source ON cell_sites(source_id, line)"},
}

// siteBatch is the rows of one write.
const siteBatch = 8192

// siteRow is one cell_sites row for the feed.
type siteRow struct {
	source int64
	s      *evidence.CellSite
}

func orNull(v float64) any {
	if math.IsNaN(v) {
		return nil
	}
	return v
}

func (r siteRow) column(i int) any {
	s := r.s
	switch i {
	case 0:
		return r.source
	case 1:
		return s.Line
	case 2:
		return s.Key
	case 3:
		if s.AltKey == "" {
			return nil
		}
		return s.AltKey
	case 4:
		return s.Cell
	case 5:
		return s.Radio
	case 6:
		return s.Lat
	case 7:
		return s.Lon
	case 8:
		return orNull(s.Azimuth)
	case 9:
		return orNull(s.Beam)
	case 10:
		return orNull(s.Range)
	case 11:
		if s.Samples < 0 {
			return nil
		}
		return s.Samples
	case 12:
		return s.Address
	}
	return nil
}

const insertSites = "INSERT INTO cell_sites(source_id, line, cell_key, alt_key, cell, radio, lat, lon, azimuth, beam, range_m, samples, address) %s"

// importSites streams a cell-site table into cell_sites: one goroutine
// reads and parses, this one writes, a batch at a time.
func importSites(ctx context.Context, j *importJob, opts evidence.SiteOptions) (err error) {
	r, err := j.det.decode(j.reader()) // decompressed, as UTF-8
	if err != nil {
		return err
	}
	sr, err := evidence.NewSiteReader(r, opts)
	if err != nil {
		return err
	}
	if j.info.Size() >= bulkSitesBytes {
		// a whole-country export: its indexes are built once, sorted,
		// after the rows are in, rather than row by row (inside the
		// file's transaction: a rollback restores them)
		for _, ix := range siteIndexes {
			if _, err := j.conn.ExecContext(ctx, "DROP INDEX IF EXISTS "+ix.name); err != nil {
				return fmt.Errorf("%w: %v", errCaseFailed, err)
			}
		}
		defer func() {
			if err != nil {
				return
			}
			j.indexing.Store(true)
			j.progress()
			j.conn.ExecContext(ctx, "PRAGMA threads=2")
			for _, ix := range siteIndexes {
				if _, e := j.conn.ExecContext(ctx, ix.create); e != nil && err == nil {
					err = fmt.Errorf("%w: %v", errCaseFailed, e)
				}
			}
			j.conn.ExecContext(ctx, "PRAGMA threads=0")
		}()
	}
	type batch struct {
		sites   []evidence.CellSite
		rejects []reject
		err     error
	}
	batches := make(chan batch, 2)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(batches)
		b := batch{sites: make([]evidence.CellSite, 0, siteBatch)}
		for {
			site, err := sr.Next()
			if err == io.EOF {
				break
			}
			var re *evidence.RowError
			if errors.As(err, &re) {
				if re.Reason != "blank line" {
					b.rejects = append(b.rejects, reject{line: re.Line, severity: "row", reason: re.Reason, raw: re.Raw})
				}
				continue
			}
			if err != nil {
				b.err = err
				break
			}
			b.sites = append(b.sites, site)
			if len(b.sites) == siteBatch {
				select {
				case batches <- b:
				case <-stop:
					return
				}
				b = batch{sites: make([]evidence.CellSite, 0, siteBatch)}
			}
		}
		select {
		case batches <- b:
		case <-stop:
		}
	}()
	for b := range batches {
		if len(b.sites) > 0 {
			i := 0
			j.feed.set(func() (feedRow, bool) {
				if i >= len(b.sites) {
					return nil, false
				}
				i++
				return siteRow{source: j.sourceID, s: &b.sites[i-1]}, true
			})
			_, err := j.conn.ExecContext(ctx, fmt.Sprintf(insertSites, feedSelect(j.feedName, 13)))
			j.feed.set(nil)
			if err != nil {
				return fmt.Errorf("%w: %v", errCaseFailed, err)
			}
			j.rows.Add(int64(len(b.sites)))
		}
		if len(b.rejects) > 0 {
			for _, r := range b.rejects {
				j.tallyReason(r.reason)
			}
			if err := j.writeRejects(ctx, b.rejects); err != nil {
				return fmt.Errorf("%w: %v", errCaseFailed, err)
			}
			j.rejected.Add(int64(len(b.rejects)))
		}
		j.progress()
		if b.err != nil {
			return b.err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	if j.rows.Load() == 0 {
		j.res.Rejected = j.rejected.Load()
		return errNoSites
	}
	return nil
}

// errNoSites rolls back a file of which no row gave a site.
var errNoSites = errors.New("no cell site in the file")

// cellSiteTable says what a file refused as evidence is when it is a
// cell-site table ("" when it is not), so that an import names the
// command that reads it.
func cellSiteTable(head []byte) string {
	if f := cellSiteFormat(head); f != "" {
		return cellSiteRefusal(f)
	}
	return ""
}

// cellSiteRefusal is why a cell-site table of the given format is not
// imported as evidence, naming what reads it.
func cellSiteRefusal(format string) string {
	return "cell-site reference data (" + format + "), not evidence: import it with cdrtui cells CASE.db FILE (or cdrtui import --cells)"
}

// cellSiteFormat is the layout of a cell-site table's head ("" when it is
// none).
func cellSiteFormat(head []byte) string {
	sr, err := evidence.NewSiteReader(bytes.NewReader(head), evidence.SiteOptions{})
	if err != nil {
		return ""
	}
	return sr.Format
}
