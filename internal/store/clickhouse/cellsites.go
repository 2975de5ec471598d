package clickhouse

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
)

// The questions of the location analyses: the cells' sites (read for
// complete sources only, as every table of the case), and the records by
// subscriber and by cell, asked on the shards.

// quote writes a string literal (the queries that carry cell keys, which
// may hold a '?', are sent without arguments, so nothing else binds).
func quote(v string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(v) + "'"
}

func quoteList(vs []string) string {
	if len(vs) == 0 {
		return "''"
	}
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = quote(v)
	}
	return strings.Join(q, ", ")
}

// CellRefs returns the case's cells with the given ids (all of them when
// ids is nil), in id order.
func (s *Store) CellRefs(ctx context.Context, ids []int64) ([]store.CellRef, error) {
	q := `SELECT id, cell, ifNull(cell_key, '') FROM {db}.cells` + completeDims
	if ids != nil {
		q += ` AND id IN (` + orNone(ids) + `)`
	}
	out := []store.CellRef{}
	err := s.each(ctx, q+` ORDER BY id`, func(sc scanner) error {
		var c store.CellRef
		err := sc.Scan(&c.ID, &c.Cell, &c.Key)
		out = append(out, c)
		return err
	})
	return out, err
}

// siteSource is what a site row cites: its source's path, and whether the
// source is an operator's (not a crowd-sourced export).
type siteSource struct {
	path     string
	operator bool
}

func (s *Store) siteSources(ctx context.Context) (map[int64]siteSource, error) {
	out := map[int64]siteSource{}
	err := s.each(ctx, `SELECT id, path, format NOT LIKE 'OpenCellID%' FROM {db}.sources WHERE id IN (SELECT id FROM {db}.source_complete)`, func(sc scanner) error {
		var id int64
		var src siteSource
		var op uint8
		err := sc.Scan(&id, &src.path, &op)
		src.operator = op != 0
		out[id] = src
		return err
	})
	return out, err
}

// siteBatchCells is how many cells one query of their sites asks for.
const siteBatchCells = 4096

// SitesOf returns every site row found for each cell (by its key, its
// alternative key, and MCC-MNC-?-CI for a 4G/5G cell), keyed by the
// cell's id, in the order they were imported; a cell with no site is
// absent. As store.Store.SitesOf, a few thousand cells per query.
func (s *Store) SitesOf(ctx context.Context, cells []store.CellRef) (map[int64][]store.Site, error) {
	out := map[int64][]store.Site{}
	if s.noSites {
		return out, nil
	}
	srcs, err := s.siteSources(ctx)
	if err != nil {
		return nil, err
	}
	for start := 0; start < len(cells); start += siteBatchCells {
		byKey, keys := siteKeysOf(cells[start:min(start+siteBatchCells, len(cells))])
		if len(keys) == 0 {
			continue
		}
		list := quoteList(keys)
		err := s.each(ctx, `SELECT id, source_id, line, cell_key, ifNull(alt_key, ''), cell, radio, lat, lon, azimuth, beam, range_m, samples, address
			FROM {db}.cell_sites WHERE (cell_key IN (`+list+`) OR alt_key IN (`+list+`)) AND source_id IN (SELECT id FROM {db}.source_complete)
			ORDER BY id`, func(sc scanner) error {
			var st store.Site
			var alt string
			if err := sc.Scan(&st.ID, &st.SourceID, &st.Line, &st.Key, &alt, &st.Cell, &st.Radio, &st.Lat, &st.Lon,
				&st.Azimuth, &st.Beam, &st.Range, &st.Samples, &st.Address); err != nil {
				return err
			}
			src := srcs[st.SourceID]
			st.Source, st.Operator = src.path, src.operator
			done := map[int64]bool{}
			for _, k := range []string{st.Key, alt} {
				for _, id := range byKey[k] {
					if k != "" && !done[id] {
						done[id] = true
						out[id] = append(out[id], st)
					}
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// siteKeysOf is the keys a site of the cells may be filed under, in
// order of first appearance, with the cells each stands for.
func siteKeysOf(cells []store.CellRef) (byKey map[string][]int64, keys []string) {
	byKey = map[string][]int64{}
	for _, c := range cells {
		for _, k := range store.SiteKeys(c.Key) {
			if _, seen := byKey[k]; !seen {
				keys = append(keys, k)
			}
			byKey[k] = append(byKey[k], c.ID)
		}
	}
	return byKey, keys
}

// PlacedCells says which of the given cells (all the case's when nil)
// have at least one site.
func (s *Store) PlacedCells(ctx context.Context, cells []store.CellRef) (map[int64]bool, error) {
	if cells == nil {
		var err error
		if cells, err = s.CellRefs(ctx, nil); err != nil {
			return nil, err
		}
	}
	placed := map[int64]bool{}
	if s.noSites {
		return placed, nil
	}
	for start := 0; start < len(cells); start += siteBatchCells {
		byKey, keys := siteKeysOf(cells[start:min(start+siteBatchCells, len(cells))])
		if len(keys) == 0 {
			continue
		}
		list := quoteList(keys)
		err := s.each(ctx, `SELECT DISTINCT cell_key, ifNull(alt_key, '') FROM {db}.cell_sites
			WHERE (cell_key IN (`+list+`) OR alt_key IN (`+list+`)) AND source_id IN (SELECT id FROM {db}.source_complete)`, func(sc scanner) error {
			var key, alt string
			if err := sc.Scan(&key, &alt); err != nil {
				return err
			}
			for _, k := range []string{key, alt} {
				if k != "" {
					for _, id := range byKey[k] {
						placed[id] = true
					}
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return placed, nil
}

// CellSiteCount is how many site rows the case holds, and for how many
// distinct keys.
func (s *Store) CellSiteCount(ctx context.Context) (rows, keys int64, err error) {
	if s.noSites {
		return 0, 0, nil
	}
	var r, k uint64
	err = s.home.QueryRow(ctx, s.sql(`SELECT count(), uniqExact(cell_key) FROM {db}.cell_sites`+completeDims)).Scan(&r, &k)
	return int64(r), int64(k), s.explain(err)
}

// CoverageOf counts the records of subscriber sub (every subscriber when
// sub is 0) that could be placed, as store.Store.CoverageOf: the records
// by cell counted on the shards.
func (s *Store) CoverageOf(ctx context.Context, sub int64) (store.Coverage, error) {
	var cov store.Coverage
	cond := ""
	if sub != 0 {
		cond = fmt.Sprintf(" AND subscriber_id = %d", sub)
	}
	var uses []store.CellRecords
	err := s.each(ctx, `SELECT ifNull(cell_id, 0) AS c, count() FROM (
		SELECT cell_id FROM {ipdr} WHERE {visible}`+cond+` UNION ALL SELECT cell_id FROM {voice} WHERE {visible}`+cond+`)
		GROUP BY c`, func(sc scanner) error {
		var c int64
		var n uint64
		if err := sc.Scan(&c, &n); err != nil {
			return err
		}
		cov.Records += int64(n)
		if c != 0 {
			uses = append(uses, store.CellRecords{Cell: c, Records: int64(n)})
		}
		return nil
	})
	if err != nil {
		return cov, err
	}
	return store.TallyPlaced(ctx, s, cov, uses)
}

// LocationRecords returns every data and voice record of subscriber sub
// whose wall clock is in [from, to) (0: open), in wall-clock order (then
// kind and id), as store.Store.LocationRecords.
func (s *Store) LocationRecords(ctx context.Context, sub int64, from, to int64) ([]store.LocRecord, error) {
	scope := wallScope(from, to)
	var out []store.LocRecord
	err := s.each(ctx, fmt.Sprintf(`SELECT kind, id, source_id, line, start, wall_offset, cell FROM (
		SELECT 'ipdr' AS kind, id, source_id, line, start, wall_offset, ifNull(cell_id, 0) AS cell FROM {ipdr} WHERE subscriber_id = %[1]d AND {visible}%[2]s
		UNION ALL
		SELECT 'voice' AS kind, id, source_id, line, start, wall_offset, ifNull(cell_id, 0) AS cell FROM {voice} WHERE subscriber_id = %[1]d AND {visible}%[2]s)
		ORDER BY start + wall_offset, kind, id`, sub, scope), func(sc scanner) error {
		var r store.LocRecord
		err := sc.Scan(&r.Kind, &r.ID, &r.SourceID, &r.Line, &r.Start, &r.Offset, &r.CellID)
		out = append(out, r)
		return err
	})
	return out, err
}

// RecordsInCells returns every data and voice record in one of the cells
// whose wall clock is in [from, to), ordered by wall clock, kind and id,
// as store.Store.RecordsInCells: the cells and the window (first on start,
// widened by 14 hours each side, then on the wall clock) asked on the
// shards, the names of who and where added from the small tables.
func (s *Store) RecordsInCells(ctx context.Context, cells []int64, from, to int64) ([]store.CellRecord, error) {
	if len(cells) == 0 {
		return nil, nil
	}
	cond := fmt.Sprintf(`cell_id IN (%s) AND start >= %d AND start < %d AND start + wall_offset >= %d AND start + wall_offset < %d AND {visible}`,
		idList(cells), from-50400, to+50400, from, to)
	var out []store.CellRecord
	var srcs []int64 // each record's source, named below
	err := s.each(ctx, `SELECT kind, id, subscriber_id, cell, source_id, line, start, wall_offset FROM (
		SELECT 'ipdr' AS kind, id, subscriber_id, assumeNotNull(cell_id) AS cell, source_id, line, start, wall_offset FROM {ipdr} WHERE `+cond+`
		UNION ALL
		SELECT 'voice' AS kind, id, subscriber_id, assumeNotNull(cell_id) AS cell, source_id, line, start, wall_offset FROM {voice} WHERE `+cond+`)
		ORDER BY start + wall_offset, kind, id`, func(sc scanner) error {
		var r store.CellRecord
		var src int64
		err := sc.Scan(&r.Kind, &r.ID, &r.SubscriberID, &r.CellID, &src, &r.Line, &r.Start, &r.Offset)
		out, srcs = append(out, r), append(srcs, src)
		return err
	})
	if err != nil || len(out) == 0 {
		return out, err
	}
	subs, cellIDs := map[int64]bool{}, map[int64]bool{}
	for _, r := range out {
		subs[r.SubscriberID], cellIDs[r.CellID] = true, true
	}
	names := map[int64]string{}
	msisdn, err := s.msisdns(ctx, subs)
	if err != nil {
		return nil, err
	}
	err = s.each(ctx, `SELECT id, cell FROM {db}.cells`+completeDims+` AND id IN (`+idList(keysOf(cellIDs))+`)`, func(sc scanner) error {
		var id int64
		var v string
		err := sc.Scan(&id, &v)
		names[id] = v
		return err
	})
	if err != nil {
		return nil, err
	}
	paths, err := s.SourcePaths(ctx)
	if err != nil {
		return nil, err
	}
	for i := range out {
		r := &out[i]
		r.MSISDN, r.Cell, r.Source = msisdn[r.SubscriberID], names[r.CellID], paths[srcs[i]]
	}
	return out, nil
}

// keysOf is a map's ids in order.
func keysOf[V any](m map[int64]V) []int64 {
	out := make([]int64, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// ResolveCells finds the case's cells the specs stand for (an exact cell
// in any encoding, by its canonical key, or every cell beginning with a
// prefix), in id order; unknown lists exact cells the case does not hold.
func (s *Store) ResolveCells(ctx context.Context, specs []analysis.CellSpec) (ids []int64, unknown []string, err error) {
	set, unknown, err := s.huntCells(ctx, specs)
	if err != nil {
		return nil, nil, err
	}
	ids = keysOf(set)
	return ids, unknown, nil
}

// Layers returns the base layers kept in the case.
func (s *Store) Layers(ctx context.Context) ([]store.Layer, error) {
	out := []store.Layer{}
	if s.noSites {
		return out, nil
	}
	err := s.each(ctx, `SELECT id, source_id, name, geojson FROM {db}.map_layers`+completeDims+` ORDER BY id`, func(sc scanner) error {
		var l store.Layer
		var raw string
		if err := sc.Scan(&l.ID, &l.SourceID, &l.Name, &raw); err != nil {
			return err
		}
		fc, err := store.ParseLayer([]byte(raw))
		if err != nil {
			return nil
		}
		l.Features = fc
		out = append(out, l)
		return nil
	})
	return out, err
}

// SubscribersInCellSpans returns the MSISDNs with a record (data or
// voice) in a cell within its span, as RecordsInCells of each span would
// find them, in one question: the records of the spans' cells between the
// first span's start and the last one's end come back as (subscriber,
// cell, wall clock), distinct, and are kept when a span of their cell
// holds them (a question of hundreds of ORed windows takes seconds on
// ClickHouse 18.16). In MSISDN order.
func (s *Store) SubscribersInCellSpans(ctx context.Context, spans []store.CellSpan) ([]string, error) {
	if len(spans) == 0 {
		return []string{}, nil
	}
	byCell := map[int64][]store.CellSpan{}
	lo, hi := spans[0].From, spans[0].To
	for _, sp := range spans {
		byCell[sp.Cell] = append(byCell[sp.Cell], sp)
		lo, hi = min(lo, sp.From), max(hi, sp.To)
	}
	cells := make([]int64, 0, len(byCell))
	for c, ss := range byCell {
		cells = append(cells, c)
		sort.Slice(ss, func(i, j int) bool { return ss[i].From < ss[j].From })
		merged := ss[:1]
		for _, sp := range ss[1:] { // overlapping spans merged: then the one starting last before a time is the only one that may hold it
			if last := &merged[len(merged)-1]; sp.From <= last.To {
				last.To = max(last.To, sp.To)
			} else {
				merged = append(merged, sp)
			}
		}
		byCell[c] = merged
	}
	in := func(cell, wall int64) bool {
		ss := byCell[cell]
		i := sort.Search(len(ss), func(i int) bool { return ss[i].From > wall }) - 1
		return i >= 0 && wall < ss[i].To
	}
	cond := fmt.Sprintf(`cell_id IN (%s) AND start >= %d AND start < %d AND start + wall_offset >= %d AND start + wall_offset < %d AND {visible}`,
		idList(cells), lo-50400, hi+50400, lo, hi)
	subs := map[int64]bool{}
	err := s.each(ctx, `SELECT DISTINCT subscriber_id, c, w FROM (
		SELECT subscriber_id, assumeNotNull(cell_id) AS c, start + wall_offset AS w FROM {ipdr} WHERE `+cond+`
		UNION ALL SELECT subscriber_id, assumeNotNull(cell_id) AS c, start + wall_offset AS w FROM {voice} WHERE `+cond+`)`, func(sc scanner) error {
		var sub, cell, wall int64
		if err := sc.Scan(&sub, &cell, &wall); err != nil {
			return err
		}
		if !subs[sub] && in(cell, wall) {
			subs[sub] = true
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	names, err := s.msisdns(ctx, subs)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(names))
	for _, m := range names {
		out = append(out, m)
	}
	sort.Strings(out)
	return out, nil
}
