package clickhouse

import (
	"context"
	"strconv"

	"github.com/cdrtui/cdrtui/internal/store"
)

// recordBatch is how many records EachDataRecord names at a time (their
// subscribers, cells and devices looked up in the small tables).
const recordBatch = 10_000

// EachDataRecord calls fn with the selected data records (limit: at most
// that many, 0 all) in time order (then id), as store.Store's twin does:
// the records stream from the shards in order, and each batch of them is
// named (MSISDN, cell, IMSI and IMEI, source path) from the small tables.
func (s *Store) EachDataRecord(ctx context.Context, sel store.DataSelection, limit int, fn func(store.DataRecord) error) error {
	where, args, err := s.where(ctx, sel)
	if err != nil {
		return err
	}
	paths, err := s.SourcePaths(ctx)
	if err != nil {
		return err
	}
	q := `SELECT id, subscriber_id, start, wall_offset, ifNull(dest_ip, ''), ifNull(dest_port, -1), ifNull(cell_id, 0),
		ifNull(device_id, 0), ifNull(total, -1), source_id, line FROM {ipdr} WHERE ` + where + ` ORDER BY start, id`
	if limit > 0 {
		q += " LIMIT " + strconv.Itoa(limit)
	}
	type row struct {
		r                 store.DataRecord
		sub, cell, device int64
		source            int64
	}
	var batch []row
	subs, cells, devices := map[int64]string{}, map[int64]string{}, map[int64][2]string{}
	flush := func() error {
		var needSubs, needCells, needDevices []int64
		for _, b := range batch {
			if _, ok := subs[b.sub]; !ok {
				subs[b.sub] = ""
				needSubs = append(needSubs, b.sub)
			}
			if _, ok := cells[b.cell]; !ok && b.cell != 0 {
				cells[b.cell] = ""
				needCells = append(needCells, b.cell)
			}
			if _, ok := devices[b.device]; !ok && b.device != 0 {
				devices[b.device] = [2]string{}
				needDevices = append(needDevices, b.device)
			}
		}
		if len(needSubs) > 0 {
			if err := s.each(ctx, `SELECT id, msisdn FROM {db}.subscribers WHERE id IN (`+idList(needSubs)+`)`, func(sc scanner) error {
				var id int64
				var m string
				err := sc.Scan(&id, &m)
				subs[id] = m
				return err
			}); err != nil {
				return err
			}
		}
		if len(needCells) > 0 {
			if err := s.each(ctx, `SELECT id, cell FROM {db}.cells WHERE id IN (`+idList(needCells)+`)`, func(sc scanner) error {
				var id int64
				var c string
				err := sc.Scan(&id, &c)
				cells[id] = c
				return err
			}); err != nil {
				return err
			}
		}
		if len(needDevices) > 0 {
			if err := s.each(ctx, `SELECT id, imsi, imei FROM {db}.devices WHERE id IN (`+idList(needDevices)+`)`, func(sc scanner) error {
				var id int64
				var d [2]string
				err := sc.Scan(&id, &d[0], &d[1])
				devices[id] = d
				return err
			}); err != nil {
				return err
			}
		}
		for _, b := range batch {
			r := b.r
			r.MSISDN, r.Cell, r.Source = subs[b.sub], cells[b.cell], paths[b.source]
			d := devices[b.device]
			r.IMSI, r.IMEI = d[0], d[1]
			if err := fn(r); err != nil {
				return err
			}
		}
		batch = batch[:0]
		return nil
	}
	rows, err := s.home.Query(ctx, s.sql(q), args...)
	if err != nil {
		return s.explain(err)
	}
	defer rows.Close()
	for rows.Next() {
		var b row
		var port int64
		if err := rows.Scan(&b.r.ID, &b.sub, &b.r.Start.Unix, &b.r.Start.Offset, &b.r.DestIP, &port, &b.cell, &b.device,
			&b.r.Bytes, &b.source, &b.r.Line); err != nil {
			return s.explain(err)
		}
		b.r.DestPort = int(port)
		batch = append(batch, b)
		if len(batch) == recordBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return s.explain(err)
	}
	return flush()
}
