package clickhouse

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"github.com/cdrtui/cdrtui/internal/store"
)

// batchRows is how many records one insert carries to a shard: large
// enough for ClickHouse (a part per insert), small enough that the
// batches of both shards, held in Go until sent, stay some tens of MB
// (at 50,000, cdrtui's peak RSS importing 1,131,580 rows was 256-264 MB;
// at 20,000, 176 MB; the heap limit, 96 or 120 MB, changed nothing).
const batchRows = 20_000

// Import reads paths as a local import would (the same readers,
// validation, rejects, SHA-256 and provenance: into a staging case in a
// temporary directory, removed at the end), then copies each source not
// already in the cluster (by SHA-256) in large batches: its sources row,
// new subscribers, devices and cells, its records routed to their shards,
// its rejects and overlap provenance, and last the one row marking it
// complete. Readers see complete sources only, so an interrupted import
// leaves nothing partial in sight, and importing it again copies it anew.
func (s *Store) Import(ctx context.Context, paths []string, opts store.ImportOptions) ([]store.FileResult, error) {
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
	// the case's numbering plan, and how it was decided, as the staging
	// case's: files are keyed, and say so, as in a local case holding it
	for _, key := range []string{"country", "country_source"} {
		v, err := s.info(ctx, key)
		if err != nil {
			return nil, err
		}
		if v != "" {
			if err := stage.SetInfo(ctx, key, v); err != nil {
				return nil, err
			}
		}
	}
	pbx, err := s.stagePBX(ctx, stage) // the case's PBX rows, beside which the files are read (pbx.go)
	if err != nil {
		return nil, err
	}
	t0 := time.Now()
	results, err := stage.Import(ctx, paths, opts)
	if err != nil {
		return results, err
	}
	if importPhases != nil {
		staged, t1 := time.Since(t0), time.Now()
		defer func() { importPhases(staged, time.Since(t1)) }()
	}
	c, err := s.newCopier(ctx, stage)
	if err != nil {
		return results, err
	}
	c.refused = refuseUnkept(results)
	ids, err := pbx.copySources(ctx, c) // c.copySources, then the PBX's sources (pbx.go)
	if err != nil {
		return results, err
	}
	mapResults(results, ids)
	return results, c.copyInfo(ctx)
}

// mapResults names each imported file's source as the cluster numbers it,
// and says of a file the cluster held already (same SHA-256) that it was
// skipped, with nothing imported.
func mapResults(results []store.FileResult, ids map[int64]mapped) {
	for i := range results {
		r := &results[i]
		if r.SourceID == 0 {
			continue
		}
		m := ids[r.SourceID]
		switch {
		case m.already:
			r.Skipped = fmt.Sprintf("already in the case as source %d (%s): same SHA-256", m.id, m.path)
			// as a local case says it: nothing read into the case
			r.Rows, r.Rejected, r.Dropped, r.SourceID, r.Keys = 0, 0, 0, 0, ""
			r.AlreadyInCase, r.RepeatedInFile, r.Flagged, r.Duplicates, r.ReportLines = 0, 0, 0, 0, 0
			r.SetInCase()
			continue
		case m.refused != "":
			r.Error = "not imported: " + m.refused + "; nothing of this file is in the case (import it alone, or into a local case)"
			r.Rows, r.Rejected, r.Dropped, r.AlreadyInCase, r.RepeatedInFile = 0, 0, 0, 0, 0
			r.SourceID = 0
			continue
		default:
			r.Rows -= m.t.dropped
			r.AlreadyInCase += m.t.dropped + m.t.moved
			r.RepeatedInFile -= m.t.moved
		}
		r.SourceID = m.id
	}
}

// importPhases, when set (benchmarks), is told how long the staging
// import and the copy into the cluster took.
var importPhases func(stage, copy time.Duration)

// beforeMark, when set (tests), runs after a source's rows are written
// and before it is marked complete: an error there is an import
// interrupted at its worst moment.
var beforeMark func(id int64) error

// mapped is where a staged source went.
type mapped struct {
	id      int64
	path    string
	already bool   // the cluster held it (same SHA-256): nothing copied
	refused string // why its overlap with the case could not be resolved: nothing copied
	t       tally  // what the overlap with the cluster changed in its counts
}

// copier copies a staging case into the cluster.
type copier struct {
	s     *Store
	stage *store.Store
	// the cluster's complete sources by SHA-256, and its dimensions by
	// value (only those of complete sources are reused)
	done    map[string]mapped
	refused map[int64]bool // staged sources not kept (refuseUnkept), or kept apart (a PBX's)
	// the new staged sources kept apart (a seized PBX's, pbx.go) and the
	// ids copySources reserves for them in the order read, as a local case
	// numbers its sources
	apart, reserved         map[int64]int64
	subs, devices, cells    map[string]int64
	subMap, devMap, cellMap map[int64]int64 // staging id -> cluster id
	nextSource, nextSub     int64
	nextDevice, nextCell    int64
	recs                    map[string]*recState // numbering and overlap of each record kind (placeSource)
	cur                     map[string]idRange   // the staged ids of the source being copied, by kind
	now                     int64
}

func (s *Store) newCopier(ctx context.Context, stage *store.Store) (*copier, error) {
	c := &copier{s: s, stage: stage, done: map[string]mapped{}, apart: map[int64]int64{}, reserved: map[int64]int64{}, subs: map[string]int64{}, devices: map[string]int64{},
		cells: map[string]int64{}, subMap: map[int64]int64{}, devMap: map[int64]int64{}, cellMap: map[int64]int64{},
		now: time.Now().Unix()}
	rows, err := s.home.Query(ctx, s.sql(`SELECT id, sha256, path FROM {db}.sources WHERE id IN (SELECT id FROM {db}.source_complete)`))
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var m mapped
		var sha string
		if err := rows.Scan(&m.id, &sha, &m.path); err != nil {
			rows.Close()
			return nil, err
		}
		m.already = true
		c.done[sha] = m
	}
	rows.Close()
	complete := `WHERE source_id IN (SELECT id FROM {db}.source_complete)`
	if err := s.scanPairs(ctx, `SELECT id, msisdn FROM {db}.subscribers `+complete, c.subs); err != nil {
		return nil, err
	}
	if err := s.scanPairs(ctx, `SELECT id, concat(imsi, '|', imei) FROM {db}.devices `+complete, c.devices); err != nil {
		return nil, err
	}
	if err := s.scanPairs(ctx, `SELECT id, cell FROM {db}.cells `+complete, c.cells); err != nil {
		return nil, err
	}
	for _, q := range []struct {
		dst *int64
		sql string
	}{
		{&c.nextSub, `SELECT max(id) FROM {db}.subscribers`},
		{&c.nextDevice, `SELECT max(id) FROM {db}.devices`},
		{&c.nextCell, `SELECT max(id) FROM {db}.cells`},
	} {
		if err := s.home.QueryRow(ctx, s.sql(q.sql)).Scan(q.dst); err != nil {
			return nil, err
		}
	}
	// a source's number is claimed by the first row written with it: a
	// copy interrupted before its sources row (written last but for its
	// mark) leaves rows under that number, which must stay unseen
	for _, t := range []string{"{db}.sources", "{db}.subscribers", "{db}.devices", "{db}.cells", "{db}.rejects",
		"{db}.record_sources", "{db}.cell_sites", "{db}.map_layers", "{ipdr}", "{voice}"} {
		col := "source_id"
		if t == "{db}.sources" {
			col = "id"
		}
		var n int64
		if err := s.home.QueryRow(ctx, s.sql(`SELECT max(`+col+`) FROM `+t)).Scan(&n); err != nil {
			return nil, err
		}
		c.nextSource = max(c.nextSource, n)
	}
	return c, nil
}

func (s *Store) scanPairs(ctx context.Context, q string, into map[string]int64) error {
	rows, err := s.home.Query(ctx, s.sql(q))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var v string
		if err := rows.Scan(&id, &v); err != nil {
			return err
		}
		if _, ok := into[v]; !ok {
			into[v] = id
		}
	}
	return rows.Err()
}

// copySources copies each staged source in order.
func (c *copier) copySources(ctx context.Context) (map[int64]mapped, error) {
	type staged struct {
		id  int64
		row []any
	}
	var sources []staged
	err := c.stage.StagedRows(ctx, `SELECT id, path, location, kind, format, sha256, size, coalesce(modified_at, 0), imported_at,
		tz, date_order, mapping, rows_imported, rows_rejected, fields_dropped, rows_already, notes, sheet, workbook_sha256, country
		FROM sources ORDER BY id`, func(row []any) error {
		sources = append(sources, staged{id: asInt(row[0]), row: append([]any(nil), row...)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := map[int64]mapped{}
	for _, src := range sources {
		if c.refused[src.id] {
			if _, ok := c.apart[src.id]; ok {
				c.nextSource++
				c.reserved[src.id] = c.nextSource
			}
			continue
		}
		sha := asString(src.row[5])
		if m, ok := c.done[sha]; ok {
			out[src.id] = m
			continue
		}
		c.nextSource++
		m := mapped{id: c.nextSource, path: asString(src.row[1])}
		t, err := c.copySource(ctx, src.id, m.id, src.row)
		var refuse errUnresolved
		if errors.As(err, &refuse) {
			c.nextSource--
			out[src.id] = mapped{refused: refuse.why}
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("copy %s into ClickHouse: %w", m.path, err)
		}
		m.t = t
		c.done[sha] = m
		out[src.id] = m
	}
	return out, nil
}

// copySource copies one staged source: its dimensions, records (less
// those the cluster holds already), rejects, provenance and sites, then
// its sources row; its mark of completion is the last row written. A
// source whose overlap with the case cannot be resolved is refused
// (errUnresolved) before anything of it is written.
func (c *copier) copySource(ctx context.Context, stagedID, id int64, src []any) (tally, error) {
	var t tally
	s := c.s
	if err := c.placeSource(ctx, stagedID); err != nil {
		return t, err
	}
	for _, kind := range []string{"ipdr", "voice"} {
		if err := c.unresolved(ctx, c.recs[kind], stagedID); err != nil {
			return t, err
		}
	}
	if err := c.copyDimensions(ctx, stagedID, id); err != nil {
		return t, err
	}
	for _, kind := range []string{"ipdr", "voice"} {
		if err := c.copyRecords(ctx, c.recs[kind], stagedID, id, &t); err != nil {
			return t, err
		}
	}
	if err := c.copyRejects(ctx, stagedID, id); err != nil {
		return t, err
	}
	if err := c.copyProvenance(ctx, stagedID, id, &t); err != nil {
		return t, err
	}
	if err := c.copySites(ctx, stagedID, id); err != nil {
		return t, err
	}
	b, err := s.home.PrepareBatch(ctx, s.sql(`INSERT INTO {db}.sources (id, path, location, kind, format, sha256, size,
		modified_at, imported_at, tz, date_order, mapping, rows_imported, rows_rejected, fields_dropped, rows_already,
		notes, sheet, workbook_sha256, country)`))
	if err != nil {
		return t, err
	}
	vals := []any{id}
	for i, v := range src[1:] {
		switch i + 1 {
		case 12: // rows_imported: less the rows the cluster held
			vals = append(vals, asInt(v)-t.dropped)
		case 15: // rows_already: more by as many
			vals = append(vals, asInt(v)+t.dropped)
		case 6, 7, 8, 13, 14:
			vals = append(vals, asInt(v))
		default:
			vals = append(vals, asString(v))
		}
	}
	if err := b.Append(vals...); err != nil {
		return t, err
	}
	if err := b.Send(); err != nil {
		return t, err
	}
	if beforeMark != nil {
		if err := beforeMark(id); err != nil {
			return t, err
		}
	}
	mark, err := s.home.PrepareBatch(ctx, s.sql(`INSERT INTO {db}.source_complete (id, at)`))
	if err != nil {
		return t, err
	}
	if err := mark.Append(id, c.now); err != nil {
		return t, err
	}
	return t, mark.Send()
}

// copyDimensions gives the subscribers, devices and cells this source's
// records name their cluster ids: the id of the same value when the
// cluster holds it, else the next, in the staging case's order (the order
// of first appearance, as a local case numbers them).
func (c *copier) copyDimensions(ctx context.Context, stagedID, id int64) error {
	s := c.s
	type dim struct {
		query, insert string
		key           func(row []any) string
		byValue       map[string]int64
		byStaged      map[int64]int64
		next          *int64
		values        func(newID int64, row []any) []any
	}
	dims := []dim{
		{`SELECT id, msisdn, msisdn_key FROM subscribers WHERE id IN
			(SELECT subscriber_id FROM ipdr WHERE source_id = ?1 UNION SELECT subscriber_id FROM voice WHERE source_id = ?1) ORDER BY id`,
			`INSERT INTO {db}.subscribers (id, msisdn, msisdn_key, source_id)`,
			func(r []any) string { return asString(r[1]) }, c.subs, c.subMap, &c.nextSub,
			func(n int64, r []any) []any { return []any{n, asString(r[1]), nStr(r[2]), id} }},
		{`SELECT id, imsi, imei, handset FROM devices WHERE id IN
			(SELECT device_id FROM ipdr WHERE source_id = ?1 UNION SELECT device_id FROM voice WHERE source_id = ?1) ORDER BY id`,
			`INSERT INTO {db}.devices (id, imsi, imei, handset, source_id)`,
			func(r []any) string { return asString(r[1]) + "|" + asString(r[2]) }, c.devices, c.devMap, &c.nextDevice,
			func(n int64, r []any) []any { return []any{n, asString(r[1]), asString(r[2]), asString(r[3]), id} }},
		{`SELECT id, cell, cell_key, generation FROM cells WHERE id IN
			(SELECT cell_id FROM ipdr WHERE source_id = ?1 UNION SELECT cell_id FROM voice WHERE source_id = ?1) ORDER BY id`,
			`INSERT INTO {db}.cells (id, cell, cell_key, generation, source_id)`,
			func(r []any) string { return asString(r[1]) }, c.cells, c.cellMap, &c.nextCell,
			func(n int64, r []any) []any { return []any{n, asString(r[1]), nStr(r[2]), nStr(r[3]), id} }},
	}
	for _, d := range dims {
		var batch driver.Batch
		err := c.stage.StagedRows(ctx, d.query, func(row []any) error {
			sid := asInt(row[0])
			if _, ok := d.byStaged[sid]; ok {
				return nil
			}
			k := d.key(row)
			if cid, ok := d.byValue[k]; ok {
				d.byStaged[sid] = cid
				return nil
			}
			*d.next++
			d.byValue[k], d.byStaged[sid] = *d.next, *d.next
			if batch == nil {
				var err error
				if batch, err = s.home.PrepareBatch(ctx, s.sql(d.insert)); err != nil {
					return err
				}
			}
			return batch.Append(d.values(*d.next, row)...)
		}, stagedID)
		if err != nil {
			return err
		}
		if batch != nil {
			if err := batch.Send(); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *copier) copyRejects(ctx context.Context, stagedID, id int64) error {
	s := c.s
	var b driver.Batch
	n := 0
	err := c.stage.StagedRows(ctx, `SELECT line, severity, reason, raw FROM rejects WHERE source_id = ? ORDER BY rowid`, func(row []any) error {
		if b == nil {
			var err error
			if b, err = s.home.PrepareBatch(ctx, s.sql(`INSERT INTO {db}.rejects (source_id, line, severity, reason, raw)`)); err != nil {
				return err
			}
		}
		n++
		return b.Append(id, asInt(row[0]), asString(row[1]), asString(row[2]), asString(row[3]))
	}, stagedID)
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

// copyInfo keeps the staging case's numbering plan as the cluster case's
// when it has none.
func (c *copier) copyInfo(ctx context.Context) error {
	for _, key := range []string{"country", "country_source"} {
		have, err := c.s.info(ctx, key)
		if err != nil || have != "" {
			return err
		}
		v, err := c.stage.Info(ctx, key)
		if err != nil || v == "" {
			continue
		}
		if err := c.s.setInfo(ctx, key, v); err != nil {
			return err
		}
	}
	return nil
}
