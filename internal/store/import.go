package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/evidence"
	"github.com/cdrtui/cdrtui/internal/evidence/hostimage"
)

// ImportOptions are the analyst's instructions for an import.
type ImportOptions struct {
	Zone      *time.Location            // --tz: zone of the wall clocks; nil keeps them as written
	DateOrder evidence.DateOrder        // --date-order, "" to detect
	Map       map[evidence.Field]string // --map FIELD=COLUMN
	Kind      evidence.Kind             // --kind: voice or ipdr, "" to decide from the fields
	Country   string                    // --country: ISO code of the numbering plan national numbers follow; "" to use the case's or infer it
	PLMN      string                    // --plmn MCC-MNC: serving network of cells in files with no MCC and MNC columns; "" for none
	Encoding  string                    // --encoding: cp1252, cp1250, cp1251, latin1 or utf-8 of text files; "" to detect
	CellSites bool                      // --cells: read cell-site tables named or found as cdrtui cells does, not refuse them
	Progress  func(Progress)            // called now and then while a file is read; may be nil

	image  *imageInfo                    // the disk image the file being imported lies in, set per file
	run    *bulkRun                      // the bulk path of the whole import (import_bulkrun.go)
	reopen func() (io.ReadCloser, error) // a workbook sheet's text, read again (see detection.reopen)
	// cellBaseFromHead: the base of the LAC and cell columns is decided
	// from the head and checked as the import reads (table_cellbase.go),
	// not read whole first; the import sets it, previews do not
	cellBaseFromHead bool
}

// Progress is a snapshot of the file being imported.
type Progress struct {
	Path     string
	Read     int64 // bytes read
	Size     int64
	Rows     int64
	Rejected int64
	Elapsed  time.Duration
	// Indexing says the rows are in and the table's indexes are being
	// rebuilt, the last step of a bulk import.
	Indexing bool
}

// FileResult says what an import did with one file.
type FileResult struct {
	Path     string `json:"path"`
	SHA256   string `json:"sha256,omitempty"`
	Format   string `json:"format,omitempty"`
	Kind     string `json:"kind,omitempty"`
	Zone     string `json:"zone"`
	Rows     int64  `json:"rows"`
	Rejected int64  `json:"rejected"`
	Dropped  int64  `json:"fields_dropped"`
	// Duplicates counts rows that repeat a call already in the case (the
	// same CDR in Master.csv and a per-account file): kept once, each
	// further occurrence listed in ast_call_copies with its line.
	Duplicates int64 `json:"duplicates,omitempty"`
	// Flagged counts values kept as written and flagged (an alphanumeric
	// sender, a direction code no table explains); each is in rejects.
	Flagged int64 `json:"flagged,omitempty"`
	// Unfilled are the fields no column of the file fills.
	Unfilled []string `json:"unfilled,omitempty"`
	// Empty says the file is an operator's return holding no records
	// ("No Data Found"): recorded with 0 rows, not an error.
	Empty string `json:"empty,omitempty"`
	// Reasons are the commonest reasons rows were rejected, when the file
	// imported nothing.
	// Keys says which numbering plan keyed the file's numbers and how many
	// could not be keyed (kept as written).
	Keys           string        `json:"keys,omitempty"`
	Reasons        []ReasonCount `json:"reasons,omitempty"`
	AlreadyInCase  int64         `json:"already_in_case"`
	RepeatedInFile int64         `json:"repeated_in_file"`
	Sheet          string        `json:"sheet,omitempty"`
	WorkbookSHA256 string        `json:"workbook_sha256,omitempty"`
	table          bool          // Sheet names a table of an HTML page ("table 2"), not a sheet (SheetLabel)
	// Unparsed counts log lines kept as text because no entry format
	// fits them.
	Unparsed int64 `json:"unparsed_lines,omitempty"`
	// ReportLines counts the lines of an export's report text (footers
	// after the last record, preamble before the first), set apart in the
	// source's notes and not counted as rejected rows.
	ReportLines int64  `json:"report_lines,omitempty"`
	Skipped     string `json:"skipped,omitempty"`
	Error       string `json:"error,omitempty"`
	SourceID    int64  `json:"source_id,omitempty"`

	inCase bool // the same file (SHA-256) is in the case already
}

// InCase says the file is evidence the case holds: imported now, or
// already in it (the same SHA-256).
func (r FileResult) InCase() bool { return r.SourceID != 0 || r.inCase }

// SetInCase marks r as a file the case held already (the same SHA-256),
// for a store that reads files through a staging case (ClickHouse).
func (r *FileResult) SetInCase() { r.inCase = true }

// ReasonCount is one reason rows were rejected and how many were.
type ReasonCount struct {
	Reason string `json:"reason"`
	Count  int64  `json:"count"`
}

// Import reads every file and directory in paths into the case. A path
// named here is resolved once, symbolic links followed; a directory is
// walked (the root of a mounted disk image, say), and the links inside it,
// to files and to directories, are followed only while they stay inside
// the image (see treeWalk); those that lead out, and loops, are listed,
// not followed. Only
// regular files are opened: a named pipe, socket or device is listed as
// skipped with its type. Each file is one transaction: an interrupted
// import leaves the case holding that file whole or not at all. The error
// is non-nil only when the case itself failed; problems with a file are in
// its result. A directory in which no file was examined gets a result
// with an error saying so.
func (s *Store) Import(ctx context.Context, paths []string, opts ImportOptions) (out []FileResult, ferr error) {
	if err := s.writable(ctx); err != nil {
		return nil, err // a damaged case is never written into
	}
	unlock, err := s.lockImport(paths)
	if err != nil {
		return nil, err
	}
	defer unlock()
	run, err := s.planBulk(ctx, paths)
	if err != nil {
		return nil, err
	}
	opts.run = run
	var results []FileResult
	defer func() {
		if err := s.finishBulk(ctx, run, opts.Progress); err != nil && ferr == nil {
			ferr = fmt.Errorf("%w: %w", errCaseFailed, err)
		}
		if ferr == nil && ctx.Err() == nil {
			ferr = s.foldLegsOf(ctx, out)
		}
	}()
	images := imageCache{}
	for _, p := range paths {
		if ctx.Err() != nil {
			return results, ctx.Err()
		}
		if res, ok, err := s.importLink(ctx, p, images); ok || err != nil {
			results = append(results, res)
			if err != nil {
				return results, err
			}
			continue
		}
		arg, err := resolveArg(p)
		if err != nil {
			results = append(results, FileResult{Path: p, Error: err.Error()})
			continue
		}
		info, err := os.Stat(arg.real)
		if err != nil {
			results = append(results, FileResult{Path: p, Error: err.Error()})
			continue
		}
		if !info.IsDir() {
			if !info.Mode().IsRegular() {
				results = append(results, notRegular(p, info.Mode()))
				continue
			}
			ref := fileRef{given: p, real: arg.real, place: arg.place, note: arg.note}
			fileOpts := opts
			fileOpts.image = images.forFile(ref.place, "")
			res, err := s.importPath(ctx, ref, fileOpts, true)
			results = append(results, res...)
			if err != nil {
				return results, err
			}
			continue
		}
		walked, err := s.importTree(ctx, arg, opts, images)
		results = append(results, walked...)
		if err != nil {
			return results, err
		}
	}
	return results, nil
}

// importTree walks a directory. Files that are not evidence are skipped;
// those that look like tables (.csv, .tsv, .txt) or sit where the standard
// layout puts an Asterisk artefact are reported, so that an evidence file
// with an unknown layout is never passed over in silence. The files are
// read in the order orderWalk gives (the image's zone before the call
// records, those before the logs that take their year from them).
func (s *Store) importTree(ctx context.Context, arg argRef, opts ImportOptions, images imageCache) ([]FileResult, error) {
	entries, results, examined, err := s.walkTree(ctx, arg)
	if err != nil {
		return results, err
	}
	if examined == 0 {
		return append(results, FileResult{Path: arg.given, Error: "no files in this directory: nothing was examined"}), nil
	}
	orderWalk(entries)
	held := false // some file is evidence the case holds, or failed loudly
	for _, e := range entries {
		if ctx.Err() != nil {
			return results, ctx.Err()
		}
		ref := e.ref
		if e.link {
			res, ok, err := s.importLink(ctx, ref.given, images)
			if ok {
				results = append(results, res)
			}
			if err != nil {
				return results, err
			}
			if ok {
				continue
			}
		}
		fileOpts := opts
		fileOpts.image = images.forFile(ref.place, arg.place)
		rs, err := s.importPath(ctx, ref, fileOpts, false)
		if err != nil {
			return append(results, rs...), err // the file that stopped the walk, named
		}
		for _, res := range rs {
			held = held || res.InCase() || res.Error != ""
			if res.Skipped != "" && res.SourceID == 0 && !res.reportable() {
				continue
			}
			results = append(results, res)
		}
	}
	for _, r := range results {
		held = held || r.InCase() || r.Error != ""
	}
	if !held {
		results = append(results, FileResult{Path: arg.given,
			Error: fmt.Sprintf("nothing imported: %s examined in this directory, none of them evidence cdrtui reads", analysis.Plural(int64(examined), "file", "files"))})
	}
	return results, nil
}

// reportable says whether a skipped file found by a walk is worth listing.
func (r FileResult) reportable() bool {
	if !strings.HasPrefix(r.Skipped, "not evidence") || strings.Contains(r.Skipped, workbookNote) {
		return true
	}
	if abs, err := filepath.Abs(r.Path); err == nil {
		if _, _, ok := hostimage.Locate(abs); ok {
			return true
		}
	}
	switch strings.ToLower(filepath.Ext(r.Path)) {
	case ".csv", ".tsv", ".txt", ".tab", ".psv":
		return true
	}
	return false
}

// isCaseFile reports whether p is the case file or one of its companions,
// which a walk over a directory holding the case must not import.
func (s *Store) isCaseFile(p string) bool {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal", importLockSuffix} {
		a, err1 := os.Stat(s.path + suffix)
		b, err2 := os.Stat(p)
		if err1 == nil && err2 == nil && os.SameFile(a, b) {
			return true
		}
	}
	return false
}

// importFile imports one file. explicit says the analyst named it, so an
// unknown layout is an error rather than a skip. The file is read at
// ref.real, recognised at ref.place and recorded under ref.given.
func (s *Store) importFile(ctx context.Context, ref fileRef, opts ImportOptions, explicit bool) (FileResult, error) {
	res := FileResult{Path: ref.given}
	if fi, err := os.Stat(ref.real); err == nil && !fi.Mode().IsRegular() {
		return notRegular(ref.given, fi.Mode()), nil // never opened: a pipe would block
	}
	f, err := openRef(ref) // read-only: evidence is never written
	if err != nil {
		res.Error = err.Error()
		return res, nil
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		res.Error = err.Error()
		return res, nil
	}
	if !info.Mode().IsRegular() {
		return notRegular(ref.given, info.Mode()), nil
	}
	head := make([]byte, evidence.SniffBytes)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		res.Error = err.Error()
		return res, nil
	}
	head = head[:n]
	if n == len(head) && int64(n) < info.Size() {
		// a header (or rows) wider than the sniff window: read on, within
		// the line bound, until the head holds whole lines to judge by
		head = growHead(f, head)
		n = len(head)
	}
	det, err := detect(ref.place, head, int64(n) == info.Size(), opts)
	if err != nil {
		if what := cellSiteTable(head); what != "" { // reference data: cdrtui cells reads it
			if opts.CellSites {
				return s.importCellFile(ctx, ref.given, CellImportOptions{Sites: evidence.SiteOptions{PLMN: opts.PLMN}, Encoding: opts.Encoding, Progress: opts.Progress})
			}
			if explicit {
				res.Error = what
			} else {
				res.Skipped = what
			}
			return res, nil
		}
		switch col := mappedColumnIn(opts.Map, head); {
		case col != "":
			// the analyst's --map names a column of this file: a table being
			// mapped, whose mapping is not yet enough, never "not evidence"
			res.Error = fmt.Sprintf("--map names its column %q, but the file is not yet a layout cdrtui reads: %v", col, err)
		case explicit || isLayoutProblem(err):
			res.Error = err.Error()
		case errors.Is(err, errNotRead):
			res.Skipped = err.Error()
		default:
			res.Skipped = "not evidence: " + err.Error()
		}
		return res, nil
	}
	res.Kind, res.Format, res.Zone = det.kind, det.format, det.zone
	if det.layout != nil {
		for _, f := range det.layout.Unfilled {
			res.Unfilled = append(res.Unfilled, evidence.UnfilledName(f))
		}
	}
	if dup, err := s.duplicateOf(ctx, f, info.Size()); err != nil {
		res.Error = err.Error()
		return res, nil
	} else if dup != nil {
		res.SHA256 = dup.sha
		res.Skipped = fmt.Sprintf("already in the case as source %d (%s): same SHA-256", dup.id, dup.path) + readOtherwise(dup, opts)
		res.inCase = true
		return res, nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		res.Error = err.Error()
		return res, nil
	}
	if ref.note != "" {
		det.notes = strings.TrimSpace(det.notes + " " + ref.note)
	}
	if opts.run != nil {
		opts.run.begin(estimateRows(info.Size(), det.gzipped))
	}
	job := &importJob{s: s, path: ref.given, real: ref.real, info: info, file: f, opts: opts, det: det, res: &res}
	if err := job.run(ctx); err != nil {
		if wholeCellBase(err) && opts.cellBaseFromHead { // rolled back: again, the base decided over the whole file first
			opts.cellBaseFromHead = false
			return s.importFile(ctx, ref, opts, explicit)
		}
		err = withDiskFull(err, s.path)
		if errors.Is(err, context.Canceled) || errors.Is(err, errCaseFailed) || errors.Is(err, ErrDiskFull) {
			res.Rows, res.Rejected, res.Dropped, res.Duplicates, res.SourceID = 0, 0, 0, 0, 0
			res.AlreadyInCase, res.RepeatedInFile = 0, 0
			res.Error = "not imported: " + err.Error() + "; nothing of this file is in the case"
			if errors.Is(err, context.Canceled) {
				res.Error = "interrupted: nothing of this file is in the case (its transaction was rolled back)"
				return res, err
			}
			return res, fmt.Errorf("%s: %w", ref.given, err) // the file that failed, named
		}
		res.Error = err.Error()
	}
	return res, nil
}

// isLayoutProblem tells a file that is a table with a layout we cannot read
// (worth an error) from a file that is simply not a table.
// mappedColumnIn is the first column that a --map mapping names by name
// and that the first line of head holds (a mapping by number fits any
// file, so it names none), or "".
func mappedColumnIn(m map[evidence.Field]string, head []byte) string {
	if len(m) == 0 {
		return ""
	}
	line, _, _ := strings.Cut(strings.TrimPrefix(string(head), "\ufeff"), "\n")
	cells := strings.FieldsFunc(strings.TrimRight(line, "\r"), func(r rune) bool { return r == ',' || r == ';' || r == '\t' || r == '|' })
	var cols []string
	for _, c := range m {
		cols = append(cols, c)
	}
	slices.Sort(cols)
	for _, col := range cols {
		if _, err := strconv.Atoi(strings.TrimSpace(col)); err == nil {
			continue
		}
		for _, cell := range cells {
			if strings.EqualFold(strings.Trim(strings.TrimSpace(cell), `"`), strings.TrimSpace(col)) {
				return col
			}
		}
	}
	return ""
}

func isLayoutProblem(err error) bool {
	var amb *evidence.AmbiguousDatesError
	var named *evidence.ZoneNameError
	var order *evidence.DateOrderError
	return errors.As(err, &amb) || errors.As(err, &named) || errors.As(err, &order)
}

var errCaseFailed = errors.New("case file write failed")

type duplicate struct {
	id   int64
	path string
	sha  string
	// how the case's copy was read (readOtherwise)
	tz, dateOrder, format string
}

// duplicateOf hashes f when a source of the same size is already in the
// case (only then can it be the same file), and returns that source if the
// SHA-256 matches. Files of a new size are hashed once, while importing.
func (s *Store) duplicateOf(ctx context.Context, f *os.File, size int64) (*duplicate, error) {
	var count int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sources WHERE size = ?", size).Scan(&count); err != nil {
		return nil, err
	}
	if count == 0 {
		return nil, nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	sum := hex.EncodeToString(h.Sum(nil))
	d := &duplicate{sha: sum}
	err := s.db.QueryRowContext(ctx, "SELECT id, path, tz, date_order, format FROM sources WHERE sha256 = ?", sum).Scan(&d.id, &d.path, &d.tz, &d.dateOrder, &d.format)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return d, err
}

// maxHeadBytes bounds the head read to recognise a file with lines wider
// than evidence.SniffBytes: a few lines of up to textline.MaxLine each.
const maxHeadBytes = 4 << 20

// growHead reads on from f until head holds at least headLines lines (a
// header and rows below it to judge by), maxHeadBytes, or the whole file.
func growHead(f io.Reader, head []byte) []byte {
	const headLines = 8
	for bytes.Count(head, []byte{'\n'}) < headLines && len(head) < maxHeadBytes {
		more := make([]byte, min(evidence.SniffBytes, maxHeadBytes-len(head)))
		k, err := io.ReadFull(f, more)
		head = append(head, more[:k]...)
		if err != nil {
			break
		}
	}
	return head
}
