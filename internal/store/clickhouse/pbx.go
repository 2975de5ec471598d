package clickhouse

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/cdrtui/cdrtui/internal/store"
)

// A seized PBX's artefacts (call records, logs, configuration, a host's
// zone files and shell history) are small, and reading them is one
// import deriving from another: a call's direction from the configuration
// imported after it, a year-less log stamp from the calls, a call kept
// once across Master.csv and its per-account files. So the cluster keeps
// them as a local case does, by construction: an import loads the PBX
// rows the case holds into its staging case (sources with their ids, every
// PBX table), where the local import reads the new files beside them, and
// the PBX tables are then copied back whole, as a new generation.
//
// Each PBX table of the local case is a table of the same name on the
// server named (plain MergeTree, not sharded), its columns those of the
// local table (Nullable: NULL stays NULL) after gen (the generation) and
// seq (the row's place in the local table). pbx_sources lists each
// generation's sources. A generation is named by the largest id of the
// sources it added and becomes the case's when that id is in
// source_complete: the new PBX sources are marked complete together, in
// one insert, after every row of the generation is written. An
// interrupted import leaves a generation no reader takes; importing again
// stages the last complete one. Importing a file the case holds (same
// SHA-256) is skipped by the staging import, which holds the case's PBX
// sources, so it adds no generation.

const pbxSourcesTable = `CREATE TABLE IF NOT EXISTS {db}.pbx_sources (gen Int64, source_id Int64) ENGINE = MergeTree ORDER BY (gen, source_id)`

// pbxStage is the PBX side of one import into the cluster.
type pbxStage struct {
	s         *Store
	preloaded map[int64]string // the case's PBX sources loaded into the staging case: id -> path
	staged    []int64          // the staging case's PBX sources, by id (preloaded and new)
}

// stagePBX loads the case's PBX rows into stage, before the files are
// read into it.
func (s *Store) stagePBX(ctx context.Context, stage *store.Store) (*pbxStage, error) {
	p := &pbxStage{s: s, preloaded: map[int64]string{}}
	if err := s.ensurePBX(ctx, stage); err != nil {
		return nil, fmt.Errorf("ClickHouse %s: the PBX tables: %w", s.target, clean(err, s.target))
	}
	gen, err := s.pbxGen(ctx)
	if err != nil || gen == 0 {
		return p, err
	}
	srcs, err := s.pbxSources(ctx, gen)
	if err != nil {
		return nil, err
	}
	for _, r := range srcs {
		p.preloaded[r[0].(int64)] = r[1].(string)
	}
	if err := stage.LoadRows(ctx, "sources", store.SourceColumns, srcs); err != nil {
		return nil, err
	}
	err = s.eachPBXTable(ctx, stage, gen, func(table string, cols []string, rows [][]any) error {
		return stage.LoadRows(ctx, table, cols, rows)
	})
	if err != nil {
		return nil, err
	}
	// the next generation holds no invented duration or talk time an
	// older cdrtui wrote into this one
	return p, stage.ForgetInventedPBXTimes(ctx)
}

// copySources copies the staged sources: the operator's by the copier
// (c.copySources, each marked complete on its own), the PBX's set apart
// from it and then copied whole (copy). It returns where each staged
// source went.
func (p *pbxStage) copySources(ctx context.Context, c *copier) (map[int64]mapped, error) {
	err := c.stage.PBXSourceRows(ctx, func(row []any) error {
		id := asInt(row[0])
		c.refused[id] = true
		p.staged = append(p.staged, id)
		if _, old := p.preloaded[id]; !old {
			c.apart[id] = 0 // numbered by c.copySources where it was read
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	ids, err := c.copySources(ctx)
	if err != nil {
		return nil, err
	}
	return ids, p.copy(ctx, c, ids)
}

// copy writes the staging case's PBX rows as a new generation when the
// import added PBX sources, numbering them after the cluster's sources,
// and names in ids where each staged PBX source went.
func (p *pbxStage) copy(ctx context.Context, c *copier, ids map[int64]mapped) error {
	s := p.s
	idMap := map[int64]int64{}
	var added []int64 // staged ids of new sources
	for _, id := range p.staged {
		if path, ok := p.preloaded[id]; ok {
			idMap[id] = id
			ids[id] = mapped{id: id, path: path, already: true}
			continue
		}
		added = append(added, id)
	}
	if len(added) == 0 {
		return nil
	}
	var sources [][]any
	err := c.stage.PBXSourceRows(ctx, func(row []any) error {
		sources = append(sources, append([]any(nil), row...))
		return nil
	})
	if err != nil {
		return err
	}
	var gen int64
	srcBatch, err := s.home.PrepareBatch(ctx, s.sql(`INSERT INTO {db}.sources (`+joinCols(store.SourceColumns)+`)`))
	if err != nil {
		return err
	}
	for _, row := range sources {
		staged := asInt(row[0])
		if _, old := p.preloaded[staged]; old {
			continue
		}
		id, ok := c.reserved[staged]
		if !ok {
			srcBatch.Abort()
			return fmt.Errorf("the PBX source %d staged was given no id", staged)
		}
		idMap[staged], gen = id, max(gen, id)
		ids[staged] = mapped{id: id, path: asString(row[1])}
		if err := srcBatch.Append(sourceValues(id, row)...); err != nil {
			srcBatch.Abort()
			return err
		}
	}
	if err := srcBatch.Send(); err != nil {
		return err
	}
	for _, staged := range added {
		if err := p.copyRejects(ctx, c.stage, staged, idMap[staged]); err != nil {
			return err
		}
	}
	if err := p.writeGeneration(ctx, c.stage, gen, idMap); err != nil {
		return fmt.Errorf("copy the PBX artefacts into ClickHouse: %w", err)
	}
	if beforeMark != nil {
		if err := beforeMark(gen); err != nil {
			return err
		}
	}
	// the one insert that makes the generation and its new sources the case's
	mark, err := s.home.PrepareBatch(ctx, s.sql(`INSERT INTO {db}.source_complete (id, at)`))
	if err != nil {
		return err
	}
	for _, staged := range added {
		if err := mark.Append(idMap[staged], c.now); err != nil {
			mark.Abort()
			return err
		}
	}
	if err := mark.Send(); err != nil {
		return err
	}
	_ = s.prunePBX(ctx, gen) // pbx_prune.go: rows left are never read
	return nil
}

// sourceValues is a staged source row (store.SourceColumns) as the
// cluster's sources table takes it, under id.
func sourceValues(id int64, row []any) []any {
	vals := []any{id}
	for i, v := range row[1:] {
		if sourceIntColumn[store.SourceColumns[i+1]] {
			vals = append(vals, asInt(v))
		} else {
			vals = append(vals, asString(v))
		}
	}
	return vals
}

var sourceIntColumn = map[string]bool{"id": true, "size": true, "modified_at": true, "imported_at": true,
	"rows_imported": true, "rows_rejected": true, "fields_dropped": true, "rows_already": true}

// writeGeneration copies every PBX table of the staging case under gen,
// its source ids mapped to the cluster's, then the generation's sources.
func (p *pbxStage) writeGeneration(ctx context.Context, stage *store.Store, gen int64, idMap map[int64]int64) error {
	s := p.s
	for _, table := range store.PBXTables {
		cols, err := stage.PBXColumns(ctx, table)
		if err != nil {
			return err
		}
		names := []string{"gen", "seq"}
		srcCol := -1
		for i, col := range cols {
			names = append(names, "`"+col.Name+"`")
			if col.Name == "source_id" {
				srcCol = i
			}
		}
		insert := s.sql(`INSERT INTO {db}.` + table + ` (` + strings.Join(names, ", ") + `)`)
		var b driver.Batch
		var seq, inBatch int64
		flush := func() error {
			if b == nil {
				return nil
			}
			err := b.Send()
			b, inBatch = nil, 0
			return err
		}
		err = stage.EachPBXRow(ctx, table, cols, func(row []any) error {
			if b == nil {
				var err error
				if b, err = s.home.PrepareBatch(ctx, insert); err != nil {
					return err
				}
			}
			seq++
			vals := []any{gen, seq}
			for i, col := range cols {
				v, err := pbxValue(table, col, row[i])
				if err != nil {
					return err
				}
				if i == srcCol && v != nil {
					n, ok := idMap[*v.(*int64)]
					if !ok {
						return fmt.Errorf("%s row %d names source %d, not one of the PBX's", table, seq, *v.(*int64))
					}
					v = &n
				}
				vals = append(vals, v)
			}
			if err := b.Append(vals...); err != nil {
				return err
			}
			if inBatch++; inBatch >= batchRows {
				return flush()
			}
			return nil
		})
		if err != nil {
			if b != nil {
				b.Abort()
			}
			return fmt.Errorf("%s: %w", table, err)
		}
		if err := flush(); err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
	}
	b, err := s.home.PrepareBatch(ctx, s.sql(`INSERT INTO {db}.pbx_sources (gen, source_id)`))
	if err != nil {
		return err
	}
	var all []int64
	for _, id := range idMap {
		all = append(all, id)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	for _, id := range all {
		if err := b.Append(gen, id); err != nil {
			b.Abort()
			return err
		}
	}
	return b.Send()
}

// pbxValue is one staged value for its Nullable column: *int64 or
// *string, nil for NULL. A value of another type than the column's is an
// error, never converted.
func pbxValue(table string, col store.PBXColumn, v any) (any, error) {
	if col.Integer {
		switch x := v.(type) {
		case nil:
			return (*int64)(nil), nil
		case int64:
			return &x, nil
		}
		return nil, fmt.Errorf("%s.%s holds %T where an integer belongs", table, col.Name, v)
	}
	switch x := v.(type) {
	case nil:
		return (*string)(nil), nil
	case string:
		return &x, nil
	case []byte:
		s := string(x)
		return &s, nil
	}
	return nil, fmt.Errorf("%s.%s holds %T where text belongs", table, col.Name, v)
}

// copyRejects copies the rows a new PBX source rejected.
func (p *pbxStage) copyRejects(ctx context.Context, stage *store.Store, staged, id int64) error {
	s := p.s
	var b driver.Batch
	err := stage.StagedRows(ctx, `SELECT line, severity, reason, raw FROM rejects WHERE source_id = ? ORDER BY rowid`, func(row []any) error {
		if b == nil {
			var err error
			if b, err = s.home.PrepareBatch(ctx, s.sql(`INSERT INTO {db}.rejects (source_id, line, severity, reason, raw)`)); err != nil {
				return err
			}
		}
		return b.Append(id, asInt(row[0]), asString(row[1]), asString(row[2]), asString(row[3]))
	}, staged)
	if err != nil {
		if b != nil {
			b.Abort()
		}
		return err
	}
	if b != nil {
		return b.Send()
	}
	return nil
}

// ensurePBX makes the PBX tables when missing, with the columns of the
// local case's (stage's) tables, adding any a table made by an older
// cdrtui lacks.
func (s *Store) ensurePBX(ctx context.Context, stage *store.Store) error {
	if err := s.ensure(ctx, "pbx_sources", pbxSourcesTable); err != nil {
		return err
	}
	for _, table := range store.PBXTables {
		cols, err := stage.PBXColumns(ctx, table)
		if err != nil {
			return err
		}
		defs := []string{"gen Int64", "seq Int64"}
		for _, c := range cols {
			defs = append(defs, "`"+c.Name+"` "+chType(c))
		}
		if err := s.home.Exec(ctx, s.sql(`CREATE TABLE IF NOT EXISTS {db}.`+table+` (`+strings.Join(defs, ", ")+`) ENGINE = MergeTree ORDER BY (gen, seq)`)); err != nil {
			return err
		}
		have, err := s.chColumns(ctx, table)
		if err != nil {
			return err
		}
		for _, c := range cols {
			if !have[c.Name] {
				if err := s.home.Exec(ctx, s.sql(`ALTER TABLE {db}.`+table+" ADD COLUMN `"+c.Name+"` "+chType(c))); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func chType(c store.PBXColumn) string {
	if c.Integer {
		return "Nullable(Int64)"
	}
	return "Nullable(String)"
}

// chColumns names the columns a table of the case has on the server
// named.
func (s *Store) chColumns(ctx context.Context, table string) (map[string]bool, error) {
	have := map[string]bool{}
	err := s.each(ctx, `SELECT name FROM system.columns WHERE database = ? AND table = ?`, func(sc scanner) error {
		var n string
		err := sc.Scan(&n)
		have[n] = true
		return err
	}, s.target.Database, table)
	return have, err
}

// pbxGen is the case's generation of PBX rows, 0 when it has none.
func (s *Store) pbxGen(ctx context.Context) (int64, error) {
	var n uint64
	if err := s.home.QueryRow(ctx, `SELECT count() FROM system.tables WHERE database = ? AND name = 'pbx_sources'`, s.target.Database).Scan(&n); err != nil {
		return 0, clean(err, s.target)
	}
	if n == 0 {
		return 0, nil
	}
	var gen int64
	err := s.home.QueryRow(ctx, s.sql(`SELECT max(gen) FROM {db}.pbx_sources WHERE gen IN (SELECT id FROM {db}.source_complete)`)).Scan(&gen)
	return gen, clean(err, s.target)
}

// pbxSources reads the rows of a generation's sources (store.SourceColumns).
func (s *Store) pbxSources(ctx context.Context, gen int64) ([][]any, error) {
	var out [][]any
	err := s.each(ctx, `SELECT `+joinCols(store.SourceColumns)+` FROM {db}.sources
		WHERE id IN (SELECT source_id FROM {db}.pbx_sources WHERE gen = ?) AND id IN (SELECT id FROM {db}.source_complete) ORDER BY id`,
		func(sc scanner) error {
			dst := make([]any, len(store.SourceColumns))
			for i, c := range store.SourceColumns {
				if sourceIntColumn[c] {
					dst[i] = new(int64)
				} else {
					dst[i] = new(string)
				}
			}
			if err := sc.Scan(dst...); err != nil {
				return err
			}
			row := make([]any, len(dst))
			for i, d := range dst {
				switch x := d.(type) {
				case *int64:
					row[i] = *x
				case *string:
					row[i] = *x
				}
			}
			out = append(out, row)
			return nil
		}, gen)
	return out, err
}

// eachPBXTable reads every PBX table's rows of generation gen, in their
// order, with the columns into's tables have (a column the cluster's table
// lacks is left to into's default), and hands them to load.
func (s *Store) eachPBXTable(ctx context.Context, into *store.Store, gen int64, load func(table string, cols []string, rows [][]any) error) error {
	for _, table := range store.PBXTables {
		cols, err := into.PBXColumns(ctx, table)
		if err != nil {
			return err
		}
		have, err := s.chColumns(ctx, table)
		if err != nil {
			return err
		}
		if len(have) == 0 {
			continue // no such table: no rows
		}
		var kept []store.PBXColumn
		var names, quoted []string
		for _, c := range cols {
			if have[c.Name] {
				kept = append(kept, c)
				names = append(names, c.Name)
				quoted = append(quoted, "`"+c.Name+"`")
			}
		}
		var rows [][]any
		err = s.each(ctx, `SELECT `+strings.Join(quoted, ", ")+` FROM {db}.`+table+` WHERE gen = ? ORDER BY seq`, func(sc scanner) error {
			dst := make([]any, len(kept))
			for i, c := range kept {
				if c.Integer {
					dst[i] = new(*int64)
				} else {
					dst[i] = new(*string)
				}
			}
			if err := sc.Scan(dst...); err != nil {
				return err
			}
			row := make([]any, len(dst))
			for i, d := range dst {
				switch x := d.(type) {
				case **int64:
					if *x != nil {
						row[i] = **x
					}
				case **string:
					if *x != nil {
						row[i] = **x
					}
				}
			}
			rows = append(rows, row)
			return nil
		}, gen)
		if err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
		if err := load(table, names, rows); err != nil {
			return err
		}
	}
	return nil
}
