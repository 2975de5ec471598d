// Package records is the drill-down every analysis pane opens on data
// (IPDR) records: a shared table over the records a store.DataSelection
// picks, in wall-clock order, each with the file and line it came from.
package records

import (
	"context"
	"database/sql"
	"path/filepath"
	"strconv"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/table"
)

// Options choose the columns.
type Options struct {
	// MSISDN adds the subscriber's number (lists over several subscribers).
	MSISDN bool
	// Devices adds the IMEI and IMSI of each record.
	Devices bool
}

// Source returns a table source over the selected records, oldest first.
// Times are the wall clock written in the evidence; the application comes
// from ports; File, Line and Path say where each record was read.
func Source(db *sql.DB, ports *analysis.Dictionary, sel store.DataSelection, opts Options) *table.SQLSource {
	where, args := sel.Where("r")
	cols := []table.SQLColumn{
		{Column: table.Column{Title: "Time (wall clock)", MinWidth: 19, Sortable: true}, Expr: "r.start + r.wall_offset", SortExpr: "r.start", Format: table.WallClock},
	}
	if opts.MSISDN {
		cols = append(cols, table.SQLColumn{Column: table.Column{Title: "MSISDN", Sortable: true}, Expr: "s.msisdn", Filter: true})
	}
	cols = append(cols,
		table.SQLColumn{Column: table.Column{Title: "Dest IP", MaxWidth: 39, Sortable: true}, Expr: "coalesce(r.dest_ip, '')", Filter: true},
		table.SQLColumn{Column: table.Column{Title: "Port", Right: true, Sortable: true}, Expr: "coalesce(r.dest_port, -1)", Format: portText},
		table.SQLColumn{Column: table.Column{Title: "App", MaxWidth: 18}, Expr: "''"},
		table.SQLColumn{Column: table.Column{Title: "Cell", MaxWidth: 24, Sortable: true}, Expr: "coalesce(c.cell, '')", Filter: true},
		table.SQLColumn{Column: table.Column{Title: "File", MaxWidth: 28}, Expr: "src.path", Format: baseName},
		table.SQLColumn{Column: table.Column{Title: "Line", Right: true}, Expr: "r.line"},
	)
	if opts.Devices {
		cols = append(cols,
			table.SQLColumn{Column: table.Column{Title: "IMEI"}, Expr: "coalesce(d.imei, '')", Filter: true},
			table.SQLColumn{Column: table.Column{Title: "IMSI"}, Expr: "coalesce(d.imsi, '')", Filter: true})
	}
	cols = append(cols,
		table.SQLColumn{Column: table.Column{Title: "Bytes", Right: true, Sortable: true}, Expr: "r.total", SortExpr: "coalesce(r.total, -1)", Format: table.Thousands},
		table.SQLColumn{Column: table.Column{Title: "Path", MaxWidth: 80}, Expr: "src.path"},
	)
	appCol, portCol := -1, -1
	for i, c := range cols {
		switch c.Title {
		case "App":
			appCol = i
		case "Port":
			portCol = i
		}
	}
	return &table.SQLSource{
		DB:    db,
		From:  store.DataRecordsFrom(sel),
		Where: where,
		Args:  args,
		ID:    "r.id",
		Cols:  cols,
		Decorate: func(ctx context.Context, rows []table.Row) error {
			for i := range rows {
				port := -1
				if p, err := strconv.Atoi(rows[i].Cells[portCol]); err == nil {
					port = p
				}
				rows[i].Cells[appCol] = ports.App(port)
			}
			return nil
		},
	}
}

func portText(v any) string {
	if n, ok := v.(int64); ok && n < 0 {
		return ""
	}
	return table.Plain(v)
}

func baseName(v any) string { return filepath.Base(table.Plain(v)) }
