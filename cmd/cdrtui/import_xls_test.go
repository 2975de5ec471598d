package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	x "github.com/cdrtui/cdrtui/internal/evidence/spreadsheet/xlstest"
)

// xlsCDR is an Excel 97-2003 workbook: a sheet of notes, then a sheet of
// three calls (dates as numbers under dd-mm-yyyy, times as fractions of a
// day under h:mm:ss).
func xlsCDR() x.Book {
	const day = 86400.0
	cdr := [][]byte{}
	for col := range 6 {
		cdr = append(cdr, x.LabelSST(0, col, 0, col))
	}
	for i, secs := range []float64{36902, 37207, 45045} { // 10:15:02, 10:20:07, 12:30:45
		r := i + 1
		cdr = append(cdr, x.Number(r, 0, 0, 919812345678), x.LabelSST(r, 1, 0, 6), x.Number(r, 2, 0, float64(919900000001+i)),
			x.Number(r, 3, 1, 45371), x.Number(r, 4, 2, secs/day), x.RK(r, 5, 0, int32(61+i), false))
	}
	return x.Book{
		Formats: []x.Format{{Index: 164, Code: "dd-mm-yyyy"}},
		XFs:     []uint16{0, 164, 21},
		SST:     []string{"Target No", "Call Type", "B Party No", "Date", "Time", "Duration", "MO", "Request 123/2024"},
		Sheets: []x.Sheet{
			{Name: "Notes", Records: [][]byte{x.LabelSST(0, 0, 0, 7)}},
			{Name: "CDR", Records: cdr},
		},
	}
}

// `cdrtui import CASE calls.xls` reads the workbook's sheet of calls as a
// source named by its sheet and lists the sheet of notes as not imported;
// a truncated .xls is refused with the reason, the exit not 0.
func TestImportXLSCLI(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "calls.xls")
	file := xlsCDR().File()
	if err := os.WriteFile(path, file, 0o444); err != nil {
		t.Fatal(err)
	}
	casePath := filepath.Join(dir, "case.db")
	var out, errOut bytes.Buffer
	if code := run([]string{"import", casePath, path}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s %s", code, out.String(), errOut.String())
	}
	for _, want := range []string{"imported " + path + " [sheet CDR]: 3 rows, 0 rejected", `sheet "Notes" holds no table cdrtui reads`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("text %q lacks %q", out.String(), want)
		}
	}
	cut := filepath.Join(dir, "cut.xls")
	if err := os.WriteFile(cut, file[:len(file)-3000], 0o444); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	errOut.Reset()
	code := run([]string{"import", casePath, cut}, &out, &errOut)
	if all := out.String() + errOut.String(); code == 0 || !strings.Contains(all, "not a readable Excel 97-2003 workbook") {
		t.Errorf("truncated: exit %d, %q", code, all)
	}
}
