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
	"io/fs"
	"net/url"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
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
}

// Open opens the case file at path, creating it if it does not exist, and
// brings its schema up to date. A case on a read-only medium (a seized disk,
// a write-protected share) is opened read-only.
func Open(path string) (*Store, error) {
	readOnly := false
	if _, err := os.Stat(path); err == nil && !writable(path) {
		readOnly = true
	}
	db, err := sql.Open("sqlite", dsn(path, readOnly))
	if err != nil {
		return nil, err
	}
	if err := registerFeedModule(db); err != nil {
		db.Close()
		return nil, err
	}
	db.SetMaxOpenConns(4)
	db.SetConnMaxIdleTime(time.Minute)
	s := &Store{db: db, path: path, readOnly: readOnly}
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open case %s: %w", path, err)
	}
	if !readOnly {
		if _, err := db.Exec("PRAGMA journal_mode=WAL"); err != nil {
			db.Close()
			return nil, fmt.Errorf("open case %s: %w", path, err)
		}
		if err := s.migrate(context.Background()); err != nil {
			db.Close()
			return nil, err
		}
	} else if err := s.checkVersion(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "cache_size(-32000)")
	if readOnly {
		q.Add("mode", "ro")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

func writable(path string) bool {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return false
	}
	f.Close()
	return true
}

// Close closes the case file.
func (s *Store) Close() error { return s.db.Close() }

// DB gives the database handle to the store's own query files and tests.
func (s *Store) DB() *sql.DB { return s.db }

// Path is the case file's path as given.
func (s *Store) Path() string { return s.path }

// ReadOnly reports whether the case was opened read-only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// ErrReadOnly is returned by writes to a case opened read-only.
var ErrReadOnly = errors.New("the case file is read-only")

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number and '_'", e.Name())
		}
		body, err := fs.ReadFile(migrationFiles, path.Join("migrations", e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("migrations must be numbered 1, 2, 3 ...: %s", m.name)
		}
	}
	return out, nil
}

// SchemaVersion is the version the code expects (the newest migration).
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil {
		return 0
	}
	return len(ms)
}

// migrate applies the migrations the case lacks, each in its own
// transaction together with the new user_version.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var current int
	if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return err
	}
	if current > len(ms) {
		return fmt.Errorf("case %s has schema version %d; this cdrtui knows up to %d: use a newer cdrtui", s.path, current, len(ms))
	}
	for _, m := range ms[current:] {
		if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
			return err
		}
		if _, err := conn.ExecContext(ctx, m.sql); err != nil {
			conn.ExecContext(ctx, "ROLLBACK")
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if step := migrationStep(m.name); step != nil {
			if err := step(ctx, conn); err != nil {
				conn.ExecContext(ctx, "ROLLBACK")
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
		}
		if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
			conn.ExecContext(ctx, "ROLLBACK")
			return err
		}
		if m.version == 1 {
			if _, err := conn.ExecContext(ctx, "INSERT INTO case_info(key, value) VALUES ('created_at', ?)", time.Now().UTC().Format(time.RFC3339)); err != nil {
				conn.ExecContext(ctx, "ROLLBACK")
				return err
			}
		}
		if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) checkVersion() error {
	var v int
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		return err
	}
	if v != SchemaVersion() {
		return fmt.Errorf("case %s is read-only and has schema version %d (this cdrtui needs %d): copy it to a writable place to upgrade it", s.path, v, SchemaVersion())
	}
	return nil
}

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
	if s.readOnly {
		return ErrReadOnly
	}
	_, err := s.db.ExecContext(ctx, "INSERT INTO case_info(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value)
	return err
}
