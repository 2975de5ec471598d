package store

import (
	"path/filepath"
	"strings"
	"testing"
)

// A FreeSWITCH mod_cdr_sqlite database (areski/cdr-pusher's
// sqlitedb/cdr.db schema, one row made up) is no Asterisk CDR database:
// given by name it is refused naming its table and how to export it. Its
// schema's lines had it read as text and refused as a table whose first
// line was "SQLite format 3"; in a folder it is no evidence cdrtui reads.
func TestImportForeignSQLiteRefusedByName(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cdr.db")
	writeMasterDB(t, path, "CREATE TABLE `cdr` (\n `rowid` integer NOT NULL PRIMARY KEY AUTOINCREMENT,\n `caller_id_name` varchar(255) NOT NULL DEFAULT '',\n"+
		" `caller_id_number` varchar(255) NOT NULL DEFAULT '',\n `duration` integer NOT NULL DEFAULT '0',\n `start_stamp` datetime NOT NULL,\n"+
		" `destination_number` varchar(255) NOT NULL DEFAULT '',\n `billsec` integer NOT NULL DEFAULT '0',\n `hangup_cause` varchar(255) NOT NULL DEFAULT '')",
		`INSERT INTO cdr (caller_id_name, caller_id_number, duration, start_stamp, destination_number, billsec, hangup_cause) VALUES ('A', '1001', 30, '2015-01-14 17:58:01', '1002', 25, 'NORMAL_CLEARING')`)
	st := openTemp(t)
	res, err := st.Import(t.Context(), []string{path}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || res[0].Rows != 0 || !strings.Contains(res[0].Error, "an SQLite database (tables: cdr) that is no Asterisk CDR or CEL database") ||
		!strings.Contains(res[0].Error, "sqlite3 -header -csv") {
		t.Fatalf("cdr.db: %+v", res)
	}
	res, err = st.Import(t.Context(), []string{dir}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || res[0].Rows != 0 || !strings.Contains(res[0].Error, "none of them evidence cdrtui reads") {
		t.Fatalf("walked: %+v", res)
	}
}
