package clickhouse

import (
	"context"

	"github.com/cdrtui/cdrtui/internal/store"
)

// subscriberRows counts the list's columns for the subscribers of one
// page (a few dozen): their records by kind, calls, SMS, other parties,
// cells, first and last record (as SubscriberTotalsOf), handsets (IMEIs
// of their devices), data records by port, and, when the case has cell
// sites, how many of their records a site places. The counts first (they
// make the rows), then the rest asked at once.
func (s *Store) subscriberRows(ctx context.Context, ids []int64) (map[int64]*store.SubscriberRow, bool, error) {
	out := make(map[int64]*store.SubscriberRow, len(ids))
	list := idList(ids)
	err := s.each(ctx, `SELECT subscriber_id, sum(kind = 1), sum(kind = 2),
		sum(kind = 2 AND ct IN ('VOICE_OUT', 'VOICE_IN')), sum(kind = 2 AND ct IN ('SMS_OUT', 'SMS_IN')),
		toInt64(uniqExactIf(o, has = 1)), toInt64(uniqExact(cell_id)),
		min(start), argMin(wall_offset, (start, kind, id)), max(start), argMax(wall_offset, (start, -kind, -id))
		FROM (SELECT subscriber_id, 1 AS kind, '' AS ct, '' AS o, toUInt8(0) AS has, cell_id, start, wall_offset, id
		      FROM {ipdr} WHERE {visible} AND subscriber_id IN (`+list+`)
		      UNION ALL SELECT subscriber_id, 2 AS kind, call_type AS ct, ifNull(other_key, ifNull(other, '')) AS o,
		      toUInt8(ifNull(other, '') != '') AS has, cell_id, start, wall_offset, id
		      FROM {voice} WHERE {visible} AND subscriber_id IN (`+list+`))
		GROUP BY subscriber_id`, func(sc scanner) error {
		var r store.SubscriberRow
		var data, voice, calls, sms uint64
		var firstOff, lastOff int32
		if err := sc.Scan(&r.ID, &data, &voice, &calls, &sms, &r.Contacts, &r.Cells, &r.FirstStart, &firstOff, &r.LastStart, &lastOff); err != nil {
			return err
		}
		r.Data, r.Voice, r.Calls, r.SMS = int64(data), int64(voice), int64(calls), int64(sms)
		r.FirstWall, r.LastWall = r.FirstStart+int64(firstOff), r.LastStart+int64(lastOff)
		r.Ports = map[int]int64{}
		r.Placed.Records = r.Data + r.Voice
		out[r.ID] = &r
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	// the rest at once: each fills its own fields of the rows made above
	var sites bool
	err = s.together(
		func() error {
			return s.each(ctx, `SELECT id, msisdn FROM {db}.subscribers`+completeDims+` AND id IN (`+list+`)`, func(sc scanner) error {
				var id int64
				var m string
				if err := sc.Scan(&id, &m); err != nil {
					return err
				}
				if r := out[id]; r != nil {
					r.MSISDN = m
				}
				return nil
			})
		},
		func() error { return s.subscriberIMEIs(ctx, list, out) },
		func() error {
			return s.each(ctx, `SELECT subscriber_id, ifNull(dest_port, -1) AS port, count() FROM {ipdr}
				WHERE {visible} AND subscriber_id IN (`+list+`) GROUP BY subscriber_id, port`, func(sc scanner) error {
				var sub, port int64
				var n uint64
				if err := sc.Scan(&sub, &port, &n); err != nil {
					return err
				}
				if r := out[sub]; r != nil {
					r.Ports[int(port)] += int64(n)
				}
				return nil
			})
		},
		func() error {
			n, _, err := s.CellSiteCount(ctx)
			if err != nil || n == 0 {
				return err
			}
			sites = true
			return s.subscriberPlaced(ctx, list, out)
		})
	if err != nil {
		return nil, false, err
	}
	return out, sites, nil
}

// subscriberIMEIs counts the distinct IMEIs of the devices in each
// subscriber's records.
func (s *Store) subscriberIMEIs(ctx context.Context, list string, out map[int64]*store.SubscriberRow) error {
	devs := map[int64][]int64{}
	var all []int64
	seen := map[int64]bool{}
	err := s.each(ctx, `SELECT DISTINCT subscriber_id, assumeNotNull(device_id) FROM (
		SELECT subscriber_id, device_id FROM {ipdr} WHERE {visible} AND subscriber_id IN (`+list+`) AND isNotNull(device_id)
		UNION ALL SELECT subscriber_id, device_id FROM {voice} WHERE {visible} AND subscriber_id IN (`+list+`) AND isNotNull(device_id))`,
		func(sc scanner) error {
			var sub, dev int64
			if err := sc.Scan(&sub, &dev); err != nil {
				return err
			}
			devs[sub] = append(devs[sub], dev)
			if !seen[dev] {
				seen[dev] = true
				all = append(all, dev)
			}
			return nil
		})
	if err != nil || len(all) == 0 {
		return err
	}
	imei := map[int64]string{}
	err = s.each(ctx, `SELECT id, imei FROM {db}.devices`+completeDims+` AND id IN (`+idList(all)+`)`, func(sc scanner) error {
		var id int64
		var v string
		err := sc.Scan(&id, &v)
		imei[id] = v
		return err
	})
	if err != nil {
		return err
	}
	for sub, ds := range devs {
		distinct := map[string]bool{}
		for _, d := range ds {
			if v := imei[d]; v != "" {
				distinct[v] = true
			}
		}
		if r := out[sub]; r != nil {
			r.IMEIs = int64(len(distinct))
		}
	}
	return nil
}

// subscriberPlaced counts each subscriber's records by cell, and those a
// cell site places (as store.Store.PlacedShares).
func (s *Store) subscriberPlaced(ctx context.Context, list string, out map[int64]*store.SubscriberRow) error {
	type use struct{ sub, cell, n int64 }
	var uses []use
	var cells []int64
	seen := map[int64]bool{}
	err := s.each(ctx, `SELECT subscriber_id, assumeNotNull(cell_id) AS c, count() FROM (
		SELECT subscriber_id, cell_id FROM {ipdr} WHERE {visible} AND subscriber_id IN (`+list+`) AND isNotNull(cell_id)
		UNION ALL SELECT subscriber_id, cell_id FROM {voice} WHERE {visible} AND subscriber_id IN (`+list+`) AND isNotNull(cell_id))
		GROUP BY subscriber_id, c`, func(sc scanner) error {
		var u use
		var n uint64
		if err := sc.Scan(&u.sub, &u.cell, &n); err != nil {
			return err
		}
		u.n = int64(n)
		uses = append(uses, u)
		if !seen[u.cell] {
			seen[u.cell] = true
			cells = append(cells, u.cell)
		}
		return nil
	})
	if err != nil || len(cells) == 0 {
		return err
	}
	refs, err := s.CellRefs(ctx, cells)
	if err != nil {
		return err
	}
	placed, err := s.PlacedCells(ctx, refs)
	if err != nil {
		return err
	}
	for _, u := range uses {
		r := out[u.sub]
		if r == nil {
			continue
		}
		r.Placed.Cells++
		r.Placed.WithCell += u.n
		if placed[u.cell] {
			r.Placed.CellsPlaced++
			r.Placed.Placed += u.n
		}
	}
	return nil
}
