package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/xuri/excelize/v2"
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

// A return no reader reads whole (an A/B traffic detail: each party has
// its own device and cell columns, so whose record each row is, no column
// says) exits non-zero saying why and the --map that reads it.
func TestImportUnknownLanguageRefusedCLI(t *testing.T) {
	out, errOut, code := runImportCLI(t, filepath.Join(t.TempDir(), "a.db"), operatorPath("cl_trafico_refused.csv"))
	if code == 0 || !strings.Contains(out, "unknown layout") || !strings.Contains(out, "an A/B traffic detail: each party has its own device and cell columns") || !strings.Contains(out, `--map msisdn="Numero A"`) ||
		!strings.Contains(out, "--map FIELD=COLUMN") || !strings.Contains(errOut, "1 of 1 files could not be imported or imported nothing") {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
}

// A tower dump delivered as a workbook (a banner row above the header,
// numbers in numeric cells): each row keyed under its own A party with its
// own IMSI and IMEI, an incoming call under the called A party.
func TestImportTowerDumpXLSX(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tower_dump.xlsx")
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Dump")
	for i, row := range [][]any{
		{"TOWER DUMP OF CELL ID 404-10-1234-5678 FROM 14/02/2026 TO 14/02/2026"},
		{"A Party", "B Party", "Date", "Time", "Duration", "Call Type", "First Cell ID A", "Last Cell ID A", "IMEI A", "IMSI A", "Roaming A"},
		{int64(9811100001), int64(9822200002), "14/02/2026", "10:15:20", 35, "OUT", "404-10-1234-5678", "404-10-1234-5678", int64(356938035643809), int64(404100000000011), "DL"},
		{int64(9811100003), int64(9811100001), "14/02/2026", "10:16:00", 12, "IN", "404-10-1234-5678", "404-10-1234-5679", int64(356938035643817), int64(404100000000013), "DL"},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Dump", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	casePath := filepath.Join(dir, "case.db")
	out, errOut, code := runImportCLI(t, casePath, path, "--country", "IN")
	if code != 0 || !strings.Contains(out, "[sheet Dump]: 2 rows, 0 rejected") || !strings.Contains(out, "records of the A party") {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	st, err := store.Open(casePath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rows, err := st.DB().Query("SELECT subscriber, call_type, other, start_wall, imsi, imei FROM voice_readable ORDER BY line")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var a, b, c, d, e, g string
		if err := rows.Scan(&a, &b, &c, &d, &e, &g); err != nil {
			t.Fatal(err)
		}
		got = append(got, strings.Join([]string{a, b, c, d, e, g}, "|"))
	}
	want := []string{
		"919811100001|VOICE_OUT|9822200002|2026-02-14 10:15:20|404100000000011|356938035643809",
		"919811100003|VOICE_IN|9811100001|2026-02-14 10:16:00|404100000000013|356938035643817",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("records\n got  %v\n want %v", got, want)
	}
}
