package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"github.com/cdrtui/cdrtui/internal/ident"
)

// Site is one cell_sites row: a position one source gives for a cell.
type Site struct {
	ID       int64    `json:"-"`
	SourceID int64    `json:"source_id"`
	Source   string   `json:"source"` // the source's path
	Line     int64    `json:"line"`
	Key      string   `json:"key"`
	Cell     string   `json:"cell_as_written"`
	Radio    string   `json:"radio,omitempty"`
	Lat      float64  `json:"lat"`
	Lon      float64  `json:"lon"`
	Azimuth  *float64 `json:"azimuth,omitempty"`
	Beam     *float64 `json:"beam_width,omitempty"`
	Range    *float64 `json:"range_m,omitempty"`
	Samples  *int64   `json:"samples,omitempty"`
	Address  string   `json:"address,omitempty"`
	// Operator says the source is an operator's list or a CDR (not a
	// crowd-sourced export): its position is preferred.
	Operator bool `json:"-"`
}

// CellRef is a cell of the case: its id, as written and its key.
type CellRef struct {
	ID   int64
	Cell string
	Key  string // "" when the cell could not be keyed
}

// SiteKeys are the keys under which a case cell's sites are found: its own
// (as cell_key or alt_key), and, for a cell identity wider than 16 bits
// (an ECI, an NCI), MCC-MNC-?-CI.
func SiteKeys(key string) []string {
	if key == "" {
		return nil
	}
	keys := []string{key}
	if c, ok := ident.ParseCell(key); ok && c.CI > 0xFFFF && c.LAC >= 0 {
		keys = append(keys, c.AnyLACKey())
	}
	return keys
}

// CellRefs returns the case's cells with the given ids (all of them when
// ids is nil).
func (s *Store) CellRefs(ctx context.Context, ids []int64) ([]CellRef, error) {
	q := "SELECT id, cell, coalesce(cell_key, '') FROM cells"
	var args []any
	if ids != nil {
		raw, _ := json.Marshal(ids)
		q += " WHERE id IN (SELECT value FROM json_each(?))"
		args = append(args, string(raw))
	}
	return queryAll(ctx, s.db, func(c *CellRef) []any { return []any{&c.ID, &c.Cell, &c.Key} }, q+" ORDER BY id", args...)
}

const siteColumns = `cs.id, cs.source_id, src.path, cs.line, cs.cell_key, cs.cell, cs.radio, cs.lat, cs.lon,
	cs.azimuth, cs.beam, cs.range_m, cs.samples, cs.address, src.format NOT LIKE 'OpenCellID%'`

func scanSite(rows *sql.Rows) (Site, error) {
	var st Site
	var az, beam, rng sql.NullFloat64
	var samples sql.NullInt64
	err := rows.Scan(&st.ID, &st.SourceID, &st.Source, &st.Line, &st.Key, &st.Cell, &st.Radio, &st.Lat, &st.Lon,
		&az, &beam, &rng, &samples, &st.Address, &st.Operator)
	if az.Valid {
		st.Azimuth = &az.Float64
	}
	if beam.Valid {
		st.Beam = &beam.Float64
	}
	if rng.Valid {
		st.Range = &rng.Float64
	}
	if samples.Valid {
		st.Samples = &samples.Int64
	}
	return st, err
}

// SitesOf returns every site row found for each cell (by its key, its
// alternative key, and MCC-MNC-?-CI for a 4G/5G cell), keyed by the
// cell's id; a cell with no site is absent. Rows come in the order they
// were imported.
func (s *Store) SitesOf(ctx context.Context, cells []CellRef) (map[int64][]Site, error) {
	out := map[int64][]Site{}
	stmt, err := s.db.PrepareContext(ctx, `SELECT `+siteColumns+` FROM cell_sites cs JOIN sources src ON src.id = cs.source_id
		WHERE cs.cell_key IN (SELECT value FROM json_each(?1)) OR cs.alt_key IN (SELECT value FROM json_each(?1)) ORDER BY cs.id`)
	if err != nil {
		return nil, err
	}
	defer stmt.Close()
	for _, c := range cells {
		keys := SiteKeys(c.Key)
		if keys == nil {
			continue
		}
		raw, _ := json.Marshal(keys)
		rows, err := stmt.QueryContext(ctx, string(raw))
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			st, err := scanSite(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			out[c.ID] = append(out[c.ID], st)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// PlacedCells says which of the given cells (all the case's when nil) have
// at least one site, in one pass over their keys.
func (s *Store) PlacedCells(ctx context.Context, cells []CellRef) (map[int64]bool, error) {
	if cells == nil {
		var err error
		if cells, err = s.CellRefs(ctx, nil); err != nil {
			return nil, err
		}
	}
	byKey := map[string][]int64{}
	var keys []string
	for _, c := range cells {
		for _, k := range SiteKeys(c.Key) {
			if _, seen := byKey[k]; !seen {
				keys = append(keys, k)
			}
			byKey[k] = append(byKey[k], c.ID)
		}
	}
	placed := map[int64]bool{}
	if len(keys) == 0 {
		return placed, nil
	}
	raw, _ := json.Marshal(keys)
	rows, err := s.db.QueryContext(ctx, `SELECT j.value FROM json_each(?) j
		WHERE EXISTS (SELECT 1 FROM cell_sites WHERE cell_key = j.value) OR EXISTS (SELECT 1 FROM cell_sites WHERE alt_key = j.value)`, string(raw))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		for _, id := range byKey[k] {
			placed[id] = true
		}
	}
	return placed, rows.Err()
}

// CellSiteCount is how many site rows the case holds, and for how many
// distinct keys.
func (s *Store) CellSiteCount(ctx context.Context) (rows, keys int64, err error) {
	err = s.db.QueryRowContext(ctx, "SELECT count(*), count(DISTINCT cell_key) FROM cell_sites").Scan(&rows, &keys)
	return rows, keys, err
}

// Coverage is how much of a subscriber's (or the case's) records could be
// placed: records whose cell has a site.
type Coverage struct {
	Records     int64 `json:"records"`
	WithCell    int64 `json:"records_with_cell"`
	Placed      int64 `json:"records_placed"`
	Cells       int64 `json:"cells"`
	CellsPlaced int64 `json:"cells_placed"`
}

// Share is the share of records placed, 0 when there are none.
func (c Coverage) Share() float64 {
	if c.Records == 0 {
		return 0
	}
	return float64(c.Placed) / float64(c.Records)
}

// CoverageOf counts the records of subscriber sub (every subscriber when
// sub is 0) that could be placed, from the summaries (the whole case).
func (s *Store) CoverageOf(ctx context.Context, sub int64) (Coverage, error) {
	var cov Coverage
	where, args := "", []any{}
	if sub != 0 {
		where, args = " WHERE id = ?", []any{sub}
	}
	if err := s.db.QueryRowContext(ctx, "SELECT coalesce(sum(data_records + voice_records), 0) FROM subscribers"+where, args...).Scan(&cov.Records); err != nil {
		return cov, err
	}
	q := "SELECT cell_id, sum(records) FROM subscriber_cells"
	if sub != 0 {
		q += " WHERE subscriber_id = ?"
	}
	uses, err := queryAll(ctx, s.db, func(u *CellRecords) []any { return []any{&u.Cell, &u.Records} }, q+" GROUP BY cell_id", args...)
	if err != nil {
		return cov, err
	}
	return TallyPlaced(ctx, s, cov, uses)
}

// CellRecords is a cell and how many records were made in it.
type CellRecords struct{ Cell, Records int64 }

// cellPlacer is a case that names its cells and says which have a site
// (a local case, a case on ClickHouse).
type cellPlacer interface {
	CellRefs(ctx context.Context, ids []int64) ([]CellRef, error)
	PlacedCells(ctx context.Context, cells []CellRef) (map[int64]bool, error)
}

// TallyPlaced adds to cov the cells used and their records, and those of
// them a site places.
func TallyPlaced(ctx context.Context, p cellPlacer, cov Coverage, uses []CellRecords) (Coverage, error) {
	ids := make([]int64, len(uses))
	for i, u := range uses {
		ids[i] = u.Cell
	}
	refs, err := p.CellRefs(ctx, ids)
	if err != nil {
		return cov, err
	}
	placed, err := p.PlacedCells(ctx, refs)
	if err != nil {
		return cov, err
	}
	for _, u := range uses {
		cov.Cells++
		cov.WithCell += u.Records
		if placed[u.Cell] {
			cov.CellsPlaced++
			cov.Placed += u.Records
		}
	}
	return cov, nil
}

// LocRecord is one record of a subscriber as location sees it: when, in
// which cell, and where it came from.
type LocRecord struct {
	Kind     string // ipdr or voice
	ID       int64
	SourceID int64
	Line     int64
	Start    int64 // Unix seconds
	Offset   int32 // wall_offset
	CellID   int64 // 0 when the record names no cell
}

// Wall is the record's wall clock as written in the evidence.
func (r LocRecord) Wall() int64 { return r.Start + int64(r.Offset) }

// LocationRecords returns every data and voice record of subscriber sub
// whose wall clock is in [from, to) (0: open), in wall-clock order.
func (s *Store) LocationRecords(ctx context.Context, sub int64, from, to int64) ([]LocRecord, error) {
	cond, args := wallScopeSQL("r", from, to)
	all := append(append([]any{sub}, args...), append([]any{sub}, args...)...)
	return queryAll(ctx, s.db, func(r *LocRecord) []any {
		return []any{&r.Kind, &r.ID, &r.SourceID, &r.Line, &r.Start, &r.Offset, &r.CellID}
	}, `SELECT kind, id, source_id, line, start, wall_offset, cell FROM (
		SELECT 'ipdr' AS kind, r.id, r.source_id, r.line, r.start, r.wall_offset, coalesce(r.cell_id, 0) AS cell FROM ipdr r WHERE r.subscriber_id = ? AND `+cond+`
		UNION ALL
		SELECT 'voice', r.id, r.source_id, r.line, r.start, r.wall_offset, coalesce(r.cell_id, 0) FROM voice r WHERE r.subscriber_id = ? AND `+cond+`)
		ORDER BY start + wall_offset, kind, id`, all...)
}

// busiestSQL orders subscribers by their records, most first.
const busiestSQL = "SELECT msisdn FROM subscribers ORDER BY data_records + voice_records DESC, msisdn LIMIT ?"

// BusiestSubscribers returns the n subscribers with the most records.
func (s *Store) BusiestSubscribers(ctx context.Context, n int) ([]string, error) {
	rows, err := queryAll(ctx, s.db, func(v *string) []any { return []any{v} }, busiestSQL, n)
	return rows, err
}

// PlacedShares is CoverageOf for several subscribers at once (the
// Overview's page of rows): each one's records and how many of them name a
// cell with a position.
func (s *Store) PlacedShares(ctx context.Context, subs []int64) (map[int64]Coverage, error) {
	out := map[int64]Coverage{}
	if len(subs) == 0 {
		return out, nil
	}
	raw, _ := json.Marshal(subs)
	type total struct{ id, records int64 }
	totals, err := queryAll(ctx, s.db, func(t *total) []any { return []any{&t.id, &t.records} },
		"SELECT id, data_records + voice_records FROM subscribers WHERE id IN (SELECT value FROM json_each(?))", string(raw))
	if err != nil {
		return nil, err
	}
	for _, t := range totals {
		out[t.id] = Coverage{Records: t.records}
	}
	type use struct{ sub, cell, records int64 }
	uses, err := queryAll(ctx, s.db, func(u *use) []any { return []any{&u.sub, &u.cell, &u.records} },
		"SELECT subscriber_id, cell_id, sum(records) FROM subscriber_cells WHERE subscriber_id IN (SELECT value FROM json_each(?)) GROUP BY 1, 2", string(raw))
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	var ids []int64
	for _, u := range uses {
		if !seen[u.cell] {
			seen[u.cell] = true
			ids = append(ids, u.cell)
		}
	}
	placed := map[int64]bool{}
	if len(ids) > 0 {
		refs, err := s.CellRefs(ctx, ids)
		if err != nil {
			return nil, err
		}
		if placed, err = s.PlacedCells(ctx, refs); err != nil {
			return nil, err
		}
	}
	for _, u := range uses {
		c := out[u.sub]
		c.Cells++
		c.WithCell += u.records
		if placed[u.cell] {
			c.CellsPlaced++
			c.Placed += u.records
		}
		out[u.sub] = c
	}
	return out, nil
}
