package clickhouse

import (
	"context"
	"fmt"
	"strings"

	"github.com/cdrtui/cdrtui/internal/store"
)

// The Overview's subscriber list on the cluster, keyset paged as the
// local case's table: a page's subscribers are chosen by one aggregation
// of the one column ordered by, on the shards (ordered, cut after the
// row last shown and limited there), then the page's columns are counted
// for those subscribers only. Only the page comes back.

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
	var n int64
	err = s.each(ctx, `SELECT toInt64(uniqExact(subscriber_id)) FROM (
		SELECT subscriber_id FROM {ipdr} WHERE {visible}`+cond+` UNION ALL SELECT subscriber_id FROM {voice} WHERE {visible}`+cond+`)`,
		func(sc scanner) error { return sc.Scan(&n) }, append(args, args...)...)
	return n, err
}

// subscriberFilter is the condition on subscriber_id the text typed after
// / makes (" AND ..." or ""): part of an MSISDN (as the local table's
// LIKE, ASCII letters in any case), or a number in any form the case's
// numbering plan reads.
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
	if k, ok, err := s.NumberKey(ctx, text); err != nil {
		return "", nil, err
	} else if ok {
		cond += " OR msisdn = ? OR ifNull(msisdn_key, '') = ?"
		args = append(args, k, k)
	}
	return " AND subscriber_id " + in + " (SELECT id FROM {db}.subscribers" + completeDims + " AND (" + cond + "))", args, nil
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
	switch q.Sort {
	case store.SortMSISDN:
		where := ""
		if keyset != "" {
			where = " AND " + keyset
		}
		query = `SELECT sid, k FROM (SELECT id AS sid, any(msisdn) AS k FROM {db}.subscribers` + completeDims + `
			AND (id IN (SELECT subscriber_id FROM {ipdr} WHERE {visible}` + cond + `) OR id IN (SELECT subscriber_id FROM {voice} WHERE {visible}` + cond + `))
			GROUP BY sid) WHERE 1` + where
	case store.SortIMEIs:
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
