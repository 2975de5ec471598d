package store

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"strings"

	"github.com/cdrtui/cdrtui/internal/evidence/asterisk"
)

// celSQLiteTable is the table cel_sqlite3_custom writes in master.db (its
// sample's [master] table = cel).
const celSQLiteTable = "cel"

// celSQLite is what the image's cel_sqlite3_custom.conf says: the table
// and the CEL field of each column (nil: the sample's table, columns read
// by their names).
func celSQLite(opts ImportOptions) *asterisk.CELSQLiteMapping {
	if img := opts.image; img != nil && img.cel.sqlite != nil && img.cel.sqlite.Problem == "" && img.cel.sqlite.Table != "" {
		return img.cel.sqlite
	}
	return nil
}

// importCELSQLite reads the cel table of a PBX's SQLite database (the
// master.db cel_sqlite3_custom writes beside cdr_sqlite3_custom's cdr
// table) into ast_cel, each event's line its rowid, its columns read by
// their names. It says in the source's notes what it read.
func importCELSQLite(ctx context.Context, j *importJob, db *sql.DB, table string, conf *asterisk.CELSQLiteMapping, clk asterisk.CELClock) error {
	rows, err := db.QueryContext(ctx, fmt.Sprintf(`SELECT rowid, * FROM "%s" ORDER BY rowid`, strings.ReplaceAll(table, `"`, `""`)))
	if err != nil {
		return fmt.Errorf("reading table %s: %w", table, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	named := cols[1:]
	from := "the column names of table " + table
	if conf != nil {
		named = make([]string, len(cols)-1)
		for i, c := range cols[1:] {
			named[i] = c
			if f, ok := conf.ByName[strings.ToLower(c)]; ok {
				named[i] = f
			}
		}
		from = fmt.Sprintf("etc/asterisk/cel_sqlite3_custom.conf (values line %d) and the column names of table %s", conf.Line, table)
	}
	m, ok := asterisk.CELHeaderMapping(strings.Join(named, ","))
	if !ok {
		j.det.notes = strings.TrimSpace(j.det.notes + " Its table " + table + " names no eventtype or no eventtime column: not read as Channel Event Logging.")
		return nil
	}
	m.From = from
	next := func() (asterisk.CELEvent, error) {
		if !rows.Next() {
			if err := rows.Err(); err != nil {
				return asterisk.CELEvent{}, err
			}
			return asterisk.CELEvent{}, io.EOF
		}
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return asterisk.CELEvent{}, err
		}
		text := make([]string, len(cols)-1)
		for i, v := range vals[1:] {
			text[i] = v.String
		}
		var rowid int64
		fmt.Sscan(vals[0].String, &rowid)
		e, why := asterisk.CELEventOf(m, text, rowid, clk)
		if why != "" {
			return asterisk.CELEvent{}, &asterisk.RowError{Line: rowid, Reason: why, Raw: strings.Join(text, "|")}
		}
		return e, nil
	}
	j.det.notes = strings.TrimSpace(j.det.notes + " Its table " + table + " is Channel Event Logging (cel_sqlite3_custom), read by " + m.From + " (" + m.Describe() + "); each event's line is its rowid:")
	return importCELEvents(ctx, j, next)
}
