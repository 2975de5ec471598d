package clickhouse

import (
	"context"
	"fmt"
	"math"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// placeSource finds where the staged source's records of each kind go:
// after the largest id the cluster holds, at the offset the local rule
// gives them (see overlap.go).
func (c *copier) placeSource(ctx context.Context, stagedID int64) error {
	if c.recs == nil {
		c.recs = map[string]*recState{}
		for _, k := range []struct {
			kind string
			cols []string
		}{{"ipdr", ipdrColumns}, {"voice", voiceColumns}} {
			st, err := c.newRecState(ctx, k.kind, k.cols)
			if err != nil {
				return err
			}
			c.recs[k.kind] = st
		}
	}
	c.cur = map[string]idRange{}
	for kind, st := range c.recs {
		var lo, hi, n int64
		err := c.stage.StagedRows(ctx, `SELECT coalesce(min(id), 0), coalesce(max(id), 0), count(*) FROM `+kind+` WHERE source_id = ?`,
			func(row []any) error {
				lo, hi, n = asInt(row[0]), asInt(row[1]), asInt(row[2])
				return nil
			}, stagedID)
		if err != nil {
			return err
		}
		if n == 0 {
			c.cur[kind] = idRange{lo: math.MaxInt64}
			continue
		}
		var below int64
		if err := c.stage.StagedRows(ctx, `SELECT coalesce(max(id), 0) FROM `+kind+` WHERE id < ?`, func(row []any) error {
			below = asInt(row[0])
			return nil
		}, lo); err != nil {
			return err
		}
		c.cur[kind] = idRange{lo: lo, hi: hi, off: st.max - below}
	}
	return nil
}

// copyRecords copies the source's records of one kind, each to the shard
// its subscriber's id selects (id modulo the shards, as the Distributed
// table's sharding key would), in batches of batchRows; a row that may
// repeat a record of the cluster is held back and looked up first
// (overlap.go).
func (c *copier) copyRecords(ctx context.Context, st *recState, stagedID, id int64, t *tally) error {
	s := c.s
	kind, cols := st.kind, st.cols
	cur := c.cur[kind]
	if cur.hi == 0 {
		return nil
	}
	st.ranges = append(st.ranges, cur)
	insert := fmt.Sprintf("INSERT INTO %s.%s_local (%s)", s.target.Database, kind, joinCols(cols))
	batches := make([]driver.Batch, len(s.shards))
	counts := make([]int, len(s.shards))
	flush := func(i int) error {
		if batches[i] == nil {
			return nil
		}
		err := batches[i].Send()
		batches[i], counts[i] = nil, 0
		return err
	}
	spans := map[int64][2]int64{}
	startCol := st.col("start")
	send := func(vals []any) error {
		sub, start := vals[3].(int64), vals[startCol].(int64)
		if sp, ok := spans[sub]; ok {
			spans[sub] = [2]int64{min(sp[0], start), max(sp[1], start)}
		} else {
			spans[sub] = [2]int64{start, start}
		}
		vals[0] = vals[0].(int64) + cur.off
		st.max = max(st.max, vals[0].(int64))
		shard := int(sub % int64(len(s.shards)))
		if batches[shard] == nil {
			b, err := s.shards[shard].PrepareBatch(ctx, insert)
			if err != nil {
				return err
			}
			batches[shard] = b
		}
		if err := batches[shard].Append(vals...); err != nil {
			return err
		}
		counts[shard]++
		if counts[shard] >= batchRows {
			return flush(shard)
		}
		return nil
	}
	prov := &homeBatch{c: c, query: `INSERT INTO {db}.record_sources (kind, record_id, source_id, line)`}
	var h held
	query := "SELECT " + quoteCols(cols) + " FROM " + kind + " WHERE source_id = ? ORDER BY id"
	err := c.stage.StagedRows(ctx, query, func(row []any) error {
		vals := make([]any, len(cols))
		for i, col := range cols {
			vals[i] = c.value(kind, col, row[i])
		}
		vals[1] = id
		sub, start := vals[3].(int64), vals[startCol].(int64)
		if sp, ok := st.spans[sub]; !ok || start < sp[0] || start > sp[1] {
			return send(vals)
		}
		h.vals = append(h.vals, vals)
		h.staged = append(h.staged, vals[0].(int64))
		if len(h.vals) >= lookupRows {
			return c.resolveHeld(ctx, st, &h, prov, id, t, send)
		}
		return nil
	}, stagedID)
	if err == nil {
		err = c.resolveHeld(ctx, st, &h, prov, id, t, send)
	}
	if err == nil {
		err = prov.send()
	} else {
		prov.abort()
	}
	for i := range batches {
		if err != nil {
			if batches[i] != nil {
				batches[i].Abort()
			}
			continue
		}
		err = flush(i)
	}
	for sub, sp := range spans {
		if old, ok := st.spans[sub]; ok {
			sp = [2]int64{min(old[0], sp[0]), max(old[1], sp[1])}
		}
		st.spans[sub] = sp
	}
	return err
}

// value converts one staged value of a record column for its cluster
// column, mapping dimension ids.
func (c *copier) value(kind, col string, v any) any {
	switch col {
	case "subscriber_id":
		return c.subMap[asInt(v)]
	case "device_id":
		if v == nil {
			return (*int64)(nil)
		}
		n := c.devMap[asInt(v)]
		return &n
	case "cell_id":
		if v == nil {
			return (*int64)(nil)
		}
		n := c.cellMap[asInt(v)]
		return &n
	case "id", "source_id", "line", "start":
		return asInt(v)
	case "wall_offset":
		return int32(asInt(v))
	case "call_type":
		return asString(v)
	case "private_port", "public_port", "dest_port", "end", "uplink", "downlink", "total", "duration":
		return nInt(v)
	}
	return nStr(v)
}

// copyProvenance copies the further carriers of records (overlapping
// exports) this source holds, each under the cluster's record of its
// event; a repeat within the file of a row the cluster held already is
// counted already in the case, as locally.
func (c *copier) copyProvenance(ctx context.Context, stagedID, id int64, t *tally) error {
	prov := &homeBatch{c: c, query: `INSERT INTO {db}.record_sources (kind, record_id, source_id, line)`}
	err := c.stage.StagedRows(ctx, `SELECT kind, record_id, line FROM record_sources WHERE source_id = ? ORDER BY kind, record_id, line`, func(row []any) error {
		kind := asString(row[0])
		st := c.recs[kind]
		staged := asInt(row[1])
		kept, ok := st.mapID(staged)
		if !ok {
			return fmt.Errorf("provenance of %s record %d: no record in the cluster", kind, staged)
		}
		if cur := c.cur[kind]; staged >= cur.lo && staged <= cur.hi {
			if _, dropped := st.dropped[staged]; dropped {
				t.moved++
			}
		}
		return prov.append(ctx, kind, kept, id, asInt(row[2]))
	}, stagedID)
	if err != nil {
		prov.abort()
		return err
	}
	return prov.send()
}
