package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// foreignDB writes an SQLite database of another application (a phone's
// SMS store, say) with the given user_version and application_id.
func foreignDB(t *testing.T, path string, userVersion, appID int) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"CREATE TABLE sms (_id INTEGER PRIMARY KEY, address TEXT, body TEXT, date INTEGER)",
		"CREATE TABLE threads (_id INTEGER PRIMARY KEY, recipient_ids TEXT)",
		"INSERT INTO sms(address, body, date) VALUES ('+919800000001', 'meet at 5', 1710000000)",
		fmt.Sprintf("PRAGMA user_version = %d", userVersion),
		fmt.Sprintf("PRAGMA application_id = %d", appID),
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
}

// Another application's database is refused by every way of opening a
// case, saying what it looks like, and not a byte of it changes: user
// version 0 (it used to get 23 tables), a higher version (its header used
// to be changed before the refusal), another application_id.
func TestForeignDatabaseRefusedUnchanged(t *testing.T) {
	for _, tt := range []struct{ userVersion, appID int }{{0, 0}, {99, 0}, {3, 0x0f0f0f0f}} {
		t.Run(fmt.Sprintf("v%d-app%x", tt.userVersion, tt.appID), func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "mmssms.db")
			foreignDB(t, p, tt.userVersion, tt.appID)
			before := fileSum(t, p)
			for name, open := range map[string]func(string) (*Store, error){"Create": Create, "Open": Open, "OpenReadOnly": OpenReadOnly} {
				st, err := open(p)
				if err == nil {
					st.Close()
					t.Fatalf("%s opened a foreign database", name)
				}
				var nac *NotACaseError
				if !errors.As(err, &nac) || !strings.Contains(err.Error(), "2 tables (sms, threads)") {
					t.Errorf("%s: %v; want it named not a case, with its tables", name, err)
				}
				if fileSum(t, p) != before {
					t.Fatalf("%s changed the foreign database", name)
				}
				for _, side := range []string{"-wal", "-shm", "-journal"} {
					if exists(p + side) {
						t.Errorf("%s left %s beside it", name, side)
					}
				}
			}
		})
	}
}

// A file that is not SQLite at all, and a missing or empty path, are
// refused by Open and OpenReadOnly; Create makes a case of a missing or
// empty path and marks it with the application_id in its header.
func TestCaseIdentity(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte("not a database at all, but long enough to have a header of a hundred bytes ......................"), 0o644)
	if _, err := Create(text); err == nil || !strings.Contains(err.Error(), "not an SQLite database") {
		t.Errorf("Create on a text file: %v", err)
	}
	missing := filepath.Join(dir, "typo.db")
	for name, open := range map[string]func(string) (*Store, error){"Open": Open, "OpenReadOnly": OpenReadOnly} {
		if _, err := open(missing); err == nil || !strings.Contains(err.Error(), "no case file") {
			t.Errorf("%s on a missing path: %v", name, err)
		}
		if exists(missing) {
			t.Fatalf("%s created %s", name, missing)
		}
	}
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o644)
	if _, err := Open(empty); err == nil || !strings.Contains(err.Error(), "is empty") {
		t.Errorf("Open on an empty file: %v", err)
	}
	for _, p := range []string{missing, empty} {
		st, err := Create(p)
		if err != nil {
			t.Fatal(err)
		}
		st.Close()
		head := make([]byte, 100)
		f, _ := os.Open(p)
		f.Read(head)
		f.Close()
		if id := binary.BigEndian.Uint32(head[68:72]); id != ApplicationID {
			t.Errorf("%s: application_id %#x in the header, want %#x", p, id, ApplicationID)
		}
		st, err = OpenReadOnly(p)
		if err != nil {
			t.Fatalf("reopening a new case: %v", err)
		}
		st.Close()
	}
}

// oldCase writes a case as a cdrtui of schema version v wrote it: the
// first v migrations, no application_id.
func oldCase(t *testing.T, path string, v int) {
	t.Helper()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, m := range ms[:v] {
		if _, err := db.Exec(m.sql); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec(fmt.Sprintf("PRAGMA user_version = %d; INSERT INTO case_info(key, value) VALUES ('created_at', '2025-01-01T00:00:00Z')", v)); err != nil {
		t.Fatal(err)
	}
}

// Cases written before the application_id still open. A read-only open of
// one of an older schema refuses (it would have to migrate) and changes
// nothing; a writing open migrates it and marks it.
func TestOldCasesStillOpen(t *testing.T) {
	dir := t.TempDir()
	current := filepath.Join(dir, "current.db")
	oldCase(t, current, SchemaVersion())
	before := fileSum(t, current)
	st, err := OpenReadOnly(current)
	if err != nil {
		t.Fatalf("a case without application_id at the current schema: %v", err)
	}
	if _, err := st.Summary(context.Background()); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if fileSum(t, current) != before {
		t.Error("a read-only open changed the case")
	}

	older := filepath.Join(dir, "older.db")
	oldCase(t, older, SchemaVersion()-1)
	before = fileSum(t, older)
	if _, err := OpenReadOnly(older); err == nil || !strings.Contains(err.Error(), "cdrtui upgrade") {
		t.Errorf("read-only open of an older schema: %v; want a refusal saying how to upgrade", err)
	}
	if fileSum(t, older) != before {
		t.Error("refusing an older case changed it")
	}
	st, err = Open(older)
	if err != nil {
		t.Fatal(err)
	}
	var v, app int
	st.DB().QueryRow("PRAGMA user_version").Scan(&v)
	st.DB().QueryRow("PRAGMA application_id").Scan(&app)
	st.Close()
	if v != SchemaVersion() || app != ApplicationID {
		t.Errorf("after a writing open: user_version %d application_id %#x; want %d and %#x", v, app, SchemaVersion(), ApplicationID)
	}
}

// A case too large to check before use is checked in the background: an
// import waits for the check and refuses a damaged case all the same.
func TestBackgroundCheckRefusesImport(t *testing.T) {
	dir := t.TempDir()
	casePath := filepath.Join(dir, "case.db")
	st, err := Create(casePath)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "a.csv")
	os.WriteFile(p, []byte("MSISDN,DESTIP,DESTPORT,START\n919800000001,1.2.3.4,443,2024-03-01 10:00:00\n"), 0o644)
	if _, err := st.Import(context.Background(), []string{p}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	var root, pageSize int64
	st.DB().QueryRow("SELECT rootpage FROM sqlite_master WHERE name = 'ipdr_by_dest'").Scan(&root)
	st.DB().QueryRow("PRAGMA page_size").Scan(&pageSize)
	st.Close()
	f, _ := os.OpenFile(casePath, os.O_RDWR, 0)
	f.WriteAt([]byte{0, 0xff, 0xff}, (root-1)*pageSize)
	f.Close()

	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // a passing check is remembered there
	old := syncCheckBytes
	syncCheckBytes = 0
	defer func() { syncCheckBytes = old }()
	st, err = Open(casePath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p2 := filepath.Join(dir, "b.csv")
	os.WriteFile(p2, []byte("MSISDN,DESTIP,DESTPORT,START\n919800000002,1.2.3.4,443,2024-03-01 10:00:00\n"), 0o644)
	if _, err := st.Import(context.Background(), []string{p2}, ImportOptions{}); err == nil || !strings.Contains(err.Error(), ".recover") {
		t.Errorf("import into a damaged case checked in the background: %v", err)
	}
	if w := strings.Join(st.Warnings(), " "); !strings.Contains(w, "is damaged") {
		t.Errorf("warnings %q", w)
	}
}
