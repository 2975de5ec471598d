package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// `cdrtui import` reads each sheet of an .xlsx workbook as a source: the
// text names the sheet, --json gives the sheet and the workbook's SHA-256.
func TestImportXLSXCLI(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "calls.xlsx")
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Calls")
	for i, row := range [][]any{
		{"Target No", "B Party No", "Call Type", "Date", "Time", "Dur(s)"},
		{int64(919812345678), int64(919900000001), "MO", "20/03/2024", "10:15:02", 61},
		{int64(919812345678), "VM-HDFCBK", "SMS-MT", "20/03/2024", "11:00:00", 0},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Calls", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	raw, _ := os.ReadFile(path)
	sum := sha256.Sum256(raw)
	casePath := filepath.Join(dir, "case.db")
	var out, errOut bytes.Buffer
	if code := run([]string{"import", casePath, path}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if want := "imported " + path + " [sheet Calls]: 2 rows, 0 rejected"; !strings.Contains(out.String(), want) {
		t.Errorf("text %q lacks %q", out.String(), want)
	}
	var got struct {
		Files []struct {
			Sheet          string `json:"sheet"`
			WorkbookSHA256 string `json:"workbook_sha256"`
			Skipped        string `json:"skipped"`
		} `json:"files"`
	}
	runJSON(t, []string{"import", casePath, path, "--json"}, &got)
	if len(got.Files) != 1 || got.Files[0].WorkbookSHA256 != hex.EncodeToString(sum[:]) || !strings.Contains(got.Files[0].Skipped, "already in the case") {
		t.Errorf("second import: %+v", got.Files)
	}
}
