package main

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func sumFile(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// readOnlyCommands are every command that only reads a case, with
// arguments that make it read the records.
func readOnlyCommands(casePath, a, b string) [][]string {
	return [][]string{
		{"summary", casePath}, {"summary", casePath, "--json"},
		{"persona", casePath, a}, {"persona", casePath, a, "--json"},
		{"correlate", casePath, a, b}, {"contacts", casePath, a, "--top", "3"},
		{"trends", casePath, a}, {"trends", casePath, "all", "--json"},
		{"hunt", casePath, "--dest", "0.0.0.0/0"}, {"hunt", casePath, "--saved"},
		{"simbox", casePath}, {"ports", casePath}, {"ports", casePath, "--csv"},
		{"asterisk", casePath, "--json"},
	}
}

// Every read-only command leaves what a case holds as it was (no
// migration, no application_id written, no row changed): the analyses add
// their run to the audit trail and nothing else. Every command and the
// workbench refuse another application's database without changing it.
func TestReadOnlyCommandsNeverWrite(t *testing.T) {
	casePath, truth := generatedCaseFile(t)
	a, b := truth.Pairs[0].A, truth.Pairs[0].B
	before := evidenceDigest(t, casePath)
	for _, args := range readOnlyCommands(casePath, a, b) {
		var out, errOut bytes.Buffer
		if code := run(args, &out, &errOut); code != 0 {
			t.Errorf("cdrtui %s: exit %d: %s", strings.Join(args, " "), code, errOut.String())
		}
		if evidenceDigest(t, casePath) != before {
			t.Fatalf("cdrtui %s changed the case beyond its audit trail", strings.Join(args, " "))
		}
	}
	if out := runOK(t, "audit", casePath, "--verify"); !strings.Contains(out, "unbroken") {
		t.Errorf("audit --verify after the read-only commands: %s", out)
	}

	foreign := filepath.Join(t.TempDir(), "mmssms.db")
	db, err := sql.Open("sqlite", foreign)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"CREATE TABLE sms (_id INTEGER PRIMARY KEY, address TEXT, body TEXT)", "INSERT INTO sms(address, body) VALUES ('+919800000001', 'hi')"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	foreignBefore := sumFile(t, foreign)
	evidence := filepath.Join(t.TempDir(), "x.csv")
	os.WriteFile(evidence, []byte("MSISDN,DESTIP,DESTPORT,START\n919800000001,1.2.3.4,443,2024-03-01 10:00:00\n"), 0o644)
	commands := append(readOnlyCommands(foreign, a, b),
		[]string{"import", foreign, evidence}, []string{"ports", foreign, "--reset"},
		[]string{"upgrade", foreign}, []string{foreign})
	for _, args := range commands {
		var out, errOut bytes.Buffer
		code := run(args, &out, &errOut)
		if code == 0 || !strings.Contains(errOut.String(), "is not a cdrtui case") || !strings.Contains(errOut.String(), "1 tables (sms)") {
			t.Errorf("cdrtui %s on a foreign database: exit %d, %q; want a refusal naming its tables", strings.Join(args, " "), code, errOut.String())
		}
		if sumFile(t, foreign) != foreignBefore {
			t.Fatalf("cdrtui %s changed the foreign database", strings.Join(args, " "))
		}
	}
}

// A command other than import never creates a case at a missing path.
func TestMissingCaseNotCreated(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "typo.db")
	for _, args := range [][]string{{"summary", missing}, {"persona", missing, "919800000001"}, {"ports", missing, "--reset"}, {"upgrade", missing}, {missing}} {
		var out, errOut bytes.Buffer
		if code := run(args, &out, &errOut); code == 0 || !strings.Contains(errOut.String(), "no case file") {
			t.Errorf("cdrtui %s: exit %d %q", strings.Join(args, " "), code, errOut.String())
		}
		if _, err := os.Stat(missing); err == nil {
			t.Fatalf("cdrtui %s created %s", strings.Join(args, " "), missing)
		}
	}
}

// cdrtui upgrade opens a case for writing (migrating it) and says its
// schema version; on a read-only case it refuses.
func TestUpgradeCommand(t *testing.T) {
	dir := t.TempDir()
	evidence := filepath.Join(dir, "x.csv")
	os.WriteFile(evidence, []byte("MSISDN,DESTIP,DESTPORT,START\n919800000001,1.2.3.4,443,2024-03-01 10:00:00\n"), 0o644)
	casePath := filepath.Join(dir, "case.db")
	runOK(t, "import", casePath, evidence)
	if out := runOK(t, "upgrade", casePath); !strings.Contains(out, "schema version") {
		t.Errorf("upgrade printed %q", out)
	}
	if os.Geteuid() != 0 { // root writes whatever the mode
		os.Chmod(casePath, 0o444)
		var out, errOut bytes.Buffer
		if code := run([]string{"upgrade", casePath}, &out, &errOut); code == 0 {
			t.Errorf("upgrade of a read-only case: exit 0, %q", out.String())
		}
	}
}
