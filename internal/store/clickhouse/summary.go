package clickhouse

import (
	"context"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
)

// completeDims keeps a dimension table to the values complete sources
// brought.
const completeDims = ` WHERE source_id IN (SELECT id FROM {db}.source_complete)`

// Sources lists the complete sources in import order.
func (s *Store) Sources(ctx context.Context) ([]store.Source, error) {
	rows, err := s.home.Query(ctx, s.sql(`SELECT id, path, location, kind, format, sha256, size, modified_at, imported_at,
		tz, date_order, mapping, rows_imported, rows_rejected, fields_dropped, rows_already, notes
		FROM {db}.sources WHERE id IN (SELECT id FROM {db}.source_complete) ORDER BY id`))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Source
	for rows.Next() {
		var x store.Source
		if err := rows.Scan(&x.ID, &x.Path, &x.Location, &x.Kind, &x.Format, &x.SHA256, &x.Size, &x.ModifiedAt, &x.ImportedAt,
			&x.Zone, &x.DateOrder, &x.Mapping, &x.Rows, &x.Rejected, &x.Dropped, &x.Already, &x.Notes); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// SourcePaths maps every complete source's id to its path, for the
// drill-downs that say where a record came from.
func (s *Store) SourcePaths(ctx context.Context) (map[int64]string, error) {
	out := map[int64]string{}
	err := s.each(ctx, `SELECT id, path FROM {db}.sources WHERE id IN (SELECT id FROM {db}.source_complete)`, func(sc scanner) error {
		var id int64
		var p string
		err := sc.Scan(&id, &p)
		out[id] = p
		return err
	})
	return out, err
}

// Summary counts what the case holds, as store.Store.Summary does.
func (s *Store) Summary(ctx context.Context) (*store.Summary, error) {
	sum, err := s.summary(ctx)
	return sum, s.explain(err)
}

func (s *Store) summary(ctx context.Context) (*store.Summary, error) {
	sum := &store.Summary{Path: s.Path(), Records: map[string]int64{}}
	var err error
	if sum.Sources, err = s.Sources(ctx); err != nil {
		return nil, err
	}
	if sum.Country, err = s.info(ctx, "country"); err != nil {
		return nil, err
	}
	if sum.Country != "" {
		if sum.CountryHow, err = s.info(ctx, "country_source"); err != nil {
			return nil, err
		}
	}
	for _, src := range sum.Sources {
		sum.Records[src.Kind] += src.Rows
		sum.Rejected += src.Rejected
	}
	for _, q := range []struct {
		dst   *int64
		table string
	}{{&sum.Subscribers, "subscribers"}, {&sum.Cells, "cells"}, {&sum.Devices, "devices"}} {
		var n uint64
		if err := s.home.QueryRow(ctx, s.sql(`SELECT count() FROM {db}.`+q.table+completeDims)).Scan(&n); err != nil {
			return nil, err
		}
		*q.dst = int64(n)
	}
	var n uint64
	var first, last int64
	var firstOff, lastOff int32
	err = s.home.QueryRow(ctx, s.sql(`SELECT count(), min(start), argMin(wall_offset, (start, id)), max(start), argMax(wall_offset, (start, id)) FROM (
		SELECT start, wall_offset, id FROM {ipdr} WHERE {visible}
		UNION ALL SELECT start, wall_offset, id FROM {voice} WHERE {visible})`)).Scan(&n, &first, &firstOff, &last, &lastOff)
	if err != nil {
		return nil, err
	}
	if n > 0 {
		sum.First = analysis.Moment{Unix: first, Offset: firstOff}
		sum.Last = analysis.Moment{Unix: last, Offset: lastOff}
		sum.FirstWall, sum.LastWall = sum.First.String(), sum.Last.String()
	}
	return sum, nil
}

// CountsIn counts the data and voice records, and the subscribers behind
// them, whose wall clock is in [from, to) (0: open), with the first and
// last of them, as store.Store.CountsIn does: the Overview's figures in
// the workbench's time scope.
func (s *Store) CountsIn(ctx context.Context, from, to int64) (*store.ScopedCounts, error) {
	out := &store.ScopedCounts{Records: map[string]int64{}}
	scope := wallScope(from, to)
	var first, last int64
	seen := false
	for _, k := range []struct{ kind, table string }{{"ipdr", "{ipdr}"}, {"voice", "{voice}"}} {
		var n uint64
		var f, l int64
		err := s.home.QueryRow(ctx, s.sql(`SELECT count(), min(start + wall_offset), max(start + wall_offset) FROM `+k.table+
			` WHERE {visible}`+scope)).Scan(&n, &f, &l)
		if err != nil {
			return nil, s.explain(err)
		}
		out.Records[k.kind] = int64(n)
		if n == 0 {
			continue
		}
		if !seen || f < first {
			first = f
		}
		if !seen || l > last {
			last = l
		}
		seen = true
	}
	var subs uint64
	err := s.home.QueryRow(ctx, s.sql(`SELECT uniqExact(subscriber_id) FROM (
		SELECT subscriber_id FROM {ipdr} WHERE {visible}`+scope+`
		UNION ALL SELECT subscriber_id FROM {voice} WHERE {visible}`+scope+`)`)).Scan(&subs)
	if err != nil {
		return nil, s.explain(err)
	}
	out.Subscribers = int64(subs)
	if seen {
		// wall clocks as written: shown with no offset
		out.First, out.Last = analysis.Moment{Unix: first}, analysis.Moment{Unix: last}
		out.FirstWall, out.LastWall = out.First.String(), out.Last.String()
	}
	return out, nil
}
