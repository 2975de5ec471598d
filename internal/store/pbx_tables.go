package store

import (
	"context"
	"fmt"
	"strings"
)

// A case on ClickHouse (internal/store/clickhouse) keeps a seized PBX's
// artefacts as this package reads them: its import stages the files here,
// in a SQLite case holding the PBX rows the cluster already has, and
// copies the PBX tables back whole; its analyses load them into a private
// SQLite case and ask this package's queries. What follows is the SQLite
// side of that: which sources and tables are the PBX's, their columns,
// and reading and loading their rows in order.

// PBXKinds are the kinds of source whose rows live in the PBX tables.
var PBXKinds = map[string]bool{
	KindAsteriskCDR: true, KindFreeSWITCHCDR: true, KindCUCMCDR: true, KindKamailioAcc: true, KindThreeCXCDR: true,
	KindAsteriskLog: true, KindAsteriskConf: true, KindHostZone: true, KindShellHistory: true,
	KindAsteriskQueueLog: true, KindAsteriskCEL: true,
}

// PBXTables are the tables a PBX import writes, in an order that loads
// them with their references in place (ast_calls, ast_cel before their
// copies).
var PBXTables = []string{"ast_calls", "ast_call_copies", "ast_log", "ast_conf", "ast_dongles", "ast_peers",
	"ast_dialplan", "ast_dialplan_numbers", "ast_zones", "shell_history", "ast_queue", "ast_checks", "ast_cel", "ast_cel_copies"}

// SourceColumns are the columns of a source row as the ClickHouse case
// keeps it (coalesce(modified_at, 0): it keeps no NULL there).
var SourceColumns = []string{"id", "path", "location", "kind", "format", "sha256", "size", "modified_at", "imported_at",
	"tz", "date_order", "mapping", "rows_imported", "rows_rejected", "fields_dropped", "rows_already", "notes", "sheet",
	"workbook_sha256", "country"}

// PBXColumn is a column of a PBX table.
type PBXColumn struct {
	Name    string
	Integer bool // INTEGER; else TEXT
}

// PBXColumns lists a PBX table's columns in their order.
func (s *Store) PBXColumns(ctx context.Context, table string) ([]PBXColumn, error) {
	if !isPBXTable(table) {
		return nil, fmt.Errorf("%s is not a PBX table", table)
	}
	rows, err := s.db.QueryContext(ctx, "SELECT name, upper(type) FROM pragma_table_info(?) ORDER BY cid", table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PBXColumn
	for rows.Next() {
		var name, typ string
		if err := rows.Scan(&name, &typ); err != nil {
			return nil, err
		}
		switch typ {
		case "INTEGER":
			out = append(out, PBXColumn{Name: name, Integer: true})
		case "TEXT":
			out = append(out, PBXColumn{Name: name})
		default:
			return nil, fmt.Errorf("%s.%s: type %q is neither INTEGER nor TEXT", table, name, typ)
		}
	}
	return out, rows.Err()
}

func isPBXTable(table string) bool {
	for _, t := range PBXTables {
		if t == table {
			return true
		}
	}
	return false
}

// pbxOrder is the order a PBX table's rows are read in: the order they
// were written (ast_call_copies and ast_cel_copies have no rowid: by
// their key).
func pbxOrder(table string) string {
	if table == "ast_call_copies" || table == "ast_cel_copies" {
		return "source_id, line"
	}
	return "rowid"
}

// EachPBXRow hands each row of a PBX table to fn (values as StagedRows
// gives them), in the order the rows were written.
func (s *Store) EachPBXRow(ctx context.Context, table string, cols []PBXColumn, fn func(row []any) error) error {
	if !isPBXTable(table) {
		return fmt.Errorf("%s is not a PBX table", table)
	}
	return s.StagedRows(ctx, "SELECT "+columnList(cols)+" FROM "+table+" ORDER BY "+pbxOrder(table), fn)
}

// PBXSourceRows hands each source of a PBX kind to fn, by id, its values
// those of SourceColumns.
func (s *Store) PBXSourceRows(ctx context.Context, fn func(row []any) error) error {
	var kinds []string
	for k := range PBXKinds {
		kinds = append(kinds, "'"+k+"'")
	}
	cols := strings.Replace(strings.Join(quoteAll(SourceColumns), ", "), `"modified_at"`, `coalesce("modified_at", 0)`, 1)
	return s.StagedRows(ctx, "SELECT "+cols+" FROM sources WHERE kind IN ("+strings.Join(kinds, ", ")+") ORDER BY id", fn)
}

// LoadRows writes rows into table (a PBX table, sources, case_info, or
// the subscribers, devices and subscriber_devices an IMEI of a modem is
// found under), in one transaction, in the order given. It is for the
// staging and private cases the ClickHouse store fills, never a case of
// evidence.
func (s *Store) LoadRows(ctx context.Context, table string, cols []string, rows [][]any) error {
	switch table {
	case "sources", "case_info", "subscribers", "devices", "subscriber_devices":
	default:
		if !isPBXTable(table) {
			return fmt.Errorf("%s: not a table loaded from a ClickHouse case", table)
		}
	}
	if len(rows) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")
	stmt, err := tx.PrepareContext(ctx, "INSERT INTO "+table+" ("+strings.Join(quoteAll(cols), ", ")+") VALUES ("+marks+")")
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, r := range rows {
		if _, err := stmt.ExecContext(ctx, r...); err != nil {
			return fmt.Errorf("loading %s: %w", table, err)
		}
	}
	return tx.Commit()
}

func columnList(cols []PBXColumn) string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return strings.Join(quoteAll(names), ", ")
}

func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = `"` + strings.ReplaceAll(n, `"`, `""`) + `"`
	}
	return out
}
