package clickhouse

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// A ClickHouse case keeps no schema version: every import makes the
// tables it writes when they are missing (CREATE TABLE IF NOT EXISTS), and
// each import of PBX files writes the PBX tables again whole, with the
// columns of this cdrtui. Upgrade makes the tables without importing, for
// a case made by an older cdrtui that is only read: the record, small,
// distributed (with a cluster) and cell-site tables. The hunt's copy of
// the data records (ipdr_dest_local, a materialized view) made on a shard
// that lacked it is filled from the shard's data records, so the hunt
// reads every record, not only those imported after; and the subscriber
// summary (sums.go) not marked whole is made again and filled from the
// records, then marked whole. The PBX tables are
// left to the next PBX import (a column added here would be NULL in the
// current generation's rows, which the local tables refuse), and the
// tables written on first use (audit, notes, hunts, rdns) to that use.
// Run it with no import under way (an import's rows written while the
// copy is filled could be copied twice).

// Upgrade makes the tables this cdrtui reads and the case lacks, and
// names them ("table ipdr_dest", with "shard N: " before a shard's).
func (s *Store) Upgrade(ctx context.Context) ([]string, error) {
	before, err := s.schemaNames(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.createSchema(ctx); err != nil {
		return nil, fmt.Errorf("ClickHouse %s: upgrade the case: %w", s.target, clean(err, s.target))
	}
	if err := s.ensureSiteTables(ctx); err != nil {
		return nil, err
	}
	s.noSites = false
	for i, c := range s.shards {
		prefix := ""
		if c != s.home {
			prefix = fmt.Sprintf("shard %d: ", i+1)
		}
		if before[prefix+"table ipdr_dest_local"] || !before[prefix+"table ipdr_local"] {
			continue // there, or made now with the data records it copies
		}
		if err := c.Exec(ctx, s.sql(`INSERT INTO {db}.ipdr_dest_local (dest, port, start, id, source_id, line, subscriber_id,
			device_id, wall_offset, end, cell_id, total)
			SELECT ifNull(dest_ip, ''), ifNull(dest_port, -1), start, id, source_id, line, subscriber_id,
			device_id, wall_offset, end, cell_id, total FROM {db}.ipdr_local`)); err != nil {
			return nil, fmt.Errorf("ClickHouse %s: %sfill the hunt's copy of the data records: %w", s.target, prefix, clean(err, s.target))
		}
	}
	if v, err := s.info(ctx, sumsKey); err != nil {
		return nil, s.explain(err)
	} else if v != "whole" {
		if err := s.createSums(ctx, true); err != nil {
			return nil, fmt.Errorf("ClickHouse %s: upgrade the case: %w", s.target, clean(err, s.target))
		}
	}
	after, err := s.schemaNames(ctx)
	if err != nil {
		return nil, err
	}
	var made []string
	for n := range after {
		if !before[n] && !strings.Contains(n, "column ") {
			made = append(made, n)
		}
	}
	sort.Strings(made)
	return made, nil
}

// schemaNames lists the case's tables and their columns: on the server
// named, and the record tables on every other shard.
func (s *Store) schemaNames(ctx context.Context) (map[string]bool, error) {
	out := map[string]bool{}
	read := func(c driver.Conn, prefix, cond string) error {
		rows, err := c.Query(ctx, `SELECT table, name FROM system.columns WHERE database = ?`+cond, s.target.Database)
		if err != nil {
			return s.explain(err)
		}
		defer rows.Close()
		for rows.Next() {
			var table, col string
			if err := rows.Scan(&table, &col); err != nil {
				return s.explain(err)
			}
			out[prefix+"table "+table] = true
			out[prefix+"column "+table+"."+col] = true
		}
		return s.explain(rows.Err())
	}
	if err := read(s.home, "", ""); err != nil {
		return nil, err
	}
	for i, c := range s.shards {
		if c != s.home {
			if err := read(c, fmt.Sprintf("shard %d: ", i+1), " AND table IN ('ipdr_local', 'voice_local', 'ipdr_dest_local', "+sumsShardTables+")"); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}
