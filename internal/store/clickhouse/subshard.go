package clickhouse

import (
	"context"
	"fmt"
	"strings"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/cdrtui/cdrtui/internal/store"
)

// A subscriber's records live on one shard: the import writes each
// record to shards[subscriber_id % shards] (copyRecords), as the
// Distributed tables' sharding key says, and the grow of the benchmarks
// keeps a copy on its original's shard. A question about one subscriber's
// records (the persona's) is asked of that shard's own tables, not of the
// Distributed table: no fan-out to every shard and no merge of their
// answers on the server named. Only when the complete sources are written
// into the question as numbers (complete.go): the shard has no
// source_complete to read them from.

// subShard is the connection holding sub's records and whether it is a
// shard's own (its questions read the _local tables); else the server
// named, reading the Distributed tables.
func (s *Store) subShard(sub int64) (driver.Conn, bool) {
	if s.target.Cluster == "" || len(s.shards) < 2 || sub < 0 || s.visibleListed() == "" {
		return s.home, false
	}
	return s.shards[sub%int64(len(s.shards))], true
}

// eachOf is each for a question about subscriber sub's records only
// (every record table it reads kept to subscriber_id = sub): asked of the
// shard that holds them.
func (s *Store) eachOf(ctx context.Context, sub int64, q string, fn func(scanner) error, args ...any) error {
	if err := s.readComplete(ctx); err != nil {
		return s.explain(err)
	}
	c, local := s.subShard(sub)
	if local {
		db := s.target.Database
		q = strings.NewReplacer("{ipdr}", db+".ipdr_local", "{voice}", db+".voice_local").Replace(q)
	}
	rows, err := c.Query(ctx, s.sql(q), args...)
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

// topDestinations is the first n of a subscriber's destinations in
// DestinationUses' order, and how many there are, in one pass over its
// data records: the destinations grouped once, counted, sorted and cut
// on the server (ClickHouse 18.16 has no window functions: the groups as
// one array, sorted by (-records, IP, port), its length the count).
func (s *Store) topDestinations(ctx context.Context, sub int64, scope string, n int) ([]store.DestinationUse, int, error) {
	var out []store.DestinationUse
	distinct := 0
	err := s.eachOf(ctx, sub, `SELECT d, tupleElement(t, 1), tupleElement(t, 2), tupleElement(t, 3), tupleElement(t, 4),
		tupleElement(t, 5), tupleElement(t, 6) FROM (
		SELECT length(g) AS d, arraySlice(arraySort(x -> (-toInt64(tupleElement(x, 3)), tupleElement(x, 1), tupleElement(x, 2)), g), 1, `+
		fmt.Sprint(n)+`) AS top FROM (
		SELECT groupArray((ip, port, n, b, f, l)) AS g FROM (
		SELECT ifNull(dest_ip, '') AS ip, ifNull(dest_port, -1) AS port, count() AS n, sum(ifNull(total, 0)) AS b, min(start) AS f, max(start) AS l
		FROM {ipdr} WHERE subscriber_id = ? AND {visible}`+scope+` GROUP BY ip, port)))
		ARRAY JOIN top AS t`, func(sc scanner) error {
		var d store.DestinationUse
		var groups uint64
		var port int64
		var records uint64
		if err := sc.Scan(&groups, &d.IP, &port, &records, &d.Bytes, &d.First.Unix, &d.Last.Unix); err != nil {
			return err
		}
		distinct = int(groups)
		d.Port, d.Records = int(port), int64(records)
		out = append(out, d)
		return nil
	}, sub)
	return out, distinct, err
}
