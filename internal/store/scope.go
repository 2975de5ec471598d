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

// RecordsInSpansIn is RecordsInSpans keeping only the records whose wall
// clock is in [from, to) (0: open). It reads each record's wall offset, so
// it is not answered from the index alone.
func (s *Store) RecordsInSpansIn(ctx context.Context, spans []PortSpan, exclude int64, from, to int64) (*NearRecords, error) {
	out := &NearRecords{}
	err := s.EachRecordInSpansIn(ctx, spans, exclude, from, to, func(sub int64, port int, start int64) {
		out.Subscriber = append(out.Subscriber, sub)
		out.Port = append(out.Port, port)
		out.Start = append(out.Start, start)
	})
	return out, err
}

// EachRecordInSpansIn is EachRecordInSpans keeping only the records whose
// wall clock is in [from, to) (0: open).
func (s *Store) EachRecordInSpansIn(ctx context.Context, spans []PortSpan, exclude int64, from, to int64, fn func(sub int64, port int, start int64)) error {
	if len(spans) == 0 {
		return nil
	}
	cond, args := wallScopeSQL("r", from, to)
	return s.eachRecordInSpansWide(ctx, spansJSON(spans), exclude, cond, fn, args...)
}

// ActivityHoursIn is ActivityHours counted from the data records whose wall
// clock is in [from, to) (0: open) instead of the whole-case summary.
func (s *Store) ActivityHoursIn(ctx context.Context, ports []int, from, to int64) ([]PortHours, error) {
	if len(ports) == 0 {
		return nil, nil
	}
	cond, args := wallScopeSQL("r", from, to)
	rows, err := s.db.QueryContext(ctx, `SELECT r.subscriber_id, coalesce(r.dest_port, -1), (((r.start + r.wall_offset) % 86400) + 86400) % 86400 / 3600, count(*)
		FROM ipdr r WHERE coalesce(r.dest_port, -1) IN (SELECT value FROM json_each(?)) AND `+cond+`
		GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`, append([]any{intsJSON(ports)}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PortHours
	for rows.Next() {
		var sub int64
		var port, hour, n int
		if err := rows.Scan(&sub, &port, &hour, &n); err != nil {
			return nil, err
		}
		if k := len(out); k == 0 || out[k-1].Subscriber != sub || out[k-1].Port != port {
			out = append(out, PortHours{Subscriber: sub, Port: port})
		}
		r := &out[len(out)-1]
		r.Records += int64(n)
		r.Hours[hour] += n
	}
	return out, rows.Err()
}
