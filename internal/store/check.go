package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
)

// syncCheckBytes is the largest case checked before it is used: SQLite's
// quick_check reads every page (some seconds per hundred megabytes here),
// so a larger case is checked in the background (Import waits for it).
var syncCheckBytes int64 = 64 << 20

// backgroundCheckStarts, when set (by tests), is called as a background
// check begins: a test holds the check there to see what waits for it.
var backgroundCheckStarts func()

// check runs SQLite's quick_check, which reads every page once: what it
// finds is kept as the case's damage. A case over syncCheckBytes is only
// probed here and checked in the background. The error is for a file
// SQLite could not open at all.
func (s *Store) check() error {
	if fi, err := os.Stat(s.path); err == nil && fi.Size() > syncCheckBytes {
		id, known := knownSound(s.path)
		if known {
			// as it was, to the nanosecond, when last found sound
			s.mu.Lock()
			s.sound, s.skipped = true, true
			s.mu.Unlock()
			return nil
		}
		var n int
		if err := s.db.QueryRow("SELECT count(*) FROM sqlite_master").Scan(&n); err != nil {
			if isCorrupt(err) {
				s.setDamaged(err.Error())
				return nil
			}
			return err
		}
		done := make(chan struct{})
		ctx, cancel := context.WithCancel(context.Background())
		s.mu.Lock()
		s.checked, s.stopCheck = done, cancel
		s.mu.Unlock()
		go func(db *sql.DB) {
			defer close(done)
			if backgroundCheckStarts != nil {
				backgroundCheckStarts()
			}
			found, err := quickCheck(ctx, db)
			if err == nil && found != "" {
				s.setDamaged(found)
			}
			if err == nil && found == "" && ctx.Err() == nil {
				s.mu.Lock()
				s.sound = true
				s.mu.Unlock()
				// remembered only when nothing moved while it ran
				if now, ok := caseIdentity(s.path); ok && now == id && id.settled() {
					rememberChecked(id)
				}
			}
		}(s.db)
		return nil
	}
	found, err := quickCheck(context.Background(), s.db)
	if err != nil {
		return err
	}
	s.setDamaged(found)
	return nil
}

// quickCheck runs PRAGMA quick_check: "" for a sound case, else what it
// found. The error is for a database SQLite could not read at all.
func quickCheck(ctx context.Context, db *sql.DB) (string, error) {
	rows, err := db.QueryContext(ctx, "PRAGMA quick_check(20)")
	if err != nil {
		if isCorrupt(err) {
			return err.Error(), nil
		}
		return "", err
	}
	defer rows.Close()
	var found []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return "", err
		}
		if line != "ok" {
			found = append(found, line)
		}
	}
	if err := rows.Err(); err != nil {
		if isCorrupt(err) {
			return err.Error(), nil
		}
		return "", err
	}
	return strings.Join(found, "; "), nil
}

// CheckSkipped says the case's check was skipped: the case was, to the
// nanosecond, as it was when last found sound.
func (s *Store) CheckSkipped() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.skipped
}

func (s *Store) setDamaged(found string) {
	s.mu.Lock()
	s.damaged = found
	s.mu.Unlock()
}

// waitChecked waits for a background check of the case to end.
func (s *Store) waitChecked(ctx context.Context) error {
	s.mu.Lock()
	done := s.checked
	s.mu.Unlock()
	if done == nil {
		return nil
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// isCorrupt says an SQLite error means a damaged file.
func isCorrupt(err error) bool {
	m := err.Error()
	return strings.Contains(m, "malformed") || strings.Contains(m, "SQLITE_CORRUPT") || strings.Contains(m, "(11)") || strings.Contains(m, "not a database")
}

// damagedError says a case failed its check and how to recover it.
func (s *Store) damagedError() error {
	return fmt.Errorf("case %s is damaged (SQLite quick_check: %s): it can be read but nothing will be written into it; "+
		"recover what it holds into a new case with: sqlite3 %s .recover | sqlite3 recovered.db", s.path, cut(s.Damaged(), 300), s.path)
}

func cut(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}
