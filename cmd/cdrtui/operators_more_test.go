package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func operatorPath(name string) string {
	return filepath.Join("..", "..", "internal", "store", "testdata", "operators", name)
}

// cdrtui import on more published layouts: exit code and message.
func TestImportMoreOperatorLayoutsCLI(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		file, country string
		has           []string
	}{
		{"tower_dump_in.csv", "IN", []string{"tower_dump_in.csv: 4 rows, 0 rejected", "records of the A party", "1 value kept as written and flagged"}},
		{"vi_ipdr.csv", "IN", []string{"vi_ipdr.csv: 2 rows, 0 rejected", "[ipdr,", "header on line 4"}},
		{"cdat_cdr.csv", "IN", []string{"cdat_cdr.csv: 3 rows, 0 rejected", "dates DMY"}},
		{"sprint_cdma_glossary.csv", "US", []string{"sprint_cdma_glossary.csv: 4 rows, 0 rejected", "target 3135550001", "no column for: imei, imsi"}},
	} {
		out, errOut, code := runImportCLI(t, filepath.Join(dir, c.file+".db"), operatorPath(c.file), "--country", c.country)
		if code != 0 {
			t.Errorf("%s: exit %d: %s %s", c.file, code, out, errOut)
			continue
		}
		for _, h := range c.has {
			if !strings.Contains(out, h) {
				t.Errorf("%s: output lacks %q:\n%s", c.file, h, out)
			}
		}
	}
}

// A tower dump of one day whose dates read either way is refused, saying
// why and how to tell, and imports once --date-order is given.
func TestImportTowerDumpAmbiguousDates(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile(operatorPath("tower_dump_in.csv"))
	if err != nil {
		t.Fatal(err)
	}
	f := writeFile(t, dir, "dump.csv", strings.ReplaceAll(string(b), "14/02/2026", "03/02/2026"))
	out, errOut, code := runImportCLI(t, filepath.Join(dir, "a.db"), f, "--country", "IN")
	if code == 0 || !strings.Contains(out, "ambiguous date order") || !strings.Contains(out, "--date-order DMY|MDY") ||
		!strings.Contains(errOut, "1 of 1 files could not be imported") {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	out, errOut, code = runImportCLI(t, filepath.Join(dir, "b.db"), f, "--country", "IN", "--date-order", "DMY")
	if code != 0 || !strings.Contains(out, "4 rows, 0 rejected") {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
}

// A return in words no reader knows exits non-zero naming what it lacks.
func TestImportUnknownLanguageRefusedCLI(t *testing.T) {
	out, errOut, code := runImportCLI(t, filepath.Join(t.TempDir(), "a.db"), operatorPath("cl_trafico_refused.csv"))
	if code == 0 || !strings.Contains(out, "unknown layout") || !strings.Contains(out, "required fields not found: msisdn, start") ||
		!strings.Contains(out, "--map FIELD=COLUMN") || !strings.Contains(errOut, "1 of 1 files could not be imported or imported nothing") {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
}
