package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/bits"
	"strconv"
	"strings"
)

// ErrNoSubscriber is returned when an MSISDN is not in the case.
var ErrNoSubscriber = errors.New("no such subscriber in the case")

// SubscriberID returns the id of the subscriber with this MSISDN, written
// in any form the case's numbering plan reads (9714499703, +91 97144 99703,
// 00919714499703 ...), or an error wrapping ErrNoSubscriber.
func (s *Store) SubscriberID(ctx context.Context, msisdn string) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM subscribers WHERE msisdn = ?`, msisdn).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		if key, ok, kerr := s.NumberKey(ctx, msisdn); kerr == nil && ok && key != msisdn {
			err = s.db.QueryRowContext(ctx, `SELECT id FROM subscribers WHERE msisdn = ?`, key).Scan(&id)
		}
	}
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("%w: %q", ErrNoSubscriber, msisdn)
	}
	return id, err
}

// DataEvent is one data (IPDR) record of a subscriber as the correlation
// reads it, with where it came from.
type DataEvent struct {
	ID         int64 // ipdr.id
	Start      int64 // Unix seconds
	End        int64 // Unix seconds; meaningful only when HasEnd
	HasEnd     bool
	WallOffset int32 // start+WallOffset is the wall clock written in the evidence
	DestPort   int   // -1 when the record has no destination port
	SourceID   int64
	Line       int64
}

// WallHour is the hour of day of the event's wall clock, as the activity
// summary counts it.
func (e DataEvent) WallHour() int { return int(WallHour(e.Start, int64(e.WallOffset))) }

// DataEvents returns every data record of one subscriber ordered by start
// (then id), read through ipdr_by_subscriber.
func (s *Store) DataEvents(ctx context.Context, subscriberID int64) ([]DataEvent, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, start, "end", wall_offset, coalesce(dest_port, -1), source_id, line
		FROM ipdr WHERE subscriber_id = ? ORDER BY start, id`, subscriberID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DataEvent
	for rows.Next() {
		var e DataEvent
		var end sql.NullInt64
		if err := rows.Scan(&e.ID, &e.Start, &end, &e.WallOffset, &e.DestPort, &e.SourceID, &e.Line); err != nil {
			return nil, err
		}
		e.End, e.HasEnd = end.Int64, end.Valid
		out = append(out, e)
	}
	return out, rows.Err()
}

// SourcePaths maps every source id to its path, for drill-downs that show
// where a record came from.
func (s *Store) SourcePaths(ctx context.Context) (map[int64]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, path FROM sources`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var p string
		if err := rows.Scan(&id, &p); err != nil {
			return nil, err
		}
		out[id] = p
	}
	return out, rows.Err()
}

// SubscriberRef is a subscriber's id and MSISDN.
type SubscriberRef struct {
	ID     int64
	MSISDN string
}

// DataSubscribers lists the subscribers that have data records, by id.
func (s *Store) DataSubscribers(ctx context.Context) ([]SubscriberRef, error) {
	return queryAll(ctx, s.db, subscriberRefFields, `SELECT id, msisdn FROM subscribers WHERE data_records > 0 ORDER BY id`)
}

func subscriberRefFields(r *SubscriberRef) []any { return []any{&r.ID, &r.MSISDN} }

// WallSpan returns the earliest and latest wall clock (Unix seconds of the
// wall clock as written, i.e. instant + offset) of any subscriber's records,
// from the subscriber summaries; ok is false for a case without records.
func (s *Store) WallSpan(ctx context.Context) (first, last int64, ok bool, err error) {
	var f, l sql.NullInt64
	err = s.db.QueryRowContext(ctx, `SELECT min(first_seen + first_offset), max(last_seen + last_offset)
		FROM subscribers WHERE first_seen IS NOT NULL`).Scan(&f, &l)
	if err != nil || !f.Valid || !l.Valid {
		return 0, 0, false, err
	}
	return f.Int64, l.Int64, true, nil
}

// ActivityPorts lists the destination ports present in the activity
// summary (-1 stands for records without one), ascending.
func (s *Store) ActivityPorts(ctx context.Context) ([]int, error) {
	return queryAll(ctx, s.db, func(p *int) []any { return []any{p} }, `SELECT DISTINCT dest_port FROM activity ORDER BY 1`)
}

// PortHours is one row of the activity summary: a subscriber's data records
// on one destination port, in total and per wall-clock hour of day.
type PortHours struct {
	Subscriber int64
	Port       int
	Records    int64
	Hours      [24]int
}

// ActivityHours returns the activity summary rows on the given destination
// ports, for every subscriber, without reading the record tables. An empty
// ports list returns nothing.
func (s *Store) ActivityHours(ctx context.Context, ports []int) ([]PortHours, error) {
	if len(ports) == 0 {
		return nil, nil
	}
	// One text of every row (subscriber, port, records and the 24 hours,
	// comma-separated; rows separated by ';'), read and parsed here: a
	// busy case's ports hold some 100,000 rows, and each row read through
	// database/sql cost more than SQLite writing it.
	rows, err := s.db.QueryContext(ctx, `SELECT count(*), group_concat(`+activityText+`, ';')
		FROM activity WHERE dest_port IN (SELECT value FROM json_each(?))`, intsJSON(ports))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PortHours
	for rows.Next() {
		var n int
		var text sql.RawBytes // parsed before the next row, never kept
		if err := rows.Scan(&n, &text); err != nil {
			return nil, err
		}
		out = make([]PortHours, 0, n)
		if out, err = parseActivity(text, out); err != nil {
			return nil, err
		}
		if len(out) != n {
			return nil, fmt.Errorf("activity rows: %d read, %d counted", len(out), n)
		}
	}
	return out, rows.Err()
}

// activityText is an activity row as ActivityHours reads it.
var activityText = func() string {
	var f strings.Builder
	f.WriteString("printf('%d,%d,%d")
	for range 24 {
		f.WriteString(",%d")
	}
	return f.String() + "', subscriber_id, dest_port, records, " + hourList() + ")"
}()

// parseActivity appends the rows of an activityText list to out.
func parseActivity(b []byte, out []PortHours) ([]PortHours, error) {
	var vals [27]int64
	f, v, neg, digits := 0, int64(0), false, 0
	for i := 0; i <= len(b); i++ {
		if i < len(b) && b[i] != ',' && b[i] != ';' {
			switch c := b[i]; {
			case c == '-' && digits == 0 && !neg:
				neg = true
			case c >= '0' && c <= '9' && digits < 18:
				v, digits = v*10+int64(c-'0'), digits+1
			default:
				return nil, fmt.Errorf("activity rows: %q is not a list of counts", b[max(0, i-20):min(len(b), i+20)])
			}
			continue
		}
		if digits == 0 {
			if len(b) == 0 {
				break
			}
			return nil, fmt.Errorf("activity rows: an empty count at byte %d", i)
		}
		if f == len(vals) {
			return nil, fmt.Errorf("activity rows: more than %d counts in a row", len(vals))
		}
		if neg {
			v = -v
		}
		vals[f], f, v, neg, digits = v, f+1, 0, false, 0
		if i == len(b) || b[i] == ';' {
			if f != len(vals) {
				return nil, fmt.Errorf("activity rows: %d counts in a row, want %d", f, len(vals))
			}
			r := PortHours{Subscriber: vals[0], Port: int(vals[1]), Records: vals[2]}
			for h := range r.Hours {
				r.Hours[h] = int(vals[3+h])
			}
			out, f = append(out, r), 0
		}
	}
	return out, nil
}

// PortSpan selects the records on one destination port whose start lies in
// [From, To] (inclusive).
type PortSpan struct {
	Port     int
	From, To int64
}

// NearRecords are records found by RecordsInSpans, as parallel columns.
type NearRecords struct {
	Subscriber []int64
	Port       []int
	Start      []int64
}

// Len is the number of records.
func (n *NearRecords) Len() int { return len(n.Start) }

// RecordsInSpans returns the records of every subscriber but exclude whose
// destination port and start fall in one of spans (see EachRecordInSpans),
// as parallel columns.
func (s *Store) RecordsInSpans(ctx context.Context, spans []PortSpan, exclude int64) (*NearRecords, error) {
	out := &NearRecords{}
	err := s.EachRecordInSpans(ctx, spans, exclude, func(sub int64, port int, start int64) {
		out.Subscriber = append(out.Subscriber, sub)
		out.Port = append(out.Port, port)
		out.Start = append(out.Start, start)
	})
	return out, err
}

// EachRecordInSpans calls fn with the subscriber, destination port and
// start of every record of every subscriber but exclude whose destination
// port and start fall in one of spans, without keeping them: one range scan
// of ipdr_by_port per span, in the order of spans, all in one statement,
// answered from the index alone (port, start and subscriber are its
// columns); within a span the records come by start. Spans of one port must
// not overlap, or a record in two of them is given twice; the caller merges
// them. Where the spans cover much of the days they touch (a heavy
// subscriber's contacts), the records come from the per-port timeline
// instead (timeline.go): the same records in the same order.
func (s *Store) EachRecordInSpans(ctx context.Context, spans []PortSpan, exclude int64, fn func(sub int64, port int, start int64)) error {
	if len(spans) == 0 {
		return nil
	}
	if keys, ok, err := s.timelineReadable(ctx, spans); err != nil {
		return err
	} else if ok {
		return s.eachRecordInTimeline(ctx, spans, keys, exclude, fn)
	}
	return s.eachRecordInIndex(ctx, spans, exclude, fn)
}

// eachRecordInIndex is EachRecordInSpans read from ipdr_by_port.
func (s *Store) eachRecordInIndex(ctx context.Context, spans []PortSpan, exclude int64, fn func(sub int64, port int, start int64)) error {
	js := spansJSON(spans)
	// Each row read through database/sql costs more than SQLite's own step
	// of the index: each span's records come as one text of packed values
	// (subscriber << startBits | start - the span's start, in decimal,
	// comma-separated) beside the span's port and start, read and parsed
	// here, when the values fit in 63 bits.
	var longest int64
	for _, sp := range spans {
		longest = max(longest, sp.To-sp.From)
	}
	var minSub, maxSub int64
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(min(id), 0), coalesce(max(id), 0) FROM subscribers`).Scan(&minSub, &maxSub); err != nil {
		return err
	}
	startBits, subBits := bits.Len64(uint64(longest)), bits.Len64(uint64(maxSub))
	if longest < 0 || minSub < 0 || startBits+subBits > 63 {
		return s.eachRecordInSpansWide(ctx, js, exclude, "", fn)
	}
	rows, err := s.db.QueryContext(ctx, spansPacked, js, exclude, startBits)
	if err != nil {
		return err
	}
	defer rows.Close()
	startMask := int64(1)<<startBits - 1
	var text sql.RawBytes // parsed before the next row, never kept
	var port int
	var from int64
	for rows.Next() {
		if err := rows.Scan(&port, &from, &text); err != nil {
			return err
		}
		var v int64
		digits := 0
		for i := 0; i <= len(text); i++ {
			if i < len(text) && text[i] != ',' {
				c := text[i] - '0'
				if c > 9 {
					return fmt.Errorf("records in spans: %q is not a packed record", text)
				}
				v, digits = v*10+int64(c), digits+1
				continue
			}
			if digits == 0 {
				if len(text) == 0 {
					break // a span without records
				}
				return fmt.Errorf("records in spans: %q is not a list of packed records", text)
			}
			fn(v>>startBits, port, from+v&startMask)
			v, digits = 0, 0
		}
	}
	return rows.Err()
}

// eachRecordInSpansWide is EachRecordInSpans with one column per value;
// cond, when not "", narrows the records further (its ? parameters, args,
// are numbered after the spans and exclude).
func (s *Store) eachRecordInSpansWide(ctx context.Context, spans string, exclude int64, cond string, fn func(sub int64, port int, start int64), args ...any) error {
	q := `SELECT r.subscriber_id, r.dest_port, r.start` + spansFrom
	if cond != "" {
		q += " AND " + cond
	}
	rows, err := s.db.QueryContext(ctx, q, append([]any{spans, exclude}, args...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var sub, start int64
		var port int
		if err := rows.Scan(&sub, &port, &start); err != nil {
			return err
		}
		fn(sub, port, start)
	}
	return rows.Err()
}

// spansJSON writes spans as spansFrom reads them: [[port, from, to], ...].
func spansJSON(spans []PortSpan) string {
	return tuplesJSON(len(spans), func(i int, t []int64) []int64 {
		return append(t, int64(spans[i].Port), spans[i].From, spans[i].To)
	})
}

// tuplesJSON writes n tuples of integers as a JSON array of arrays, the
// form json_each reads a list of keys in; tuple appends the i-th to t.
func tuplesJSON(n int, tuple func(i int, t []int64) []int64) string {
	var b strings.Builder
	b.Grow(n * 32)
	b.WriteByte('[')
	var t []int64
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('[')
		t = tuple(i, t[:0])
		for j, v := range t {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.FormatInt(v, 10))
		}
		b.WriteByte(']')
	}
	b.WriteByte(']')
	return b.String()
}

// spansFrom selects the records in spans (?1, JSON [[port, from, to], ...])
// of subscribers other than ?2. CROSS JOIN keeps the spans as the outer
// loop, so each is one seek into ipdr_by_port and a walk to its end, from
// the index alone.
const spansFrom = `
	FROM json_each(?1) AS j CROSS JOIN ipdr AS r INDEXED BY ipdr_by_port
	WHERE r.dest_port = j.value->>0 AND r.start >= j.value->>1 AND r.start <= j.value->>2 AND r.subscriber_id <> ?2`

// spansPacked gives, for each span of ?1 (as spansFrom), its port, its
// start and one text of the packed values of its records of subscribers
// other than ?2 (subscriber << ?3 | start - the span's start), in the
// order of ipdr_by_port (start, then subscriber); NULL for a span without
// records. The spans are read from the JSON once, not per record.
const spansPacked = `WITH s(port, lo, hi) AS MATERIALIZED (SELECT value->>0, value->>1, value->>2 FROM json_each(?1))
	SELECT s.port, s.lo, (SELECT group_concat((r.subscriber_id << ?3) | (r.start - s.lo))
		FROM ipdr AS r INDEXED BY ipdr_by_port
		WHERE r.dest_port = s.port AND r.start >= s.lo AND r.start <= s.hi AND r.subscriber_id <> ?2)
	FROM s`

func intsJSON(xs []int) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, x := range xs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(x))
	}
	b.WriteByte(']')
	return b.String()
}
