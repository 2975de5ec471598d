package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// CaseBusyError is a write refused because another import, in this
// process or another, holds the case. Holder is what that import wrote
// into its lock file (process, start, paths).
type CaseBusyError struct {
	Case, Holder string
}

func (e *CaseBusyError) Error() string {
	if h := strings.TrimSpace(e.Holder); h != "" {
		return fmt.Sprintf("not saved: an import into %s is writing the case (%s); try again when it has finished", e.Case, h)
	}
	return fmt.Sprintf("not saved: another program is writing %s; try again when it has finished", e.Case)
}

// writeWait is how long a write waits for SQLite's write lock when no
// import holds the case (another program's short write, a checkpoint);
// an import in progress is refused at once, without waiting.
const writeWait = 500 * time.Millisecond

// write is the one path by which the store writes into a case outside an
// import (notes, the audit trail, saved hunts, case_info, reverse DNS):
// fn runs in one transaction, begun IMMEDIATE so the write lock is taken
// before anything is done, on a connection of its own. The write is
// refused, never left waiting on SQLite's busy timeout:
//   - in a damaged case, saying how to recover it; a large case's
//     background check is waited for first, so nothing lands in a case
//     before its check has passed;
//   - in a case opened read-only (ErrReadOnly);
//   - at once while an import holds the case (a CaseBusyError naming it),
//     and after writeWait when another program holds SQLite's lock.
//
// A full disk is a *DiskFullError. fn's own errors are returned as they
// are.
func (s *Store) write(ctx context.Context, fn func(c *sql.Conn) error) (err error) {
	if err := s.writable(ctx); err != nil {
		return err
	}
	if holder, held := s.importHolder(); held {
		return &CaseBusyError{Case: s.path, Holder: holder}
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return s.sqlErr(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", writeWait.Milliseconds())); err != nil {
		return s.sqlErr(err)
	}
	defer conn.ExecContext(context.Background(), fmt.Sprintf("PRAGMA busy_timeout = %d", busyTimeout.Milliseconds()))
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return s.sqlErr(err)
	}
	committed := false
	defer func() {
		if !committed {
			conn.ExecContext(context.Background(), "ROLLBACK")
		}
	}()
	if err := fn(conn); err != nil {
		return s.sqlErr(err)
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return s.sqlErr(err)
	}
	committed = true
	return nil
}

// writable says whether a write may go into the case now: not when it is
// damaged or read-only; a background check still running is waited for.
func (s *Store) writable(ctx context.Context) error {
	if s.Damaged() != "" {
		return s.damagedError()
	}
	if s.readOnly {
		return ErrReadOnly
	}
	if err := s.waitChecked(ctx); err != nil {
		return err
	}
	if s.Damaged() != "" {
		return s.damagedError()
	}
	return nil
}

// importHolder says whether an import holds the case (its lock file is
// locked), and what that import wrote into it. The file is probed with a
// shared lock, which an import's exclusive one refuses.
func (s *Store) importHolder() (string, bool) { return importLockHolder(s.path) }

// importLockHolder is importHolder for the case at path, open or not.
func importLockHolder(path string) (string, bool) {
	p := path + importLockSuffix
	f, err := os.Open(p)
	if err != nil {
		return "", false
	}
	defer f.Close()
	free, err := tryLockShared(f)
	if err != nil {
		return "", false
	}
	if free {
		unlockFile(f)
		return "", false
	}
	held, _ := os.ReadFile(p)
	return string(held), true
}

// ImportInProgress returns an *ImportBusyError when an import into the
// case is running, nil otherwise: a second import is refused at once,
// before it writes anything.
func (s *Store) ImportInProgress() error {
	if holder, held := s.importHolder(); held {
		return &ImportBusyError{Case: s.path, Holder: holder}
	}
	return nil
}

// sqlErr translates what SQLite reports about the case itself: its write
// lock held by another program (a CaseBusyError naming the import that
// holds it, when one does) and a full disk (a *DiskFullError). Anything
// else is returned as it is.
func (s *Store) sqlErr(err error) error {
	switch {
	case err == nil:
		return nil
	case isBusy(err):
		holder, _ := s.importHolder()
		return &CaseBusyError{Case: s.path, Holder: holder}
	}
	return withDiskFull(err, s.path)
}

// sqliteCode is the primary result code of an SQLite error, 0 for other
// errors.
func sqliteCode(err error) int {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code() & 0xff
	}
	return 0
}

func isBusy(err error) bool {
	switch sqliteCode(err) {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return true
	}
	m := err.Error()
	return strings.Contains(m, "database is locked") || strings.Contains(m, "SQLITE_BUSY")
}
