package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/ident"
)

// HuntRow is one data record a hunt found, with the ids of its dimensions
// (0 when the record has none) for HuntNames to resolve.
type HuntRow struct {
	ID         int64
	Subscriber int64
	Device     int64
	Cell       int64
	Source     int64
	Line       int64
	DestIP     string // "" when not recorded
	DestPort   int    // analysis.AnyPort when not recorded
	Start      int64
	WallOffset int32
	Bytes      int64 // total volume, -1 when not recorded
}

// HuntScanOptions change how a hunt is answered.
type HuntScanOptions struct {
	// Subscriber restricts the hunt to one subscriber (the records behind
	// one row of the results); 0 for everyone.
	Subscriber int64
	// FullScan reads the whole ipdr table instead of the indexes: the
	// reference a benchmark compares the indexed hunt with.
	FullScan bool
}

// HuntStats says how a hunt was answered.
type HuntStats struct {
	Access       string   `json:"access"`        // the index used, in words
	Queries      int      `json:"queries"`       // index ranges (or scans) read
	RowsRead     int64    `json:"rows_read"`     // rows the ranges gave before the exact filter
	Matched      int64    `json:"matched"`       // rows the hunt kept
	UnknownCells []string `json:"unknown_cells"` // cells named exactly that the case does not hold
	CellsMatched int      `json:"cells_matched"` // cells of the case the hunt's cells stand for
	// SwitchCells names, for an unknown cell that is the bare number of
	// CDMA cells kept with their switch, those cells (the hunt is not
	// widened to them)
	SwitchCells []analysis.SwitchCellHint `json:"switch_cells,omitempty"`
}

// wallSlack bounds |wall_offset|: the index on start is read this much
// wider than the window, which is then applied exactly to start +
// wall_offset. No zone is further than 14 hours from UTC, and offsets
// written in evidence are refused beyond 24.
const wallSlack = 25 * 3600

// HuntScan calls fn for every data record the query matches, in no
// particular order. It reads the narrowest index the query allows (the
// destination index for addresses and networks, the port index for
// ports, the subscriber index for subscribers seen in the cells) and
// checks every row exactly against the query in Go, so the index only
// ever narrows what is read, never decides what matches.
func (s *Store) HuntScan(ctx context.Context, q *analysis.HuntQuery, opts HuntScanOptions, fn func(HuntRow) error) (HuntStats, error) {
	var stats HuntStats
	if err := q.Validate(); err != nil {
		return stats, err
	}
	var cells map[int64]bool
	if len(q.Cells) > 0 {
		var err error
		cells, stats.UnknownCells, err = s.resolveHuntCells(ctx, q.Cells)
		if err != nil {
			return stats, err
		}
		stats.CellsMatched = len(cells)
		if stats.SwitchCells, err = s.switchCellHints(ctx, stats.UnknownCells); err != nil {
			return stats, err
		}
		if len(cells) == 0 {
			stats.Access = "none: no cell of the case matches"
			return stats, nil
		}
	}
	plan := planHunt(q, cells, opts)
	stats.Access, stats.Queries = plan.access, len(plan.probes)
	var seen map[int64]bool
	if len(plan.probes) > 1 {
		seen = map[int64]bool{} // networks and ports may overlap
	}
	for _, p := range plan.probes {
		err := s.huntProbe(ctx, plan.from, p, func(r HuntRow) error {
			stats.RowsRead++
			if !q.MatchWall(r.Start+int64(r.WallOffset)) || !q.MatchDestination(r.DestIP, r.DestPort) ||
				(cells != nil && !cells[r.Cell]) {
				return nil
			}
			if seen != nil {
				if seen[r.ID] {
					return nil
				}
				seen[r.ID] = true
			}
			stats.Matched++
			return fn(r)
		})
		if err != nil {
			return stats, err
		}
	}
	return stats, nil
}

const huntColumns = `id, subscriber_id, coalesce(device_id, 0), coalesce(cell_id, 0), source_id, line,
	coalesce(dest_ip, ''), coalesce(dest_port, -1), start, wall_offset, coalesce(total, -1)`

func (s *Store) huntProbe(ctx context.Context, from string, p huntProbe, fn func(HuntRow) error) error {
	rows, err := s.db.QueryContext(ctx, "SELECT "+huntColumns+" FROM "+from+" WHERE "+p.where, p.args...)
	if err != nil {
		return fmt.Errorf("hunt: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r HuntRow
		if err := rows.Scan(&r.ID, &r.Subscriber, &r.Device, &r.Cell, &r.Source, &r.Line,
			&r.DestIP, &r.DestPort, &r.Start, &r.WallOffset, &r.Bytes); err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// resolveHuntCells finds the cells of the case the hunt's cells stand for
// (an exact ID, or every cell beginning with a prefix) through the cells
// table's unique index; unknown lists exact IDs the case does not hold.
func (s *Store) resolveHuntCells(ctx context.Context, specs []analysis.CellSpec) (ids map[int64]bool, unknown []string, err error) {
	ids = map[int64]bool{}
	for _, c := range specs {
		found := false
		err := s.eachCellMatching(ctx, c, func(id int64) { ids[id], found = true, true })
		if err != nil {
			return nil, nil, err
		}
		if !found && !c.Prefix {
			unknown = append(unknown, c.Text)
		}
	}
	return ids, unknown, nil
}

// eachCellMatching calls fn with every cell of the case the spec stands
// for: as written, or under its canonical key (MCC-MNC-LAC-CI), so that
// 404-10-7301-* finds the cell written 404100730112345 or 404101C853039 too.
func (s *Store) eachCellMatching(ctx context.Context, c analysis.CellSpec, fn func(int64)) error {
	for _, col := range []string{"cell", "cell_key"} {
		text := c.Text
		if col == "cell_key" && !c.Prefix {
			k, ok := ident.CellKey(c.Text)
			if !ok {
				continue
			}
			text = k
		}
		q, args := fmt.Sprintf("SELECT id, %s FROM cells WHERE %s = ?", col, col), []any{text}
		if c.Prefix {
			q = fmt.Sprintf("SELECT id, %s FROM cells WHERE %s >= ?", col, col)
			if hi, ok := prefixUpperBound(text); ok {
				q, args = q+fmt.Sprintf(" AND %s < ?", col), append(args, hi)
			}
		}
		spec := analysis.CellSpec{Text: text, Prefix: c.Prefix}
		err := queryEach(ctx, s, q, args, func(id int64, cell string) {
			if spec.Matches(cell) {
				fn(id)
			}
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// HuntCells tells how many cells of the case the hunt's cells stand for,
// and which cells named exactly the case does not hold: the hunt form
// checks its cells field against the case with it.
func (s *Store) HuntCells(ctx context.Context, specs []analysis.CellSpec) (matched int, unknown []string, err error) {
	ids, unknown, err := s.resolveHuntCells(ctx, specs)
	return len(ids), unknown, err
}

func queryEach(ctx context.Context, s *Store, q string, args []any, fn func(int64, string)) error {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			return err
		}
		fn(id, text)
	}
	return rows.Err()
}

// prefixUpperBound is the least string above every string beginning with
// p (p with its last byte below 0xff incremented); ok is false when p is
// all 0xff bytes and no bound exists.
func prefixUpperBound(p string) (string, bool) {
	b := []byte(p)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < 0xff {
			b[i]++
			return string(b[:i+1]), true
		}
	}
	return "", false
}

// idList passes a list of ids as one JSON parameter, read in SQL with
// json_each, so that any number fits one statement.
func idList(ids map[int64]bool) string {
	list := make([]int64, 0, len(ids))
	for id := range ids {
		list = append(list, id)
	}
	b, _ := json.Marshal(list)
	return string(b)
}

// HuntNames are the dimensions a hunt's rows refer to, by id.
type HuntNames struct {
	MSISDN  map[int64]string
	Devices map[int64][2]string // IMSI, IMEI
	Cells   map[int64]string
	Sources map[int64]analysis.HuntSource
}

// HuntNames loads the names of the subscribers, devices, cells and
// sources the rows refer to.
func (s *Store) HuntNames(ctx context.Context, rows []HuntRow) (*HuntNames, error) {
	subs, devs, cells, srcs := map[int64]bool{}, map[int64]bool{}, map[int64]bool{}, map[int64]bool{}
	for _, r := range rows {
		subs[r.Subscriber] = true
		if r.Device != 0 {
			devs[r.Device] = true
		}
		if r.Cell != 0 {
			cells[r.Cell] = true
		}
		srcs[r.Source] = true
	}
	n := &HuntNames{MSISDN: map[int64]string{}, Devices: map[int64][2]string{}, Cells: map[int64]string{}, Sources: map[int64]analysis.HuntSource{}}
	in := " IN (SELECT value FROM json_each(?))"
	if err := queryEach(ctx, s, "SELECT id, msisdn FROM subscribers WHERE id"+in, []any{idList(subs)}, func(id int64, v string) { n.MSISDN[id] = v }); err != nil {
		return nil, err
	}
	if err := queryEach(ctx, s, "SELECT id, imsi || char(0) || imei FROM devices WHERE id"+in, []any{idList(devs)}, func(id int64, v string) {
		imsi, imei, _ := strings.Cut(v, "\x00")
		n.Devices[id] = [2]string{imsi, imei}
	}); err != nil {
		return nil, err
	}
	if err := queryEach(ctx, s, "SELECT id, cell FROM cells WHERE id"+in, []any{idList(cells)}, func(id int64, v string) { n.Cells[id] = v }); err != nil {
		return nil, err
	}
	// a sheet is cited by its workbook's SHA-256, which sha256sum checks
	rs, err := s.db.QueryContext(ctx, "SELECT id, path, CASE WHEN workbook_sha256 != '' THEN workbook_sha256 ELSE sha256 END, tz FROM sources WHERE id"+in, idList(srcs))
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	for rs.Next() {
		var src analysis.HuntSource
		if err := rs.Scan(&src.ID, &src.Path, &src.SHA256, &src.Zone); err != nil {
			return nil, err
		}
		n.Sources[src.ID] = src
	}
	return n, rs.Err()
}

// Record turns a row into the analysis' record with its names.
func (n *HuntNames) Record(r HuntRow) analysis.HuntRecord {
	dev := n.Devices[r.Device]
	return analysis.HuntRecord{MSISDN: n.MSISDN[r.Subscriber], IMSI: dev[0], IMEI: dev[1],
		DestIP: r.DestIP, DestPort: r.DestPort, At: analysis.Moment{Unix: r.Start, Offset: r.WallOffset},
		Cell: n.Cells[r.Cell], Bytes: r.Bytes, Source: n.Sources[r.Source], Line: r.Line}
}
