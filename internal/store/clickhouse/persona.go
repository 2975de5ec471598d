package clickhouse

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/ident"
	"github.com/cdrtui/cdrtui/internal/store"
)

// The persona's questions, each pushed down as one aggregation over a
// subscriber's records (read through the tables' (subscriber_id, start)
// order on the one shard that holds them), with the names of devices and
// cells looked up afterwards in the small tables. Each answers as its
// store.Store twin does, in the same order.

// SubscriberID returns the id of the subscriber with this number, as
// written or under the case's numbering plan.
func (s *Store) SubscriberID(ctx context.Context, msisdn string) (int64, error) {
	id, ok, err := s.subscriberByNumber(ctx, msisdn)
	if err == nil && !ok {
		if key, kok, kerr := s.NumberKey(ctx, msisdn); kerr == nil && kok && key != msisdn {
			id, ok, err = s.subscriberByNumber(ctx, key)
		}
	}
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, fmt.Errorf("%w: %q", store.ErrNoSubscriber, msisdn)
	}
	return id, nil
}

func (s *Store) subscriberByNumber(ctx context.Context, msisdn string) (int64, bool, error) {
	var ids []int64
	var numbers []string
	err := s.each(ctx, `SELECT id, msisdn FROM {db}.subscribers`+completeDims+` AND msisdn = ? ORDER BY id LIMIT 1`, func(sc scanner) error {
		var id int64
		var n string
		err := sc.Scan(&id, &n)
		ids, numbers = append(ids, id), append(numbers, n)
		return err
	}, msisdn)
	if err != nil || len(ids) == 0 {
		return 0, false, err
	}
	s.nameSubscriber(ids[0], numbers[0])
	return ids[0], true, nil
}

// NumberKey is store.Store.NumberKey under this case's plan.
func (s *Store) NumberKey(ctx context.Context, text string) (string, bool, error) {
	p, _, err := s.NumberingPlan(ctx)
	if err != nil {
		return "", false, err
	}
	d, plus, ok := ident.SplitNumber(text)
	if !ok {
		return "", false, nil
	}
	if k, ok := p.Key(d, plus); ok {
		return k, true, nil
	}
	return d, true, nil
}

// SubscriberTotalsOf counts a subscriber's records and their span.
func (s *Store) SubscriberTotalsOf(ctx context.Context, id int64) (store.SubscriberTotals, error) {
	return s.subscriberTotals(ctx, id, "")
}

// SubscriberTotalsIn is SubscriberTotalsOf over the records whose wall
// clock is in [from, to) (0: open).
func (s *Store) SubscriberTotalsIn(ctx context.Context, id int64, from, to int64) (store.SubscriberTotals, error) {
	return s.subscriberTotals(ctx, id, wallScope(from, to))
}

func (s *Store) subscriberTotals(ctx context.Context, id int64, scope string) (store.SubscriberTotals, error) {
	t := store.SubscriberTotals{ID: id}
	// the number and the counts at once (two round trips, not three)
	var counts [3]struct {
		n           uint64
		first, last int64
	}
	err := s.together(
		func() (err error) { t.MSISDN, err = s.SubscriberMSISDN(ctx, id); return err },
		func() error {
			return s.eachOf(ctx, id, `SELECT kind, count(), min(start), max(start) FROM (
				SELECT 1 AS kind, start FROM {ipdr} WHERE subscriber_id = ? AND {visible}`+scope+`
				UNION ALL SELECT 2 AS kind, start FROM {voice} WHERE subscriber_id = ? AND {visible}`+scope+`) GROUP BY kind`, func(sc scanner) error {
				var kind uint8
				var n uint64
				var first, last int64
				if err := sc.Scan(&kind, &n, &first, &last); err != nil {
					return err
				}
				counts[kind].n, counts[kind].first, counts[kind].last = n, first, last
				return nil
			}, id, id)
		})
	if err != nil {
		return t, err
	}
	t.DataRecords, t.VoiceRecords = int64(counts[1].n), int64(counts[2].n)
	for _, c := range counts[1:] {
		if c.n == 0 {
			continue
		}
		if t.First.IsZero() || c.first < t.First.Unix {
			t.First.Unix = c.first
		}
		if t.Last.IsZero() || c.last > t.Last.Unix {
			t.Last.Unix = c.last
		}
	}
	if !t.First.IsZero() {
		return t, s.span(ctx, id, &t.First, &t.Last)
	}
	return t, nil
}

// MSISDNsEndingIn lists the subscribers whose number ends in digits.
func (s *Store) MSISDNsEndingIn(ctx context.Context, digits string, limit int) ([]store.SubscriberRef, error) {
	if strings.ContainsAny(digits, `%_\`) {
		return nil, nil
	}
	var out []store.SubscriberRef
	err := s.each(ctx, `SELECT id, msisdn FROM {db}.subscribers`+completeDims+` AND msisdn LIKE ? ORDER BY msisdn LIMIT ?`, func(sc scanner) error {
		var r store.SubscriberRef
		err := sc.Scan(&r.ID, &r.MSISDN)
		out = append(out, r)
		return err
	}, "%"+digits, limit)
	return out, err
}

// hourExpr is the hour of a record's wall clock, as the local case's
// activity summary counts it (store.WallHour).
const hourExpr = `intDiv(((start + wall_offset) % 86400 + 86400) % 86400, 3600)`

// PortActivities returns the data records of the given subscribers (every
// subscriber when ids is empty) per destination port and wall-clock hour.
func (s *Store) PortActivities(ctx context.Context, ids []int64) ([]analysis.PortActivity, error) {
	return s.portActivities(ctx, ids, "")
}

// PortActivitiesIn is PortActivities of one subscriber over the records
// whose wall clock is in [from, to) (0: open).
func (s *Store) PortActivitiesIn(ctx context.Context, id int64, from, to int64) ([]analysis.PortActivity, error) {
	return s.portActivities(ctx, []int64{id}, wallScope(from, to))
}

func (s *Store) portActivities(ctx context.Context, ids []int64, scope string) ([]analysis.PortActivity, error) {
	where := scope
	var args []any
	if len(ids) > 0 {
		where += " AND subscriber_id IN (" + idList(ids) + ")"
	}
	var out []analysis.PortActivity
	each := s.each
	if len(ids) == 1 { // one subscriber's: asked of its shard
		each = func(ctx context.Context, q string, fn func(scanner) error, args ...any) error {
			return s.eachOf(ctx, ids[0], q, fn, args...)
		}
	}
	err := each(ctx, `SELECT ifNull(dest_port, -1) AS port, `+hourExpr+` AS hour, count(), sum(ifNull(total, 0))
		FROM {ipdr} WHERE {visible}`+where+` GROUP BY port, hour ORDER BY port, hour`, func(sc scanner) error {
		var port int64
		var hour int32
		var n uint64
		var bytes int64
		if err := sc.Scan(&port, &hour, &n, &bytes); err != nil {
			return err
		}
		if len(out) == 0 || out[len(out)-1].Port != int(port) {
			out = append(out, analysis.PortActivity{Port: int(port)})
		}
		a := &out[len(out)-1]
		a.Records += int64(n)
		a.Bytes += bytes
		a.Hours[hour] += int64(n)
		return nil
	}, args...)
	return out, err
}

// use is one dimension's share of a subscriber's records.
type use struct {
	id                 int64
	data, voice, first int64
	last               int64
}

// usesOf aggregates a subscriber's records, data and voice, by a
// dimension column (device_id, cell_id).
func (s *Store) usesOf(ctx context.Context, sub int64, col, scope string) ([]use, error) {
	var out []use
	err := s.eachOf(ctx, sub, `SELECT assumeNotNull(`+col+`) AS d, sum(kind = 1), sum(kind = 2), min(start), max(start) FROM (
		SELECT `+col+`, start, 1 AS kind FROM {ipdr} WHERE subscriber_id = ? AND {visible} AND isNotNull(`+col+`)`+scope+`
		UNION ALL SELECT `+col+`, start, 2 AS kind FROM {voice} WHERE subscriber_id = ? AND {visible} AND isNotNull(`+col+`)`+scope+`)
		GROUP BY d`, func(sc scanner) error {
		var u use
		var data, voice uint64
		if err := sc.Scan(&u.id, &data, &voice, &u.first, &u.last); err != nil {
			return err
		}
		u.data, u.voice = int64(data), int64(voice)
		out = append(out, u)
		return nil
	}, sub, sub)
	return out, err
}

// DeviceUses returns the (IMSI, IMEI) pairs a subscriber's records
// carried, first used first.
func (s *Store) DeviceUses(ctx context.Context, sub int64) ([]analysis.DeviceUse, error) {
	return s.deviceUses(ctx, sub, "")
}

// DeviceUsesIn is DeviceUses over the records whose wall clock is in
// [from, to) (0: open).
func (s *Store) DeviceUsesIn(ctx context.Context, sub int64, from, to int64) ([]analysis.DeviceUse, error) {
	return s.deviceUses(ctx, sub, wallScope(from, to))
}

func (s *Store) deviceUses(ctx context.Context, sub int64, scope string) ([]analysis.DeviceUse, error) {
	uses, err := s.usesOf(ctx, sub, "device_id", scope)
	if err != nil || len(uses) == 0 {
		return nil, err
	}
	sort.Slice(uses, func(i, j int) bool {
		if uses[i].first != uses[j].first {
			return uses[i].first < uses[j].first
		}
		return uses[i].id < uses[j].id
	})
	names := map[int64][2]string{}
	err = s.each(ctx, `SELECT id, imsi, imei FROM {db}.devices`+completeDims+` AND id IN (`+idList(useIDs(uses))+`)`, func(sc scanner) error {
		var id int64
		var imsi, imei string
		err := sc.Scan(&id, &imsi, &imei)
		names[id] = [2]string{imsi, imei}
		return err
	})
	if err != nil {
		return nil, err
	}
	out := make([]analysis.DeviceUse, 0, len(uses))
	for _, u := range uses {
		n := names[u.id]
		d := analysis.DeviceUse{IMSI: n[0], IMEI: n[1], Records: u.data + u.voice}
		d.First.Unix, d.Last.Unix = u.first, u.last
		out = append(out, d)
	}
	ms := make([]*analysis.Moment, 0, 2*len(out))
	for i := range out {
		ms = append(ms, &out[i].First, &out[i].Last)
	}
	return out, s.offsets(ctx, sub, ms)
}

// idsPerQuery bounds the ids one query lists in its text: ClickHouse
// refuses a query over max_query_size (256 KiB), which a whole case's
// subscribers exceed (a 100,000,000-record case has some 45,000).
var idsPerQuery = 10_000

// eachIn runs q once for every idsPerQuery of ids (sorted ascending
// first), its "{ids}" replaced by their list, calling fn with each row:
// a query ordered by id answers in id order over all of them.
func (s *Store) eachIn(ctx context.Context, q string, ids []int64, fn func(scanner) error) error {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	for len(ids) > 0 {
		n := min(len(ids), idsPerQuery)
		if err := s.each(ctx, strings.Replace(q, "{ids}", idList(ids[:n]), 1), fn); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

// idList writes ids for an IN list (numbers only: nothing to quote).
func idList(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ", ")
}

func useIDs(uses []use) []int64 {
	ids := make([]int64, len(uses))
	for i, u := range uses {
		ids[i] = u.id
	}
	return ids
}

// CellUses returns the cells of a subscriber's records, most records
// first, a cell written in several encodings being one use under its key.
func (s *Store) CellUses(ctx context.Context, sub int64) ([]store.CellUse, error) {
	uses, err := s.usesOf(ctx, sub, "cell_id", "")
	if err != nil || len(uses) == 0 {
		return nil, err
	}
	sort.Slice(uses, func(i, j int) bool {
		a, b := uses[i], uses[j]
		if a.data+a.voice != b.data+b.voice {
			return a.data+a.voice > b.data+b.voice
		}
		if a.first != b.first {
			return a.first < b.first
		}
		return a.id < b.id
	})
	type cellName struct{ cell, key string }
	names := map[int64]cellName{}
	err = s.each(ctx, `SELECT id, cell, ifNull(cell_key, '') FROM {db}.cells`+completeDims+` AND id IN (`+idList(useIDs(uses))+`)`, func(sc scanner) error {
		var id int64
		var n cellName
		err := sc.Scan(&id, &n.cell, &n.key)
		names[id] = n
		return err
	})
	if err != nil {
		return nil, err
	}
	rows := make([]store.CellUse, 0, len(uses))
	for _, u := range uses {
		n := names[u.id]
		r := store.CellUse{CellID: u.id, Cell: n.cell, Key: n.key, DataRecords: u.data, VoiceRecords: u.voice}
		r.First.Unix, r.Last.Unix = u.first, u.last
		rows = append(rows, r)
	}
	out := store.MergeCellForms(rows)
	ms := make([]*analysis.Moment, 0, 2*len(out))
	for i := range out {
		sort.Strings(out[i].Forms)
		ms = append(ms, &out[i].First, &out[i].Last)
	}
	return out, s.offsets(ctx, sub, ms)
}

// DestinationUses returns every destination of a subscriber's data
// records, most records first (then IP and port).
func (s *Store) DestinationUses(ctx context.Context, sub int64) ([]store.DestinationUse, error) {
	return s.destinationUses(ctx, sub, "", "")
}

// DestinationUsesIn is DestinationUses over the records whose wall clock
// is in [from, to) (0: open).
func (s *Store) DestinationUsesIn(ctx context.Context, sub int64, from, to int64) ([]store.DestinationUse, error) {
	return s.destinationUses(ctx, sub, wallScope(from, to), "")
}

func (s *Store) destinationUses(ctx context.Context, sub int64, scope, limit string) ([]store.DestinationUse, error) {
	var out []store.DestinationUse
	err := s.eachOf(ctx, sub, `SELECT ifNull(dest_ip, '') AS ip, ifNull(dest_port, -1) AS port, count() AS n, sum(ifNull(total, 0)), min(start), max(start)
		FROM {ipdr} WHERE subscriber_id = ? AND {visible}`+scope+` GROUP BY ip, port ORDER BY n DESC, ip, port`+limit, func(sc scanner) error {
		var d store.DestinationUse
		var port int64
		var n uint64
		if err := sc.Scan(&d.IP, &port, &n, &d.Bytes, &d.First.Unix, &d.Last.Unix); err != nil {
			return err
		}
		d.Port, d.Records = int(port), int64(n)
		out = append(out, d)
		return nil
	}, sub)
	return out, err
}

// FillOffsets sets the wall offsets of the first and last use of ds.
func (s *Store) FillOffsets(ctx context.Context, sub int64, ds []store.DestinationUse) error {
	ms := make([]*analysis.Moment, 0, 2*len(ds))
	for i := range ds {
		ms = append(ms, &ds[i].First, &ds[i].Last)
	}
	return s.offsets(ctx, sub, ms)
}

// span sets the wall offsets of a first and a last use.
func (s *Store) span(ctx context.Context, sub int64, first, last *analysis.Moment) error {
	return s.offsets(ctx, sub, []*analysis.Moment{first, last})
}

// offsets sets the wall offset of each moment: that of the subscriber's
// record that started then (data first, then voice; the first such
// record), as store.Store reads it; in one query per table.
func (s *Store) offsets(ctx context.Context, sub int64, ms []*analysis.Moment) error {
	want := map[int64]bool{}
	var starts []int64
	for _, m := range ms {
		if !want[m.Unix] {
			want[m.Unix] = true
			starts = append(starts, m.Unix)
		}
	}
	if len(starts) == 0 {
		return nil
	}
	// data first, then voice, the first such record: the least (kind, id)
	found := map[int64]int32{}
	err := s.eachOf(ctx, sub, `SELECT start, argMin(wall_offset, (kind, id)) FROM (
		SELECT start, wall_offset, 1 AS kind, id FROM {ipdr} WHERE subscriber_id = ? AND start IN (`+idList(starts)+`) AND {visible}
		UNION ALL SELECT start, wall_offset, 2 AS kind, id FROM {voice} WHERE subscriber_id = ? AND start IN (`+idList(starts)+`) AND {visible})
		GROUP BY start`, func(sc scanner) error {
		var st int64
		var o int32
		err := sc.Scan(&st, &o)
		found[st] = o
		return err
	}, sub, sub)
	if err != nil {
		return err
	}
	for _, m := range ms {
		m.Offset = found[m.Unix]
	}
	return nil
}

// scanner is one row of an answer.
type scanner interface{ Scan(dest ...any) error }

// each runs a query (its {names} replaced) on the server named and hands
// each row to fn.
func (s *Store) each(ctx context.Context, q string, fn func(scanner) error, args ...any) error {
	if strings.Contains(q, "{visible}") {
		if err := s.readComplete(ctx); err != nil {
			return s.explain(err)
		}
	}
	rows, err := s.home.Query(ctx, s.sql(q), args...)
	if err != nil {
		return s.explain(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return s.explain(rows.Err())
}

// explain makes a failure of the cluster say where it happened.
func (s *Store) explain(err error) error {
	if err == nil {
		return nil
	}
	if strings.Contains(err.Error(), "All connection tries failed") {
		return fmt.Errorf("ClickHouse %s: a shard of the cluster does not answer: %w", s.target, clean(err, s.target))
	}
	return fmt.Errorf("ClickHouse %s: %w", s.target, clean(err, s.target))
}
