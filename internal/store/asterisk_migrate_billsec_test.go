package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// caseOf19 makes a case of schema 19 at path: the SQL of migrations 1 to
// 18, then 0019's step (ast_calls rebuilt with duration nullable, its
// CREATE TABLE text then as SQLite's RENAME left it), user_version 19.
func caseOf19(t *testing.T, path string) *sql.DB {
	t.Helper()
	oldCase(t, path, 18)
	db, err := sql.Open("sqlite", path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, step := range []func() error{
		func() error { _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); return err },
		func() error { return allowNullDuration(ctx, conn) },
		func() error { _, err := conn.ExecContext(ctx, "PRAGMA user_version = 19"); return err },
		func() error { _, err := conn.ExecContext(ctx, "COMMIT"); return err },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// A case of schema 19 (billsec NOT NULL, duration nullable) holding what
// its imports stored: a Kamailio acc_cdrs export's calls (billsec set to
// the duration, 150 and 0), acc INVITEs (200 no BYE ended: billsec 0;
// 486: 0; 200 ended by its BYE: 150), 3CX cdroutput legs (answered
// without an end: 0; not answered: 0; answered and ended: 125), a cdr_csv
// call with billsec 0 (NO ANSWER) and its copy, an Issabel call whose
// duration is NULL, an OpenSIPS call-ended line's read 0 (answered at
// call_start_time, duration 0 + setuptime 6). Migration 0020 rebuilds
// ast_calls: every row keeps
// every other value and its id, every index, view and copy is as it was,
// the foreign keys hold; only the talk times the old imports provably
// invented become NULL (calls 1, 2, 3 and 6), every real one stays
// (including the 486's 0, the unanswered leg's 0, the cdr_csv 0 and the
// OpenSIPS line's 0).
func TestBillsecNullMigrationKeepsSchema19Case(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old19.db")
	db := caseOf19(t, path)
	call := func(id, src int, lastapp, answer, end string, dur string, bill int, disp string) string {
		return "INSERT INTO ast_calls(id, source_id, line, accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata, " +
			"start_text, answer_text, end_text, start, \"end\", wall_offset, duration, billsec, disposition, amaflags, uniqueid, userfield, peeraccount, linkedid, " +
			"recipient, recipient_from, direction, dongle, dedup_key) VALUES (" +
			strings.Join([]string{itoa(id), itoa(src), itoa(id), "'', '201', '0441234567', '', '', 'SIP/201-1', '', '" + lastapp + "', ''",
				"'2026-03-10 09:15:00', '" + answer + "', '" + end + "', 1773134100", map[bool]string{true: "1773134250", false: "NULL"}[end != ""], "0", dur, itoa(bill),
				"'" + disp + "', '', 'u" + itoa(id) + "', '', '', '', '0441234567', 'dst', 'outbound', '', 'k" + itoa(id) + "'"}, ", ") + ")"
	}
	const ended = "2026-03-10 09:17:30"
	for _, q := range []string{
		`INSERT INTO sources(id, path, kind, format, sha256, size, imported_at, notes) VALUES (1, 'acc_cdrs.csv', 'kamailio-acc', 'kamailio-acc-cdrs: a Kamailio acc_cdrs export', 'a', 1, 0, 'acc_cdrs.')`,
		`INSERT INTO sources(id, path, kind, format, sha256, size, imported_at, notes) VALUES (2, 'acc.csv', 'kamailio-acc', 'kamailio-acc: accounting', 'b', 1, 0, 'acc.')`,
		`INSERT INTO sources(id, path, kind, format, sha256, size, imported_at, notes) VALUES (3, 'cdroutput.csv', '3cx-cdr', '3cx-cdroutput: 3CX''s cdroutput table', 'c', 1, 0, '3CX.')`,
		`INSERT INTO sources(id, path, kind, format, sha256, size, imported_at, notes) VALUES (4, 'Master.csv', 'asterisk-cdr', 'asterisk-cdr-csv', 'd', 1, 0, 'cdr_csv.')`,
		`INSERT INTO sources(id, path, kind, format, sha256, size, imported_at, notes) VALUES (5, '100.csv', 'asterisk-cdr', 'asterisk-cdr-csv', 'e', 1, 0, 'cdr_csv.')`,
		`INSERT INTO sources(id, path, kind, format, sha256, size, imported_at, notes) VALUES (6, 'report.csv', 'asterisk-cdr', 'issabel-cdr-report', 'f', 1, 0, 'An Elastix/Issabel CDR Report export: ...')`,
		call(1, 1, "acc_cdrs", "", ended, "150", 150, "200 OK"),
		call(2, 1, "acc_cdrs", "", "", "0", 0, ""),
		call(3, 2, "INVITE", "", "", "NULL", 0, "200 OK"),
		call(4, 2, "INVITE", "", "", "NULL", 0, "486 Busy Here"),
		call(5, 2, "INVITE", "", ended, "150", 150, "200 OK"),
		call(6, 3, "", "2026-03-10 09:15:07", "", "NULL", 0, "dst_participant_terminated"),
		call(7, 3, "", "", "", "NULL", 0, "src_participant_terminated"),
		call(8, 3, "", "2026-03-10 09:15:25", ended, "150", 125, "dst_participant_terminated"),
		call(9, 4, "Dial", "", ended, "150", 0, "NO ANSWER"),
		call(10, 6, "ring group", "", "", "NULL", 125, "ANSWERED"),
		call(11, 2, "INVITE", "2026-03-10 09:15:06", "", "6", 0, "200 OK"),
		"INSERT INTO ast_call_copies(source_id, line, call_id) VALUES (5, 1, 9)",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	dump := func(db *sql.DB, q string) []string {
		t.Helper()
		return queryRows(t, db, q, "NULL")
	}
	const allButBillsec = `SELECT id, source_id, line, accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata, start_text, answer_text,
		end_text, start, answer, "end", wall_offset, duration, disposition, amaflags, uniqueid, userfield, peeraccount, linkedid, sequence, recipient,
		recipient_from, direction, dongle, dedup_key, dialled, trunk, recipient_note, direction_reason, src_key, recipient_key FROM ast_calls ORDER BY id`
	const schema = `SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name <> 'ast_calls' AND (tbl_name = 'ast_calls' OR sql LIKE '%ast_calls%') ORDER BY type, name`
	const view = "SELECT id, source, copies, duration FROM ast_calls_readable ORDER BY id"
	if got := dump(db, `SELECT "notnull" FROM pragma_table_info('ast_calls') WHERE name IN ('billsec', 'duration') ORDER BY name`); strings.Join(got, " ") != "1 0" {
		t.Fatalf("the schema-19 case: billsec, duration NOT NULL %q, want 1 0", got)
	}
	rowsBefore, schemaBefore := dump(db, allButBillsec), dump(db, schema)
	copiesBefore, viewBefore := dump(db, "SELECT * FROM ast_call_copies"), dump(db, view)
	db.Close()
	if len(rowsBefore) != 11 || len(schemaBefore) < 9 || len(copiesBefore) != 1 {
		t.Fatalf("the old case: %d calls, %d schema objects, %d copies", len(rowsBefore), len(schemaBefore), len(copiesBefore))
	}

	// besides talk times, 0020 forgets the one duration 0019 did not know
	// to: call 2's 0, acc_cdrs' default beside an end never written
	f := strings.Split(rowsBefore[1], "|")
	if f[19] != "0" {
		t.Fatalf("call 2's duration before: %q", f[19])
	}
	f[19] = "NULL"
	rowsBefore[1], viewBefore[1] = strings.Join(f, "|"), "2|acc_cdrs.csv|0|NULL"

	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	after := st.DB()
	if got := dump(after, allButBillsec); !slices.Equal(got, rowsBefore) {
		t.Errorf("calls changed\n got  %s\n want %s", strings.Join(got, "\n      "), strings.Join(rowsBefore, "\n      "))
	}
	if got := dump(after, schema); !slices.Equal(got, schemaBefore) {
		t.Errorf("indexes, views or triggers changed\n got  %s\n want %s", strings.Join(got, "\n      "), strings.Join(schemaBefore, "\n      "))
	}
	if got := dump(after, "SELECT * FROM ast_call_copies"); !slices.Equal(got, copiesBefore) {
		t.Errorf("copies %q, want %q", got, copiesBefore)
	}
	if got := dump(after, view); !slices.Equal(got, viewBefore) {
		t.Errorf("readable view %q, want %q", got, viewBefore)
	}
	if got := dump(after, "SELECT id, billsec FROM ast_calls ORDER BY id"); strings.Join(got, " ") != "1|NULL 2|NULL 3|NULL 4|0 5|150 6|NULL 7|0 8|125 9|0 10|125 11|0" {
		t.Errorf("talk times %q", got)
	}
	if got := dump(after, `SELECT "notnull" FROM pragma_table_info('ast_calls') WHERE name IN ('billsec', 'duration') ORDER BY name`); strings.Join(got, " ") != "0 0" {
		t.Errorf("billsec, duration NOT NULL: %q, want 0 0", got)
	}
	if got := dump(after, "PRAGMA foreign_key_check"); len(got) != 0 {
		t.Errorf("foreign keys broken: %q", got)
	}
	if got := dump(after, "PRAGMA integrity_check"); strings.Join(got, " ") != "ok" {
		t.Errorf("integrity %q", got)
	}
	if _, err := after.Exec("INSERT INTO ast_call_copies(source_id, line, call_id) VALUES (5, 2, 99)"); err == nil {
		t.Error("a copy of call 99 (none) was accepted: the foreign key is gone")
	}
	// the talk-time totals now leave the unknown out: 150 + 125 + 125
	calls, err := st.PBXCalls(context.Background(), PBXFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var talk, unknown int64
	for _, c := range calls {
		if c.BillSec < 0 {
			unknown++
		} else {
			talk += c.BillSec
		}
	}
	if talk != 400 || unknown != 4 {
		t.Errorf("talk %d s, %d calls unknown; want 400, 4", talk, unknown)
	}
}

// A ClickHouse case keeps no schema version: the PBX rows an older cdrtui
// wrote there, loaded into a private case, are mended as a local case's
// migrations 0019 and 0020 would: an acc_cdrs call's billsec 150 (its
// duration) and an Issabel report call's duration 125 (its talk time)
// become NULL; the Master.csv call's 130/120 stays.
func TestForgetInventedPBXTimesOfLoadedRows(t *testing.T) {
	st := openTemp(t)
	ctx := context.Background()
	if err := st.LoadRows(ctx, "sources", []string{"id", "path", "kind", "format", "sha256", "size", "imported_at", "notes"}, [][]any{
		{1, "acc_cdrs.csv", KindKamailioAcc, "kamailio-acc-cdrs", "a", 1, 0, "acc_cdrs."},
		{2, "report.csv", KindAsteriskCDR, "issabel-cdr-report", "b", 1, 0, "An Elastix/Issabel CDR Report export: ..."},
		{3, "Master.csv", KindAsteriskCDR, "asterisk-cdr-csv", "c", 1, 0, "cdr_csv."},
	}); err != nil {
		t.Fatal(err)
	}
	cols := []string{"id", "source_id", "line", "accountcode", "src", "dst", "dcontext", "clid", "channel", "dstchannel", "lastapp", "lastdata",
		"start_text", "answer_text", "end_text", "start", "wall_offset", "duration", "billsec", "disposition", "amaflags", "uniqueid", "userfield",
		"peeraccount", "linkedid", "recipient", "recipient_from", "direction", "dongle", "dedup_key"}
	row := func(id, src int, lastapp string, dur, bill int) []any {
		return []any{id, src, 1, "", "201", "0441234567", "", "", "", "", lastapp, "", "2026-03-10 09:15:00", "", "2026-03-10 09:17:30", 1773134100, 0,
			dur, bill, "ANSWERED", "", "u" + itoa(id), "", "", "", "0441234567", "dst", "outbound", "", "k" + itoa(id)}
	}
	if err := st.LoadRows(ctx, "ast_calls", cols, [][]any{row(1, 1, "acc_cdrs", 150, 150), row(2, 2, "ring group", 125, 125), row(3, 3, "Dial", 130, 120)}); err != nil {
		t.Fatal(err)
	}
	if err := st.ForgetInventedPBXTimes(ctx); err != nil {
		t.Fatal(err)
	}
	if got := queryRows(t, st.DB(), "SELECT id, duration, billsec FROM ast_calls ORDER BY id", "NULL"); strings.Join(got, " ") != "1|150|NULL 2|NULL|125 3|130|120" {
		t.Errorf("calls %q", got)
	}
}
