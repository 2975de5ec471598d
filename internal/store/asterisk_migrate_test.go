package store

import (
	"database/sql"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A case of schema 18 (duration NOT NULL) with an Issabel report's calls
// (duration = the talk time, as imports then stored it), a CUCM call
// without its disconnect, a cdr_csv call with its real duration and a copy
// of it: migration 0019 rebuilds ast_calls. Every row keeps every value
// and its id, every index, view and copy is as it was, the foreign keys
// hold; only the durations the old import invented become NULL (the two
// Issabel calls' 125 and 0, the CUCM call's 40, the 0 of a Kamailio acc
// INVITE without its BYE), the cdr_csv call keeps its 130 (ring 10 + talk
// 120), the CUCM call with its end its 55, the ended acc call its 130.
func TestDurationNullMigrationKeepsOldCase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	oldCase(t, path, 18)
	db, err := sql.Open("sqlite", path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	oldNotes := "An Elastix/Issabel CDR Report export: Asterisk's cdr rows (...). The report writes billsec, the talk time, under Duration (\"125s (2m 5s)\"): " +
		oldIssabelNote + " Zone none."
	call := func(id, src, line int, endText string, dur, bill int) string {
		return "INSERT INTO ast_calls(id, source_id, line, accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata, " +
			"start_text, answer_text, end_text, start, wall_offset, duration, billsec, disposition, amaflags, uniqueid, userfield, peeraccount, linkedid, " +
			"recipient, recipient_from, direction, dongle, dedup_key) VALUES (" +
			strings.Join([]string{itoa(id), itoa(src), itoa(line), "'', '201', '0441234567', 'from-internal', '', 'SIP/201-1', '', 'Dial', ''",
				"'2026-03-10 09:15:00', '', '" + endText + "', 1773134100, 0", itoa(dur), itoa(bill),
				"'ANSWERED', '', 'u" + itoa(id) + "', '', '', '', '0441234567', 'dst', 'outbound', '', 'k" + itoa(id) + "'"}, ", ") + ")"
	}
	for _, q := range []string{
		`INSERT INTO sources(id, path, kind, format, sha256, size, imported_at, notes) VALUES (1, 'issabel.csv', 'asterisk-cdr', 'issabel-cdr-report', 'a', 1, 0, '` + strings.ReplaceAll(oldNotes, "'", "''") + `')`,
		`INSERT INTO sources(id, path, kind, format, sha256, size, imported_at, notes) VALUES (2, 'Master.csv', 'asterisk-cdr', 'asterisk-cdr-csv', 'b', 1, 0, 'cdr_csv.')`,
		`INSERT INTO sources(id, path, kind, format, sha256, size, imported_at, notes) VALUES (3, 'cdr_StandAloneCluster_01', 'cucm-cdr', 'cisco-cucm-cdr', 'c', 1, 0, 'CUCM.')`,
		`INSERT INTO sources(id, path, kind, format, sha256, size, imported_at, notes) VALUES (4, '100.csv', 'asterisk-cdr', 'asterisk-cdr-csv', 'd', 1, 0, 'cdr_csv.')`,
		call(1, 1, 2, "", 125, 125),
		call(2, 1, 3, "", 0, 0),
		call(7, 2, 1, "2026-03-10 09:17:10", 130, 120),
		call(8, 3, 2, "", 40, 40),
		call(9, 3, 3, "1773134155", 55, 40),
		`INSERT INTO sources(id, path, kind, format, sha256, size, imported_at, notes) VALUES (5, 'acc.csv', 'kamailio-acc', 'kamailio-acc', 'e', 1, 0, 'acc.')`,
		call(10, 5, 1, "", 0, 0),
		call(11, 5, 3, "2026-03-10 09:17:10", 130, 130),
		"UPDATE ast_calls SET lastapp = 'INVITE' WHERE source_id = 5",
		"INSERT INTO ast_call_copies(source_id, line, call_id) VALUES (4, 1, 7)",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	dump := func(db *sql.DB, q string) []string {
		t.Helper()
		return queryRows(t, db, q, "NULL")
	}
	const allButDuration = `SELECT id, source_id, line, accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata, start_text, answer_text,
		end_text, start, answer, "end", wall_offset, billsec, disposition, amaflags, uniqueid, userfield, peeraccount, linkedid, sequence, recipient,
		recipient_from, direction, dongle, dedup_key, dialled, trunk, recipient_note, direction_reason, src_key, recipient_key FROM ast_calls ORDER BY id`
	const schema = `SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name <> 'ast_calls' AND (tbl_name = 'ast_calls' OR sql LIKE '%ast_calls%') ORDER BY type, name`
	rowsBefore, schemaBefore := dump(db, allButDuration), dump(db, schema)
	copiesBefore, viewBefore := dump(db, "SELECT * FROM ast_call_copies"), dump(db, "SELECT id, source, copies, billsec FROM ast_calls_readable ORDER BY id")
	db.Close()
	if len(rowsBefore) != 7 || len(schemaBefore) < 9 || len(copiesBefore) != 1 {
		t.Fatalf("the old case: %d calls, %d schema objects, %d copies", len(rowsBefore), len(schemaBefore), len(copiesBefore))
	}

	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	after := st.DB()
	if got := dump(after, allButDuration); !slices.Equal(got, rowsBefore) {
		t.Errorf("calls changed\n got  %s\n want %s", strings.Join(got, "\n      "), strings.Join(rowsBefore, "\n      "))
	}
	if got := dump(after, schema); !slices.Equal(got, schemaBefore) {
		t.Errorf("indexes, views or triggers changed\n got  %s\n want %s", strings.Join(got, "\n      "), strings.Join(schemaBefore, "\n      "))
	}
	if got := dump(after, "SELECT * FROM ast_call_copies"); !slices.Equal(got, copiesBefore) {
		t.Errorf("copies %q, want %q", got, copiesBefore)
	}
	if got := dump(after, "SELECT id, source, copies, billsec FROM ast_calls_readable ORDER BY id"); !slices.Equal(got, viewBefore) {
		t.Errorf("readable view %q, want %q", got, viewBefore)
	}
	if got := dump(after, "SELECT id, duration FROM ast_calls ORDER BY id"); strings.Join(got, " ") != "1|NULL 2|NULL 7|130 8|NULL 9|55 10|NULL 11|130" {
		t.Errorf("durations %q", got)
	}
	if got := dump(after, `SELECT "notnull" FROM pragma_table_info('ast_calls') WHERE name IN ('duration', 'billsec') ORDER BY name`); strings.Join(got, " ") != "0 0" {
		t.Errorf("billsec, duration NOT NULL: %q, want 0 0 (billsec by migration 0020)", got)
	}
	if got := dump(after, "PRAGMA foreign_key_check"); len(got) != 0 {
		t.Errorf("foreign keys broken: %q", got)
	}
	if got := dump(after, "PRAGMA integrity_check"); strings.Join(got, " ") != "ok" {
		t.Errorf("integrity %q", got)
	}
	notes := dump(after, "SELECT notes FROM sources WHERE id = 1")[0]
	if strings.Contains(notes, "set to it too") || !strings.Contains(notes, issabelDurationNote) || !strings.HasSuffix(notes, " Zone none.") {
		t.Errorf("Issabel notes after the migration: %q", notes)
	}
	// the rebuilt table still refuses a copy of no call
	if _, err := after.Exec("INSERT INTO ast_call_copies(source_id, line, call_id) VALUES (4, 2, 99)"); err == nil {
		t.Error("a copy of call 99 (none) was accepted: the foreign key is gone")
	}
}
