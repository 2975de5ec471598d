package store

// The schema's migrations: embedded SQL files applied in order, the
// version kept in PRAGMA user_version.

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

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
// transaction together with the new user_version. user_version is read
// inside the write transaction, so that two processes opening a new case
// at once do not both migrate it.
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
		return fmt.Errorf("case %s: %w", s.path, err)
	}
	if current == len(ms) {
		return nil // up to date: no write lock taken (an import may hold it)
	}
	for {
		if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
			return fmt.Errorf("case %s: %w", s.path, err)
		}
		var current int
		if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
			conn.ExecContext(ctx, "ROLLBACK")
			return err
		}
		if current > len(ms) {
			conn.ExecContext(ctx, "ROLLBACK")
			return fmt.Errorf("case %s has schema version %d; this cdrtui knows up to %d: use a newer cdrtui", s.path, current, len(ms))
		}
		if current == len(ms) {
			_, err := conn.ExecContext(ctx, "COMMIT")
			return err
		}
		m := ms[current]
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
}

// checkVersion refuses a case opened read-only whose schema is not this
// cdrtui's.
func (s *Store) checkVersion(write bool) error {
	var v int
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("open case %s: %w", s.path, err)
	}
	switch {
	case v == SchemaVersion():
		return nil
	case write || s.Damaged() != "":
		return fmt.Errorf("case %s is read-only and has schema version %d (this cdrtui needs %d): copy it to a writable place to upgrade it", s.path, v, SchemaVersion())
	default:
		return fmt.Errorf("case %s was written by an older cdrtui (schema version %d; this one reads %d), and read-only commands never change a case: "+
			"upgrade it with: cdrtui upgrade %s (or open it in the workbench, or import into it), or work on an upgraded copy", s.path, v, SchemaVersion(), s.path)
	}
}
