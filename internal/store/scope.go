package store

import (
	"context"
	"database/sql"

	"github.com/cdrtui/cdrtui/internal/analysis"
)

// wallScopeSQL is the condition that a record of the table aliased alias
// started in [from, to) on its wall clock (start + wall_offset), 0 bounds
// being open; "1" when both are.
func wallScopeSQL(alias string, from, to int64) (string, []any) {
	wall := "(" + alias + ".start + " + alias + ".wall_offset)"
	switch {
	case from != 0 && to != 0:
		return wall + " >= ? AND " + wall + " < ?", []any{from, to}
	case from != 0:
		return wall + " >= ?", []any{from}
	case to != 0:
		return wall + " < ?", []any{to}
	}
	return "1", nil
}

// ScopedCounts is what a case holds in a wall-clock window.
type ScopedCounts struct {
	Records     map[string]int64 `json:"records"` // ipdr and voice records in the window
	Subscribers int64            `json:"subscribers"`
	First, Last analysis.Moment  `json:"-"`
	FirstWall   string           `json:"first"`
	LastWall    string           `json:"last"`
}

// CountsIn counts the data and voice records, and the subscribers behind
// them, whose wall clock is in [from, to) (0: open), with the first and
// last of them. It reads the record tables (the summaries are kept for the
// whole case only).
func (s *Store) CountsIn(ctx context.Context, from, to int64) (*ScopedCounts, error) {
	out := &ScopedCounts{Records: map[string]int64{}}
	var first, last sql.NullInt64
	for _, table := range []string{"ipdr", "voice"} {
		cond, args := wallScopeSQL("r", from, to)
		var n int64
		var f, l sql.NullInt64
		err := s.db.QueryRowContext(ctx, `SELECT count(*), min(r.start + r.wall_offset), max(r.start + r.wall_offset)
			FROM `+table+` r WHERE `+cond, args...).Scan(&n, &f, &l)
		if err != nil {
			return nil, err
		}
		out.Records[table] = n
		if f.Valid && (!first.Valid || f.Int64 < first.Int64) {
			first = f
		}
		if l.Valid && (!last.Valid || l.Int64 > last.Int64) {
			last = l
		}
	}
	cond, args := wallScopeSQL("r", from, to)
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT subscriber_id FROM ipdr r WHERE `+cond+
		` UNION SELECT subscriber_id FROM voice r WHERE `+cond+`)`, append(args, args...)...).Scan(&out.Subscribers)
	if err != nil {
		return nil, err
	}
	if first.Valid {
		// wall clocks as written: shown with no offset
		out.First = analysis.Moment{Unix: first.Int64}
		out.Last = analysis.Moment{Unix: last.Int64}
		out.FirstWall, out.LastWall = out.First.String(), out.Last.String()
	}
	return out, nil
}
