package clickhouse

import (
	"context"
	"fmt"
	"strconv"
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
// source_complete to read them from; and only in a case made with as many
// shards as the cluster has now (case_info's shardsKey, written when the
// case is made): a case made before the key, or on a cluster since given
// another shard, is read through the Distributed tables, which read every
// shard wherever a record is.

// subShard is the shard holding sub's records and the complete sources'
// condition written out; nil (the server named, reading the Distributed
// tables) without a cluster, or when the list is not written out.
func (s *Store) subShard(ctx context.Context, sub int64) (driver.Conn, string) {
	if s.target.Cluster == "" || len(s.shards) < 2 || sub < 0 || !s.madeOnShards(ctx) {
		return nil, ""
	}
	v := s.visibleListed()
	if v == "" {
		return nil, ""
	}
	return s.shards[sub%int64(len(s.shards))], v
}

// shardsKey is the case_info key holding how many shards the case was
// made on.
const shardsKey = "shards"

// madeOnShards says whether the case was made on as many shards as the
// cluster has (read once per open case; unknown when it cannot be read).
func (s *Store) madeOnShards(ctx context.Context) bool {
	n := s.madeShards.Load()
	if n == 0 {
		v, err := s.info(ctx, shardsKey)
		if err != nil {
			return false
		}
		if k, err := strconv.Atoi(v); err == nil && k > 0 {
			n = int64(k)
		} else {
			n = -1
		}
		s.madeShards.Store(n)
	}
	return n == int64(len(s.shards))
}

// eachOf is each for a question about subscriber sub's records only
// (every record table it reads kept to subscriber_id = sub): asked of the
// shard that holds them.
func (s *Store) eachOf(ctx context.Context, sub int64, q string, fn func(scanner) error, args ...any) error {
	if err := s.readComplete(ctx); err != nil {
		return s.explain(err)
	}
	c, visible := s.subShard(ctx, sub)
	if c == nil {
		c = s.home
	} else {
		db := s.target.Database
		q = strings.NewReplacer("{ipdr}", db+".ipdr_local", "{voice}", db+".voice_local", "{visible}", visible).Replace(q)
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
