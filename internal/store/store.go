// Package store is the case file: one SQLite database per case holding the
// evidence imported, where every row came from and what could not be read.
// It owns the schema (embedded migrations versioned by PRAGMA user_version),
// the import of evidence, and the queries the panes and commands ask.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"os"
	"sync"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Store is an open case file.
type Store struct {
	db       *sql.DB
	path     string
	readOnly bool
	// wroteAside: an audit entry was written beside the read-only handle
	wroteAside bool
	immutable  bool // read as it is on disk: nothing can be written beside it
	building   bool // made by CreateForImport: in a rollback journal until Close
	warnings   []string

	mu           sync.Mutex
	damaged      string        // what quick_check found, "" when the case is sound
	damageWarned bool          // the damage is in warnings already
	lateFinding  func(string)  // told by Close of damage found after opening (OnLateFinding)
	checked      chan struct{} // closed when a background check ends; nil when none ran
	stopCheck    func()        // ends a background check (Close)
	sound        bool          // a large case's check passed, or was skipped as remembered sound
	skipped      bool          // the check was skipped (checkmemo.go)
}

// Create makes a new case at path (a missing or empty file), or opens the
// case already there for writing; it is what an import (and the start
// screen's "new case") calls. Anything else at path (another
// application's database, a file that is not SQLite) is refused without
// a byte written, and so is a damaged case.
func Create(path string) (*Store, error) {
	for attempt := 0; ; attempt++ {
		s, err := createOnce(path)
		// processes creating the same new case at once: one makes it, and
		// another may open it while it is being made (its switch to WAL
		// holds a lock SQLite's busy timeout does not wait on): try again
		if err != nil && isBusy(err) && attempt < createRetries {
			time.Sleep(createRetryWait)
			continue
		}
		return s, err
	}
}

// createRetries and createRetryWait bound how long Create waits for a case
// another process is making at the same moment.
const (
	createRetries   = 40
	createRetryWait = 25 * time.Millisecond
)

func createOnce(path string) (*Store, error) {
	id, err := identify(path)
	if err != nil {
		return nil, err
	}
	switch id.kind {
	case fileMissing, fileEmpty:
		return create(path, false)
	}
	s, err := open(path, id, true)
	if err != nil {
		return nil, err
	}
	if s.Damaged() != "" {
		s.Close()
		return nil, s.damagedError()
	}
	return s, nil
}

// Open opens the existing case at path for the workbench and the commands
// that write into a case (saved hunts, port dictionaries, reverse DNS):
// a case of an older schema is brought up to date. A missing path, an
// empty file or a file that is not a case is refused (Create makes a
// case); a case on a read-only medium is opened read-only, and so is a
// damaged case, with a warning (Warnings) saying how to recover it.
func Open(path string) (*Store, error) {
	id, err := identify(path)
	if err != nil {
		return nil, err
	}
	return open(path, id, true)
}

// OpenReadOnly opens the existing case at path for reading only: nothing
// is written to it, not even the switch to WAL or a migration, so its
// bytes (and SHA-256) stay as they were. A case of an older schema is
// refused with how to upgrade it; a damaged one opens with a warning. On
// a full disk, where SQLite cannot create its shared-memory file, a case
// with no pending WAL is read as immutable.
func OpenReadOnly(path string) (*Store, error) {
	id, err := identify(path)
	if err != nil {
		return nil, err
	}
	return open(path, id, false)
}

// casePageSize is the page size of a new case, in bytes. An import writes
// each page of the table and of its indexes through the WAL and checkpoints
// it into the file; at 16 KiB instead of SQLite's 4 KiB there are a quarter
// as many pages to allocate, balance, checksum and write (issue 20: the
// 1M-row import took 5-20% less CPU in pairs run interleaved). Page caches
// are sized in KiB, so memory is the same. A case keeps the page size it was
// created with.
const casePageSize = 16384

// create makes a new case: the page size and the application_id first (in the file's
// header, before WAL), then the schema. A case made for its first import
// (building) stays in SQLite's rollback journal until Close (building.go).
func create(path string, building bool) (*Store, error) {
	db, err := openDB(path, false, false)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, building: building}
	if _, err := db.Exec(fmt.Sprintf("PRAGMA page_size = %d", casePageSize)); err != nil {
		db.Close()
		return nil, fmt.Errorf("create case %s: %w", path, err)
	}
	if _, err := db.Exec(fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
		db.Close()
		return nil, fmt.Errorf("create case %s: %w", path, err)
	}
	if !building {
		if err := s.toWAL(); err != nil {
			db.Close()
			return nil, err
		}
	}
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// open opens an identified file as a case, for writing when write is set
// and the medium allows it.
func open(path string, id identity, write bool) (*Store, error) {
	switch id.kind {
	case fileMissing:
		return nil, fmt.Errorf("no case file at %s (create one with: cdrtui import %s EVIDENCE...)", path, path)
	case fileEmpty:
		return nil, fmt.Errorf("%s is empty, not a case (cdrtui import %s EVIDENCE... makes it one)", path, path)
	case fileForeign:
		return nil, &NotACaseError{Path: path, What: id.what}
	case fileNewerCase:
		return nil, fmt.Errorf("case %s has schema version %d; this cdrtui knows up to %d: use a newer cdrtui", path, id.userVersion, SchemaVersion())
	}
	readOnly := !write || !writable(path)
	if err := refuseBuilding(path, id, readOnly); err != nil {
		return nil, err
	}
	db, err := openDB(path, readOnly, false)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, readOnly: readOnly}
	if err := s.check(); err != nil && readOnly && emptyOrMissing(path+"-wal") && emptyOrMissing(path+"-journal") {
		// a full disk (no room for the -shm file) or a read-only
		// directory: a case with nothing pending in a WAL reads as is
		db.Close()
		if db, err = openDB(path, true, true); err != nil {
			return nil, err
		}
		s.db, s.immutable = db, true
		if err := s.check(); err != nil {
			db.Close()
			return nil, fmt.Errorf("open case %s: %w", path, err)
		}
		s.warnings = append(s.warnings, "the case was read as it is on disk (immutable): SQLite could not create its shared-memory file beside it (disk full or read-only directory)")
	} else if err != nil {
		db.Close()
		return nil, fmt.Errorf("open case %s: %w", path, withDiskFull(err, path))
	}
	if !readOnly && (id.kind == fileOldCase || id.userVersion < SchemaVersion() || !id.wal) {
		// opening writes (the mark, WAL, migrations): nothing is written
		// before the case's check has passed
		s.waitChecked(context.Background())
	}
	if s.Damaged() != "" {
		s.warnings = append(s.warnings, s.damagedError().Error())
		s.damageWarned = true
		if !readOnly {
			// never write into a damaged case
			s.db.Close()
			if s.db, err = openDB(path, true, false); err != nil {
				return nil, err
			}
			s.readOnly = true
		}
	}
	if s.readOnly {
		if err := s.checkVersion(write); err != nil {
			s.db.Close()
			return nil, err
		}
		return s, nil
	}
	if id.kind == fileOldCase {
		if _, err := s.db.Exec(fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
			s.db.Close()
			return nil, fmt.Errorf("open case %s: %w", path, err)
		}
	}
	if err := s.toWAL(); err != nil {
		s.db.Close()
		return nil, withDiskFull(err, path)
	}
	if err := s.migrate(context.Background()); err != nil {
		s.db.Close()
		return nil, withDiskFull(err, path)
	}
	if err := s.buildLeftIndexes(); err != nil {
		s.db.Close()
		return nil, withDiskFull(err, path)
	}
	return s, nil
}

// openDB opens the database handle; immutable reads the file as it is,
// taking no locks and creating no files.
func openDB(path string, readOnly, immutable bool) (*sql.DB, error) {
	db, err := sql.Open("sqlite", dsn(path, readOnly, immutable))
	if err != nil {
		return nil, err
	}
	if err := registerFeedModule(db); err != nil {
		db.Close()
		return nil, err
	}
	db.SetMaxOpenConns(4)
	db.SetConnMaxIdleTime(time.Minute)
	return db, nil
}

// toWAL switches the case to write-ahead logging, so that readers go on
// while an import writes.
func (s *Store) toWAL() error {
	if _, err := s.db.Exec("PRAGMA journal_mode=WAL"); err != nil {
		return fmt.Errorf("open case %s: %w", s.path, err)
	}
	return nil
}

// Warnings are what the analyst should know about the case as opened (a
// damaged case, a case read as immutable). A large case's check runs in
// the background: while it runs a warning says so; its damage shows here
// once found.
func (s *Store) Warnings() []string {
	out := s.Findings()
	if s.Checking() {
		out = append(out, fmt.Sprintf("case %s is large and its integrity check (SQLite quick_check) is still running: what is read meanwhile comes from a case not yet checked, and nothing is written into it before the check passes", s.path))
	}
	return out
}

// Findings are the Warnings that are facts about the case (damage found,
// a case read as immutable), without the note of a check still running:
// what a command that only reads says.
func (s *Store) Findings() []string {
	out := append([]string(nil), s.warnings...)
	s.mu.Lock()
	late := s.damaged != "" && !s.damageWarned
	s.mu.Unlock()
	if late {
		out = append(out, s.damagedError().Error())
	}
	return out
}

// WaitChecked waits for a large case's background check to end (at once
// when none runs): the workbench says what it found.
func (s *Store) WaitChecked(ctx context.Context) error { return s.waitChecked(ctx) }

// OnLateFinding sets f to be told, when the case is closed, of damage a
// background check found after the case was opened (a command that only
// reads says it once, at its end, rather than a note at its start that a
// check is running).
func (s *Store) OnLateFinding(f func(string)) {
	s.mu.Lock()
	s.lateFinding = f
	s.mu.Unlock()
}

// Checking says a large case's background check is still running.
func (s *Store) Checking() bool {
	s.mu.Lock()
	done := s.checked
	s.mu.Unlock()
	if done == nil {
		return false
	}
	select {
	case <-done:
		return false
	default:
		return true
	}
}

// Damaged is what the case's quick_check found, "" when it is sound (or
// while a large case's check is still running).
func (s *Store) Damaged() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.damaged
}

// emptyOrMissing says a file (a case's WAL) holds nothing.
func emptyOrMissing(path string) bool {
	fi, err := os.Stat(path)
	return err != nil || fi.Size() == 0
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func escapePath(path string) string { return (&url.URL{Path: path}).EscapedPath() }

// busyTimeout is how long SQLite waits for a lock another connection
// holds: two processes creating one case, a checkpoint. The writes made
// outside an import wait far less (see write), and an import in progress
// is refused at once.
const busyTimeout = 10 * time.Second

// PageCacheKiB is the page cache of each connection to a case opened after
// it is set (a case has up to four). The workbench, which keeps its memory
// bounded, sets it lower than the commands' default; an import's own
// connection sets its own.
var PageCacheKiB = 32000

func dsn(path string, readOnly, immutable bool) string {
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	if !readOnly {
		q.Add("_pragma", "synchronous(NORMAL)")
	}
	q.Add("_pragma", fmt.Sprintf("cache_size(-%d)", PageCacheKiB))
	if readOnly {
		q.Add("mode", "ro")
	}
	if immutable {
		q.Add("immutable", "1")
	}
	return "file:" + escapePath(path) + "?" + q.Encode()
}

func writable(path string) bool {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return false
	}
	f.Close()
	return true
}

// Close closes the case file, ending a background check first.
func (s *Store) Close() error {
	s.mu.Lock()
	stop, done := s.stopCheck, s.checked
	s.mu.Unlock()
	if stop != nil {
		stop()
		<-done
	}
	s.mu.Lock()
	late, f := s.damaged != "" && !s.damageWarned, s.lateFinding
	// a read-only handle that recorded its run beside itself (appendAside,
	// after the check passed) vouches for the case as it left it, as a
	// writing one does: else every analysis run from the command line,
	// which records itself, would leave a large case to be checked whole
	// again by the next one (0.65 s of CPU a run on a 1M-record case)
	vouch := s.sound && s.damaged == "" && (!s.readOnly || s.wroteAside) && !s.immutable
	s.mu.Unlock()
	if late && f != nil {
		f(s.damagedError().Error())
	}
	s.finishBuilding()
	err := s.db.Close()
	awaitClosed(s.db)
	if err == nil && vouch {
		// the identity after the WAL's checkpoint, as cdrtui left it
		rememberAtClose(s.path)
	}
	return err
}

// closeSettle bounds how long Close waits for the connections still in
// use when it was called (a query of a quitting pane, its context already
// cancelled) to be closed.
const closeSettle = 10 * time.Second

// awaitClosed waits until every connection of a closed handle is closed.
// database/sql's Close closes idle connections only: one still in use,
// or one being opened by a query that began before Close, is closed when
// that query ends, and until then SQLite may still write beside the case
// (its -wal and -shm files). Whoever closes a case and then moves or
// removes its folder must find its connections closed.
func awaitClosed(db *sql.DB) {
	deadline := time.Now().Add(closeSettle)
	for wait := 100 * time.Microsecond; db.Stats().OpenConnections > 0 && time.Now().Before(deadline); wait = min(2*wait, 20*time.Millisecond) {
		time.Sleep(wait)
	}
}

// DB gives the database handle to the store's own query files and tests.
func (s *Store) DB() *sql.DB { return s.db }

// Path is the case file's path as given.
func (s *Store) Path() string { return s.path }

// ReadOnly reports whether the case was opened read-only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// ErrReadOnly is returned by writes to a case opened read-only.
var ErrReadOnly = errors.New("the case file is read-only")

// Info returns a case_info value, "" when unset.
func (s *Store) Info(ctx context.Context, key string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, "SELECT value FROM case_info WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetInfo stores a case_info value.
func (s *Store) SetInfo(ctx context.Context, key, value string) error {
	return s.write(ctx, func(c *sql.Conn) error {
		_, err := c.ExecContext(ctx, "INSERT INTO case_info(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value)
		return err
	})
}
