package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/cdrtui/cdrtui/internal/evidence/asterisk"
)

// sqliteMapping is the image's cdr_sqlite3_custom.conf mapping.
type sqliteMapping struct {
	*asterisk.SQLiteMapping
	utc bool // the start is written in UTC
}

// clockNote says which line decided the clock of master.db.
func (m *sqliteMapping) clockNote() string {
	switch {
	case m.ValuesLine == 0:
		return ""
	case m.utc:
		return fmt.Sprintf("etc/asterisk/cdr_sqlite3_custom.conf line %d: the start is written in UTC (STRFTIME with GMT, or Unix seconds)", m.ValuesLine)
	}
	return fmt.Sprintf("etc/asterisk/cdr_sqlite3_custom.conf line %d: the start is written as ${CDR(start)}, the PBX's local time", m.ValuesLine)
}

// readSQLiteMapping reads the image's cdr_sqlite3_custom.conf, nil when it
// has none or no [master] section.
func readSQLiteMapping(r *os.Root) *sqliteMapping {
	b, err := readRootFile(r, "etc/asterisk/cdr_sqlite3_custom.conf")
	if err != nil {
		return nil
	}
	c, err := asterisk.ParseConf(bytes.NewReader(b))
	if err != nil {
		return nil
	}
	m := asterisk.ParseSQLiteMapping(c)
	if m == nil {
		return nil
	}
	return &sqliteMapping{SQLiteMapping: m, utc: m.UTC}
}

// detectCDRSQLite recognises an SQLite database of CDRs: the master.db that
// cdr_sqlite3 and cdr_sqlite3_custom write, or any SQLite file whose schema
// (on its first page, in the head) declares a table with dcontext and
// dstchannel columns. A cdrtui case is not evidence of this kind.
func detectCDRSQLite(abs string, head []byte, opts ImportOptions) (*detection, error) {
	if len(head) >= 72 && binary.BigEndian.Uint32(head[68:72]) == ApplicationID {
		return nil, nil
	}
	low := bytes.ToLower(head)
	schema := bytes.Contains(low, []byte("create table")) && bytes.Contains(low, []byte("dcontext")) && bytes.Contains(low, []byte("dstchannel"))
	celOnly := !schema && bytes.Contains(low, []byte("create table")) && bytes.Contains(low, []byte("eventtype")) && bytes.Contains(low, []byte("linkedid"))
	if c := celSQLite(opts); c != nil && !schema && strings.EqualFold(filepath.Base(abs), "master.db") {
		t := []byte(strings.ToLower(c.Table))
		celOnly = celOnly || bytes.Contains(low, append([]byte("create table "), t...)) || bytes.Contains(low, append([]byte(`create table "`), t...))
	}
	if bytes.Contains(low, []byte("ast_calls")) {
		return nil, nil
	}
	if !schema && !celOnly && !strings.EqualFold(filepath.Base(abs), "master.db") {
		return nil, foreignSQLite(head)
	}
	clk, zone, zoneNote := cdrClockZone(abs, asterisk.FormatCDRSQLite, opts)
	var m *sqliteMapping
	if opts.image != nil {
		m = opts.image.sqlite3
	}
	notes := "An SQLite CDR database (cdr_sqlite3_custom's master.db): read from a private copy made while hashing, opened read-only and immutable, " +
		"so the evidence file is never opened by SQLite (no journal, WAL or lock file is made beside it); a call's line is its rowid. "
	switch {
	case m == nil:
		notes += "No cdr_sqlite3_custom.conf in the image: the columns are read by their names (calldate or start, clid, src, dst ...). "
	case m.Problem != "":
		notes += m.Problem + ": the columns are read by their names. "
	default:
		notes += fmt.Sprintf("cdr_sqlite3_custom.conf [master]: table %s, %d columns mapped by its values line (line %d). ", m.Table, len(m.Columns), m.ValuesLine)
		if m.BusyTimeout != "" {
			notes += "busy_timeout " + m.BusyTimeout + " only says how long Asterisk waited on a lock. "
		}
	}
	celClk, celZone, celNote := celClock(opts)
	celConf := celSQLite(opts)
	if celOnly {
		return &detection{kind: KindAsteriskCEL, format: "Asterisk CEL: SQLite database whose schema declares a cel table (eventtype, linkedid) and no CDR table", zone: celZone,
			notes:    "An SQLite database of Channel Event Logging (cel_sqlite3_custom), read from a private copy as a CDR database is. " + celNote + ".",
			importer: func(ctx context.Context, j *importJob) error { return importCDRSQLite(ctx, j, m, clk, celClk, celConf) }}, nil
	}
	return &detection{kind: KindAsteriskCDR, format: string(asterisk.FormatCDRSQLite) + ": SQLite database of call records", zone: zone,
		notes:    notes + zoneNote + ".",
		importer: func(ctx context.Context, j *importJob) error { return importCDRSQLite(ctx, j, m, clk, celClk, celConf) }}, nil
}

// importCDRSQLite copies the database through the hashing reader into a
// private file (so the hash covers exactly what is read, and SQLite never
// touches the evidence), opens the copy read-only and immutable, and reads
// the cdr table's rows as calls.
func importCDRSQLite(ctx context.Context, j *importJob, m *sqliteMapping, clk cdrClock, celClk asterisk.CELClock, celConf *asterisk.CELSQLiteMapping) error {
	tmp, err := os.CreateTemp("", "cdrtui-cdr-*.db")
	if err != nil {
		return fmt.Errorf("%w: a private copy of the database: %v", errCaseFailed, err)
	}
	defer os.Remove(tmp.Name())
	_, err = io.Copy(tmp, j.reader())
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("copying %s: %w", j.path, err)
	}
	db, err := sql.Open("sqlite", "file:"+escapePath(tmp.Name())+"?mode=ro&immutable=1")
	if err != nil {
		return err
	}
	defer db.Close()
	table := "cdr"
	var mapping *asterisk.SQLiteMapping
	if m != nil {
		table, mapping = m.Table, m.SQLiteMapping
	}
	tables, err := tableNames(tmp.Name())
	if err != nil {
		return fmt.Errorf("%s is not a readable SQLite database: %v", j.path, err)
	}
	celTable := celSQLiteTable
	if celConf != nil {
		celTable = celConf.Table
	}
	hasCEL := hasTable(tables, celTable) && !strings.EqualFold(table, celTable)
	if !hasTable(tables, table) {
		if hasCEL {
			j.det.notes = strings.TrimSpace(j.det.notes + fmt.Sprintf(" No CDR table %q (it holds: %s).", table, strings.Join(tables, ", ")))
			return importCELSQLite(ctx, j, db, celTable, celConf, celClk)
		}
		return fmt.Errorf("an SQLite database without the CDR table %q (it holds: %s)", table, strings.Join(tables, ", "))
	}
	rows, err := db.QueryContext(ctx, fmt.Sprintf(`SELECT rowid, * FROM "%s" ORDER BY rowid`, strings.ReplaceAll(table, `"`, `""`)))
	if err != nil {
		return fmt.Errorf("reading table %s: %w", table, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	rm, reason, ok := asterisk.NewRowMapper(cols[1:], mapping)
	if !ok {
		return fmt.Errorf("table %s is not a CDR table: %s", table, reason)
	}
	if rm.How != "" {
		j.det.notes = strings.TrimSpace(j.det.notes + " " + rm.How + ".")
	}
	if err := j.readCalls(ctx, &sqliteRows{rows: rows, rm: rm, width: len(cols)}, asterisk.FormatCDRSQLite, clk); err != nil || !hasCEL {
		return err
	}
	rows.Close()
	return importCELSQLite(ctx, j, db, celTable, celConf, celClk)
}

// hasTable reports whether name is among tables (SQLite compares names
// case-insensitively).
func hasTable(tables []string, name string) bool {
	for _, t := range tables {
		if strings.EqualFold(t, name) {
			return true
		}
	}
	return false
}

// sqliteRows reads a CDR table's rows as calls (a callSource).
type sqliteRows struct {
	rows  *sql.Rows
	rm    asterisk.RowMapper
	width int
}

func (s *sqliteRows) Next() (asterisk.Call, error) {
	if !s.rows.Next() {
		if err := s.rows.Err(); err != nil {
			return asterisk.Call{}, err
		}
		return asterisk.Call{}, io.EOF
	}
	vals := make([]sql.NullString, s.width)
	ptrs := make([]any, s.width)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := s.rows.Scan(ptrs...); err != nil {
		return asterisk.Call{}, err
	}
	text := make([]string, s.width-1)
	for i, v := range vals[1:] {
		text[i] = v.String
	}
	var rowid int64
	fmt.Sscan(vals[0].String, &rowid)
	c, reason := s.rm.Call(rowid, text)
	if reason != "" {
		return asterisk.Call{}, &asterisk.RowError{Line: rowid, Reason: reason, Raw: strings.Join(text, "|")}
	}
	return c, nil
}

// createTable finds the tables an SQLite file's schema declares in its head.
var createTable = regexp.MustCompile("(?i)create table\\s+(?:if not exists\\s+)?[`\"\\[]?([A-Za-z0-9_]+)")

// foreignSQLite is why an SQLite database that is no case and no Asterisk
// CDR or CEL database is not read: a FreeSWITCH mod_cdr_sqlite cdr.db
// (caller_id_number, destination_number, start_stamp) was read as text and
// refused as a table whose first line was "SQLite format 3".
func foreignSQLite(head []byte) error {
	var names []string
	for _, m := range createTable.FindAllSubmatch(head, 20) {
		if n := string(m[1]); !strings.HasPrefix(n, "sqlite_") && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	tables := "none in its first pages"
	if len(names) > 0 {
		tables = strings.Join(names, ", ")
	}
	return fmt.Errorf("an SQLite database (tables: %s) that is no Asterisk CDR or CEL database (a cdr table with dcontext and dstchannel, or cel_sqlite3_custom's cel) and no case: "+
		"cdrtui reads other switches' call tables exported as CSV with their header (sqlite3 -header -csv FILE 'SELECT * FROM TABLE'); import that export", tables)
}
