package spreadsheet

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	x "github.com/cdrtui/cdrtui/internal/evidence/spreadsheet/xlstest"
)

// An .xls a program wrote can hold a text longer than the 32,767
// characters a cell of the .xlsx in memory holds (excelize cut it there
// without a word): it is read whole, 40,003 characters. A text of exactly
// 32,767 characters, in an .xls or an .xlsx, is what a spreadsheet left of
// a longer one: read as Cut, never as if whole; 32,766 are as written.
// Characters are counted as a spreadsheet counts them, in UTF-16 units: a
// text of 16,383 emoji (two units each) and a letter is at the limit.
func TestLongTexts(t *testing.T) {
	long := strings.Repeat("a", 40000) + "end"
	atLimit := strings.Repeat("b", maxCellChars)
	under := strings.Repeat("c", maxCellChars-1)
	emoji := strings.Repeat("📞", maxCellChars/2) + "d"
	b := x.Book{XFs: []uint16{0}, Sheets: []x.Sheet{{Name: "S", Records: [][]byte{
		x.Label(0, 0, 0, "Note"), x.Label(0, 1, 0, "B"),
		x.Label(1, 0, 0, long), x.Label(1, 1, 0, "919900000001"),
		x.Label(2, 0, 0, atLimit), x.Label(2, 1, 0, "919900000002"),
		x.Label(3, 0, 0, under),
	}}}}
	wb, err := Open(writeXLS(t, b))
	if err != nil {
		t.Fatal(err)
	}
	got := sheetText(t, wb, "S")
	wb.Close()
	if want := "Note,B\n" + long + ",919900000001\n" + Cut + ",919900000002\n" + under + ",\n"; got != want {
		t.Errorf(".xls: got %d characters (%.20q…), want %d", len(got), got, len(want))
	}

	p := filepath.Join(t.TempDir(), "s.xlsx")
	f := excelize.NewFile()
	for i, v := range []string{"Note", atLimit, under, emoji} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetCellStr("Sheet1", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	f.Close()
	wb, err = Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	if got, want := sheetText(t, wb, "Sheet1"), "Note\n"+Cut+"\n"+under+"\n"+Cut+"\n"; got != want {
		t.Errorf(".xlsx: got %d characters (%.20q…), want %d", len(got), got, len(want))
	}
}
