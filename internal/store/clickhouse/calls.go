package clickhouse

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/cdrtui/cdrtui/internal/ident"
	"github.com/cdrtui/cdrtui/internal/store"
)

// The call analyses' questions (the Calls pane, cdrtui calls, common,
// bridges, chains, silences, international, devices): one subscriber's
// voice records, read through the tables' (subscriber_id, start) order
// on the shard that holds them; which numbers are subscribers; the other
// subscribers behind a handset or SIM, aggregated on the shards. Each
// answers as its store.Store twin does, in the same order.

// NumberingPlan returns the case's numbering plan (the zero Plan when it
// has none) and how it was decided, as store.Store.NumberingPlan.
func (s *Store) NumberingPlan(ctx context.Context) (ident.Plan, string, error) {
	country, err := s.info(ctx, "country")
	if err != nil || country == "" {
		return ident.Plan{}, "", err
	}
	p, ok := ident.PlanFor(country)
	if !ok {
		return ident.Plan{}, "", fmt.Errorf("the case's numbering plan %q is unknown to this cdrtui (known: %s)", country, ident.Countries())
	}
	how, err := s.info(ctx, "country_source")
	return p, how, err
}

// CallRecords returns every voice record of a subscriber whose wall clock
// is in [from, to) (0: open), ordered by start then id, with its cell and
// device named from the small tables.
func (s *Store) CallRecords(ctx context.Context, sub int64, from, to int64) ([]store.CallRecord, error) {
	var out []store.CallRecord
	var cells, devices []int64
	err := s.each(ctx, `SELECT id, start, wall_offset, call_type, ifNull(other, ''), ifNull(other_key, ''), ifNull(duration, 0),
		ifNull(cell_id, 0), ifNull(device_id, 0), source_id, line
		FROM {voice} WHERE subscriber_id = ? AND {visible}`+wallScope(from, to)+` ORDER BY start, id`, func(sc scanner) error {
		var r store.CallRecord
		var cell, device int64
		if err := sc.Scan(&r.ID, &r.Start, &r.Offset, &r.Type, &r.Other, &r.OtherKey, &r.Duration, &cell, &device, &r.SourceID, &r.Line); err != nil {
			return err
		}
		out = append(out, r)
		cells, devices = append(cells, cell), append(devices, device)
		return nil
	}, sub)
	if err != nil {
		return nil, err
	}
	return out, s.nameRecords(ctx, out, cells, devices)
}

// DataCellRecords returns a subscriber's data records whose wall clock is
// in [from, to) (0: open) as the call analyses place them (Type "DATA":
// start, offset, cell and its key, SIM), ordered by start then id.
func (s *Store) DataCellRecords(ctx context.Context, sub int64, from, to int64) ([]store.CallRecord, error) {
	var out []store.CallRecord
	var cells, devices []int64
	err := s.each(ctx, `SELECT id, start, wall_offset, ifNull(cell_id, 0), ifNull(device_id, 0), source_id, line
		FROM {ipdr} WHERE subscriber_id = ? AND {visible}`+wallScope(from, to)+` ORDER BY start, id`, func(sc scanner) error {
		r := store.CallRecord{Type: "DATA"}
		var cell, device int64
		if err := sc.Scan(&r.ID, &r.Start, &r.Offset, &cell, &device, &r.SourceID, &r.Line); err != nil {
			return err
		}
		out = append(out, r)
		cells, devices = append(cells, cell), append(devices, device)
		return nil
	}, sub)
	if err != nil {
		return nil, err
	}
	if err := s.nameRecords(ctx, out, cells, devices); err != nil {
		return nil, err
	}
	for i := range out {
		out[i].IMEI = "" // the local twin reads the SIM alone
	}
	return out, nil
}

// nameRecords fills the cell (as written, its key) and device (IMSI,
// IMEI) of records from the small tables; cells[i] and devices[i] are
// record i's ids, 0 for none.
func (s *Store) nameRecords(ctx context.Context, recs []store.CallRecord, cells, devices []int64) error {
	cellNames := map[int64][2]string{}
	if ids := distinct(cells); len(ids) > 0 {
		err := s.each(ctx, `SELECT id, cell, ifNull(cell_key, '') FROM {db}.cells`+completeDims+` AND id IN (`+idList(ids)+`)`, func(sc scanner) error {
			var id int64
			var c [2]string
			err := sc.Scan(&id, &c[0], &c[1])
			cellNames[id] = c
			return err
		})
		if err != nil {
			return err
		}
	}
	devNames := map[int64][2]string{}
	if ids := distinct(devices); len(ids) > 0 {
		err := s.each(ctx, `SELECT id, imsi, imei FROM {db}.devices`+completeDims+` AND id IN (`+idList(ids)+`)`, func(sc scanner) error {
			var id int64
			var d [2]string
			err := sc.Scan(&id, &d[0], &d[1])
			devNames[id] = d
			return err
		})
		if err != nil {
			return err
		}
	}
	for i := range recs {
		c, d := cellNames[cells[i]], devNames[devices[i]]
		recs[i].Cell, recs[i].CellKey, recs[i].IMSI, recs[i].IMEI = c[0], c[1], d[0], d[1]
	}
	return nil
}

// distinct is the ids other than 0, once each, ascending.
func distinct(ids []int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, id := range ids {
		if id != 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// numbersPerQuery bounds the numbers one query names in its text
// (ClickHouse's max_query_size is 256 KiB).
const numbersPerQuery = 500

// SubscribersByKey maps numbers (E.164 keys, or digits as a subscriber's
// number is held when unkeyed) to the subscribers of the case that have
// them, with their voice records counted on the shards. Numbers that are
// no subscriber are absent from the map.
func (s *Store) SubscribersByKey(ctx context.Context, numbers []string) (map[string]store.VoiceSubscriber, error) {
	out := map[string]store.VoiceSubscriber{}
	byID := map[int64]string{}
	for len(numbers) > 0 {
		n := min(len(numbers), numbersPerQuery)
		err := s.each(ctx, `SELECT id, msisdn, isNotNull(msisdn_key) FROM {db}.subscribers`+completeDims+` AND msisdn IN (`+strList(numbers[:n])+`)`, func(sc scanner) error {
			var v store.VoiceSubscriber
			var keyed uint8
			if err := sc.Scan(&v.ID, &v.MSISDN, &keyed); err != nil {
				return err
			}
			v.Keyed = keyed != 0
			out[v.MSISDN], byID[v.ID] = v, v.MSISDN
			return nil
		})
		if err != nil {
			return nil, err
		}
		numbers = numbers[n:]
	}
	if len(byID) == 0 {
		return out, nil
	}
	ids := make([]int64, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	err := s.each(ctx, `SELECT subscriber_id, count() FROM {voice} WHERE {visible} AND subscriber_id IN (`+idList(ids)+`) GROUP BY subscriber_id`, func(sc scanner) error {
		var id int64
		var n uint64
		if err := sc.Scan(&id, &n); err != nil {
			return err
		}
		v := out[byID[id]]
		v.Records = int64(n)
		out[byID[id]] = v
		return nil
	})
	return out, err
}

// DeviceSharers returns every subscriber's use of the given handsets (by
// handset key) or SIMs (IMSIs), one row per subscriber and (IMSI, IMEI)
// pair with its records (data and voice) and first and last use, ordered
// by first use, then subscriber, then device: the devices found in the
// small table, their uses aggregated on the shards.
func (s *Store) DeviceSharers(ctx context.Context, handsets, imsis []string) ([]store.DeviceSharer, error) {
	if len(handsets)+len(imsis) == 0 {
		return nil, nil
	}
	type device struct{ imsi, imei, handset string }
	devs := map[int64]device{}
	err := s.each(ctx, `SELECT id, imsi, imei, handset FROM {db}.devices`+completeDims+`
		AND ((handset <> '' AND handset IN (`+strList(handsets)+`)) OR (imsi <> '' AND imsi IN (`+strList(imsis)+`)))`, func(sc scanner) error {
		var id int64
		var d device
		err := sc.Scan(&id, &d.imsi, &d.imei, &d.handset)
		devs[id] = d
		return err
	})
	if err != nil || len(devs) == 0 {
		return nil, err
	}
	ids := make([]int64, 0, len(devs))
	for id := range devs {
		ids = append(ids, id)
	}
	type use struct {
		store.DeviceSharer
		device int64
	}
	var uses []use
	in := idList(ids)
	err = s.each(ctx, `SELECT subscriber_id, d, count(), min(start), max(start) FROM (
		SELECT subscriber_id, assumeNotNull(device_id) AS d, start FROM {ipdr} WHERE {visible} AND device_id IN (`+in+`)
		UNION ALL SELECT subscriber_id, assumeNotNull(device_id) AS d, start FROM {voice} WHERE {visible} AND device_id IN (`+in+`))
		GROUP BY subscriber_id, d`, func(sc scanner) error {
		var u use
		var n uint64
		if err := sc.Scan(&u.SubscriberID, &u.device, &n, &u.First, &u.Last); err != nil {
			return err
		}
		d := devs[u.device]
		u.Records, u.IMSI, u.IMEI, u.Handset = int64(n), d.imsi, d.imei, d.handset
		uses = append(uses, u)
		return nil
	})
	if err != nil || len(uses) == 0 {
		return nil, err
	}
	subs := map[int64]bool{}
	for _, u := range uses {
		subs[u.SubscriberID] = true
	}
	names, err := s.msisdns(ctx, subs)
	if err != nil {
		return nil, err
	}
	sort.Slice(uses, func(i, j int) bool {
		a, b := uses[i], uses[j]
		if a.First != b.First {
			return a.First < b.First
		}
		if a.SubscriberID != b.SubscriberID {
			return a.SubscriberID < b.SubscriberID
		}
		return a.device < b.device
	})
	out := make([]store.DeviceSharer, len(uses))
	for i, u := range uses {
		out[i] = u.DeviceSharer
		out[i].MSISDN = names[u.SubscriberID]
	}
	return out, nil
}

// msisdns names subscriber ids from the small table.
func (s *Store) msisdns(ctx context.Context, ids map[int64]bool) (map[int64]string, error) {
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	list := make([]int64, 0, len(ids))
	for id := range ids {
		list = append(list, id)
	}
	err := s.each(ctx, `SELECT id, msisdn FROM {db}.subscribers`+completeDims+` AND id IN (`+idList(list)+`)`, func(sc scanner) error {
		var id int64
		var m string
		err := sc.Scan(&id, &m)
		out[id] = m
		return err
	})
	return out, err
}

// strList writes strings as ClickHouse literals for an IN list (a
// backslash and a quote escaped: a hostile number stays a value); the
// empty string alone when there are none (the callers ask for non-empty
// values besides).
func strList(vals []string) string {
	if len(vals) == 0 {
		return "''"
	}
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(v) + "'"
	}
	return strings.Join(q, ", ")
}
