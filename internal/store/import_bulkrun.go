package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// The bulk path for a whole import. Building an index once over sorted
// keys beats updating it row by row, so a large import drops a table's
// indexes and builds them again once its rows are in. Deciding that per
// file sent the second of two large exports into live indexes (the table
// then held as many rows as the file brought), at a third of the first's
// rate. The decision is now taken for the import as a whole: every file
// and directory given, their estimated rows against what the table held
// when the import began. Each file is still one transaction. A file that
// drops the indexes while more large files follow leaves them down when it
// commits (a marker in case_info, written in the same transaction, names
// each index to build), the files after it go in without them, and the
// last one builds them inside its own transaction. Anything left down when
// the import ends (the last files were of another kind, or failed) is built
// then; an interrupted import leaves the marker, and the next writable
// opening of the case builds them (rebuildPendingIndexes). While the
// indexes are down, queries give the same answers, only slower, and the
// overlap rule compares candidates in one scan of the table rather than
// through the subscriber index.

// bulkMinRows is the least estimated rows for which a file takes the bulk
// path (a variable so that tests can take the path with files of a few
// thousand rows: see lowBulkThreshold).
var bulkMinRows int64 = 50_000

// pendingIndexKey is the case_info key under which an index left down by a
// committed file is named: the key's tail is the index's name, the value
// its CREATE statement.
const pendingIndexKey = "pending_index:"

// bulkRun is the import's view of the bulk path, shared by its files.
type bulkRun struct {
	total    int64            // estimated rows of everything the import was given
	begun    int64            // estimated rows of the files begun so far
	after    int64            // estimated rows of the files after the one begun last
	existing map[string]int64 // rows each table held when the import began
	pending  map[string][]string
}

// estimateRows is how many records a file of size bytes may hold: 200
// bytes a row, operator exports compress about six times.
func estimateRows(size int64, gzipped bool) int64 {
	n := size / 200
	if gzipped {
		n *= 6
	}
	return n
}

// planBulk estimates the rows of every path given (directories walked
// without following links; a file that is not evidence counts too, which
// only errs toward the bulk path) and reads what the tables hold.
func (s *Store) planBulk(ctx context.Context, paths []string) (*bulkRun, error) {
	r := &bulkRun{existing: map[string]int64{}, pending: map[string][]string{}}
	add := func(p string, size int64) {
		r.total += estimateRows(size, strings.HasSuffix(strings.ToLower(p), ".gz"))
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			continue
		}
		if !info.IsDir() {
			if info.Mode().IsRegular() {
				add(p, info.Size())
			}
			continue
		}
		filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			if err != nil || ctx.Err() != nil {
				return nil
			}
			if d.Type().IsRegular() {
				if fi, err := d.Info(); err == nil {
					add(q, fi.Size())
				}
			}
			return nil
		})
	}
	for _, t := range []string{"ipdr", "voice"} {
		var n int64
		if err := s.db.QueryRowContext(ctx, fmt.Sprintf("SELECT coalesce(max(id), 0) FROM %s", t)).Scan(&n); err != nil {
			return nil, err
		}
		r.existing[t] = n
	}
	return r, nil
}

// begin counts a file as begun and notes how many estimated rows the files
// after it may still bring.
func (r *bulkRun) begin(rows int64) {
	r.begun += rows
	r.after = max(0, r.total-r.begun)
}

// bulkPlan is what one file does with its table's indexes.
type bulkPlan struct {
	table   string
	drop    []string // statements of the indexes this file drops
	rebuild []string // statements to run once its rows are in (nil: none now)
	down    bool     // the indexes are down while the file's rows go in
	leave   bool     // the file commits with them down (marker written)
	clear   bool     // the file builds indexes another file left down
}

// dropIndexesForBulk decides the bulk path for the file and drops the
// table's indexes when it takes it: when the file alone brings more rows
// than the table holds, or when the whole import does and the file is
// large. Every index goes, the subscriber's too: in a file ordered by time
// rather than by subscriber its keys arrive in random order, and each live
// insertion then costs a descent of the B-tree (measured on a time-ordered
// 1M-row file: 14.0 s of inserting with it live, 8.7 s without, for 1.7 s
// more of index building). It returns the statements that build them
// again at the end of this file, nil when there are none to build or when
// later files of the import will (see bulkRun).
func (j *importJob) dropIndexesForBulk(ctx context.Context, table string) ([]string, error) {
	p := &j.bulk
	p.table = table
	est := estimateRows(j.info.Size(), j.det.gzipped)
	run := j.opts.run
	after := int64(0)
	if run != nil {
		after = run.after
	}
	if run != nil && run.pending[table] != nil {
		p.down = true
		if after < bulkMinRows {
			p.rebuild, p.clear = run.pending[table], true
		}
		return p.rebuild, nil
	}
	var existing int64
	if err := j.conn.QueryRowContext(ctx, fmt.Sprintf("SELECT coalesce(max(id), 0) FROM %s", table)).Scan(&existing); err != nil {
		return nil, err
	}
	bulk := est >= bulkMinRows && est > existing
	if run != nil && !bulk {
		bulk = est >= bulkMinRows && run.total > run.existing[table]
	}
	if !bulk {
		return nil, nil
	}
	rows, err := j.conn.QueryContext(ctx, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name", table)
	if err != nil {
		return nil, err
	}
	var names, stmts []string
	for rows.Next() {
		var name, stmt string
		if err := rows.Scan(&name, &stmt); err != nil {
			rows.Close()
			return nil, err
		}
		names = append(names, name)
		stmts = append(stmts, stmt)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, n := range names {
		if _, err := j.conn.ExecContext(ctx, fmt.Sprintf("DROP INDEX %q", n)); err != nil {
			return nil, err
		}
	}
	p.drop, p.down = stmts, true
	if after >= bulkMinRows && len(stmts) > 0 {
		// more large files follow: they go in without the indexes, and
		// the marker says which to build should the import stop first
		for i, n := range names {
			if _, err := j.conn.ExecContext(ctx, "INSERT OR REPLACE INTO case_info(key, value) VALUES (?, ?)", pendingIndexKey+n, stmts[i]); err != nil {
				return nil, err
			}
		}
		p.leave = true
		return nil, nil
	}
	p.rebuild = stmts
	return stmts, nil
}

// clearPendingMarkers removes the markers of indexes this file builds,
// inside its transaction.
func (j *importJob) clearPendingMarkers(ctx context.Context) error {
	if !j.bulk.clear {
		return nil
	}
	_, err := j.conn.ExecContext(ctx, "DELETE FROM case_info WHERE key LIKE ?", pendingIndexKey+"%")
	if err != nil {
		return fmt.Errorf("%w: %w", errCaseFailed, err)
	}
	return nil
}

// committed tells the run what the file's commit left: indexes down for the
// files after it, or built again.
func (j *importJob) committed() {
	run := j.opts.run
	if run == nil {
		return
	}
	switch {
	case j.bulk.leave:
		run.pending[j.bulk.table] = j.bulk.drop
	case j.bulk.clear:
		delete(run.pending, j.bulk.table)
	}
}

// finishBulk builds the indexes the import left down, in a transaction of
// their own; an interrupted import leaves them to the next writable
// opening of the case.
func (s *Store) finishBulk(ctx context.Context, run *bulkRun, progress func(Progress)) error {
	if run == nil || len(run.pending) == 0 || ctx.Err() != nil {
		return nil
	}
	if progress != nil {
		progress(Progress{Path: "the case's indexes", Indexing: true})
	}
	err := s.rebuildPendingIndexes(ctx)
	if err == nil {
		run.pending = map[string][]string{}
	}
	return err
}

// rebuildPendingIndexes builds every index a marker in case_info names
// (an import stopped while its indexes were down) and removes the markers,
// in one transaction.
func (s *Store) rebuildPendingIndexes(ctx context.Context) error {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM case_info WHERE key LIKE ?", pendingIndexKey+"%").Scan(&n); err != nil || n == 0 {
		return err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return err
	}
	fail := func(err error) error {
		conn.ExecContext(context.Background(), "ROLLBACK")
		return fmt.Errorf("building the case's indexes: %w", err)
	}
	rows, err := conn.QueryContext(ctx, "SELECT substr(key, ?), value FROM case_info WHERE key LIKE ? ORDER BY key", len(pendingIndexKey)+1, pendingIndexKey+"%")
	if err != nil {
		return fail(err)
	}
	var names, stmts []string
	for rows.Next() {
		var name, stmt string
		if err := rows.Scan(&name, &stmt); err != nil {
			rows.Close()
			return fail(err)
		}
		names, stmts = append(names, name), append(stmts, stmt)
	}
	rows.Close()
	conn.ExecContext(ctx, fmt.Sprintf("PRAGMA threads=%d", rebuildSorterThreads))
	defer conn.ExecContext(context.Background(), "PRAGMA threads=0")
	for i, stmt := range stmts {
		var have string
		err := conn.QueryRowContext(ctx, "SELECT name FROM sqlite_master WHERE type = 'index' AND name = ?", names[i]).Scan(&have)
		if errors.Is(err, sql.ErrNoRows) {
			_, err = conn.ExecContext(ctx, stmt)
		}
		if err != nil {
			return fail(err)
		}
	}
	if _, err := conn.ExecContext(ctx, "DELETE FROM case_info WHERE key LIKE ?", pendingIndexKey+"%"); err != nil {
		return fail(err)
	}
	if err := refreshTimeline(ctx, conn); err != nil {
		return fail(err)
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return fail(err)
	}
	return nil
}

// buildLeftIndexes builds, on a writable opening, the indexes an import
// stopped while they were down left named in case_info; not while another
// import runs (that import builds them).
func (s *Store) buildLeftIndexes() error {
	var n int
	if err := s.db.QueryRow("SELECT count(*) FROM case_info WHERE key LIKE ?", pendingIndexKey+"%").Scan(&n); err != nil || n == 0 {
		return nil // no case_info yet, or nothing left down
	}
	unlock, err := s.lockImport([]string{"(building the indexes an interrupted import left down)"})
	if err != nil {
		return nil
	}
	defer unlock()
	return s.rebuildPendingIndexes(context.Background())
}
