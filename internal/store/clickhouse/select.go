package clickhouse

import (
	"context"
	"strconv"
	"strings"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/ident"
	"github.com/cdrtui/cdrtui/internal/store"
)

// where is store.DataSelection.Where in ClickHouse's SQL: the condition
// on the data records that sel picks, the devices and cells it names
// resolved to their ids first in the small tables.
func (s *Store) where(ctx context.Context, sel store.DataSelection) (string, []any, error) {
	conds := []string{"{visible}"}
	var args []any
	if len(sel.Subscribers) > 0 {
		conds = append(conds, "subscriber_id IN ("+idList(sel.Subscribers)+")")
	}
	if sel.ByPort {
		var ors []string
		for _, r := range sel.Ports {
			if r[0] == r[1] {
				ors = append(ors, "dest_port = "+strconv.Itoa(r[0]))
			} else {
				ors = append(ors, "(dest_port >= "+strconv.Itoa(r[0])+" AND dest_port <= "+strconv.Itoa(r[1])+")")
			}
		}
		if sel.NoPort {
			ors = append(ors, "isNull(dest_port)")
		}
		if len(ors) == 0 {
			ors = append(ors, "0")
		}
		conds = append(conds, "("+strings.Join(ors, " OR ")+")")
	}
	if sel.Dest {
		if sel.DestIP == "" {
			conds = append(conds, "isNull(dest_ip)")
		} else {
			conds = append(conds, "dest_ip = ?")
			args = append(args, sel.DestIP)
		}
		if sel.DestPort < 0 {
			conds = append(conds, "isNull(dest_port)")
		} else {
			conds = append(conds, "dest_port = "+strconv.Itoa(sel.DestPort))
		}
	}
	dims := func(q string, qargs ...any) error {
		ids, err := s.ids(ctx, q, qargs...)
		if err == nil {
			conds = append(conds, "device_id IN ("+orNone(ids)+")")
		}
		return err
	}
	if sel.IMEI != "" {
		h := ident.HandsetKey(sel.IMEI)
		if h == "" {
			h = "\x00"
		}
		if err := dims(`SELECT id FROM {db}.devices`+completeDims+` AND (imei = ? OR handset = ?)`, sel.IMEI, h); err != nil {
			return "", nil, err
		}
	}
	if sel.IMSI != "" {
		if err := dims(`SELECT id FROM {db}.devices`+completeDims+` AND imsi = ?`, sel.IMSI); err != nil {
			return "", nil, err
		}
	}
	if sel.CellID != 0 {
		ids, err := s.ids(ctx, `SELECT id FROM {db}.cells`+completeDims+` AND (id = ? OR isNotNull(cell_key) AND cell_key IN
			(SELECT cell_key FROM {db}.cells WHERE id = ? AND isNotNull(cell_key)))`, sel.CellID, sel.CellID)
		if err != nil {
			return "", nil, err
		}
		conds = append(conds, "cell_id IN ("+orNone(append(ids, sel.CellID))+")")
	}
	if sel.WallFrom != 0 || sel.WallTo != 0 {
		conds = append(conds, "(start + wall_offset) >= ? AND (start + wall_offset) < ?")
		args = append(args, sel.WallFrom, sel.WallTo)
	}
	return strings.Join(conds, " AND "), args, nil
}

func orNone(ids []int64) string {
	if len(ids) == 0 {
		return "-1"
	}
	return idList(ids)
}

// ids runs a query of ids on the server named.
func (s *Store) ids(ctx context.Context, q string, args ...any) ([]int64, error) {
	var out []int64
	err := s.each(ctx, q, func(sc scanner) error {
		var id int64
		err := sc.Scan(&id)
		out = append(out, id)
		return err
	}, args...)
	return out, err
}

// wallHourExpr is floor((start + wall_offset) / 3600) for any sign, as the
// local case computes it.
const wallHourExpr = "intDiv((start + wall_offset) - (((start + wall_offset) % 3600) + 3600) % 3600, 3600)"

// WallHourCounts counts the selected records per hour of the wall clock,
// aggregated on the shards.
func (s *Store) WallHourCounts(ctx context.Context, sel store.DataSelection) ([]analysis.HourCount, error) {
	where, args, err := s.where(ctx, sel)
	if err != nil {
		return nil, err
	}
	var out []analysis.HourCount
	err = s.each(ctx, `SELECT `+wallHourExpr+` AS wh, count() FROM {ipdr} WHERE `+where+` GROUP BY wh ORDER BY wh`, func(sc scanner) error {
		var h analysis.HourCount
		var n uint64
		if err := sc.Scan(&h.WallHour, &n); err != nil {
			return err
		}
		h.Count = int64(n)
		out = append(out, h)
		return nil
	}, args...)
	return out, err
}
