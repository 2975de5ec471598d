package store

import (
	"context"
	"database/sql"

	"github.com/cdrtui/cdrtui/internal/analysis"
)

// The persona in a time scope is read from the record tables (through
// ipdr_by_subscriber and voice_by_subscriber), the summaries being kept for
// the whole case only. Each function is its whole-case twin's answer for
// the records whose wall clock is in [from, to) (0: open).

// SubscriberTotalsIn is SubscriberTotalsOf over the records in scope.
func (s *Store) SubscriberTotalsIn(ctx context.Context, id int64, from, to int64) (SubscriberTotals, error) {
	t, err := s.SubscriberTotalsOf(ctx, id)
	if err != nil {
		return t, err
	}
	t.DataRecords, t.VoiceRecords, t.First, t.Last = 0, 0, analysis.Moment{}, analysis.Moment{}
	cond, args := wallScopeSQL("r", from, to)
	for _, table := range []string{"ipdr", "voice"} {
		var n int64
		var first, last sql.NullInt64
		err := s.db.QueryRowContext(ctx, `SELECT count(*), min(r.start), max(r.start) FROM `+table+` r
			WHERE r.subscriber_id = ? AND `+cond, append([]any{id}, args...)...).Scan(&n, &first, &last)
		if err != nil {
			return t, err
		}
		if table == "ipdr" {
			t.DataRecords = n
		} else {
			t.VoiceRecords = n
		}
		if first.Valid && (t.First.IsZero() || first.Int64 < t.First.Unix) {
			t.First.Unix = first.Int64
		}
		if last.Valid && (t.Last.IsZero() || last.Int64 > t.Last.Unix) {
			t.Last.Unix = last.Int64
		}
	}
	if !t.First.IsZero() {
		err = newOffsetFinder(s.db, id).span(ctx, &t.First, &t.Last)
	}
	return t, err
}

// PortActivitiesIn is PortActivities of one subscriber over the records in
// scope, the hours being those of the wall clock as the summary counts them.
func (s *Store) PortActivitiesIn(ctx context.Context, id int64, from, to int64) ([]analysis.PortActivity, error) {
	cond, args := wallScopeSQL("r", from, to)
	rows, err := s.db.QueryContext(ctx, `SELECT coalesce(r.dest_port, -1), (((r.start + r.wall_offset) % 86400) + 86400) % 86400 / 3600,
		count(*), coalesce(sum(r.total), 0) FROM ipdr r WHERE r.subscriber_id = ? AND `+cond+`
		GROUP BY 1, 2 ORDER BY 1, 2`, append([]any{id}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []analysis.PortActivity
	for rows.Next() {
		var port, hour int
		var n, bytes int64
		if err := rows.Scan(&port, &hour, &n, &bytes); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].Port != port {
			out = append(out, analysis.PortActivity{Port: port})
		}
		a := &out[len(out)-1]
		a.Records += n
		a.Bytes += bytes
		a.Hours[hour] += n
	}
	return out, rows.Err()
}

// DeviceUsesIn is DeviceUses over the records in scope.
func (s *Store) DeviceUsesIn(ctx context.Context, sub int64, from, to int64) ([]analysis.DeviceUse, error) {
	cond, args := wallScopeSQL("r", from, to)
	all := append(append([]any{sub}, args...), append([]any{sub}, args...)...)
	out, err := queryAll(ctx, s.db, func(u *analysis.DeviceUse) []any {
		return []any{&u.IMSI, &u.IMEI, &u.Records, &u.First.Unix, &u.Last.Unix}
	}, `SELECT d.imsi, d.imei, count(*), min(u.start), max(u.start)
		FROM (SELECT r.device_id, r.start FROM ipdr r WHERE r.subscriber_id = ? AND `+cond+` AND r.device_id IS NOT NULL
		      UNION ALL SELECT r.device_id, r.start FROM voice r WHERE r.subscriber_id = ? AND `+cond+` AND r.device_id IS NOT NULL) u
		JOIN devices d ON d.id = u.device_id GROUP BY d.id ORDER BY min(u.start), d.id`, all...)
	if err != nil {
		return nil, err
	}
	offsets := newOffsetFinder(s.db, sub)
	for i := range out {
		if err := offsets.span(ctx, &out[i].First, &out[i].Last); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// CellUsesIn is CellUses over the records in scope.
func (s *Store) CellUsesIn(ctx context.Context, sub int64, from, to int64) ([]CellUse, error) {
	cond, args := wallScopeSQL("r", from, to)
	all := append(append([]any{sub}, args...), append([]any{sub}, args...)...)
	out, err := queryAll(ctx, s.db, func(u *CellUse) []any {
		return []any{&u.CellID, &u.Cell, &u.DataRecords, &u.VoiceRecords, &u.First.Unix, &u.Last.Unix}
	}, `SELECT c.id, c.cell, sum(u.kind = 'ipdr'), sum(u.kind = 'voice'), min(u.start), max(u.start)
		FROM (SELECT r.cell_id, r.start, 'ipdr' AS kind FROM ipdr r WHERE r.subscriber_id = ? AND `+cond+` AND r.cell_id IS NOT NULL
		      UNION ALL SELECT r.cell_id, r.start, 'voice' FROM voice r WHERE r.subscriber_id = ? AND `+cond+` AND r.cell_id IS NOT NULL) u
		JOIN cells c ON c.id = u.cell_id GROUP BY c.id ORDER BY count(*) DESC, min(u.start), c.id`, all...)
	if err != nil {
		return nil, err
	}
	offsets := newOffsetFinder(s.db, sub)
	for i := range out {
		if err := offsets.span(ctx, &out[i].First, &out[i].Last); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// DestinationUsesIn is DestinationUses over the records in scope.
func (s *Store) DestinationUsesIn(ctx context.Context, sub int64, from, to int64) ([]DestinationUse, error) {
	cond, args := wallScopeSQL("r", from, to)
	return queryAll(ctx, s.db, func(d *DestinationUse) []any {
		return []any{&d.IP, &d.Port, &d.Records, &d.Bytes, &d.First.Unix, &d.Last.Unix}
	}, `SELECT coalesce(r.dest_ip, ''), coalesce(r.dest_port, -1), count(*), coalesce(sum(r.total), 0),
		min(r.start), max(r.start)
		FROM ipdr r WHERE r.subscriber_id = ? AND `+cond+` GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2`, append([]any{sub}, args...)...)
}
