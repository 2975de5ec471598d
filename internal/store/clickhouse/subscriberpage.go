package clickhouse

import (
	"context"
	"fmt"
	"strings"

	"github.com/cdrtui/cdrtui/internal/ident"
	"github.com/cdrtui/cdrtui/internal/store"
)

// The Overview's subscriber list on the cluster, keyset paged as the
// local case's table: a page's subscribers are chosen by one aggregation
// of the one column ordered by, on the shards (ordered, cut after the
// row last shown and limited there), then the page's columns are counted
// for those subscribers only. Only the page comes back. The aggregation
// reads the subscriber summary (sums.go) when the case keeps it whole,
// else the records.

// subKey is how one order's value is aggregated per subscriber: the
// columns each record table adds to the union, and the aggregate.
type subKey struct{ ipdr, voice, agg string }

var subKeys = map[store.SubscriberSort]subKey{
	store.SortRecords: {"1 AS kind", "2 AS kind", "toInt64(count())"},
	store.SortData:    {"1 AS kind", "2 AS kind", "toInt64(sum(kind = 1))"},
	store.SortVoice:   {"1 AS kind", "2 AS kind", "toInt64(sum(kind = 2))"},
	store.SortCalls:   {"'' AS ct", "call_type AS ct", "toInt64(sum(ct IN ('VOICE_OUT', 'VOICE_IN')))"},
	store.SortSMS:     {"'' AS ct", "call_type AS ct", "toInt64(sum(ct IN ('SMS_OUT', 'SMS_IN')))"},
	store.SortContacts: {"'' AS o, toUInt8(0) AS has", "ifNull(other_key, ifNull(other, '')) AS o, toUInt8(ifNull(other, '') != '') AS has",
		"toInt64(uniqExactIf(o, has = 1))"},
	store.SortFirst: {"start", "start", "min(start)"},
	store.SortLast:  {"start", "start", "max(start)"},
	store.SortCells: {"cell_id", "cell_id", "toInt64(uniqExact(cell_id))"},
}

// SubscriberPage returns one page of the subscriber list (the
// subscribers with records in complete sources), and whether the case has
// cell sites (the rows' Placed is counted only then).
func (s *Store) SubscriberPage(ctx context.Context, q store.SubscriberPageQuery) ([]store.SubscriberRow, bool, error) {
	keys, err := s.subscriberKeys(ctx, q)
	if err != nil || len(keys) == 0 {
		return nil, false, err
	}
	ids := make([]int64, len(keys))
	for i, k := range keys {
		ids[i] = k.id
	}
	rows, sites, err := s.subscriberRows(ctx, ids)
	if err != nil {
		return nil, false, err
	}
	out := make([]store.SubscriberRow, 0, len(keys))
	for _, k := range keys {
		r := rows[k.id]
		if r == nil {
			continue // its source was removed between the two questions
		}
		r.Key = k.key
		out = append(out, *r)
	}
	return out, sites, nil
}

// SubscriberCount counts the subscribers the list holds under filter.
func (s *Store) SubscriberCount(ctx context.Context, filter string) (int64, error) {
	cond, args, err := s.subscriberFilter(ctx, filter)
	if err != nil {
		return 0, err
	}
	if sums, err := s.haveSums(ctx); err != nil || sums {
		if err != nil {
			return 0, err
		}
		return s.sumsCount(ctx, cond, args)
	}
	var n int64
	err = s.each(ctx, `SELECT toInt64(uniqExact(subscriber_id)) FROM (
		SELECT subscriber_id FROM {ipdr} WHERE {visible}`+cond+` UNION ALL SELECT subscriber_id FROM {voice} WHERE {visible}`+cond+`)`,
		func(sc scanner) error { return sc.Scan(&n) }, append(args, args...)...)
	return n, err
}

// subscriberFilter is the condition on subscriber_id the text typed after
// / makes (" AND ..." or ""), as the local table's: part of an MSISDN
// (LIKE, ASCII letters in any case), or the subscribers a number names
// (store.Store.IdentityFilter): an MSISDN in any form the case's
// numbering plan reads, an IMSI, an IMEI (its handset key: with or
// without its check digit, an IMEISV). The subscribers of a device are
// found first and written into the condition (a device has few).
func (s *Store) subscriberFilter(ctx context.Context, text string) (string, []any, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return "", nil, nil
	}
	in := "IN"
	if s.target.Cluster != "" {
		in = "GLOBAL IN"
	}
	like := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(strings.ToLower(text)) + "%"
	cond := "lower(msisdn) LIKE ?"
	args := []any{like}
	var bySIM []int64
	if d, plus, ok := ident.SplitNumber(text); ok {
		numbers := []string{d}
		plan, _, err := s.NumberingPlan(ctx)
		if err != nil {
			return "", nil, err
		}
		if k, ok := plan.Key(d, plus); ok && k != d {
			numbers = append(numbers, k)
		}
		cond += " OR msisdn IN (?" + strings.Repeat(", ?", len(numbers)-1) + ")"
		for _, n := range numbers {
			args = append(args, n)
		}
		imsi, handset := "\x00", "\x00" // matching no device
		if !plus && (len(d) == 14 || len(d) == 15) {
			imsi = d
		}
		if k := ident.HandsetKey(d); !plus && k != "" {
			handset = k
		}
		if bySIM, err = s.subscribersOfDevices(ctx, imsi, handset); err != nil {
			return "", nil, err
		}
	}
	out := " AND (subscriber_id " + in + " (SELECT id FROM {db}.subscribers" + completeDims + " AND (" + cond + "))"
	if len(bySIM) > 0 {
		out += " OR subscriber_id IN (" + idList(bySIM) + ")"
	}
	return out + ")", args, nil
}

// subscribersOfDevices lists the subscribers with records of a device
// whose IMSI or handset key is the one given.
func (s *Store) subscribersOfDevices(ctx context.Context, imsi, handset string) ([]int64, error) {
	var devs []int64
	err := s.each(ctx, `SELECT id FROM {db}.devices`+completeDims+` AND (imsi = ? OR handset = ?)`, func(sc scanner) error {
		var id int64
		err := sc.Scan(&id)
		devs = append(devs, id)
		return err
	}, imsi, handset)
	if err != nil || len(devs) == 0 {
		return nil, err
	}
	if sums, err := s.haveSums(ctx); err != nil || sums {
		if err != nil {
			return nil, err
		}
		return s.sumsOfDevices(ctx, devs)
	}
	var subs []int64
	err = s.each(ctx, `SELECT DISTINCT subscriber_id FROM (
		SELECT subscriber_id FROM {ipdr} WHERE {visible} AND device_id IN (`+idList(devs)+`)
		UNION ALL SELECT subscriber_id FROM {voice} WHERE {visible} AND device_id IN (`+idList(devs)+`)) ORDER BY subscriber_id`,
		func(sc scanner) error {
			var id int64
			err := sc.Scan(&id)
			subs = append(subs, id)
			return err
		})
	return subs, err
}

// subKeyRow is one subscriber chosen for the page, and its sort value.
type subKeyRow struct {
	id  int64
	key any
}

// subscriberKeys chooses the page's subscribers: ordered by the column
// asked (then id), after the row last shown.
func (s *Store) subscriberKeys(ctx context.Context, q store.SubscriberPageQuery) ([]subKeyRow, error) {
	cond, fargs, err := s.subscriberFilter(ctx, q.Filter)
	if err != nil {
		return nil, err
	}
	ascending := q.Desc == q.Backward
	dir, op := "ASC", ">"
	if !ascending {
		dir, op = "DESC", "<"
	}
	var keyset string
	var kargs []any
	if len(q.After) == 2 {
		keyset = fmt.Sprintf("(k %[1]s ? OR (k = ? AND sid %[1]s ?))", op)
		kargs = []any{q.After[0], q.After[0], q.After[1]}
	}
	limit := max(q.Limit, 1)
	var query string
	args := append(append([]any{}, fargs...), fargs...)
	sums, err := s.haveSums(ctx)
	if err != nil {
		return nil, err
	}
	if sums {
		var ok bool
		if query, ok = sumsKeyQuery(string(q.Sort), cond, keyset); !ok {
			return nil, fmt.Errorf("the subscriber list cannot be ordered by %q", q.Sort)
		}
		args = fargs
	}
	switch {
	case sums:
	case q.Sort == store.SortMSISDN:
		where := ""
		if keyset != "" {
			where = " AND " + keyset
		}
		query = `SELECT sid, k FROM (SELECT id AS sid, any(msisdn) AS k FROM {db}.subscribers` + completeDims + `
			AND (id IN (SELECT subscriber_id FROM {ipdr} WHERE {visible}` + cond + `) OR id IN (SELECT subscriber_id FROM {voice} WHERE {visible}` + cond + `))
			GROUP BY sid) WHERE 1` + where
	case q.Sort == store.SortIMEIs:
		query = `SELECT sid, toInt64(uniqExactIf(imei, imei != '')) AS k FROM (
			SELECT DISTINCT subscriber_id AS sid, ifNull(device_id, 0) AS dev FROM (
				SELECT subscriber_id, device_id FROM {ipdr} WHERE {visible}` + cond + `
				UNION ALL SELECT subscriber_id, device_id FROM {voice} WHERE {visible}` + cond + `))
			ANY LEFT JOIN (SELECT id AS dev, imei FROM {db}.devices` + completeDims + `) USING dev
			GROUP BY sid`
		if keyset != "" {
			query += " HAVING " + keyset
		}
	default:
		k, ok := subKeys[q.Sort]
		if !ok {
			return nil, fmt.Errorf("the subscriber list cannot be ordered by %q", q.Sort)
		}
		query = `SELECT subscriber_id AS sid, ` + k.agg + ` AS k FROM (
			SELECT subscriber_id, ` + k.ipdr + ` FROM {ipdr} WHERE {visible}` + cond + `
			UNION ALL SELECT subscriber_id, ` + k.voice + ` FROM {voice} WHERE {visible}` + cond + `)
			GROUP BY sid`
		if keyset != "" {
			query += " HAVING " + keyset
		}
	}
	query += fmt.Sprintf(" ORDER BY k %[1]s, sid %[1]s LIMIT %[2]d", dir, limit)
	var out []subKeyRow
	err = s.each(ctx, query, func(sc scanner) error {
		var r subKeyRow
		if q.Sort == store.SortMSISDN {
			var m string
			if err := sc.Scan(&r.id, &m); err != nil {
				return err
			}
			r.key = m
		} else {
			var n int64
			if err := sc.Scan(&r.id, &n); err != nil {
				return err
			}
			r.key = n
		}
		out = append(out, r)
		return nil
	}, append(args, kargs...)...)
	return out, err
}
