package ui

import (
	"testing"

	x "github.com/cdrtui/cdrtui/internal/evidence/spreadsheet/xlstest"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
)

// An Excel 97-2003 workbook in the import dialog: the preview lists its
// sheets as it lists an .xlsx's, the sheet of calls with its layout and
// the sheet of notes as not evidence (before, the whole file was refused
// as "a spreadsheet workbook … export each sheet as CSV"), and the import
// reads the calls.
func TestImportInsideXLS(t *testing.T) {
	const day = 86400.0
	cdr := [][]byte{}
	for col := range 6 {
		cdr = append(cdr, x.LabelSST(0, col, 0, col))
	}
	// 45371 = 2024-03-20; 36902 s = 10:15:02, 37207 s = 10:20:07
	cdr = append(cdr,
		x.Number(1, 0, 0, 919812345678), x.LabelSST(1, 1, 0, 6), x.Number(1, 2, 0, 919900000001),
		x.Number(1, 3, 1, 45371), x.Number(1, 4, 2, 36902/day), x.RK(1, 5, 0, 61, false),
		x.Number(2, 0, 0, 919812345678), x.LabelSST(2, 1, 0, 6), x.Number(2, 2, 0, 919900000002),
		x.Number(2, 3, 1, 45371), x.Number(2, 4, 2, 37207/day), x.RK(2, 5, 0, 62, false))
	book := x.Book{
		Formats: []x.Format{{Index: 164, Code: "dd-mm-yyyy"}},
		XFs:     []uint16{0, 164, 21},
		SST:     []string{"Target No", "Call Type", "B Party No", "Date", "Time", "Duration", "MO", "Request 123/2024"},
		Sheets: []x.Sheet{
			{Name: "Notes", Records: [][]byte{x.LabelSST(0, 0, 0, 7)}},
			{Name: "CDR", Records: cdr},
		},
	}
	dir, st := importDir(t, "calls.xls", string(book.File()))
	tm := shellOn(t, ShellOptions{Store: st, ImportDir: dir}, 160, 30)
	uitest.WaitFor(t, tm, "Case no records")
	uitest.Press(tm, "I")
	uitest.WaitFor(t, tm, "calls.xls")
	uitest.Press(tm, ".")
	uitest.Press(tm, "tab")
	uitest.WaitForText(t, tm, "1 source to import, 1 not", "calls.xls [sheet Notes]", `not evidence: sheet "Notes" holds no table`, "calls.xls [sheet CDR]")
	uitest.Press(tm, "enter")
	uitest.WaitForText(t, tm, "Import finished", "1 file imported, 2 rows")
	quitShell(t, tm)
}
