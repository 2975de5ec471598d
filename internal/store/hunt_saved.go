package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"time"
)

// SavedHunt is a hunt kept in the case: its query (the form as JSON) and
// what its last run found.
type SavedHunt struct {
	Name        string `json:"name"`
	Query       string `json:"query"`
	CreatedAt   int64  `json:"created_at"` // Unix seconds, the analyst's clock
	RanAt       int64  `json:"ran_at"`
	Subscribers int64  `json:"subscribers"`
	Records     int64  `json:"records"`
}

// ErrNoSavedHunt is returned for a name no saved hunt has.
var ErrNoSavedHunt = errors.New("no saved hunt by that name")

// SaveHunt keeps a hunt under name with what the run at ranAt found,
// replacing the query and counts of a hunt saved before under that name
// (its creation time stays).
func (s *Store) SaveHunt(ctx context.Context, name, query string, subscribers, records int64, ranAt time.Time) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return fmt.Errorf("a saved hunt needs a name")
	}
	return s.write(ctx, func(c *sql.Conn) error {
		_, err := c.ExecContext(ctx, `INSERT INTO hunts(name, query, created_at, ran_at, subscribers, records) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT(name) DO UPDATE SET query = excluded.query, ran_at = excluded.ran_at,
		subscribers = excluded.subscribers, records = excluded.records`,
			name, query, ranAt.Unix(), ranAt.Unix(), subscribers, records)
		return err
	})
}

// RecordHuntRun stores what a rerun of a saved hunt found.
func (s *Store) RecordHuntRun(ctx context.Context, name string, subscribers, records int64, ranAt time.Time) error {
	return s.write(ctx, func(c *sql.Conn) error {
		res, err := c.ExecContext(ctx, "UPDATE hunts SET ran_at = ?, subscribers = ?, records = ? WHERE name = ?",
			ranAt.Unix(), subscribers, records, name)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%w: %q", ErrNoSavedHunt, name)
		}
		return nil
	})
}

// SavedHunts lists the saved hunts, most recently run first.
func (s *Store) SavedHunts(ctx context.Context) ([]SavedHunt, error) {
	return queryAll(ctx, s.db, func(h *SavedHunt) []any {
		return []any{&h.Name, &h.Query, &h.CreatedAt, &h.RanAt, &h.Subscribers, &h.Records}
	}, "SELECT name, query, created_at, ran_at, subscribers, records FROM hunts ORDER BY ran_at DESC, name")
}

// SavedHunt returns the hunt saved under name.
func (s *Store) SavedHunt(ctx context.Context, name string) (SavedHunt, error) {
	h := SavedHunt{Name: name}
	err := s.db.QueryRowContext(ctx, "SELECT query, created_at, ran_at, subscribers, records FROM hunts WHERE name = ?", name).
		Scan(&h.Query, &h.CreatedAt, &h.RanAt, &h.Subscribers, &h.Records)
	if errors.Is(err, sql.ErrNoRows) {
		return h, fmt.Errorf("%w: %q", ErrNoSavedHunt, name)
	}
	return h, err
}

// DeleteHunt forgets a saved hunt.
func (s *Store) DeleteHunt(ctx context.Context, name string) error {
	return s.write(ctx, func(c *sql.Conn) error {
		res, err := c.ExecContext(ctx, "DELETE FROM hunts WHERE name = ?", name)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%w: %q", ErrNoSavedHunt, name)
		}
		return nil
	})
}

// HuntExamples are values of this case to show as examples in an empty
// hunt form: a destination with its port and a cell ("" when the case has
// none). Each is one indexed read.
type HuntExamples struct {
	Dest, Cell string
}

// HuntExamples reads examples for the hunt form from the case: the
// destination of the first data record that has one (read in id order;
// the destination index is on the addresses' integer keys, so the
// greatest address text, the example before, would be a scan of every
// record), and the first cell.
func (s *Store) HuntExamples(ctx context.Context) (HuntExamples, error) {
	var ex HuntExamples
	var ip sql.NullString
	var port sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT dest_ip, dest_port FROM ipdr WHERE dest_ip IS NOT NULL ORDER BY id LIMIT 1`).Scan(&ip, &port)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return ex, err
	}
	if addr, perr := netip.ParseAddr(ip.String); perr == nil {
		ex.Dest = addr.String()
		if port.Valid && port.Int64 >= 0 && port.Int64 < 65536 {
			ex.Dest = netip.AddrPortFrom(addr, uint16(port.Int64)).String()
		}
	}
	var cell sql.NullString
	if err := s.db.QueryRowContext(ctx, `SELECT cell FROM cells ORDER BY id LIMIT 1`).Scan(&cell); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return ex, err
	}
	ex.Cell = cell.String
	return ex, nil
}
