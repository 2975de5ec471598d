package store

// Migration 0019's step: ast_calls.duration loses its NOT NULL by a table
// rebuild, and the durations an older import invented become NULL.

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
)

// durationNotNull is duration's declaration in migration 0004.
const durationNotNull = "duration       INTEGER NOT NULL,"

// allowNullDuration is migration 0019's step: ast_calls rebuilt with
// duration nullable (unless it is already: a case whose user_version was
// set back by a test), then the invented durations forgotten.
func allowNullDuration(ctx context.Context, conn *sql.Conn) error {
	var notNull int64
	if err := conn.QueryRowContext(ctx, "SELECT \"notnull\" FROM pragma_table_info('ast_calls') WHERE name = 'duration'").Scan(&notNull); err != nil {
		return fmt.Errorf("ast_calls.duration: %w", err)
	}
	if notNull != 0 {
		if err := rebuildCalls(ctx, conn, durationNotNull, "duration       INTEGER,         -- NULL when the records give no whole duration"); err != nil {
			return err
		}
	}
	return forgetInventedDurations(ctx, conn)
}

// rebuildCalls makes ast_calls again with the column declared decl
// declared as nullable instead (migrations 0019, duration, and 0020,
// billsec). SQLite cannot drop a NOT NULL in place; its documented rebuild is followed
// inside the migration's transaction, where foreign_keys cannot be turned
// off: the rows of every table referencing ast_calls (ast_call_copies) are
// set aside and put back with their ids, so that dropping the old table
// finds no dependent row; the views and triggers naming ast_calls, and the
// triggers of those tables, are dropped and made again from their own
// text, as are ast_calls' indexes. The ids of ast_calls are kept (INSERT
// ... SELECT * keeps the INTEGER PRIMARY KEY).
func rebuildCalls(ctx context.Context, conn *sql.Conn, decl, nullable string) error {
	var create string
	if err := conn.QueryRowContext(ctx, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'ast_calls'").Scan(&create); err != nil {
		return fmt.Errorf("ast_calls: %w", err)
	}
	if strings.Count(create, decl) != 1 {
		return fmt.Errorf("ast_calls: a column is not declared %q once: not rebuilt", decl)
	}
	create = strings.Replace(create, decl, nullable, 1)
	// as migration 0004 wrote it, or as the RENAME of an earlier rebuild
	// (0019's) left it
	create = strings.Replace(create, `CREATE TABLE "ast_calls" (`, "CREATE TABLE ast_calls (", 1)
	create = strings.Replace(create, "CREATE TABLE ast_calls (", "CREATE TABLE ast_calls_rebuilt (", 1)
	if !strings.HasPrefix(create, "CREATE TABLE ast_calls_rebuilt (") {
		return fmt.Errorf("ast_calls: its CREATE TABLE text does not start as migration 0004 wrote it: not rebuilt")
	}
	children, err := column(ctx, conn, `SELECT DISTINCT m.name FROM sqlite_master m, pragma_foreign_key_list(m.name) f
		WHERE m.type = 'table' AND f."table" = 'ast_calls' ORDER BY m.name`)
	if err != nil {
		return err
	}
	// indexes and triggers of ast_calls, every view or trigger whose text
	// names it and the triggers of its children, in the order they were
	// made
	type object struct{ kind, name, sql string }
	var objects []object
	rows, err := conn.QueryContext(ctx, `SELECT type, name, sql FROM sqlite_master
		WHERE sql IS NOT NULL AND name <> 'ast_calls' AND (tbl_name = 'ast_calls' OR (type IN ('view', 'trigger') AND sql LIKE '%ast_calls%')
			OR (type = 'trigger' AND tbl_name IN (SELECT value FROM json_each(?))))
		ORDER BY rowid`, namesJSON(children))
	if err != nil {
		return err
	}
	for rows.Next() {
		var o object
		if err := rows.Scan(&o.kind, &o.name, &o.sql); err != nil {
			rows.Close()
			return err
		}
		objects = append(objects, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var stmts []string
	for _, o := range objects {
		if o.kind == "view" || o.kind == "trigger" {
			stmts = append(stmts, fmt.Sprintf("DROP %s %s", strings.ToUpper(o.kind), quoteIdent(o.name)))
		}
	}
	for i, c := range children {
		stmts = append(stmts, fmt.Sprintf("CREATE TEMP TABLE rebuild_child_%d AS SELECT * FROM main.%s", i, quoteIdent(c)),
			fmt.Sprintf("DELETE FROM main.%s", quoteIdent(c)))
	}
	stmts = append(stmts, create,
		"INSERT INTO ast_calls_rebuilt SELECT * FROM ast_calls",
		"DROP TABLE ast_calls",
		"ALTER TABLE ast_calls_rebuilt RENAME TO ast_calls")
	for i, c := range children {
		stmts = append(stmts, fmt.Sprintf("INSERT INTO main.%s SELECT * FROM temp.rebuild_child_%d", quoteIdent(c), i),
			fmt.Sprintf("DROP TABLE temp.rebuild_child_%d", i))
	}
	for _, o := range objects {
		stmts = append(stmts, o.sql)
	}
	for _, q := range stmts {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("rebuilding ast_calls: %s: %w", firstLine(q), err)
		}
	}
	for _, c := range children {
		var bad int64
		if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM pragma_foreign_key_check(?)", c).Scan(&bad); err != nil {
			return err
		}
		if bad != 0 {
			return fmt.Errorf("rebuilding ast_calls: %d rows of %s no longer find their call", bad, c)
		}
	}
	return nil
}

// forgetInventedDurations makes NULL the durations older imports
// invented: the talk time of an Issabel report, of a CUCM record without
// its disconnect, of a 3CX record without its end (or 0 for a 3CX
// cdroutput row without it), the 0 of a Kamailio/OpenSIPS acc INVITE no
// BYE ended, the 0 of a Kamailio acc_cdrs row whose end was never
// written, and says so in the Issabel sources' notes.
func forgetInventedDurations(ctx context.Context, conn *sql.Conn) error {
	if _, err := conn.ExecContext(ctx, `UPDATE ast_calls SET duration = NULL WHERE source_id IN
			(SELECT id FROM sources WHERE notes LIKE '%An Elastix/Issabel CDR Report export:%')
		OR (end_text = '' AND source_id IN (SELECT id FROM sources WHERE kind IN ('`+KindCUCMCDR+`', '`+KindThreeCXCDR+`')))
		OR (lastapp = 'INVITE' AND "end" IS NULL AND duration = 0 AND billsec = 0
			AND source_id IN (SELECT id FROM sources WHERE kind = '`+KindKamailioAcc+`'))
		OR (lastapp = 'acc_cdrs' AND end_text = '' AND duration = 0
			AND source_id IN (SELECT id FROM sources WHERE kind = '`+KindKamailioAcc+`'))`); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, `UPDATE sources SET notes = replace(notes, ?, ?) WHERE notes LIKE '%An Elastix/Issabel CDR Report export:%'`,
		oldIssabelNote, issabelDurationNote); err != nil {
		return err
	}
	return nil
}

// oldIssabelNote is what the notes of an Issabel report said of its
// duration before it could be NULL.
const oldIssabelNote = "billsec is that, and duration is set to it too, the call's whole duration (with its ringing) not being in the export; no answer or end time either."

// namesJSON writes names as a JSON array, for json_each.
func namesJSON(names []string) string {
	b, _ := json.Marshal(names)
	if names == nil {
		return "[]"
	}
	return string(b)
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func firstLine(s string) string {
	l, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return l
}
