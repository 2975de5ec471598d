package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cdrtui/cdrtui/internal/evidence"
	"github.com/cdrtui/cdrtui/internal/evidence/hostimage"
)

// ImportOptions are the analyst's instructions for an import.
type ImportOptions struct {
	Zone      *time.Location            // --tz: zone of the wall clocks; nil keeps them as written
	DateOrder evidence.DateOrder        // --date-order, "" to detect
	Map       map[evidence.Field]string // --map FIELD=COLUMN
	Progress  func(Progress)            // called now and then while a file is read; may be nil

	image *imageInfo // the disk image the file being imported lies in, set per file
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
	// Unparsed counts log lines kept as text because no entry format
	// fits them.
	Unparsed int64  `json:"unparsed_lines,omitempty"`
	Skipped  string `json:"skipped,omitempty"`
	Error    string `json:"error,omitempty"`
	SourceID int64  `json:"source_id,omitempty"`
}

// Import reads every file and directory in paths into the case. A directory
// is walked (the root of a mounted disk image, say) without following
// symbolic links. Each file is one transaction: an interrupted import leaves
// the case holding that file whole or not at all. The error is non-nil only
// when the case itself failed; problems with a file are in its result.
func (s *Store) Import(ctx context.Context, paths []string, opts ImportOptions) ([]FileResult, error) {
	if s.readOnly {
		return nil, ErrReadOnly
	}
	var results []FileResult
	images := imageCache{}
	for _, p := range paths {
		if res, ok, err := s.importLink(ctx, p, images); ok || err != nil {
			results = append(results, res)
			if err != nil {
				return results, err
			}
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			results = append(results, FileResult{Path: p, Error: err.Error()})
			continue
		}
		if !info.IsDir() {
			fileOpts := opts
			fileOpts.image = images.forFile(p, "")
			res, err := s.importFile(ctx, p, fileOpts, true)
			results = append(results, res)
			if err != nil {
				return results, err
			}
			continue
		}
		walked, err := s.importTree(ctx, p, opts, images)
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
func (s *Store) importTree(ctx context.Context, root string, opts ImportOptions, images imageCache) ([]FileResult, error) {
	var results []FileResult
	var entries []walkEntry
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			results = append(results, FileResult{Path: p, Error: err.Error()})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		link := d.Type()&fs.ModeSymlink != 0
		if d.IsDir() || !d.Type().IsRegular() && !link || s.isCaseFile(p) {
			return nil
		}
		entries = append(entries, walkEntry{path: p, link: link})
		return nil
	})
	if err != nil {
		return results, err
	}
	orderWalk(entries)
	for _, e := range entries {
		if ctx.Err() != nil {
			return results, ctx.Err()
		}
		if e.link {
			res, ok, err := s.importLink(ctx, e.path, images)
			if ok {
				results = append(results, res)
			}
			if err != nil {
				return results, err
			}
			continue
		}
		fileOpts := opts
		fileOpts.image = images.forFile(e.path, root)
		res, err := s.importFile(ctx, e.path, fileOpts, false)
		if err != nil {
			return results, err
		}
		if res.Skipped != "" && res.SourceID == 0 && !res.reportable() {
			continue
		}
		results = append(results, res)
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
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		a, err1 := os.Stat(s.path + suffix)
		b, err2 := os.Stat(p)
		if err1 == nil && err2 == nil && os.SameFile(a, b) {
			return true
		}
	}
	return false
}

// importFile imports one file. explicit says the analyst named it, so an
// unknown layout is an error rather than a skip.
func (s *Store) importFile(ctx context.Context, p string, opts ImportOptions, explicit bool) (FileResult, error) {
	res := FileResult{Path: p}
	f, err := os.Open(p) // read-only: evidence is never written
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
	head := make([]byte, evidence.SniffBytes)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		res.Error = err.Error()
		return res, nil
	}
	head = head[:n]
	det, err := detect(p, head, int64(n) == info.Size(), opts)
	if err != nil {
		if explicit || isLayoutProblem(err) {
			res.Error = err.Error()
		} else {
			res.Skipped = "not evidence: " + err.Error()
		}
		return res, nil
	}
	res.Kind, res.Format, res.Zone = det.kind, det.format, det.zone
	if dup, err := s.duplicateOf(ctx, f, info.Size()); err != nil {
		res.Error = err.Error()
		return res, nil
	} else if dup != nil {
		res.SHA256 = dup.sha
		res.Skipped = fmt.Sprintf("already in the case as source %d (%s): same SHA-256", dup.id, dup.path)
		return res, nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		res.Error = err.Error()
		return res, nil
	}
	job := &importJob{s: s, path: p, info: info, file: f, opts: opts, det: det, res: &res}
	if err := job.run(ctx); err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, errCaseFailed) {
			res.Rows, res.Rejected, res.Dropped, res.Duplicates, res.SourceID = 0, 0, 0, 0, 0
			res.Error = "not imported: " + err.Error() + "; nothing of this file is in the case"
			if errors.Is(err, context.Canceled) {
				res.Error = "interrupted: nothing of this file is in the case (its transaction was rolled back)"
			}
			return res, err
		}
		res.Error = err.Error()
	}
	return res, nil
}

// isLayoutProblem tells a file that is a table with a layout we cannot read
// (worth an error) from a file that is simply not a table.
func isLayoutProblem(err error) bool {
	var amb *evidence.AmbiguousDatesError
	var named *evidence.ZoneNameError
	return errors.As(err, &amb) || errors.As(err, &named)
}

var errCaseFailed = errors.New("case file write failed")

type duplicate struct {
	id   int64
	path string
	sha  string
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
	err := s.db.QueryRowContext(ctx, "SELECT id, path FROM sources WHERE sha256 = ?", sum).Scan(&d.id, &d.path)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return d, err
}
