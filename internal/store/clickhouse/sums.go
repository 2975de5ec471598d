package clickhouse

import (
	"context"
	"fmt"
	"strings"
)

// The subscriber summary: what the Overview's subscriber list orders,
// filters and counts by, kept per (subscriber, source) on the shard that
// holds the subscriber's records, so that a page of the list aggregates
// some rows per subscriber instead of every record of the case. Two
// materialized views, one on each record table, write it from every block
// of records inserted on the shard (an import's batches, and copies made
// there by INSERT ... SELECT), into one AggregatingMergeTree table whose
// rows the server merges by (subscriber, source): data and voice records,
// calls, SMS, first and last start, and the states of the distinct other
// parties, cells and devices. Rows are per source, so a reader keeps to
// the complete sources as it does with the records ({visible}); a source
// an interrupted import left incomplete is never counted.
//
// The summary is whole only when it was made with the record tables (a
// new case), or made and filled from the records by Upgrade: then
// case_info's sumsKey says so, and the list reads it. A case made before
// (or one whose summary was never filled) has no such mark, and the list
// reads the records as before until `cdrtui upgrade` fills it.

// sumsKey is the case_info key saying the summary holds every record.
const sumsKey = "subscriber_sums"

// sumsColumns are the summary's columns, as inserts name them.
const sumsColumns = "subscriber_id, source_id, data, voice, calls, sms, first, last, contacts, cells, devices"

// sumsTable is the summary on a shard.
const sumsTable = `CREATE TABLE IF NOT EXISTS {db}.subscriber_sums_local (subscriber_id Int64, source_id Int64,
	data AggregateFunction(sum, UInt64), voice AggregateFunction(sum, UInt64),
	calls AggregateFunction(sum, UInt64), sms AggregateFunction(sum, UInt64),
	first AggregateFunction(min, Int64), last AggregateFunction(max, Int64),
	contacts AggregateFunction(uniqExact, String), cells AggregateFunction(uniqExact, Int64),
	devices AggregateFunction(groupUniqArray, Int64))
	ENGINE = AggregatingMergeTree ORDER BY (subscriber_id, source_id)`

// sumsOf is what one record table adds to the summary: the views' query,
// and Upgrade's over the records already there. A voice record's other
// party is its E.164 key when keyed (a blank party is none: NULL, which
// the distinct count skips, as the local case's count of contacts).
var sumsOf = map[string]string{
	"ipdr": `SELECT subscriber_id, source_id, sumState(toUInt64(1)) AS data, sumState(toUInt64(0)) AS voice,
		sumState(toUInt64(0)) AS calls, sumState(toUInt64(0)) AS sms, minState(start) AS first, maxState(start) AS last,
		uniqExactState(CAST(NULL AS Nullable(String))) AS contacts, uniqExactState(cell_id) AS cells,
		groupUniqArrayState(device_id) AS devices
		FROM {db}.ipdr_local GROUP BY subscriber_id, source_id`,
	"voice": `SELECT subscriber_id, source_id, sumState(toUInt64(0)) AS data, sumState(toUInt64(1)) AS voice,
		sumState(toUInt64(call_type IN ('VOICE_OUT', 'VOICE_IN'))) AS calls,
		sumState(toUInt64(call_type IN ('SMS_OUT', 'SMS_IN'))) AS sms, minState(start) AS first, maxState(start) AS last,
		uniqExactState(if(ifNull(other, '') != '', ifNull(other_key, ifNull(other, '')), NULL)) AS contacts,
		uniqExactState(cell_id) AS cells, groupUniqArrayState(device_id) AS devices
		FROM {db}.voice_local GROUP BY subscriber_id, source_id`,
}

// sumsNames are the summary's tables on a shard: its views first.
var sumsNames = []string{"subscriber_sums_ipdr_local", "subscriber_sums_voice_local", "subscriber_sums_local"}

// createSums makes the summary on every shard (and, with a cluster, the
// Distributed table over it on the server named) and marks it whole. With
// fill, a summary left half made is dropped first and the new one filled
// from the records the shards hold (Upgrade: with no import under way,
// or a block inserted between a view's making and its filling would
// count twice).
func (s *Store) createSums(ctx context.Context, fill bool) error {
	for i, c := range s.shards {
		prefix := ""
		if c != s.home {
			prefix = fmt.Sprintf("shard %d: ", i+1)
		}
		var qs []string
		if fill {
			for _, n := range sumsNames {
				qs = append(qs, "DROP TABLE IF EXISTS {db}."+n)
			}
		}
		qs = append(qs, sumsTable)
		for _, kind := range []string{"ipdr", "voice"} {
			qs = append(qs, "CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.subscriber_sums_"+kind+"_local TO {db}.subscriber_sums_local AS "+sumsOf[kind])
		}
		if fill {
			for _, kind := range []string{"ipdr", "voice"} {
				qs = append(qs, "INSERT INTO {db}.subscriber_sums_local ("+sumsColumns+") "+sumsOf[kind])
			}
		}
		for _, q := range qs {
			if err := c.Exec(ctx, s.sql(q)); err != nil {
				return fmt.Errorf("%sthe subscriber summary: %w", prefix, err)
			}
		}
	}
	if s.target.Cluster != "" {
		if err := s.home.Exec(ctx, s.sql(`CREATE TABLE IF NOT EXISTS {db}.subscriber_sums AS {db}.subscriber_sums_local
			ENGINE = Distributed({cluster}, {db}, subscriber_sums_local, subscriber_id)`)); err != nil {
			return fmt.Errorf("the subscriber summary: %w", err)
		}
	}
	if err := s.setInfo(ctx, sumsKey, "whole"); err != nil {
		return err
	}
	s.sumsWhole.Store(true)
	return nil
}

// haveSums says whether the subscriber list may read the summary: it is
// marked whole (kept once seen; a case without it is asked again, as an
// upgrade by another process may make it).
func (s *Store) haveSums(ctx context.Context) (bool, error) {
	if s.sumsOff {
		return false, nil
	}
	if s.sumsWhole.Load() {
		return true, nil
	}
	v, err := s.info(ctx, sumsKey)
	if err != nil {
		return false, s.explain(err)
	}
	if v != "whole" {
		return false, nil
	}
	s.sumsWhole.Store(true)
	return true, nil
}

// recordTablesExist says whether any shard holds a record table: a case
// made before (by this cdrtui or an older one), not a new one.
func (s *Store) recordTablesExist(ctx context.Context) (bool, error) {
	for _, c := range s.shards {
		var n uint64
		if err := c.QueryRow(ctx, `SELECT count() FROM system.tables WHERE database = ? AND name IN ('ipdr_local', 'voice_local')`,
			s.target.Database).Scan(&n); err != nil {
			return false, err
		}
		if n > 0 {
			return true, nil
		}
	}
	return false, nil
}

// sumKeys is how the summary gives each order's value per subscriber.
var sumKeys = map[string]string{
	"records":  "toInt64(sumMerge(data) + sumMerge(voice))",
	"data":     "toInt64(sumMerge(data))",
	"voice":    "toInt64(sumMerge(voice))",
	"calls":    "toInt64(sumMerge(calls))",
	"sms":      "toInt64(sumMerge(sms))",
	"contacts": "toInt64(uniqExactMerge(contacts))",
	"first":    "minMerge(first)",
	"last":     "maxMerge(last)",
	"cells":    "toInt64(uniqExactMerge(cells))",
}

// sumsKeyQuery is the query choosing a page's subscribers from the
// summary (cond: the filter's condition on subscriber_id; keyset: on k
// and sid, "" for none), before its ORDER BY and LIMIT; ok is false for
// an order it does not know.
func sumsKeyQuery(sort, cond, keyset string) (string, bool) {
	having := ""
	if keyset != "" {
		having = " HAVING " + keyset
	}
	switch sort {
	case "msisdn":
		where := ""
		if keyset != "" {
			where = " AND " + keyset
		}
		return `SELECT sid, k FROM (SELECT id AS sid, any(msisdn) AS k FROM {db}.subscribers` + completeDims + `
			AND id IN (SELECT subscriber_id FROM {sums} WHERE {visible}` + cond + `) GROUP BY sid) WHERE 1` + where, true
	case "imeis":
		// a subscriber with no device keeps its row (device 0: no IMEI)
		return `SELECT sid, toInt64(uniqExactIf(imei, imei != '')) AS k FROM (
			SELECT sid, arrayJoin(arrayPushBack(devs, toInt64(0))) AS dev FROM (
				SELECT subscriber_id AS sid, groupUniqArrayMerge(devices) AS devs FROM {sums} WHERE {visible}` + cond + ` GROUP BY sid))
			ANY LEFT JOIN (SELECT id AS dev, imei FROM {db}.devices` + completeDims + `) USING dev
			GROUP BY sid` + having, true
	}
	agg, ok := sumKeys[sort]
	if !ok {
		return "", false
	}
	return `SELECT subscriber_id AS sid, ` + agg + ` AS k FROM {sums} WHERE {visible}` + cond + ` GROUP BY sid` + having, true
}

// sumsCount counts the subscribers the summary holds under cond.
func (s *Store) sumsCount(ctx context.Context, cond string, args []any) (int64, error) {
	var n int64
	err := s.each(ctx, `SELECT toInt64(uniqExact(subscriber_id)) FROM {sums} WHERE {visible}`+cond,
		func(sc scanner) error { return sc.Scan(&n) }, args...)
	return n, err
}

// sumsOfDevices lists the subscribers with records of the devices given,
// ascending, from the summary.
func (s *Store) sumsOfDevices(ctx context.Context, devs []int64) ([]int64, error) {
	var subs []int64
	err := s.each(ctx, `SELECT sid FROM (SELECT subscriber_id AS sid, groupUniqArrayMerge(devices) AS devs
		FROM {sums} WHERE {visible} GROUP BY sid) WHERE hasAny(devs, [`+idList(devs)+`]) ORDER BY sid`,
		func(sc scanner) error {
			var id int64
			err := sc.Scan(&id)
			subs = append(subs, id)
			return err
		})
	return subs, err
}

// sumsShardTables are the summary's tables upgrade lists on a shard.
var sumsShardTables = "'" + strings.Join(sumsNames, "', '") + "'"
