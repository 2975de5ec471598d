package main

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/store"
)

// evidenceDigest hashes everything a case holds but its audit trail (the
// audit table and the head kept in case_info): the schema, the version,
// every row of every other table.
func evidenceDigest(t *testing.T, casePath string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+casePath+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	h := sha256.New()
	var uv, app int64
	db.QueryRow("PRAGMA user_version").Scan(&uv)
	db.QueryRow("PRAGMA application_id").Scan(&app)
	fmt.Fprintf(h, "%d %d\n", uv, app)
	rows, err := db.Query("SELECT name, coalesce(sql, '') FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name, ddl string
		rows.Scan(&name, &ddl)
		fmt.Fprintln(h, ddl)
		if name != "audit" {
			tables = append(tables, name)
		}
	}
	rows.Close()
	for _, tb := range tables {
		q := fmt.Sprintf("SELECT * FROM %q", tb)
		if tb == "case_info" {
			q += " WHERE key <> 'audit_head'"
		}
		rs, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rs.Columns()
		for rs.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			rs.Scan(ptrs...)
			fmt.Fprintf(h, "%s %v\n", tb, vals)
		}
		rs.Close()
	}
	return hex.EncodeToString(h.Sum(nil))
}

type recordedEntry struct {
	Seq          int64  `json:"seq"`
	Analyst      string `json:"analyst"`
	Action       string `json:"action"`
	Params       string `json:"params"`
	ResultSHA256 string `json:"result_sha256"`
}

func trailEntries(t *testing.T, casePath string) []recordedEntry {
	t.Helper()
	var tr struct{ Entries []recordedEntry }
	runJSON(t, []string{"audit", casePath, "--json"}, &tr)
	return tr.Entries
}

// Every analysis run from the shell is in the case's trail: its command,
// its arguments as given, the analyst, and the SHA-256 of exactly what its
// --json printed (computed here from the bytes on stdout). The runs read
// the case read-only: nothing but the trail changes, and the chain stays
// unbroken.
func TestAnalysisRunsAreRecorded(t *testing.T) {
	casePath, truth := reportCaseFile(t)
	a, b := truth.Pairs[0].A, truth.Pairs[0].B
	t.Setenv("CDRTUI_ANALYST", "Insp. Rao")
	before := evidenceDigest(t, casePath)
	runs := [][]string{
		{"persona", casePath, a, "--json"},
		{"persona", casePath, a, "--json", "--from", "2000-01-01", "--to", "2100-01-01"},
		{"correlate", casePath, a, b, "--window", "60s", "--json"},
		{"contacts", casePath, a, "--top", "3", "--json"},
		{"trends", casePath, a, "--json"},
		{"trends", casePath, a + "," + b, "--each", "--json"},
		{"hunt", casePath, "--dest", "0.0.0.0/0", "--port", "443", "--json"},
		{"simbox", casePath, "--json"},
		{"simbox", casePath, "--json", "--threshold", "30", "--from", "2000-01-01"},
		{"asterisk", casePath, "--json"},
	}
	for _, args := range runs {
		n := len(trailEntries(t, casePath))
		var out, errOut bytes.Buffer
		if code := run(args, &out, &errOut); code != 0 {
			t.Fatalf("cdrtui %s: exit %d: %s", strings.Join(args, " "), code, errOut.String())
		}
		if strings.Contains(errOut.String(), "audit trail") {
			t.Errorf("cdrtui %s said %q", strings.Join(args, " "), errOut.String())
		}
		es := trailEntries(t, casePath)
		if len(es) != n+1 {
			t.Fatalf("cdrtui %s: the trail went from %d to %d entries", strings.Join(args, " "), n, len(es))
		}
		if d := evidenceDigest(t, casePath); d != before {
			t.Fatalf("cdrtui %s changed the case beyond its audit trail", strings.Join(args, " "))
		}
		e := es[n]
		sum := sha256.Sum256(out.Bytes())
		var params struct{ Args []string }
		json.Unmarshal([]byte(e.Params), &params)
		action := args[0]
		if e.Action != action || e.Analyst != "Insp. Rao" || strings.Join(params.Args, " ") != strings.Join(args[1:], " ") ||
			e.ResultSHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("cdrtui %s recorded %+v; want result %x", strings.Join(args, " "), e, sum)
		}
	}
	// the text output of a run records the hash of its --json
	var js, txt, errOut bytes.Buffer
	run([]string{"persona", casePath, a, "--json"}, &js, &errOut)
	run([]string{"persona", casePath, a}, &txt, &errOut)
	es := trailEntries(t, casePath)
	if x, y := es[len(es)-2], es[len(es)-1]; x.ResultSHA256 != y.ResultSHA256 {
		t.Errorf("persona as text recorded %s, as JSON %s", y.ResultSHA256, x.ResultSHA256)
	}
	if after := evidenceDigest(t, casePath); after != before {
		t.Error("an analysis run changed the case beyond its audit trail")
	}
	if out := runOK(t, "audit", casePath, "--verify"); !strings.Contains(out, "unbroken") {
		t.Errorf("audit --verify: %s", out)
	}
}

// While another program writes the case (an import holding its lock), an
// analysis answers, waits briefly, and says on stderr that its run is not
// in the trail; it is not silently left out.
func TestAnalysisRunWhileCaseIsBusy(t *testing.T) {
	casePath, truth := reportCaseFile(t)
	old := store.AuditWait
	store.AuditWait = 100 * time.Millisecond
	t.Cleanup(func() { store.AuditWait = old })
	db, err := sql.Open("sqlite", casePath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	n := len(trailEntries(t, casePath))
	if _, err := conn.ExecContext(t.Context(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := run([]string{"persona", casePath, truth.Pairs[0].A, "--json"}, &out, &errOut)
	conn.ExecContext(t.Context(), "ROLLBACK")
	if code != 0 || !json.Valid(out.Bytes()) {
		t.Fatalf("persona while the case is held: exit %d %q", code, errOut.String())
	}
	if msg := errOut.String(); !strings.Contains(msg, "this run is not in the case's audit trail") || !strings.Contains(msg, "another program was writing it") ||
		strings.Count(msg, "audit trail") != 1 {
		t.Errorf("stderr: %q", msg)
	}
	if m := len(trailEntries(t, casePath)); m != n {
		t.Errorf("the trail went from %d to %d entries", n, m)
	}
}

// A case on a read-only medium (a tmpfs remounted read-only, as a seized
// image is mounted): the analysis answers and says once, on stderr, that
// its run cannot be in the trail, and why.
func TestAnalysisRunOnReadOnlyMedium(t *testing.T) {
	casePath, truth := reportCaseFile(t)
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs to make read-only (needs root): %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	b, err := os.ReadFile(casePath)
	if err != nil {
		t.Fatal(err)
	}
	ro := filepath.Join(dir, "case.db")
	if err := os.WriteFile(ro, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
		t.Fatalf("remount read-only: %v %s", err, out)
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"persona", ro, truth.Pairs[0].A, "--json"}, &out, &errOut); code != 0 || !json.Valid(out.Bytes()) {
		t.Fatalf("persona on a read-only medium: exit %d %q", code, errOut.String())
	}
	if msg := errOut.String(); strings.Count(msg, "this run is not in the case's audit trail") != 1 || !strings.Contains(msg, "audit trail: the file is read-only (a read-only medium") {
		t.Errorf("stderr: %q", msg)
	}
	if got := sha256.Sum256(mustRead(t, ro)); got != sha256.Sum256(b) {
		t.Error("the case on the read-only medium changed")
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
