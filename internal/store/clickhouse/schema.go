package clickhouse

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// The case's small tables (sources, dimensions, rejects, provenance) live
// on the server named; the record tables on every shard, ordered for the
// panes' access paths: a subscriber's records by time (persona, trends,
// correlation, the SIM-box features), and a copy of the data records
// ordered by destination and time kept by a materialized view (the hunt).
// A Distributed table over each, sharded by subscriber, is what queries
// read, so that a subscriber's records live together on one shard.
//
// A source's rows become visible only when its id is in source_complete,
// written last (one row, one insert): readers see complete sources only,
// and an interrupted import leaves nothing partial in sight.

// homeTables are created on the server named.
var homeTables = []string{
	`CREATE TABLE IF NOT EXISTS {db}.case_info (key String, value String, version UInt64)
	 ENGINE = MergeTree ORDER BY key`,
	`CREATE TABLE IF NOT EXISTS {db}.sources (id Int64, path String, location String, kind String, format String,
	 sha256 String, size Int64, modified_at Int64, imported_at Int64, tz String, date_order String, mapping String,
	 rows_imported Int64, rows_rejected Int64, fields_dropped Int64, rows_already Int64, notes String,
	 sheet String, workbook_sha256 String, country String)
	 ENGINE = MergeTree ORDER BY id`,
	`CREATE TABLE IF NOT EXISTS {db}.source_complete (id Int64, at Int64) ENGINE = MergeTree ORDER BY id`,
	`CREATE TABLE IF NOT EXISTS {db}.rejects (source_id Int64, line Int64, severity String, reason String, raw String)
	 ENGINE = MergeTree ORDER BY (source_id, line)`,
	`CREATE TABLE IF NOT EXISTS {db}.record_sources (kind String, record_id Int64, source_id Int64, line Int64)
	 ENGINE = MergeTree ORDER BY (kind, record_id)`,
	`CREATE TABLE IF NOT EXISTS {db}.subscribers (id Int64, msisdn String, msisdn_key Nullable(String), source_id Int64)
	 ENGINE = MergeTree ORDER BY id`,
	`CREATE TABLE IF NOT EXISTS {db}.devices (id Int64, imsi String, imei String, handset String, source_id Int64)
	 ENGINE = MergeTree ORDER BY id`,
	`CREATE TABLE IF NOT EXISTS {db}.cells (id Int64, cell String, cell_key Nullable(String), generation Nullable(String), source_id Int64)
	 ENGINE = MergeTree ORDER BY id`,
}

// ipdrColumns and voiceColumns are the record tables' columns, in the
// order the staging case is read and the inserts name them.
var ipdrColumns = []string{"id", "source_id", "line", "subscriber_id", "device_id", "private_ip", "private_port",
	"public_ip", "public_port", "dest_ip", "dest_port", "start", "end", "wall_offset", "cell_id",
	"uplink", "downlink", "total", "rat", "domain", "msisdn_as", "device_ident"}

var voiceColumns = []string{"id", "source_id", "line", "subscriber_id", "device_id", "other", "call_type",
	"start", "wall_offset", "duration", "cell_id", "msisdn_as", "other_key"}

// shardTables are created on every shard.
var shardTables = []string{
	`CREATE TABLE IF NOT EXISTS {db}.ipdr_local (id Int64, source_id Int64, line Int64, subscriber_id Int64,
	 device_id Nullable(Int64), private_ip Nullable(String), private_port Nullable(Int64),
	 public_ip Nullable(String), public_port Nullable(Int64), dest_ip Nullable(String), dest_port Nullable(Int64),
	 start Int64, end Nullable(Int64), wall_offset Int32, cell_id Nullable(Int64),
	 uplink Nullable(Int64), downlink Nullable(Int64), total Nullable(Int64), rat Nullable(String), domain Nullable(String),
	 msisdn_as Nullable(String), device_ident Nullable(String))
	 ENGINE = MergeTree ORDER BY (subscriber_id, start, id)`,
	`CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.ipdr_dest_local
	 ENGINE = MergeTree ORDER BY (dest, port, start, id)
	 AS SELECT ifNull(dest_ip, '') AS dest, ifNull(dest_port, -1) AS port, start, id, source_id, line, subscriber_id,
	 device_id, wall_offset, end, cell_id, total FROM {db}.ipdr_local`,
	`CREATE TABLE IF NOT EXISTS {db}.voice_local (id Int64, source_id Int64, line Int64, subscriber_id Int64,
	 device_id Nullable(Int64), other Nullable(String), call_type String, start Int64, wall_offset Int32,
	 duration Nullable(Int64), cell_id Nullable(Int64), msisdn_as Nullable(String), other_key Nullable(String))
	 ENGINE = MergeTree ORDER BY (subscriber_id, start, id)`,
}

// distributedTables are created on the server named when there is a
// cluster: what queries read.
var distributedTables = []string{
	`CREATE TABLE IF NOT EXISTS {db}.ipdr AS {db}.ipdr_local ENGINE = Distributed({cluster}, {db}, ipdr_local, subscriber_id)`,
	`CREATE TABLE IF NOT EXISTS {db}.voice AS {db}.voice_local ENGINE = Distributed({cluster}, {db}, voice_local, subscriber_id)`,
	`CREATE TABLE IF NOT EXISTS {db}.ipdr_dest AS {db}.ipdr_dest_local ENGINE = Distributed({cluster}, {db}, ipdr_dest_local, subscriber_id)`,
}

func (s *Store) sql(q string) string {
	return strings.NewReplacer("{db}", s.target.Database, "{cluster}", s.target.Cluster,
		"{ipdr}", s.table("ipdr"), "{voice}", s.table("voice"), "{ipdr_dest}", s.table("ipdr_dest"), "{sums}", s.table("subscriber_sums"),
		"{visible}", s.visible()).Replace(q)
}

// table is the name queries read a record table by.
func (s *Store) table(name string) string {
	if s.target.Cluster == "" {
		return s.target.Database + "." + name + "_local"
	}
	return s.target.Database + "." + name
}

// visible is the condition that keeps a record table's rows to complete
// sources: their ids written out when the list is cached (complete.go),
// else read on the server named and sent to the shards (GLOBAL IN).
func (s *Store) visible() string {
	if v := s.visibleListed(); v != "" {
		return v
	}
	in := "IN"
	if s.target.Cluster != "" {
		in = "GLOBAL IN"
	}
	return "source_id " + in + " (SELECT id FROM " + s.target.Database + ".source_complete)"
}

func (s *Store) createSchema(ctx context.Context) error {
	if err := s.home.Exec(ctx, "CREATE DATABASE IF NOT EXISTS "+s.target.Database); err != nil {
		return err
	}
	for _, c := range s.shards {
		if c != s.home {
			if err := c.Exec(ctx, "CREATE DATABASE IF NOT EXISTS "+s.target.Database); err != nil {
				return err
			}
		}
	}
	for _, q := range homeTables {
		if err := s.home.Exec(ctx, s.sql(q)); err != nil {
			return err
		}
	}
	// the subscriber summary is made with the record tables, or by
	// Upgrade, which fills it from the records (sums.go)
	old, err := s.recordTablesExist(ctx)
	if err != nil {
		return err
	}
	for i, c := range s.shards {
		for _, q := range shardTables {
			if err := c.Exec(ctx, s.sql(q)); err != nil {
				return fmt.Errorf("shard %d: %w", i+1, err)
			}
		}
	}
	if s.target.Cluster != "" {
		for _, q := range distributedTables {
			if err := s.home.Exec(ctx, s.sql(q)); err != nil {
				return err
			}
		}
	}
	if !old {
		if err := s.setInfo(ctx, shardsKey, strconv.Itoa(len(s.shards))); err != nil {
			return err
		}
		return s.createSums(ctx, false)
	}
	return nil
}

// exists says whether the database holds a case.
func (s *Store) exists(ctx context.Context) (bool, error) {
	var n uint64
	err := s.home.QueryRow(ctx, `SELECT count() FROM system.tables WHERE database = ? AND name = 'source_complete'`, s.target.Database).Scan(&n)
	return n > 0, err
}
