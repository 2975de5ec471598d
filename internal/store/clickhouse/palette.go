package clickhouse

import (
	"context"
	"net/netip"
	"sort"
	"strconv"
	"strings"

	"github.com/cdrtui/cdrtui/internal/store"
)

// The palette on a ClickHouse case: beside the subscribers
// (casework.PaletteSubscribers), the devices, destination addresses,
// cells and source files store.Store.PaletteSearch finds, with the same
// hits in the same order.

// PaletteDevices finds the devices typed (six digits or more): a SIM by
// its whole IMSI, a handset by its IMEI (the first 14 digits of 14 or
// more: with or without its check digit, an IMEISV), one hit per
// subscriber and value, most records first, at most limit of each.
func (s *Store) PaletteDevices(ctx context.Context, typed string, limit int) ([]store.PaletteHit, error) {
	digits := store.DigitsOf(strings.TrimSpace(typed))
	if len(digits) < 6 {
		return nil, nil
	}
	var hits []store.PaletteHit
	for _, col := range []string{"imsi", "imei"} {
		cond := col + " = " + quote(digits)
		if col == "imei" && len(digits) >= 14 {
			cond += " OR startsWith(imei, " + quote(digits[:14]) + ")"
		}
		values := map[int64]string{}
		err := s.each(ctx, `SELECT id, `+col+` FROM {db}.devices`+completeDims+` AND (`+cond+`)`, func(sc scanner) error {
			var id int64
			var v string
			err := sc.Scan(&id, &v)
			values[id] = v
			return err
		})
		if err != nil {
			return nil, err
		}
		if len(values) == 0 {
			continue
		}
		ids := make([]int64, 0, len(values))
		for id := range values {
			ids = append(ids, id)
		}
		type key struct {
			sub   int64
			value string
		}
		records := map[key]int64{}
		err = s.each(ctx, `SELECT subscriber_id, d, count() FROM (
			SELECT subscriber_id, assumeNotNull(device_id) AS d FROM {ipdr} WHERE device_id IN (`+idList(ids)+`) AND {visible}
			UNION ALL SELECT subscriber_id, assumeNotNull(device_id) AS d FROM {voice} WHERE device_id IN (`+idList(ids)+`) AND {visible})
			GROUP BY subscriber_id, d`, func(sc scanner) error {
			var sub, dev int64
			var n uint64
			err := sc.Scan(&sub, &dev, &n)
			records[key{sub, values[dev]}] += int64(n)
			return err
		})
		if err != nil {
			return nil, err
		}
		keys := make([]key, 0, len(records))
		for k := range records {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			a, b := keys[i], keys[j]
			if records[a] != records[b] {
				return records[a] > records[b]
			}
			if a.sub != b.sub {
				return a.sub < b.sub
			}
			return a.value < b.value
		})
		keys = keys[:min(len(keys), limit)]
		subs := map[int64]bool{}
		for _, k := range keys {
			subs[k.sub] = true
		}
		msisdn, err := s.msisdns(ctx, subs)
		if err != nil {
			return nil, err
		}
		for _, k := range keys {
			hits = append(hits, store.PaletteHit{Kind: col, Value: k.value, MSISDN: msisdn[k.sub], Records: records[k], ID: k.sub,
				Detail: "used by " + msisdn[k.sub]})
		}
	}
	return hits, nil
}

// PalettePlaces finds a destination address typed (its records and
// subscribers), the cells beginning with what was typed (most records
// first, at most limit) and the source files whose path holds it (in
// import order, at most limit); letters in either case, as SQLite's LIKE
// matches them.
func (s *Store) PalettePlaces(ctx context.Context, typed string, limit int) ([]store.PaletteHit, error) {
	typed = strings.TrimSpace(typed)
	if typed == "" {
		return nil, nil
	}
	var hits []store.PaletteHit
	if addr, err := netip.ParseAddr(typed); err == nil {
		var n, subs uint64
		if err := s.home.QueryRow(ctx, s.sql(`SELECT count(), uniqExact(subscriber_id) FROM {ipdr_dest} WHERE dest = `+quote(addr.String())+` AND {visible}`)).Scan(&n, &subs); err != nil {
			return nil, s.explain(err)
		}
		if n > 0 {
			hits = append(hits, store.PaletteHit{Kind: "ip", Value: addr.String(), Records: int64(n), Detail: store.CountOf(int64(subs), "subscriber")})
		}
	}
	names := map[int64]string{}
	err := s.each(ctx, `SELECT id, cell FROM {db}.cells`+completeDims+` AND startsWith(lower(cell), lower(`+quote(typed)+`))`, func(sc scanner) error {
		var id int64
		var v string
		err := sc.Scan(&id, &v)
		names[id] = v
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(names) > 0 {
		ids := make([]int64, 0, len(names))
		for id := range names {
			ids = append(ids, id)
		}
		type use struct{ records, subs int64 }
		uses := map[int64]use{}
		err := s.each(ctx, `SELECT c, count(), uniqExact(subscriber_id) FROM (
			SELECT assumeNotNull(cell_id) AS c, subscriber_id FROM {ipdr} WHERE cell_id IN (`+idList(ids)+`) AND {visible}
			UNION ALL SELECT assumeNotNull(cell_id) AS c, subscriber_id FROM {voice} WHERE cell_id IN (`+idList(ids)+`) AND {visible})
			GROUP BY c`, func(sc scanner) error {
			var id int64
			var n, subs uint64
			err := sc.Scan(&id, &n, &subs)
			uses[id] = use{int64(n), int64(subs)}
			return err
		})
		if err != nil {
			return nil, err
		}
		sort.Slice(ids, func(i, j int) bool {
			a, b := uses[ids[i]], uses[ids[j]]
			if a.records != b.records {
				return a.records > b.records
			}
			return ids[i] < ids[j]
		})
		for _, id := range ids[:min(len(ids), limit)] {
			hits = append(hits, store.PaletteHit{Kind: "cell", Value: names[id], Records: uses[id].records, ID: id,
				Detail: store.CountOf(uses[id].subs, "subscriber")})
		}
	}
	err = s.each(ctx, `SELECT id, path, rows_imported, kind FROM {db}.sources WHERE id IN (SELECT id FROM {db}.source_complete)
		AND position(lower(path), lower(`+quote(typed)+`)) > 0 ORDER BY id LIMIT `+strconv.Itoa(limit), func(sc scanner) error {
		h := store.PaletteHit{Kind: "source"}
		err := sc.Scan(&h.ID, &h.Value, &h.Records, &h.Detail)
		hits = append(hits, h)
		return err
	})
	return hits, err
}
