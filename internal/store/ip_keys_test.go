package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/analysis"
)

// ipKeyRows is every data record's destination and key, in id order.
func ipKeyRows(t *testing.T, st *Store) []string {
	t.Helper()
	rows, err := st.DB().Query("SELECT id, coalesce(dest_ip, 'NULL'), coalesce(dest_hi, 'NULL'), coalesce(dest_lo, 'NULL') FROM ipdr ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id int64
		var ip, hi, lo string
		if err := rows.Scan(&id, &ip, &hi, &lo); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%d %s %s %s", id, ip, hi, lo))
	}
	return out
}

// huntIDs is the ids of the records a hunt finds, sorted.
func huntIDs(t *testing.T, st *Store, form analysis.HuntForm) []int64 {
	t.Helper()
	q, err := form.Parse()
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	if _, err := st.HuntScan(context.Background(), q, HuntScanOptions{}, func(r HuntRow) error { ids = append(ids, r.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	slices.Sort(ids)
	return ids
}

// A case made before the keys (schema 14: the destination index on the
// address text, no key columns, and an interrupted import's marker to
// build that index again) is keyed by the migration when it is opened for
// writing: every record gets the key the import writes, the index is
// built on the keys (the marker of the text index dropped), and hunts
// find the same records as on the case imported with the keys.
func TestIPKeysBuiltByTheMigration(t *testing.T) {
	dir := t.TempDir()
	odd := filepath.Join(dir, "odd.csv")
	var b strings.Builder
	b.WriteString(huntFixtureHeader)
	for i, ip := range []string{"104.198.99.79", "104.198.100.1", "2001:db8::1", "::ffff:104.198.99.79", "::68c6:634f",
		"ff02::1:2", "255.255.255.255", "0.0.0.0", "", "fe80::1", "2001:db8:0:1::5"} {
		fmt.Fprintf(&b, "2017-05-02 10:%02d:00,4477009%05d,,,%s,443,234-15-101-7,1,1\n", i, i%3, ip)
	}
	if err := os.WriteFile(odd, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "case.db")
	st, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Import(context.Background(), []string{generated(t, 11), odd}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	keyed := ipKeyRows(t, st)
	forms := []analysis.HuntForm{
		{Dests: "104.198.99.79:443", Cells: "234-15-101-*", From: "2017-05-02", To: "2017-05-02"},
		{Dests: "104.198.96.0/20", Ports: "443"},
		{Dests: "2001:db8::/32"},
		{Dests: "::/64"},
		{Dests: "0.0.0.0/1, 128.0.0.0/1"},
	}
	var found [][]int64
	total := 0
	for _, f := range forms {
		ids := huntIDs(t, st, f)
		found = append(found, ids)
		total += len(ids)
	}
	if total < 10 {
		t.Fatalf("the hunts found %d records: the test is too weak", total)
	}
	// back to schema 14
	unkeyIPs(t, st)
	if _, err := st.DB().Exec("INSERT INTO case_info(key, value) VALUES ('" + pendingIndexKey + "ipdr_by_dest', 'CREATE INDEX ipdr_by_dest ON ipdr(dest_ip, dest_port, start)')"); err != nil {
		t.Fatal(err)
	}
	setVersionBefore(t, st, "ip_keys.sql")
	st.Close()
	st, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if got := ipKeyRows(t, st); !slices.Equal(got, keyed) {
		for i := range min(len(got), len(keyed)) {
			if got[i] != keyed[i] {
				t.Fatalf("record keyed by the migration: %s; by the import: %s", got[i], keyed[i])
			}
		}
		t.Fatalf("%d records after the migration, %d before", len(got), len(keyed))
	}
	var sqlText string
	if err := st.DB().QueryRow("SELECT sql FROM sqlite_master WHERE name = 'ipdr_by_dest'").Scan(&sqlText); err != nil || sqlText != destIndexSQL {
		t.Errorf("ipdr_by_dest after the migration: %q, %v", sqlText, err)
	}
	if n := count(t, st, "SELECT count(*) FROM case_info WHERE key LIKE '"+pendingIndexKey+"%'"); n != 0 {
		t.Errorf("%d index markers left", n)
	}
	for i, f := range forms {
		if got := huntIDs(t, st, f); !slices.Equal(got, found[i]) {
			t.Errorf("hunt %+v after the migration: %d records, before %d", f, len(got), len(found[i]))
		}
	}
	// the keys as written, by hand
	for ip, want := range map[string]string{
		"104.198.99.79":   "1757832015 NULL",
		"2001:db8::1":     "2306139568115548160 1",
		"::68c6:634f":     "0 1757832015",
		"ff02::1:2":       "-71494644084506624 65538", // 0xff02 << 48 - 2^64 = -0xfe << 48
		"255.255.255.255": "4294967295 NULL",
	} {
		var got string
		err := st.DB().QueryRow("SELECT dest_hi || ' ' || coalesce(dest_lo, 'NULL') FROM ipdr WHERE dest_ip = ?", ip).Scan(&got)
		if err != nil || got != want {
			t.Errorf("%s keyed %q (%v), want %q", ip, got, err, want)
		}
	}
}

// unkeyIPs takes a case back to before migration ip_keys: no key columns,
// the destination index on the text.
func unkeyIPs(t *testing.T, st *Store) {
	t.Helper()
	for _, q := range []string{
		"DROP INDEX ipdr_by_dest",
		"ALTER TABLE ipdr DROP COLUMN dest_lo",
		"ALTER TABLE ipdr DROP COLUMN dest_hi",
		"CREATE INDEX ipdr_by_dest ON ipdr(dest_ip, dest_port, start)",
	} {
		if _, err := st.DB().Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// setVersionBefore sets the case's user_version to the version before the
// migration whose name ends in suffix.
func setVersionBefore(t *testing.T, st *Store, suffix string) {
	t.Helper()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if strings.HasSuffix(m.name, "_"+suffix) {
			if _, err := st.DB().Exec(fmt.Sprintf("PRAGMA user_version = %d", m.version-1)); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatalf("no migration %s", suffix)
}
