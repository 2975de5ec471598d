package clickhouse

import (
	"context"
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/ident"
	"github.com/cdrtui/cdrtui/internal/store"
)

// huntSlack widens the pushed-down time bounds by the largest wall
// offset (no zone is further than 14 hours from UTC; offsets beyond 24
// are refused at import): the window is then applied exactly to the wall
// clock in Go, as the local hunt does.
const huntSlack = 24 * 3600

// HuntScan finds the data records a hunt asks for. The destinations
// (single addresses), ports, cells and time window narrow the read on the
// shards, through ipdr_dest, the copy of the data records ordered by
// destination, port and time; every row that comes back is then checked
// exactly against the query with the same tests as the local hunt, so the
// pushed-down conditions only ever narrow what is read.
func (s *Store) HuntScan(ctx context.Context, q *analysis.HuntQuery, opts store.HuntScanOptions, fn func(store.HuntRow) error) (store.HuntStats, error) {
	var stats store.HuntStats
	if err := q.Validate(); err != nil {
		return stats, err
	}
	var cells map[int64]bool
	if len(q.Cells) > 0 {
		var err error
		if cells, stats.UnknownCells, err = s.huntCells(ctx, q.Cells); err != nil {
			return stats, err
		}
		stats.CellsMatched = len(cells)
		if len(cells) == 0 {
			stats.Access = "none: no cell of the case matches"
			return stats, nil
		}
	}
	conds := []string{"{visible}"}
	if opts.Subscriber != 0 {
		conds = append(conds, "subscriber_id = "+strconv.FormatInt(opts.Subscriber, 10))
	}
	if q.HasFrom {
		conds = append(conds, "start >= "+strconv.FormatInt(q.From-huntSlack, 10))
	}
	if q.HasTo {
		conds = append(conds, "start <= "+strconv.FormatInt(q.To+huntSlack, 10))
	}
	single := len(q.Dests) > 0
	var addrs []string
	for _, d := range q.Dests {
		if !d.Single() {
			single = false
			break
		}
		addrs = append(addrs, "'"+d.Prefix.Addr().String()+"'")
	}
	if single {
		conds = append(conds, "dest IN ("+strings.Join(addrs, ", ")+")")
	} else if len(q.Dests) == 0 && len(q.Ports) > 0 {
		var ors []string
		for _, r := range q.Ports {
			ors = append(ors, "(port >= "+strconv.Itoa(r.Lo)+" AND port <= "+strconv.Itoa(r.Hi)+")")
		}
		conds = append(conds, "("+strings.Join(ors, " OR ")+")")
	}
	if cells != nil {
		ids := make([]int64, 0, len(cells))
		for id := range cells {
			ids = append(ids, id)
		}
		conds = append(conds, "cell_id IN ("+idList(ids)+")")
	}
	stats.Access = fmt.Sprintf("ClickHouse: ipdr_dest (destination, port, time) on %d shards", len(s.shards))
	stats.Queries = 1
	err := s.each(ctx, `SELECT id, subscriber_id, ifNull(device_id, 0), ifNull(cell_id, 0), source_id, line, dest, port, start, wall_offset, ifNull(total, -1)
		FROM {ipdr_dest} WHERE `+strings.Join(conds, " AND ")+` ORDER BY start, id`, func(sc scanner) error {
		var r store.HuntRow
		var port int64
		if err := sc.Scan(&r.ID, &r.Subscriber, &r.Device, &r.Cell, &r.Source, &r.Line, &r.DestIP, &port, &r.Start, &r.WallOffset, &r.Bytes); err != nil {
			return err
		}
		r.DestPort = int(port)
		if r.DestPort < 0 {
			r.DestPort = analysis.AnyPort
		}
		stats.RowsRead++
		if !q.MatchWall(r.Start+int64(r.WallOffset)) || !q.MatchDestination(r.DestIP, r.DestPort) || (cells != nil && !cells[r.Cell]) {
			return nil
		}
		stats.Matched++
		return fn(r)
	})
	return stats, err
}

// huntCells resolves the hunt's cells as the local hunt does: each spec
// as written or under its canonical key, exact or as a prefix.
func (s *Store) huntCells(ctx context.Context, specs []analysis.CellSpec) (map[int64]bool, []string, error) {
	type cellRow struct {
		id        int64
		cell, key string
	}
	var all []cellRow
	err := s.each(ctx, `SELECT id, cell, ifNull(cell_key, '') FROM {db}.cells`+completeDims+` ORDER BY id`, func(sc scanner) error {
		var c cellRow
		err := sc.Scan(&c.id, &c.cell, &c.key)
		all = append(all, c)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	ids := map[int64]bool{}
	var unknown []string
	for _, c := range specs {
		found := false
		keySpec, hasKey := analysis.CellSpec{Text: c.Text, Prefix: c.Prefix}, true
		if !c.Prefix {
			k, ok := ident.CellKey(c.Text)
			keySpec.Text, hasKey = k, ok
		}
		for _, r := range all {
			if c.Matches(r.cell) || (hasKey && r.key != "" && keySpec.Matches(r.key)) {
				ids[r.id], found = true, true
			}
		}
		if !found && !c.Prefix {
			unknown = append(unknown, c.Text)
		}
	}
	return ids, unknown, nil
}

// HuntNames loads the names of the subscribers, devices, cells and
// sources the rows refer to.
func (s *Store) HuntNames(ctx context.Context, rows []store.HuntRow) (*store.HuntNames, error) {
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
	n := &store.HuntNames{MSISDN: map[int64]string{}, Devices: map[int64][2]string{}, Cells: map[int64]string{}, Sources: map[int64]analysis.HuntSource{}}
	list := func(m map[int64]bool) string {
		ids := make([]int64, 0, len(m))
		for id := range m {
			ids = append(ids, id)
		}
		return orNone(ids)
	}
	err := s.each(ctx, `SELECT id, msisdn FROM {db}.subscribers`+completeDims+` AND id IN (`+list(subs)+`)`, func(sc scanner) error {
		var id int64
		var v string
		err := sc.Scan(&id, &v)
		n.MSISDN[id] = v
		return err
	})
	if err == nil {
		err = s.each(ctx, `SELECT id, imsi, imei FROM {db}.devices`+completeDims+` AND id IN (`+list(devs)+`)`, func(sc scanner) error {
			var id int64
			var imsi, imei string
			err := sc.Scan(&id, &imsi, &imei)
			n.Devices[id] = [2]string{imsi, imei}
			return err
		})
	}
	if err == nil {
		err = s.each(ctx, `SELECT id, cell FROM {db}.cells`+completeDims+` AND id IN (`+list(cells)+`)`, func(sc scanner) error {
			var id int64
			var v string
			err := sc.Scan(&id, &v)
			n.Cells[id] = v
			return err
		})
	}
	if err == nil {
		// a sheet is cited by its workbook's SHA-256, which sha256sum checks
		err = s.each(ctx, `SELECT id, path, if(workbook_sha256 != '', workbook_sha256, sha256), tz FROM {db}.sources
			WHERE id IN (`+list(srcs)+`)`, func(sc scanner) error {
			var src analysis.HuntSource
			err := sc.Scan(&src.ID, &src.Path, &src.SHA256, &src.Zone)
			n.Sources[src.ID] = src
			return err
		})
	}
	return n, err
}

// HuntCells says how many of the case's cells the hunt's cell specs name,
// and which cells named exactly are not in the case, as the local case
// answers the hunt form's check.
func (s *Store) HuntCells(ctx context.Context, specs []analysis.CellSpec) (matched int, unknown []string, err error) {
	ids, unknown, err := s.huntCells(ctx, specs)
	return len(ids), unknown, err
}

// HuntExamples is a destination (that of the first data record that has
// one, with its port) and a cell (the first) of the case, for the hunt
// form's placeholders, as the local case picks them.
func (s *Store) HuntExamples(ctx context.Context) (store.HuntExamples, error) {
	var ex store.HuntExamples
	err := s.each(ctx, `SELECT assumeNotNull(dest_ip) AS ip, ifNull(dest_port, -1) FROM {ipdr} WHERE {visible} AND isNotNull(dest_ip)
		ORDER BY id LIMIT 1`, func(sc scanner) error {
		var ip string
		var port int64
		if err := sc.Scan(&ip, &port); err != nil {
			return err
		}
		if addr, perr := netip.ParseAddr(ip); perr == nil {
			ex.Dest = addr.String()
			if port >= 0 && port < 65536 {
				ex.Dest = netip.AddrPortFrom(addr, uint16(port)).String()
			}
		}
		return nil
	})
	if err != nil {
		return ex, err
	}
	err = s.each(ctx, `SELECT cell FROM {db}.cells`+completeDims+` ORDER BY id LIMIT 1`, func(sc scanner) error { return sc.Scan(&ex.Cell) })
	return ex, err
}
