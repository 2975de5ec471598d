package clickhouse

import (
	"context"
	"sort"

	"github.com/cdrtui/cdrtui/internal/store"
)

// The contacts ranking's questions: one subscriber's data records, the
// other subscribers' records near them (per destination port and span of
// time, filtered on the shards), and everyone's hours per port. Each
// answers as its store.Store twin does.

// DataEvents returns every data record of one subscriber ordered by start
// (then id).
func (s *Store) DataEvents(ctx context.Context, sub int64) ([]store.DataEvent, error) {
	var out []store.DataEvent
	err := s.each(ctx, `SELECT id, start, end, wall_offset, ifNull(dest_port, -1), source_id, line
		FROM {ipdr} WHERE subscriber_id = ? AND {visible} ORDER BY start, id`, func(sc scanner) error {
		var e store.DataEvent
		var end *int64
		var port int64
		if err := sc.Scan(&e.ID, &e.Start, &end, &e.WallOffset, &port, &e.SourceID, &e.Line); err != nil {
			return err
		}
		e.DestPort = int(port)
		if end != nil {
			e.End, e.HasEnd = *end, true
		}
		out = append(out, e)
		return nil
	}, sub)
	return out, err
}

// DataSubscribers lists the subscribers that have data records, by id.
func (s *Store) DataSubscribers(ctx context.Context) ([]store.SubscriberRef, error) {
	ids, err := s.ids(ctx, `SELECT DISTINCT subscriber_id FROM {ipdr} WHERE {visible}`)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	var out []store.SubscriberRef
	err = s.eachIn(ctx, `SELECT id, msisdn FROM {db}.subscribers`+completeDims+` AND id IN ({ids}) ORDER BY id`, ids, func(sc scanner) error {
		var r store.SubscriberRef
		err := sc.Scan(&r.ID, &r.MSISDN)
		out = append(out, r)
		return err
	})
	return out, err
}

// WallSpan returns the earliest and latest wall clock of any subscriber's
// records (each subscriber's first and last record, with its offset).
func (s *Store) WallSpan(ctx context.Context) (first, last int64, ok bool, err error) {
	var n uint64
	err = s.home.QueryRow(ctx, s.sql(`SELECT count(), min(f), max(l) FROM (
		SELECT min(start) + argMin(wall_offset, (start, id)) AS f, max(start) + argMax(wall_offset, (start, id)) AS l FROM (
			SELECT subscriber_id, start, wall_offset, id FROM {ipdr} WHERE {visible}
			UNION ALL SELECT subscriber_id, start, wall_offset, id FROM {voice} WHERE {visible})
		GROUP BY subscriber_id)`)).Scan(&n, &first, &last)
	if err != nil {
		return 0, 0, false, s.explain(err)
	}
	return first, last, n > 0, nil
}

// ActivityPorts lists the destination ports of the data records (-1 for
// none given), ascending.
func (s *Store) ActivityPorts(ctx context.Context) ([]int, error) {
	ids, err := s.ids(ctx, `SELECT DISTINCT ifNull(dest_port, -1) AS p FROM {ipdr} WHERE {visible} ORDER BY p`)
	out := make([]int, len(ids))
	for i, p := range ids {
		out[i] = int(p)
	}
	return out, err
}

// ActivityHours returns, for every subscriber, the data records on each of
// ports in total and per wall-clock hour.
func (s *Store) ActivityHours(ctx context.Context, ports []int) ([]store.PortHours, error) {
	return s.activityHours(ctx, ports, "")
}

// ActivityHoursIn is ActivityHours counted from the data records whose
// wall clock is in [from, to) (0: open).
func (s *Store) ActivityHoursIn(ctx context.Context, ports []int, from, to int64) ([]store.PortHours, error) {
	return s.activityHours(ctx, ports, wallScope(from, to))
}

func (s *Store) activityHours(ctx context.Context, ports []int, scope string) ([]store.PortHours, error) {
	if len(ports) == 0 {
		return nil, nil
	}
	ps := make([]int64, len(ports))
	for i, p := range ports {
		ps[i] = int64(p)
	}
	var out []store.PortHours
	err := s.each(ctx, `SELECT subscriber_id, ifNull(dest_port, -1) AS p, `+hourExpr+` AS hour, count()
		FROM {ipdr} WHERE {visible}`+scope+` AND p IN (`+idList(ps)+`) GROUP BY subscriber_id, p, hour ORDER BY subscriber_id, p, hour`, func(sc scanner) error {
		var sub, port int64
		var hour int32
		var n uint64
		if err := sc.Scan(&sub, &port, &hour, &n); err != nil {
			return err
		}
		if len(out) == 0 || out[len(out)-1].Subscriber != sub || out[len(out)-1].Port != int(port) {
			out = append(out, store.PortHours{Subscriber: sub, Port: int(port)})
		}
		r := &out[len(out)-1]
		r.Records += int64(n)
		r.Hours[hour] += int(n)
		return nil
	})
	return out, err
}

// longSpan is the length in minutes beyond which a span is asked as a
// range instead of by its (port, minute) keys.
const longSpan = 240

// RecordsInSpans returns the records of every subscriber but exclude whose
// destination port and start fall in one of spans (inclusive). The shards
// keep the records whose (port, minute of start) is one the spans touch,
// a set lookup per record (a span of hours is asked as a range); the rows
// that come back are then checked exactly against the spans. Spans of one
// port must not overlap (each record then matches one span, and comes
// back once).
func (s *Store) RecordsInSpans(ctx context.Context, spans []store.PortSpan, exclude int64) (*store.NearRecords, error) {
	return s.collectInSpans(ctx, spans, exclude, "")
}

// collectInSpans gathers what eachInSpans finds.
func (s *Store) collectInSpans(ctx context.Context, spans []store.PortSpan, exclude int64, scope string) (*store.NearRecords, error) {
	out := &store.NearRecords{}
	err := s.eachInSpans(ctx, spans, exclude, scope, func(sub int64, port int, start int64) {
		out.Subscriber = append(out.Subscriber, sub)
		out.Port = append(out.Port, port)
		out.Start = append(out.Start, start)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// eachInSpans calls fn with each record in spans as the rows stream from
// the shards (one query, the spans' keys beside it: nearQuery), in no
// particular order: nothing of the answer is held.
func (s *Store) eachInSpans(ctx context.Context, spans []store.PortSpan, exclude int64, scope string, fn func(sub int64, port int, start int64)) error {
	if len(spans) == 0 {
		return nil
	}
	q, qctx, byPort, err := s.nearQuery(ctx, spans, scope, "")
	if err != nil {
		return err
	}
	return s.each(qctx, q, func(sc scanner) error {
		var sub, port, start int64
		if err := sc.Scan(&sub, &port, &start); err != nil {
			return err
		}
		if inSpans(byPort[int(port)], start) {
			fn(sub, int(port), start)
		}
		return nil
	}, exclude)
}

// spanKey packs a port (-1 for none) and a minute (start/60, truncated as
// ClickHouse's intDiv truncates) into the number the query compares.
func spanKey(port int, minute int64) int64 { return (int64(port)+1)*4294967296 + minute }

// inSpans says whether start lies in one of spans (sorted by From).
func inSpans(spans []store.PortSpan, start int64) bool {
	i := sort.Search(len(spans), func(i int) bool { return spans[i].To >= start })
	return i < len(spans) && spans[i].From <= start
}

// RecordsInSpansIn is RecordsInSpans keeping only the records whose wall
// clock is in [from, to) (0: open), filtered on the shards.
func (s *Store) RecordsInSpansIn(ctx context.Context, spans []store.PortSpan, exclude int64, from, to int64) (*store.NearRecords, error) {
	return s.collectInSpans(ctx, spans, exclude, wallScope(from, to))
}

// EachRecordInSpans calls fn with each record RecordsInSpans finds (in
// no particular order: the contacts sweep takes records in any order), as
// they stream from the shards, in bounded memory whatever their number.
func (s *Store) EachRecordInSpans(ctx context.Context, spans []store.PortSpan, exclude int64, fn func(sub int64, port int, start int64)) error {
	return s.eachInSpans(ctx, spans, exclude, "", fn)
}

// EachRecordInSpansIn is EachRecordInSpans over the records whose wall
// clock is in [from, to) (0: open).
func (s *Store) EachRecordInSpansIn(ctx context.Context, spans []store.PortSpan, exclude int64, from, to int64, fn func(sub int64, port int, start int64)) error {
	return s.eachInSpans(ctx, spans, exclude, wallScope(from, to), fn)
}

// EachActivityHour calls fn with every subscriber's data records on each
// of ports per wall-clock hour (records whose wall clock is in [from, to),
// 0: open) as the rows stream from the shards, in no particular order:
// ActivityHours without holding the answer, whatever the number of
// subscribers.
func (s *Store) EachActivityHour(ctx context.Context, ports []int, from, to int64, fn func(sub int64, port, hour int, n int64)) error {
	if len(ports) == 0 {
		return nil
	}
	ps := make([]int64, len(ports))
	for i, p := range ports {
		ps[i] = int64(p)
	}
	return s.each(ctx, `SELECT subscriber_id, ifNull(dest_port, -1) AS p, `+hourExpr+` AS hour, count()
		FROM {ipdr} WHERE {visible}`+wallScope(from, to)+` AND p IN (`+idList(ps)+`) GROUP BY subscriber_id, p, hour`, func(sc scanner) error {
		var sub, port int64
		var hour int32
		var n uint64
		if err := sc.Scan(&sub, &port, &hour, &n); err != nil {
			return err
		}
		fn(sub, int(port), int(hour), int64(n))
		return nil
	})
}
