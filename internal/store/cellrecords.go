package store

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/cdrtui/cdrtui/internal/analysis"
)

// CellRecord is one record found in a cell: who, when, where it came from.
type CellRecord struct {
	Kind         string `json:"kind"` // ipdr or voice
	ID           int64  `json:"-"`
	SubscriberID int64  `json:"-"`
	MSISDN       string `json:"msisdn"`
	CellID       int64  `json:"-"`
	Cell         string `json:"cell"`
	Source       string `json:"file"`
	Line         int64  `json:"line"`
	Start        int64  `json:"-"`
	Offset       int32  `json:"-"`
}

// Wall is the record's wall clock as written.
func (r CellRecord) Wall() int64 { return r.Start + int64(r.Offset) }

// RecordsInCells returns every data and voice record in one of the cells
// whose wall clock is in [from, to), read through ipdr_by_cell and
// voice_by_cell (the window first narrowed on start by 14 hours each side,
// the widest wall offset), ordered by wall clock, kind and id.
func (s *Store) RecordsInCells(ctx context.Context, cells []int64, from, to int64) ([]CellRecord, error) {
	if len(cells) == 0 {
		return nil, nil
	}
	raw, _ := json.Marshal(cells)
	part := func(kind, table string) string {
		return `SELECT '` + kind + `' AS kind, r.id AS id, r.subscriber_id, m.msisdn, r.cell_id, c.cell, src.path, r.line, r.start, r.wall_offset,
		r.start + r.wall_offset AS wall
		FROM json_each(?1) j CROSS JOIN ` + table + ` r INDEXED BY ` + table + `_by_cell
		JOIN subscribers m ON m.id = r.subscriber_id JOIN cells c ON c.id = r.cell_id JOIN sources src ON src.id = r.source_id
		WHERE r.cell_id = j.value AND r.start >= ?2 - 50400 AND r.start < ?3 + 50400
		AND r.start + r.wall_offset >= ?2 AND r.start + r.wall_offset < ?3`
	}
	q := "SELECT * FROM (" + part("ipdr", "ipdr") + " UNION ALL " + part("voice", "voice") + ") ORDER BY wall, kind, id"
	var wall int64
	return queryAll(ctx, s.db, func(r *CellRecord) []any {
		return []any{&r.Kind, &r.ID, &r.SubscriberID, &r.MSISDN, &r.CellID, &r.Cell, &r.Source, &r.Line, &r.Start, &r.Offset, &wall}
	}, q, string(raw), from, to)
}

// ResolveCells finds the case's cells the specs stand for (an exact cell in
// any encoding, by its canonical key, or every cell beginning with a
// prefix), in id order; unknown lists exact cells the case does not hold.
func (s *Store) ResolveCells(ctx context.Context, specs []analysis.CellSpec) (ids []int64, unknown []string, err error) {
	set, unknown, err := s.resolveHuntCells(ctx, specs)
	if err != nil {
		return nil, nil, err
	}
	for id := range set {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids, unknown, nil
}

// CountInCellsByScan counts what RecordsInCells returns by a scan of every
// record, without the cell indexes: the reference the scenes benchmark
// measures its ratio against.
func (s *Store) CountInCellsByScan(ctx context.Context, cells []int64, from, to int64) (int64, error) {
	raw, _ := json.Marshal(cells)
	var n int64
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM ipdr NOT INDEXED WHERE cell_id IN (SELECT value FROM json_each(?1))
		AND start + wall_offset >= ?2 AND start + wall_offset < ?3) + (SELECT count(*) FROM voice NOT INDEXED WHERE cell_id IN
		(SELECT value FROM json_each(?1)) AND start + wall_offset >= ?2 AND start + wall_offset < ?3)`, string(raw), from, to).Scan(&n)
	return n, err
}

// BusiestCells returns the cells (as written) with the most records, from
// the summaries.
func (s *Store) BusiestCells(ctx context.Context, n int) ([]string, error) {
	return queryAll(ctx, s.db, func(v *string) []any { return []any{v} },
		"SELECT c.cell FROM subscriber_cells sc JOIN cells c ON c.id = sc.cell_id GROUP BY sc.cell_id ORDER BY sum(sc.records) DESC, c.cell LIMIT ?", n)
}

// CellSpan is a cell and a wall-clock window [From, To) in it.
type CellSpan struct {
	Cell     int64
	From, To int64
}
