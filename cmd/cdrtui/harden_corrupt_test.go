package main

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// damageIndex breaks the root page of one index of a closed case (its page
// type byte set to one SQLite does not know), as a bad sector would.
func damageIndex(t *testing.T, casePath, index string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+casePath+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var root, pageSize int64
	if err := db.QueryRow("SELECT rootpage FROM sqlite_master WHERE name = ?", index).Scan(&root); err != nil {
		t.Fatal(err)
	}
	db.QueryRow("PRAGMA page_size").Scan(&pageSize)
	db.Close()
	f, err := os.OpenFile(casePath, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte{0x00, 0xff, 0xff}, (root-1)*pageSize); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// A damaged case is found on open (quick_check): an import into it is
// refused with how to recover it, nothing written; reading goes on with a
// warning.
func TestDamagedCaseRefusesWritesAllowsReads(t *testing.T) {
	casePath, _ := generatedCaseFile(t)
	damageIndex(t, casePath, "ipdr_by_dest")
	before := sumFile(t, casePath)
	evidence := filepath.Join(t.TempDir(), "x.csv")
	os.WriteFile(evidence, []byte("MSISDN,DESTIP,DESTPORT,START\n919800000001,1.2.3.4,443,2024-03-01 10:00:00\n"), 0o644)

	var out, errOut bytes.Buffer
	code := run([]string{"import", casePath, evidence}, &out, &errOut)
	if code == 0 || !strings.Contains(errOut.String(), "is damaged") || !strings.Contains(errOut.String(), ".recover") {
		t.Errorf("import into a damaged case: exit %d %q; want a refusal naming sqlite3 .recover", code, errOut.String())
	}
	if sumFile(t, casePath) != before {
		t.Fatal("the damaged case was written to")
	}
	out.Reset()
	errOut.Reset()
	code = run([]string{"summary", casePath}, &out, &errOut)
	if code != 0 || !strings.Contains(errOut.String(), "warning: case") || !strings.Contains(errOut.String(), ".recover") || !strings.Contains(out.String(), "ipdr records") {
		t.Errorf("summary of a damaged case: exit %d, stdout %q, stderr %q; want the summary with a warning", code, out.String(), errOut.String())
	}
	if sumFile(t, casePath) != before {
		t.Fatal("reading the damaged case changed it")
	}
}
