package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// An import ends with a summary of the whole run: files imported, rows,
// rejects, files skipped and why, time taken; counts formatted, nouns
// agreeing with them ("1 file", "1 row").
func TestImportSummary(t *testing.T) {
	dir := t.TempDir()
	writeIPDR(t, filepath.Join(dir, "a.csv"), 1200, 1)
	writeIPDR(t, filepath.Join(dir, "one.csv"), 1, 2)
	if err := os.WriteFile(filepath.Join(dir, "notes.csv"), []byte("msisdn,start\n919812345678,2024-03-18\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	casePath := filepath.Join(t.TempDir(), "case.db")
	var out, errb bytes.Buffer
	if code := run([]string{"import", casePath, dir}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, out.String(), errb.String())
	}
	text := out.String()
	summary := regexp.MustCompile(`\n2 files imported \(1,201 rows, 0 rejected, 0 values dropped\), 1 skipped, 0 failed, in [0-9.]+m?s\n  skipped 1 file: not evidence: unknown layout`)
	if !summary.MatchString(text) || !strings.Contains(text, "one.csv: 1 row, 0 rejected") || !strings.Contains(text, "a.csv: 1,200 rows,") {
		t.Fatalf("output:\n%s", text)
	}
	out.Reset()
	run([]string{"import", casePath, filepath.Join(dir, "a.csv"), filepath.Join(dir, "one.csv")}, &out, &errb)
	if !strings.Contains(out.String(), "0 files imported (0 rows, 0 rejected, 0 values dropped), 2 skipped, 0 failed") ||
		!strings.Contains(out.String(), "skipped 2 files: already in the case (same SHA-256)") {
		t.Fatalf("second run:\n%s", out.String())
	}
}
