package store

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"math/bits"
	"slices"
	"strings"
)

// The per-port timeline of migration 16: for each destination port and UTC
// day, the (start, subscriber) of every data record on it, sorted by start
// then subscriber (the order of ipdr_by_port) and packed in one blob: for
// each record, the uvarint of its start minus the previous record's (the
// day's first instant for the first) and the uvarint of its subscriber.
// About three bytes a record, against some 150 ns a record for SQLite to
// step the index and hand the row over: the contacts of the busiest
// subscriber read most of the case, and decode it instead (EachRecordInSpans).
//
// Imports mark the (port, day) pairs they touch stale (aggregates.addData,
// in the file's transaction) and rebuild them from ipdr_by_port when the
// file commits with that index in place (refreshTimeline); an import that
// left the indexes down rebuilds them with the indexes. A stale pair makes
// the contacts read the index, so an out-of-date blob is never read.

const (
	timelineDay     = 86400
	timelineOffBits = 17 // an offset into a day, < 86400 < 1<<17
	// timelineBatch is how many (port, day) pairs one statement rebuilds:
	// their blobs are held until written, a few MB at most.
	timelineBatch = 32
)

type timelineKey struct{ port, day int64 }

// markTimeline notes the (port, day) of a data record as stale.
func (a *aggregates) markTimeline(port, start int64) {
	k := timelineKey{port, floorDiv(start, timelineDay)}
	if a.haveTimeline && k == a.lastTimeline {
		return
	}
	a.timeline[k] = struct{}{}
	a.lastTimeline, a.haveTimeline = k, true
}

// writeTimelineStale marks the pairs the import touched stale.
func (a *aggregates) writeTimelineStale(ctx context.Context, j *importJob) error {
	if len(a.timeline) == 0 {
		return nil
	}
	rows := make([][]any, 0, len(a.timeline))
	for k := range a.timeline {
		rows = append(rows, []any{k.port, k.day})
	}
	if err := bulk(ctx, j.conn, j.feedName, j.feed, `INSERT OR IGNORE INTO port_timeline_stale(dest_port, day) %s`, 2, rows); err != nil {
		return fmt.Errorf("%w: port timeline: %w", errCaseFailed, err)
	}
	return nil
}

// querier is what refreshTimeline needs of a connection.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// refreshTimeline rebuilds the blob of every stale (port, day) pair from
// ipdr_by_port and clears the marks, inside the caller's transaction; it
// does nothing while ipdr_by_port is down (the pairs stay stale).
func refreshTimeline(ctx context.Context, conn querier) error {
	var stale bool
	if err := conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM port_timeline_stale)`).Scan(&stale); err != nil || !stale {
		return err
	}
	var index int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'ipdr_by_port'`).Scan(&index); err != nil || index == 0 {
		return err
	}
	var minSub, maxSub int64
	if err := conn.QueryRowContext(ctx, `SELECT coalesce(min(id), 0), coalesce(max(id), 0) FROM subscribers`).Scan(&minSub, &maxSub); err != nil {
		return err
	}
	packed := minSub >= 0 && bits.Len64(uint64(maxSub))+timelineOffBits <= 63
	last := timelineKey{port: -1 << 62}
	for {
		keys, err := staleTimeline(ctx, conn, last)
		if err != nil {
			return err
		}
		if len(keys) == 0 {
			break
		}
		last = keys[len(keys)-1]
		blobs, counts, err := buildTimeline(ctx, conn, keys, packed)
		if err != nil {
			return err
		}
		for i, k := range keys {
			if counts[i] == 0 {
				_, err = conn.ExecContext(ctx, `DELETE FROM port_timeline WHERE dest_port = ? AND day = ?`, k.port, k.day)
			} else {
				_, err = conn.ExecContext(ctx, `INSERT OR REPLACE INTO port_timeline(dest_port, day, records, data) VALUES (?, ?, ?, ?)`, k.port, k.day, counts[i], blobs[i])
			}
			if err != nil {
				return err
			}
		}
	}
	_, err := conn.ExecContext(ctx, `DELETE FROM port_timeline_stale`)
	return err
}

// backfillTimeline builds the timeline of a case made before it existed
// (migration 16): every port of the activity summary on every day from the
// first record to the last is marked stale and rebuilt (a pair without
// records writes nothing; the blobs there are rebuilt, so that a case
// migrated again from an earlier version starts clean). While an interrupted import has left the
// indexes down, the pairs stay stale until they are built.
func backfillTimeline(ctx context.Context, conn *sql.Conn) error {
	if _, err := conn.ExecContext(ctx, `DELETE FROM port_timeline`); err != nil {
		return err
	}
	_, err := conn.ExecContext(ctx, `INSERT OR IGNORE INTO port_timeline_stale(dest_port, day)
		WITH RECURSIVE span(lo, hi) AS (SELECT min(first_seen) / 86400 - 1, max(last_seen) / 86400 + 1 FROM subscribers WHERE first_seen IS NOT NULL),
		days(d) AS (SELECT lo FROM span WHERE lo IS NOT NULL UNION ALL SELECT d + 1 FROM days, span WHERE d < hi)
		SELECT p.dest_port, days.d FROM (SELECT DISTINCT dest_port FROM activity) AS p CROSS JOIN days`)
	if err != nil {
		return err
	}
	return refreshTimeline(ctx, conn)
}

// staleTimeline is the next timelineBatch stale pairs after last.
func staleTimeline(ctx context.Context, conn querier, last timelineKey) ([]timelineKey, error) {
	rows, err := conn.QueryContext(ctx, `SELECT dest_port, day FROM port_timeline_stale WHERE (dest_port, day) > (?, ?) ORDER BY 1, 2 LIMIT ?`,
		last.port, last.day, timelineBatch)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []timelineKey
	for rows.Next() {
		var k timelineKey
		if err := rows.Scan(&k.port, &k.day); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// buildTimeline reads the records of each pair from ipdr_by_port and packs
// them: in one text per pair (subscriber << 17 | offset into the day, as
// EachRecordInSpans reads spans) when packed, else row by row.
func buildTimeline(ctx context.Context, conn querier, keys []timelineKey, packed bool) ([][]byte, []int64, error) {
	blobs, counts := make([][]byte, len(keys)), make([]int64, len(keys))
	var recs []timelineRecord
	if !packed {
		for i, k := range keys {
			recs = recs[:0]
			rows, err := conn.QueryContext(ctx, `SELECT start, subscriber_id FROM ipdr INDEXED BY ipdr_by_port
				WHERE dest_port = ? AND start >= ? AND start < ?`, k.port, k.day*timelineDay, (k.day+1)*timelineDay)
			if err != nil {
				return nil, nil, err
			}
			for rows.Next() {
				var r timelineRecord
				if err := rows.Scan(&r.start, &r.sub); err != nil {
					rows.Close()
					return nil, nil, err
				}
				recs = append(recs, r)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, nil, err
			}
			blobs[i], counts[i] = encodeTimeline(k.day, recs), int64(len(recs))
		}
		return blobs, counts, nil
	}
	var js strings.Builder
	js.WriteByte('[')
	for i, k := range keys {
		if i > 0 {
			js.WriteByte(',')
		}
		fmt.Fprintf(&js, "[%d,%d]", k.port, k.day)
	}
	js.WriteByte(']')
	rows, err := conn.QueryContext(ctx, `WITH k(port, lo) AS MATERIALIZED (SELECT value->>0, (value->>1) * 86400 FROM json_each(?1))
		SELECT (SELECT group_concat((r.subscriber_id << 17) | (r.start - k.lo))
			FROM ipdr AS r INDEXED BY ipdr_by_port
			WHERE r.dest_port = k.port AND r.start >= k.lo AND r.start < k.lo + 86400)
		FROM k`, js.String())
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	const mask = 1<<timelineOffBits - 1
	i := 0
	var text sql.RawBytes
	for rows.Next() {
		if i >= len(keys) {
			return nil, nil, fmt.Errorf("port timeline: more rows than pairs")
		}
		if err := rows.Scan(&text); err != nil {
			return nil, nil, err
		}
		recs = recs[:0]
		day0 := keys[i].day * timelineDay
		var v int64
		digits := 0
		for p := 0; p <= len(text); p++ {
			if p < len(text) && text[p] != ',' {
				c := text[p] - '0'
				if c > 9 || digits > 18 {
					return nil, nil, fmt.Errorf("port timeline: %q is not a packed record", text)
				}
				v, digits = v*10+int64(c), digits+1
				continue
			}
			if digits == 0 {
				if len(text) == 0 {
					break // a day without records
				}
				return nil, nil, fmt.Errorf("port timeline: %q is not a list of packed records", text)
			}
			recs = append(recs, timelineRecord{start: day0 + v&mask, sub: v >> timelineOffBits})
			v, digits = 0, 0
		}
		blobs[i], counts[i] = encodeTimeline(keys[i].day, recs), int64(len(recs))
		i++
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	if i != len(keys) {
		return nil, nil, fmt.Errorf("port timeline: %d rows for %d pairs", i, len(keys))
	}
	return blobs, counts, nil
}

type timelineRecord struct{ start, sub int64 }

func compareTimeline(x, y timelineRecord) int {
	if x.start != y.start {
		if x.start < y.start {
			return -1
		}
		return 1
	}
	switch {
	case x.sub < y.sub:
		return -1
	case x.sub > y.sub:
		return 1
	}
	return 0
}

// encodeTimeline packs the records of one day (sorting them first when
// they are not by start then subscriber).
func encodeTimeline(day int64, recs []timelineRecord) []byte {
	if !slices.IsSortedFunc(recs, compareTimeline) {
		slices.SortFunc(recs, compareTimeline)
	}
	out := make([]byte, 0, len(recs)*3)
	prev := day * timelineDay
	for _, r := range recs {
		out = binary.AppendUvarint(out, uint64(r.start-prev))
		out = binary.AppendUvarint(out, uint64(r.sub))
		prev = r.start
	}
	return out
}

// decodeTimeline calls fn with each record of a day's blob, in order.
func decodeTimeline(day int64, blob []byte, fn func(start, sub int64)) error {
	t := day * timelineDay
	for i := 0; i < len(blob); {
		d, n := uvarint(blob[i:])
		if n <= 0 {
			return fmt.Errorf("port timeline of day %d: damaged at byte %d", day, i)
		}
		i += n
		s, n := uvarint(blob[i:])
		if n <= 0 {
			return fmt.Errorf("port timeline of day %d: damaged at byte %d", day, i)
		}
		i += n
		t += int64(d)
		fn(t, int64(s))
	}
	return nil
}

// uvarint is binary.Uvarint with the one- and two-byte cases first.
func uvarint(b []byte) (uint64, int) {
	if len(b) > 0 && b[0] < 0x80 {
		return uint64(b[0]), 1
	}
	if len(b) > 1 && b[1] < 0x80 {
		return uint64(b[0]&0x7f) | uint64(b[1])<<7, 2
	}
	return binary.Uvarint(b)
}

// timelineCoverage is how much of the days a span list touches it must
// cover for the timeline to be read rather than the index: decoding a
// record costs a small fraction of stepping the index to it, but every
// record of a touched day is decoded.
const timelineCoverage = 16

// maxTimelineDays bounds the (port, day) pairs one read of the timeline
// lists (a span of 2,700 years on one port).
const maxTimelineDays = 1 << 20

// timelineReadable reports whether EachRecordInSpans may read the timeline
// for spans: no pair is stale, the spans come by port then start without
// overlapping, and they cover at least 1/timelineCoverage of the days they
// touch. It returns the (port, day) pairs to read, in order.
func (s *Store) timelineReadable(ctx context.Context, spans []PortSpan) ([]timelineKey, bool, error) {
	var covered int64
	var keys []timelineKey
	for i, sp := range spans {
		if sp.To < sp.From {
			continue
		}
		if i > 0 {
			p := spans[i-1]
			if sp.Port < p.Port || sp.Port == p.Port && sp.From <= p.To {
				return nil, false, nil
			}
		}
		covered += sp.To - sp.From + 1
		first, last := floorDiv(sp.From, timelineDay), floorDiv(sp.To, timelineDay)
		if last-first > maxTimelineDays || len(keys) > maxTimelineDays {
			return nil, false, nil // spans of centuries: the index answers them
		}
		for d := first; d <= last; d++ {
			k := timelineKey{int64(sp.Port), d}
			if n := len(keys); n == 0 || keys[n-1] != k {
				keys = append(keys, k)
			}
		}
	}
	if len(keys) == 0 || covered*timelineCoverage < int64(len(keys))*timelineDay {
		return nil, false, nil
	}
	var stale bool
	if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM port_timeline_stale)`).Scan(&stale); err != nil {
		return nil, false, err
	}
	return keys, !stale, nil
}

// eachRecordInTimeline is EachRecordInSpans read from the timeline's blobs
// of keys (timelineReadable): one statement, the blobs in the order of the
// spans, each decoded and walked beside the spans of its port.
func (s *Store) eachRecordInTimeline(ctx context.Context, spans []PortSpan, keys []timelineKey, exclude int64, fn func(sub int64, port int, start int64)) error {
	js := tuplesJSON(len(keys), func(i int, t []int64) []int64 { return append(t, keys[i].port, keys[i].day) })
	rows, err := s.db.QueryContext(ctx, `SELECT t.dest_port, t.day, t.data FROM json_each(?1) AS k
		CROSS JOIN port_timeline AS t ON t.dest_port = k.value->>0 AND t.day = k.value->>1`, js)
	if err != nil {
		return err
	}
	defer rows.Close()
	var blob sql.RawBytes // decoded before the next row, never kept
	var port, day int64
	sp := 0 // the first span that may hold the records to come
	handed, cancelled := 0, false
	for rows.Next() {
		if err := rows.Scan(&port, &day, &blob); err != nil {
			return err
		}
		for sp < len(spans) && (int64(spans[sp].Port) < port || int64(spans[sp].Port) == port && spans[sp].To < day*timelineDay) {
			sp++
		}
		p := int(port)
		err := decodeTimeline(day, blob, func(start, sub int64) {
			// a busy port's day holds tens of thousands of records: a
			// cancelled sweep stops handing them over within 256, not
			// at the end of the day's blob
			if handed++; cancelled || handed%256 == 0 && ctx.Err() != nil {
				cancelled = true
				return
			}
			for sp < len(spans) && spans[sp].Port == p && spans[sp].To < start {
				sp++
			}
			if sp < len(spans) && spans[sp].Port == p && start >= spans[sp].From && sub != exclude {
				fn(sub, p, start)
			}
		})
		if err != nil {
			return err
		}
		if cancelled {
			return ctx.Err()
		}
	}
	return rows.Err()
}
