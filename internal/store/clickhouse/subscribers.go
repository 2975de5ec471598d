package clickhouse

import (
	"context"
	"strconv"

	"github.com/cdrtui/cdrtui/internal/store"
)

// BusiestSubscribers lists the subscribers with the most records (data and
// voice), at most limit of them, most records first (then by id), each
// with its counts and the wall clock of its first and last record as
// SubscriberTotalsOf gives them (the offset of the record that started
// then, data before voice, the lowest id first); and how many subscribers
// have records in all. One aggregation by subscriber on the shards (of
// the subscriber summary when the case keeps it whole, sums.go), sorted
// and cut there; then the numbers of those listed, from the small table.
func (s *Store) BusiestSubscribers(ctx context.Context, limit int) ([]store.SubscriberTotals, int64, error) {
	// with the subscriber summary, the subscribers are counted and the
	// busiest chosen there, and only their records read (the same order:
	// records, then id)
	sums, err := s.haveSums(ctx)
	if err != nil {
		return nil, 0, err
	}
	var total int64
	if sums {
		total, err = s.sumsCount(ctx, "", nil)
	} else {
		err = s.each(ctx, `SELECT toInt64(uniqExact(subscriber_id)) FROM (
			SELECT subscriber_id FROM {ipdr} WHERE {visible} UNION ALL SELECT subscriber_id FROM {voice} WHERE {visible})`,
			func(sc scanner) error { return sc.Scan(&total) })
	}
	if err != nil {
		return nil, 0, err
	}
	only := ""
	if sums {
		var ids []int64
		err := s.each(ctx, `SELECT subscriber_id AS sid FROM {sums} WHERE {visible} GROUP BY sid
			ORDER BY sumMerge(data) + sumMerge(voice) DESC, sid LIMIT `+strconv.Itoa(max(limit, 0)), func(sc scanner) error {
			var id int64
			err := sc.Scan(&id)
			ids = append(ids, id)
			return err
		})
		if err != nil || len(ids) == 0 {
			return nil, total, err
		}
		only = " AND subscriber_id IN (" + idList(ids) + ")"
	}
	var out []store.SubscriberTotals
	err = s.each(ctx, `SELECT subscriber_id, sum(kind = 1), sum(kind = 2),
		min(start), argMin(wall_offset, (start, kind, id)), max(start), argMax(wall_offset, (start, -kind, -id))
		FROM (SELECT subscriber_id, start, wall_offset, id, 1 AS kind FROM {ipdr} WHERE {visible}`+only+`
		      UNION ALL SELECT subscriber_id, start, wall_offset, id, 2 AS kind FROM {voice} WHERE {visible}`+only+`)
		GROUP BY subscriber_id ORDER BY count() DESC, subscriber_id LIMIT `+strconv.Itoa(max(limit, 0)), func(sc scanner) error {
		var t store.SubscriberTotals
		var data, voice uint64
		if err := sc.Scan(&t.ID, &data, &voice, &t.First.Unix, &t.First.Offset, &t.Last.Unix, &t.Last.Offset); err != nil {
			return err
		}
		t.DataRecords, t.VoiceRecords = int64(data), int64(voice)
		out = append(out, t)
		return nil
	})
	if err != nil || len(out) == 0 {
		return out, total, err
	}
	ids := make([]int64, len(out))
	for i, t := range out {
		ids[i] = t.ID
	}
	names := map[int64]string{}
	err = s.each(ctx, `SELECT id, msisdn FROM {db}.subscribers`+completeDims+` AND id IN (`+idList(ids)+`)`, func(sc scanner) error {
		var id int64
		var m string
		err := sc.Scan(&id, &m)
		names[id] = m
		return err
	})
	for i := range out {
		out[i].MSISDN = names[out[i].ID]
	}
	return out, total, err
}
