package clickhouse

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/cdrtui/cdrtui/internal/store"
)

// Cell sites and base layers are small (a whole country's OpenCellID
// export is a few million rows): plain MergeTree tables on the server
// named, as a local case keeps them, every source's position kept (a
// cell with two disagreeing positions has two rows).

// siteTables are created on the server named, also in a case created
// before they existed.
var siteTables = []string{
	`CREATE TABLE IF NOT EXISTS {db}.cell_sites (id Int64, source_id Int64, line Int64, cell_key String, alt_key Nullable(String),
	 cell String, radio String, lat Float64, lon Float64, azimuth Nullable(Float64), beam Nullable(Float64),
	 range_m Nullable(Float64), samples Nullable(Int64), address String)
	 ENGINE = MergeTree ORDER BY (cell_key, id)`,
	`CREATE TABLE IF NOT EXISTS {db}.map_layers (id Int64, source_id Int64, name String, geojson String)
	 ENGINE = MergeTree ORDER BY id`,
}

func (s *Store) ensureSiteTables(ctx context.Context) error {
	var n uint64
	if err := s.home.QueryRow(ctx, `SELECT count() FROM system.tables WHERE database = ? AND name IN ('cell_sites', 'map_layers')`,
		s.target.Database).Scan(&n); err != nil {
		return fmt.Errorf("ClickHouse %s: %w", s.target, clean(err, s.target))
	}
	if n == uint64(len(siteTables)) {
		return nil // nothing to create: a read-only user opens the case too
	}
	for _, q := range siteTables {
		if err := s.home.Exec(ctx, s.sql(q)); err != nil {
			return fmt.Errorf("ClickHouse %s: the cell-site tables: %w", s.target, clean(err, s.target))
		}
	}
	return nil
}

// ImportSites reads cell-site files (OpenCellID / MLS exports, operators'
// lists) and GeoJSON base layers as a local case would (store.ImportCells,
// store.ImportLayer: the same readers, rejects, hashes and provenance),
// into a staging case removed at the end, then copies each source not
// already in the case (by SHA-256) with its rows, marking it complete
// last, as Import does for evidence.
func (s *Store) ImportSites(ctx context.Context, cells []string, opts store.CellImportOptions, layers []string) ([]store.FileResult, error) {
	dir, err := os.MkdirTemp("", "cdrtui-stage-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	stage, err := store.Create(filepath.Join(dir, "stage.db"))
	if err != nil {
		return nil, err
	}
	defer stage.Close()
	var results []store.FileResult
	if len(cells) > 0 {
		if results, err = stage.ImportCells(ctx, cells, opts); err != nil {
			return results, err
		}
	}
	for _, l := range layers {
		res, err := stage.ImportLayer(ctx, l)
		results = append(results, res)
		if err != nil {
			return results, err
		}
	}
	c, err := s.newCopier(ctx, stage)
	if err != nil {
		return results, err
	}
	ids, err := c.copySources(ctx)
	if err != nil {
		return results, err
	}
	mapResults(results, ids)
	return results, nil
}

// copySites copies the cell sites and base layers a staged source holds
// (a cell-site file's rows; the positions an evidence file's records
// gave; a layer), numbered after the case's, in their staged order.
func (c *copier) copySites(ctx context.Context, stagedID, id int64) error {
	s := c.s
	var base int64
	if err := s.home.QueryRow(ctx, s.sql(`SELECT max(id) FROM {db}.cell_sites`)).Scan(&base); err != nil {
		return err
	}
	insert := s.sql(`INSERT INTO {db}.cell_sites (id, source_id, line, cell_key, alt_key, cell, radio, lat, lon, azimuth, beam, range_m, samples, address)`)
	var b driver.Batch
	n := 0
	err := c.stage.StagedRows(ctx, `SELECT id, line, cell_key, alt_key, cell, radio, lat, lon, azimuth, beam, range_m, samples, address
		FROM cell_sites WHERE source_id = ? ORDER BY id`, func(row []any) error {
		if b == nil {
			var err error
			if b, err = s.home.PrepareBatch(ctx, insert); err != nil {
				return err
			}
		}
		n++
		if err := b.Append(base+asInt(row[0]), id, asInt(row[1]), asString(row[2]), nStr(row[3]), asString(row[4]), asString(row[5]),
			asFloat(row[6]), asFloat(row[7]), nFloat(row[8]), nFloat(row[9]), nFloat(row[10]), nInt(row[11]), asString(row[12])); err != nil {
			return err
		}
		if n%batchRows == 0 {
			err := b.Send()
			b = nil
			return err
		}
		return nil
	}, stagedID)
	if err == nil && b != nil {
		err = b.Send()
	} else if b != nil {
		b.Abort()
	}
	if err != nil {
		return err
	}
	if err := s.home.QueryRow(ctx, s.sql(`SELECT max(id) FROM {db}.map_layers`)).Scan(&base); err != nil {
		return err
	}
	b = nil
	err = c.stage.StagedRows(ctx, `SELECT id, name, geojson FROM map_layers WHERE source_id = ? ORDER BY id`, func(row []any) error {
		if b == nil {
			var err error
			if b, err = s.home.PrepareBatch(ctx, s.sql(`INSERT INTO {db}.map_layers (id, source_id, name, geojson)`)); err != nil {
				return err
			}
		}
		return b.Append(base+asInt(row[0]), id, asString(row[1]), asString(row[2]))
	}, stagedID)
	if err == nil && b != nil {
		err = b.Send()
	} else if b != nil {
		b.Abort()
	}
	return err
}

func asFloat(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int64:
		return float64(x)
	}
	return 0
}

func nFloat(v any) *float64 {
	if v == nil {
		return nil
	}
	f := asFloat(v)
	return &f
}
