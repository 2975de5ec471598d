package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/ident"
)

// DataSelection chooses data (IPDR) records: of some subscribers, on some
// destination ports, to one destination, with one handset, SIM or cell.
// Conditions combine with AND; the zero value selects every record.
type DataSelection struct {
	Subscribers []int64 // empty: every subscriber
	// ByPort restricts the destination port to Ports (inclusive ranges)
	// and, with NoPort, to records that gave none. ByPort with no ranges
	// and no NoPort selects nothing (an application no port belongs to).
	ByPort bool
	Ports  [][2]int
	NoPort bool
	// Dest restricts to one destination; DestIP "" and DestPort -1 mean
	// "not given" in the record.
	Dest     bool
	DestIP   string
	DestPort int
	IMEI     string // handset ("" : any)
	IMSI     string // SIM ("" : any)
	CellID   int64  // cells.id (0: any); every encoding of the same cell key with it
	// WallFrom and WallTo bound the start's wall clock (start +
	// wall_offset, Unix seconds of the clock as written): From inclusive,
	// To exclusive; both 0 for no bound.
	WallFrom, WallTo int64
}

// Where returns the condition on the ipdr table under alias (for example
// "r"; "" for none) and its arguments.
func (sel DataSelection) Where(alias string) (string, []any) {
	col := func(c string) string {
		if alias == "" {
			return c
		}
		return alias + "." + c
	}
	var conds []string
	var args []any
	switch len(sel.Subscribers) {
	case 0:
	case 1:
		conds = append(conds, col("subscriber_id")+" = ?")
		args = append(args, sel.Subscribers[0])
	default:
		conds = append(conds, col("subscriber_id")+" IN ("+placeholders(len(sel.Subscribers))+")")
		for _, id := range sel.Subscribers {
			args = append(args, id)
		}
	}
	if sel.ByPort {
		var ors []string
		for _, r := range sel.Ports {
			if r[0] == r[1] {
				ors = append(ors, col("dest_port")+" = ?")
				args = append(args, r[0])
			} else {
				ors = append(ors, col("dest_port")+" BETWEEN ? AND ?")
				args = append(args, r[0], r[1])
			}
		}
		if sel.NoPort {
			ors = append(ors, col("dest_port")+" IS NULL")
		}
		if len(ors) == 0 {
			ors = append(ors, "0")
		}
		conds = append(conds, "("+strings.Join(ors, " OR ")+")")
	}
	if sel.Dest {
		if sel.DestIP == "" {
			conds = append(conds, col("dest_ip")+" IS NULL")
		} else {
			conds = append(conds, col("dest_ip")+" = ?")
			args = append(args, sel.DestIP)
		}
		if sel.DestPort < 0 {
			conds = append(conds, col("dest_port")+" IS NULL")
		} else {
			conds = append(conds, col("dest_port")+" = ?")
			args = append(args, sel.DestPort)
		}
	}
	if sel.IMEI != "" { // the handset in every form written (with or without check digit, IMEISV)
		conds = append(conds, col("device_id")+" IN (SELECT id FROM devices WHERE imei = ? OR handset = ?)")
		args = append(args, sel.IMEI, nonEmptyOr(ident.HandsetKey(sel.IMEI)))
	}
	if sel.IMSI != "" {
		conds = append(conds, col("device_id")+" IN (SELECT id FROM devices WHERE imsi = ?)")
		args = append(args, sel.IMSI)
	}
	if sel.CellID != 0 {
		conds = append(conds, col("cell_id")+" IN (SELECT ? UNION SELECT k.id FROM cells c JOIN cells k ON k.cell_key = c.cell_key WHERE c.id = ?)")
		args = append(args, sel.CellID, sel.CellID)
	}
	if sel.WallFrom != 0 || sel.WallTo != 0 {
		conds = append(conds, "("+col("start")+" + "+col("wall_offset")+") >= ? AND ("+col("start")+" + "+col("wall_offset")+") < ?")
		args = append(args, sel.WallFrom, sel.WallTo)
	}
	if len(conds) == 0 {
		return "1", nil
	}
	return strings.Join(conds, " AND "), args
}

// broad reports whether nothing but ports and time narrows the selection:
// no subscriber, destination, device or cell, whose indexes find few rows.
func (sel DataSelection) broad() bool {
	return len(sel.Subscribers) == 0 && !sel.Dest && sel.IMEI == "" && sel.IMSI == "" && sel.CellID == 0
}

// scanTable is the ipdr table under alias for a query that reads every
// selected record: a broad selection reads the table in order (NOT
// INDEXED) rather than through ipdr_by_port, whose entries lack the wall
// offset and would cost a random row lookup each (ten times slower on a
// ten-million-row case).
func (sel DataSelection) scanTable(alias string) string {
	t := "ipdr"
	if alias != "" {
		t += " " + alias
	}
	if sel.broad() {
		t += " NOT INDEXED"
	}
	return t
}

// listTable is the ipdr table under alias for a paged list in time order:
// one port range is best read through ipdr_by_port (its entries are in
// time order), several ranges of a broad selection by reading the table
// in order (the index would look every matching row up before sorting).
func (sel DataSelection) listTable(alias string) string {
	if sel.ByPort && len(sel.Ports) == 1 && !sel.NoPort {
		return "ipdr " + alias
	}
	return sel.scanTable(alias)
}

// wallHourExpr is floor((start + wall_offset) / 3600) for any sign.
const wallHourExpr = "((start + wall_offset) - (((start + wall_offset) % 3600) + 3600) % 3600) / 3600"

// WallHourCounts counts the selected records per hour of the wall clock
// (see analysis.HourCount), in one pass that SQLite aggregates.
func (s *Store) WallHourCounts(ctx context.Context, sel DataSelection) ([]analysis.HourCount, error) {
	if q, args, ok := sel.portHoursQuery(); ok {
		return queryAll(ctx, s.db, func(h *analysis.HourCount) []any {
			return []any{&h.WallHour, &h.Count}
		}, q, args...)
	}
	return s.wallHourCountsFromRecords(ctx, sel)
}

// wallHourCountsFromRecords is WallHourCounts read from the records.
func (s *Store) wallHourCountsFromRecords(ctx context.Context, sel DataSelection) ([]analysis.HourCount, error) {
	where, args := sel.Where("")
	q := fmt.Sprintf("SELECT %s AS wh, count(*) FROM %s WHERE %s GROUP BY wh", wallHourExpr, sel.scanTable(""), where)
	return queryAll(ctx, s.db, func(h *analysis.HourCount) []any {
		return []any{&h.WallHour, &h.Count}
	}, q, args...)
}

// CountData counts the selected records.
func (s *Store) CountData(ctx context.Context, sel DataSelection) (int64, error) {
	where, args := sel.Where("")
	var n int64
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM "+sel.listTable("")+" WHERE "+where, args...).Scan(&n)
	return n, err
}

// DataRecord is one data record as a drill-down lists it, with the file
// and line it came from.
type DataRecord struct {
	ID       int64
	MSISDN   string
	Start    analysis.Moment
	DestIP   string
	DestPort int // -1: not given
	Cell     string
	IMSI     string
	IMEI     string
	Bytes    int64 // -1: not given
	Source   string
	Line     int64
}

// DataRecordsFrom is the FROM clause of a drill-down over the records sel
// picks, ipdr aliased r, with the subscriber (s), source (src), cell (c)
// and device (d) joined, and the table read the way that answers a list
// in time order fastest.
func DataRecordsFrom(sel DataSelection) string {
	return sel.listTable("r") + ` JOIN subscribers s ON s.id = r.subscriber_id JOIN sources src ON src.id = r.source_id
	LEFT JOIN cells c ON c.id = r.cell_id LEFT JOIN devices d ON d.id = r.device_id`
}

// DataRecords returns up to limit selected records (0: all) in time order
// (then id), for the command line's lists; the panes page with keyset
// queries over DataRecordsFrom.
func (s *Store) DataRecords(ctx context.Context, sel DataSelection, limit int) ([]DataRecord, error) {
	var out []DataRecord
	err := s.EachDataRecord(ctx, sel, limit, func(r DataRecord) error { out = append(out, r); return nil })
	return out, err
}

// EachDataRecord calls fn for up to limit selected records (0: all) in
// time order (then id), without holding them.
func (s *Store) EachDataRecord(ctx context.Context, sel DataSelection, limit int, fn func(DataRecord) error) error {
	where, args := sel.Where("r")
	q := `SELECT r.id, s.msisdn, r.start, r.wall_offset, coalesce(r.dest_ip, ''), coalesce(r.dest_port, -1), coalesce(c.cell, ''),
		coalesce(d.imsi, ''), coalesce(d.imei, ''), coalesce(r.total, -1), src.path, r.line FROM ` + DataRecordsFrom(sel) +
		" WHERE " + where + " ORDER BY r.start, r.id"
	if limit > 0 {
		q += " LIMIT ?"
		args = append(args, limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r DataRecord
		if err := rows.Scan(&r.ID, &r.MSISDN, &r.Start.Unix, &r.Start.Offset, &r.DestIP, &r.DestPort, &r.Cell,
			&r.IMSI, &r.IMEI, &r.Bytes, &r.Source, &r.Line); err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}
