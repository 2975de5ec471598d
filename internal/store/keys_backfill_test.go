package store

import (
	"database/sql"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// A case made before keys existed: the same person as two subscribers
// (9714499703 and 919714499703), a cell written as a hex CGI, a handset as
// an IMEISV. Opening it adds the keys, infers the plan (the +91 form
// settles it), and merges the two subscribers with their records and
// summaries, each record keeping the form it was written in.
func TestMigrationBackfillsKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	var at int
	for _, m := range ms {
		if strings.HasSuffix(m.name, "_identity_keys.sql") {
			break
		}
		if _, err := db.Exec(m.sql); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
		at = m.version
	}
	old := []string{
		`PRAGMA user_version = ` + itoa(at),
		`INSERT INTO sources(id, path, kind, format, sha256, size, imported_at) VALUES (1, 'a.csv', 'ipdr', 'csv', 'x', 1, 0)`,
		`INSERT INTO subscribers VALUES (1, '9714499703', 2, 1, 100, 0, 300, 0)`,
		`INSERT INTO subscribers VALUES (2, '919714499703', 1, 0, 50, 19800, 200, 0)`,
		`INSERT INTO subscribers VALUES (3, '447700900123', 1, 0, 10, 0, 10, 0)`,
		`INSERT INTO devices VALUES (1, '404100000000001', '3520990017614823')`,
		`INSERT INTO cells VALUES (1, '404101C853039')`,
		`INSERT INTO ipdr(id, source_id, line, subscriber_id, device_id, start, cell_id, dest_port) VALUES
			(1, 1, 2, 1, 1, 100, 1, 443), (2, 1, 3, 1, 1, 300, 1, 443), (3, 1, 4, 2, 1, 50, 1, 443), (4, 1, 5, 3, NULL, 10, NULL, 80)`,
		`INSERT INTO voice(id, source_id, line, subscriber_id, other, call_type, start) VALUES (1, 1, 6, 1, '+91 98123 45678', 'VOICE_OUT', 200)`,
		`INSERT INTO subscriber_devices VALUES (1, 1, 'ipdr', 2, 100, 300), (2, 1, 'ipdr', 1, 50, 50)`,
		`INSERT INTO subscriber_cells VALUES (1, 1, 'ipdr', 2, 100, 300), (2, 1, 'ipdr', 1, 50, 50)`,
		`INSERT INTO activity(subscriber_id, dest_port, records, bytes, h00, h05) VALUES (1, 443, 2, 20, 2, 0), (2, 443, 1, 5, 0, 1)`,
	}
	for _, q := range old {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()

	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if got := strings1(t, st, "SELECT msisdn || ' ' || coalesce(msisdn_key, '-') || ' ' || data_records || ' ' || voice_records || ' ' || first_seen || ' ' || first_offset || ' ' || last_seen FROM subscribers ORDER BY id"); !slices.Equal(got, []string{
		"919714499703 919714499703 3 1 50 19800 300", "447700900123 447700900123 1 0 10 0 10"}) {
		t.Errorf("subscribers %v", got)
	}
	if got := strings1(t, st, "SELECT subscriber_id || ' ' || coalesce(msisdn_as, '-') FROM ipdr ORDER BY id"); !slices.Equal(got, []string{
		"2 9714499703", "2 9714499703", "2 -", "3 -"}) {
		t.Errorf("ipdr %v", got)
	}
	if got := strings1(t, st, "SELECT subscriber_id || ' ' || other || ' ' || other_key FROM voice"); !slices.Equal(got, []string{"2 +91 98123 45678 919812345678"}) {
		t.Errorf("voice %v", got)
	}
	if got := strings1(t, st, "SELECT subscriber_id || ' ' || records || ' ' || first_seen || ' ' || last_seen FROM subscriber_devices"); !slices.Equal(got, []string{"2 3 50 300"}) {
		t.Errorf("subscriber_devices %v", got)
	}
	if got := strings1(t, st, "SELECT subscriber_id || ' ' || records FROM subscriber_cells"); !slices.Equal(got, []string{"2 3"}) {
		t.Errorf("subscriber_cells %v", got)
	}
	if got := strings1(t, st, "SELECT subscriber_id || ' ' || records || ' ' || bytes || ' ' || h00 || ' ' || h05 FROM activity"); !slices.Equal(got, []string{"2 3 25 2 1"}) {
		t.Errorf("activity %v", got)
	}
	if got := strings1(t, st, "SELECT cell_key || ' ' || generation FROM cells"); !slices.Equal(got, []string{"404-10-7301-12345 2G/3G"}) {
		t.Errorf("cells %v", got)
	}
	if got := strings1(t, st, "SELECT handset FROM devices"); !slices.Equal(got, []string{"35209900176148"}) {
		t.Errorf("devices %v", got)
	}
	if got := strings1(t, st, "SELECT value FROM case_info WHERE key = 'country'"); !slices.Equal(got, []string{"IN"}) {
		t.Errorf("plan %v", got)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
