package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/cdrtui/cdrtui/internal/evidence"
)

// detection is what a detector learned about a file, and how to import it.
type detection struct {
	kind, format string
	zone         string
	dateOrder    string
	mapping      string
	notes        string
	layout       *evidence.Layout
	gzipped      bool              // the file is gzip-compressed: hashed as stored, read decompressed
	encoding     evidence.Encoding // the text's encoding once decompressed: UTF-16 is read as UTF-8
	utf8Head     int               // > 0: UTF-8 judged from a head of this many bytes, the rest refused if not UTF-8
	checkTail    bool              // an Asterisk text artefact judged UTF-8 by its head: its lines past it that are not are counted (asteriskText)
	importer     func(ctx context.Context, j *importJob) error
	// A sheet of a workbook: its name, the workbook's SHA-256 as stored,
	// and how to read the sheet's text again (the date order may need a
	// second pass).
	sheet, workbookSHA string
	label              string // how its source's path names it (partLabel)
	reopen             func() (io.ReadCloser, error)
	// cellCheck checks, as the import reads the file, the base of its
	// LAC and cell columns decided from its head (table_cellbase.go)
	cellCheck *evidence.CellBaseCheck
}

// detector recognises one family of evidence from a file's first bytes. It
// returns nil, nil when the file is not of its family, and an error when it
// is but cannot be read.
type detector func(path string, head []byte, complete bool, opts ImportOptions) (*detection, error)

// detectors are tried in order; the first that recognises a file wins.
var detectors = []detector{detectAsterisk, detectOperatorTable}

func detect(path string, head []byte, complete bool, opts ImportOptions) (*detection, error) {
	// Zone files (TZif is binary) and gzipped logs come before the check
	// for binary content.
	if det, err := detectHostArtefact(path, head, complete, opts); det != nil || err != nil {
		return det, err
	}
	if what := workbook(head); what != "" {
		return nil, errors.New(what + ": cdrtui reads delimited text; export each sheet as CSV (UTF-8) and import that")
	}
	if evidence.DetectUTF16(head) == evidence.UTF8 && looksBinary(head) {
		return nil, errors.New("binary file")
	}
	var firstErr error
	for _, d := range detectors {
		det, err := d(path, head, complete, opts)
		if det != nil {
			return det, nil
		}
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	if firstErr != nil {
		return nil, firstErr
	}
	return nil, errors.New("unrecognised content")
}

// importJob carries one file through its import transaction.
type importJob struct {
	s        *Store
	path     string // as given (sources.path)
	real     string // where the bytes are (sources.location)
	info     os.FileInfo
	file     io.Reader // the file, or a workbook sheet's text
	opts     ImportOptions
	det      *detection
	res      *FileResult
	conn     *sql.Conn
	sourceID int64
	feedName string
	feed     *feed
	hashed   *hashingReader
	started  time.Time
	rows     atomic.Int64
	rejected atomic.Int64
	dropped  atomic.Int64
	flagged  atomic.Int64 // values kept as written and flagged
	noData   atomic.Bool  // the file says it holds no records
	reasons  map[string]int64
	already  atomic.Int64 // rows the case held before this file (overlap rule)
	repeated atomic.Int64 // rows repeating an earlier row of this file
	indexing atomic.Bool
	// parentsChecked: the connection enforces no foreign keys; the
	// importer checks the parents its rows name itself (checkParents)
	parentsChecked bool
	bulk           bulkPlan // what the file does with its table's indexes
	planHow        string   // how the numbering plan of this import was decided
	country        string   // the plan this file's numbers are keyed under (sources.country)
	// reopen opens the file's text anew (a sheet of a workbook); nil: the
	// file at path is reopened.
	reopen  func() (io.ReadCloser, error)
	notUTF8 *utf8Lines // lines not UTF-8 past a head judged UTF-8 (det.checkTail)
}

// tallyReason counts a rejected row's reason, its quoted values left out,
// so that a file that imports nothing can say why in a few lines. Only the
// producer calls it; the counts are read once the rows are in.
func (j *importJob) tallyReason(reason string) {
	if j.reasons == nil {
		j.reasons = map[string]int64{}
	}
	if len(j.reasons) > 1000 {
		return
	}
	j.reasons[reasonClass(reason)]++
}

// reasonClass is a reason with its quoted values replaced by "…".
func reasonClass(reason string) string {
	var b strings.Builder
	in := false
	for _, r := range reason {
		switch {
		case r == '"':
			if !in {
				b.WriteString(`"…"`)
			}
			in = !in
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// topReasons lists the commonest reasons, most frequent first.
func (j *importJob) topReasons(n int) []ReasonCount {
	out := make([]ReasonCount, 0, len(j.reasons))
	for r, c := range j.reasons {
		out = append(out, ReasonCount{Reason: r, Count: c})
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].Count != out[b].Count {
			return out[a].Count > out[b].Count
		}
		return out[a].Reason < out[b].Reason
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

func (j *importJob) run(ctx context.Context) error {
	j.started = time.Now()
	if err := j.begin(ctx); err != nil {
		return err
	}
	err := j.det.importer(ctx, j)
	if err == nil {
		j.noteNotUTF8()
		err = j.finish(ctx)
	}
	if err != nil {
		j.rollback()
		return err
	}
	return nil
}

// importPageCacheKiB is the page cache of an import's connection while it
// writes a file (and while it rebuilds the indexes it dropped: SQLite sizes
// the sorter's buffers by it). Issue 20, a 1M-row file, eleven runs
// interleaved with 8000 KiB: peak RSS 88-98 MB against 102-105 MB now that
// the per-port timeline is kept too, and user + system CPU the same within
// the shared machine's noise (median per pair +2%, -13% to +12%).
const importPageCacheKiB = 4000

// begin opens the file's transaction and its sources row. The sha256 is a
// placeholder until the whole file has been read.
func (j *importJob) begin(ctx context.Context) error {
	conn, err := j.s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("%w: %w", errCaseFailed, err)
	}
	j.conn = conn
	// The case stays in WAL while an import writes, so that the workbench
	// and read-only commands go on reading it (a rollback journal would
	// lock them out once the transaction spills to the file).
	// No sorter threads while rows stream in: the parser has the other
	// core. rebuildIndexes turns them on once it is idle.
	conn.ExecContext(ctx, "PRAGMA threads=0")
	conn.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size=-%d", importPageCacheKiB))
	if j.det.layout != nil {
		// An operator table's rows name their source and subscriber as
		// foreign keys. SQLite looked both up for every row (1.2 s of the
		// writer's 3 s of CPU for a 1M-row file, a profile, issue 20);
		// the import checks each subscriber it named once instead
		// (checkParents). The pragma is a no-op inside a transaction, so
		// it is set before BEGIN, and release sets it back.
		if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys=OFF"); err == nil {
			j.parentsChecked = true
		}
	}
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		j.release()
		return fmt.Errorf("%w: %w", errCaseFailed, err)
	}
	d := j.det
	res, err := conn.ExecContext(ctx, `INSERT INTO sources(path, location, kind, format, sha256, size, modified_at, imported_at, tz, date_order, mapping, notes, sheet, workbook_sha256)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		sourcePath(j.path, d.label), location(j.real), d.kind, d.format, fmt.Sprintf("pending-%d-%d", time.Now().UnixNano(), os.Getpid()), j.info.Size(),
		j.info.ModTime().Unix(), time.Now().Unix(), d.zone, d.dateOrder, d.mapping, d.notes, d.sheet, d.workbookSHA)
	if err != nil {
		j.rollback()
		return fmt.Errorf("%w: %w", errCaseFailed, err)
	}
	j.sourceID, _ = res.LastInsertId()
	j.res.SourceID = j.sourceID
	name, f, err := openFeed(ctx, conn)
	if err != nil {
		j.rollback()
		return fmt.Errorf("%w: %w", errCaseFailed, err)
	}
	j.feedName, j.feed = name, f
	j.hashed = &hashingReader{r: j.file, h: sha256.New(), ctx: ctx}
	return nil
}

// location is a source's absolute path, "" when it cannot be known.
func location(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return ""
	}
	return abs
}

// reader is the file, hashed as it is read; importers read through it so
// the hash covers exactly the bytes imported.
func (j *importJob) reader() io.Reader { return j.hashed }

// finish records the hash and counts and commits. A file whose hash turns
// out to be in the case already is rolled back and reported as skipped.
func (j *importJob) finish(ctx context.Context) error {
	if _, err := io.Copy(io.Discard, j.hashed); err != nil {
		return err
	}
	sum := hex.EncodeToString(j.hashed.h.Sum(nil))
	j.res.SHA256 = sum
	if j.det.sheet == "" && j.hashed.n != j.info.Size() {
		j.det.notes = strings.TrimSpace(j.det.notes + fmt.Sprintf(" size changed while reading: %d bytes read, %d at start.", j.hashed.n, j.info.Size()))
	}
	var other int64
	err := j.conn.QueryRowContext(ctx, "SELECT id FROM sources WHERE sha256 = ?", sum).Scan(&other)
	if err == nil {
		j.rollback()
		j.res.Skipped = fmt.Sprintf("already in the case as source %d: same SHA-256", other)
		j.res.inCase = true
		j.res.Rows, j.res.Rejected, j.res.Dropped, j.res.SourceID = 0, 0, 0, 0
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	j.res.Rows, j.res.Rejected, j.res.Dropped, j.res.Flagged = j.rows.Load(), j.rejected.Load(), j.dropped.Load(), j.flagged.Load()
	j.res.AlreadyInCase, j.res.RepeatedInFile = j.already.Load(), j.repeated.Load()
	j.judgeEmpty()
	if _, err := j.conn.ExecContext(ctx, `UPDATE sources SET sha256 = ?, rows_imported = ?, rows_rejected = ?, fields_dropped = ?, rows_already = ?, notes = ?, imported_at = ?, country = ? WHERE id = ?`,
		sum, j.res.Rows, j.res.Rejected, j.res.Dropped, j.res.AlreadyInCase+j.res.RepeatedInFile, j.det.notes, time.Now().Unix(), j.country, j.sourceID); err != nil {
		return fmt.Errorf("%w: %w", errCaseFailed, err)
	}
	if err := j.clearPendingMarkers(ctx); err != nil {
		return err
	}
	if err := refreshTimeline(ctx, j.conn); err != nil {
		return fmt.Errorf("%w: port timeline: %w", errCaseFailed, err)
	}
	closeFeed(ctx, j.conn, j.feedName)
	if _, err := j.conn.ExecContext(ctx, "COMMIT"); err != nil {
		return fmt.Errorf("%w: %w", errCaseFailed, err)
	}
	j.committed()
	j.release()
	return nil
}

func (j *importJob) rollback() {
	if j.conn == nil {
		return
	}
	ctx := context.Background()
	j.conn.ExecContext(ctx, "ROLLBACK")
	if j.feedName != "" {
		closeFeed(ctx, j.conn, j.feedName)
	}
	j.release()
}

func (j *importJob) release() {
	if j.conn == nil {
		return
	}
	j.conn.ExecContext(context.Background(), "PRAGMA cache_size=-32000")
	if j.parentsChecked {
		if _, err := j.conn.ExecContext(context.Background(), "PRAGMA foreign_keys=ON"); err != nil {
			// never back in the pool without its foreign keys
			j.conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}
	j.conn.Close()
	j.conn = nil
}

// reject is one line or value that was not kept, for the rejects table.
type reject struct {
	line     int64
	severity string
	reason   string
	raw      string
}

// values is the reject's row; the raw line is cut to its first
// evidence.MaxRawBytes bytes, as every reader's rejects are.
func (r reject) values(sourceID int64) []any {
	raw := r.raw
	if len(raw) > evidence.MaxRawBytes {
		raw = raw[:evidence.MaxRawBytes]
	}
	return []any{sourceID, r.line, r.severity, r.reason, raw}
}

// writeRejects stores rejects through the feed.
func (j *importJob) writeRejects(ctx context.Context, rs []reject) error {
	rows := make([][]any, len(rs))
	for i, r := range rs {
		rows[i] = r.values(j.sourceID)
	}
	return bulk(ctx, j.conn, j.feedName, j.feed, "INSERT INTO rejects(source_id, line, severity, reason, raw) %s", 5, rows)
}

// progress reports the job's state to the analyst's callback.
func (j *importJob) progress() {
	if j.opts.Progress == nil {
		return
	}
	j.opts.Progress(Progress{Path: j.path, Read: atomic.LoadInt64(&j.hashed.n), Size: j.info.Size(),
		Rows: j.rows.Load(), Rejected: j.rejected.Load(), Elapsed: time.Since(j.started), Indexing: j.indexing.Load()})
}

// hashingReader hashes and counts what passes through it. It stops with
// the context's error once the import is interrupted, so that ctrl+c ends
// any import at its next read (within a buffer, whatever the reader).
type hashingReader struct {
	r   io.Reader
	h   hash.Hash
	n   int64
	ctx context.Context
}

func (h *hashingReader) Read(p []byte) (int, error) {
	if h.ctx != nil && h.ctx.Err() != nil {
		return 0, h.ctx.Err()
	}
	n, err := h.r.Read(p)
	if n > 0 {
		h.h.Write(p[:n])
		atomic.AddInt64(&h.n, int64(n))
	}
	return n, err
}

// workbookNote starts the reason a spreadsheet workbook is not read, so
// that a walk lists such files rather than passing them over.
const workbookNote = "a spreadsheet workbook"

// workbook names the spreadsheet format of a file's first bytes, "" when
// it is none: Excel 2007 and later or OpenDocument (zip archives), an OLE
// compound file (Excel 97-2003, whose workbooks importPath reads before
// this is asked, or another Office program's).
func workbook(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		window := head[:min(len(head), 64<<10)]
		switch {
		case bytes.Contains(window, []byte("xl/")) || bytes.Contains(window, []byte("[Content_Types].xml")):
			return workbookNote + " (Excel .xlsx)"
		case bytes.Contains(window, []byte("application/vnd.oasis.opendocument.spreadsheet")):
			return workbookNote + " (OpenDocument .ods)"
		}
	case bytes.HasPrefix(head, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		// an .xls is read (importPath): this is a Word document, an
		// Outlook message, or another Office file
		return workbookNote + " or other Office file (an OLE compound file with no Excel workbook stream)"
	}
	return ""
}

// looksBinary says the first bytes are not text: most of their lines hold
// a zero byte. It judges by lines, so that a stray zero or a whole line of
// zeros in a text file (a damaged or hostile row) leaves it text, and its
// good rows still import.
func looksBinary(head []byte) bool {
	lines, withZero := 0, 0
	for len(head) > 0 && lines < 4096 {
		line := head
		if i := bytes.IndexByte(head, '\n'); i >= 0 {
			line, head = head[:i], head[i+1:]
		} else {
			head = nil
		}
		if len(line) == 0 {
			continue
		}
		lines++
		if bytes.IndexByte(line, 0) >= 0 {
			withZero++
		}
	}
	return withZero > 0 && withZero*2 >= lines
}

// judgeEmpty says what a file that imported no row was: an operator's
// empty return ("No Data Found"), which is recorded and is no error, or a
// file whose every row was refused, which is recorded with its rejects and
// reported as an error with the commonest reasons.
func (j *importJob) judgeEmpty() {
	if j.res.Rows > 0 || j.res.AlreadyInCase+j.res.RepeatedInFile > 0 || (j.det.layout == nil && j.det.kind != "empty") {
		return // Asterisk artefacts say what they hold their own way
	}
	if j.noData.Load() {
		j.res.Empty = "the operator's return says it holds no records (No Data Found): recorded with 0 rows"
		if j.res.Rejected > 0 {
			j.res.Empty += fmt.Sprintf("; %d other lines (a report's footer?) are in its rejects", j.res.Rejected)
		}
		return
	}
	if j.res.Rejected == 0 {
		j.res.Error = "nothing imported: the file has no data rows; the attempt is recorded in the case"
		return
	}
	j.res.Reasons = j.topReasons(3)
	j.res.Error = fmt.Sprintf("nothing imported: all %d data rows were rejected, for the reasons listed; the attempt and its rejects are recorded in the case",
		j.res.Rejected)
}
