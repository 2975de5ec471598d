package overview

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/table"
)

// subscriberColumns are the subscriber list's columns, on a local case and
// on a case on ClickHouse alike.
var subscriberColumns = []table.Column{
	{Title: "MSISDN", MinWidth: 8, Sortable: true},
	{Title: "Records", Right: true, Sortable: true},
	{Title: "Data", Right: true, Sortable: true},
	{Title: "Voice", Right: true, Sortable: true},
	{Title: "Calls", Right: true, Sortable: true},
	{Title: "SMS", Right: true, Sortable: true},
	{Title: "Contacts", Right: true, Sortable: true},
	{Title: "First seen", Sortable: true},
	{Title: "Last seen", Sortable: true},
	{Title: "IMEIs", Right: true, Sortable: true},
	{Title: "Cells", Right: true, Sortable: true},
	{Title: "Placed", Right: true},
	{Title: "Apps used", MaxWidth: 60},
}

// subscriberSource lists subscribers with their summaries; the applications
// column is filled per page from the activity summary and the dictionary.
// The filter finds a subscriber by MSISDN in any form the case's
// numbering plan reads, by IMSI and by IMEI (store.IdentityFilter).
func subscriberSource(st *store.Store, ports *analysis.Dictionary) *table.SQLSource {
	db := st.DB()
	return &table.SQLSource{
		Search: func(text string) (string, []any) {
			cond, args, err := st.IdentityFilter(context.Background(), "s.id", text)
			if err != nil {
				return "", nil
			}
			return cond, args
		},
		DB:   db,
		From: "subscribers s",
		ID:   "s.id",
		Sort: 1, Desc: true,
		Cols: []table.SQLColumn{
			{Column: subscriberColumns[0], Expr: "s.msisdn", Filter: true},
			{Column: subscriberColumns[1], Expr: "s.data_records + s.voice_records", Format: table.Thousands},
			{Column: subscriberColumns[2], Expr: "s.data_records", Format: table.Thousands},
			{Column: subscriberColumns[3], Expr: "s.voice_records", Format: table.Thousands},
			// calls, SMS and distinct other parties of the subscriber's voice records (issue 16), read through voice_by_subscriber
			{Column: subscriberColumns[4], Expr: `(SELECT count(*) FROM voice v
				WHERE v.subscriber_id = s.id AND v.call_type IN ('VOICE_OUT', 'VOICE_IN'))`, Format: table.Thousands},
			{Column: subscriberColumns[5], Expr: `(SELECT count(*) FROM voice v
				WHERE v.subscriber_id = s.id AND v.call_type IN ('SMS_OUT', 'SMS_IN'))`, Format: table.Thousands},
			{Column: subscriberColumns[6], Expr: `(SELECT count(DISTINCT coalesce(v.other_key, v.other))
				FROM voice v WHERE v.subscriber_id = s.id AND v.other <> '')`, Format: table.Thousands},
			{Column: subscriberColumns[7], Expr: "s.first_seen + s.first_offset", SortExpr: "coalesce(s.first_seen, 0)", Format: table.WallClock},
			{Column: subscriberColumns[8], Expr: "s.last_seen + s.last_offset", SortExpr: "coalesce(s.last_seen, 0)", Format: table.WallClock},
			{Column: subscriberColumns[9], Expr: `(SELECT count(DISTINCT d.imei) FROM subscriber_devices sd
				JOIN devices d ON d.id = sd.device_id WHERE sd.subscriber_id = s.id AND d.imei <> '')`},
			{Column: subscriberColumns[10], Expr: "(SELECT count(DISTINCT cell_id) FROM subscriber_cells sc WHERE sc.subscriber_id = s.id)"},
			// the share of the records whose cell has a position (cdrtui location's placed_share), per page
			{Column: subscriberColumns[11], Expr: "''"},
			{Column: subscriberColumns[12], Expr: "''"},
		},
		Ref: func(id any, cells []string) any { return cells[0] },
		Decorate: func(ctx context.Context, rows []table.Row) error {
			if err := decoratePlaced(ctx, st, rows); err != nil {
				return err
			}
			return decorateApps(ctx, db, ports, rows)
		},
	}
}

// placedColumn and appsColumn are the indexes of "Placed" and "Apps
// used" in subscriberSource.
const (
	placedColumn = 11
	appsColumn   = 12
)

// decoratePlaced fills "Placed" with the share of each subscriber's
// records that name a cell with a position ("–" when the case has no cell
// sites).
func decoratePlaced(ctx context.Context, st *store.Store, rows []table.Row) error {
	if n, _, err := st.CellSiteCount(ctx); err != nil || n == 0 {
		for i := range rows {
			rows[i].Cells[placedColumn] = "–"
		}
		return err
	}
	var ids []int64
	for _, r := range rows {
		if len(r.Key) == 2 {
			if id, ok := r.Key[1].(int64); ok {
				ids = append(ids, id)
			}
		}
	}
	cov, err := st.PlacedShares(ctx, ids)
	if err != nil {
		return err
	}
	for i, r := range rows {
		if len(r.Key) == 2 {
			if id, ok := r.Key[1].(int64); ok {
				if c, ok := cov[id]; ok && c.Records > 0 {
					rows[i].Cells[placedColumn] = fmt.Sprintf("%.1f%%", 100*c.Share())
				}
			}
		}
	}
	return nil
}

// decorateApps fills "Apps used" with each subscriber's top applications
// and their share of the subscriber's data records.
func decorateApps(ctx context.Context, db *sql.DB, ports *analysis.Dictionary, rows []table.Row) error {
	ids := make([]any, 0, len(rows))
	marks := make([]string, 0, len(rows))
	for _, r := range rows {
		if len(r.Key) == 2 {
			ids = append(ids, r.Key[1])
			marks = append(marks, "?")
		}
	}
	if len(ids) == 0 {
		return nil
	}
	q := "SELECT subscriber_id, dest_port, sum(records) FROM activity WHERE subscriber_id IN (" + strings.Join(marks, ",") + ") GROUP BY 1, 2"
	rs, err := db.QueryContext(ctx, q, ids...)
	if err != nil {
		return err
	}
	defer rs.Close()
	perSub := map[int64]map[string]int64{}
	for rs.Next() {
		var sub, port, n int64
		if err := rs.Scan(&sub, &port, &n); err != nil {
			return err
		}
		apps := perSub[sub]
		if apps == nil {
			apps = map[string]int64{}
			perSub[sub] = apps
		}
		apps[ports.App(int(port))] += n
	}
	if err := rs.Err(); err != nil {
		return err
	}
	for i, r := range rows {
		if id, ok := r.Key[1].(int64); ok {
			rows[i].Cells[appsColumn] = topApps(perSub[id], 3)
		}
	}
	return nil
}

// topApps writes the n largest applications with their shares.
func topApps(apps map[string]int64, n int) string {
	type kv struct {
		app string
		n   int64
	}
	var list []kv
	var total int64
	for a, c := range apps {
		list = append(list, kv{a, c})
		total += c
	}
	if total == 0 {
		return ""
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].n != list[j].n {
			return list[i].n > list[j].n
		}
		return list[i].app < list[j].app
	})
	var parts []string
	for i, x := range list {
		if i == n {
			parts = append(parts, fmt.Sprintf("+%d more", len(list)-n))
			break
		}
		parts = append(parts, fmt.Sprintf("%s %.0f%%", x.app, 100*float64(x.n)/float64(total)))
	}
	return strings.Join(parts, ", ")
}

// sourceSource lists the imported files.
func sourceSource(db *sql.DB) *table.SQLSource {
	return &table.SQLSource{
		DB:   db,
		From: "sources",
		ID:   "id",
		Cols: []table.SQLColumn{
			{Column: table.Column{Title: "#", Right: true, Sortable: true}, Expr: "id"},
			{Column: table.Column{Title: "Path", MaxWidth: 48, Sortable: true, TruncLeft: true}, Expr: "path", Filter: true},
			{Column: table.Column{Title: "Kind", Sortable: true}, Expr: "kind", Filter: true},
			{Column: table.Column{Title: "SHA-256"}, Expr: "substr(sha256, 1, 12) || '…'", Filter: true},
			{Column: table.Column{Title: "Rows", Right: true, Sortable: true}, Expr: "rows_imported", Format: table.Thousands},
			{Column: table.Column{Title: "Rejected", Right: true, Sortable: true}, Expr: "rows_rejected", Format: table.Thousands},
			{Column: table.Column{Title: "Dropped", Right: true, Sortable: true}, Expr: "fields_dropped", Format: table.Thousands},
			{Column: table.Column{Title: "Zone"}, Expr: "CASE tz WHEN '' THEN 'as written' ELSE tz END"},
			{Column: table.Column{Title: "Format", MaxWidth: 60}, Expr: "format", Filter: true},
		},
	}
}

// rejectSource lists one source's rejected lines and dropped values.
func rejectSource(db *sql.DB, sourceID int64) *table.SQLSource {
	return &table.SQLSource{
		DB:    db,
		From:  "rejects",
		Where: "source_id = ?",
		Args:  []any{sourceID},
		ID:    "rowid",
		Cols: []table.SQLColumn{
			{Column: table.Column{Title: "Line", Right: true, Sortable: true}, Expr: "line"},
			{Column: table.Column{Title: "Kept", Sortable: true}, Expr: "CASE severity WHEN 'row' THEN 'no' ELSE 'row, not value' END"},
			{Column: table.Column{Title: "Reason", MaxWidth: 70}, Expr: "reason", Filter: true},
			{Column: table.Column{Title: "Raw line", MaxWidth: 200}, Expr: "raw", Filter: true},
		},
	}
}
