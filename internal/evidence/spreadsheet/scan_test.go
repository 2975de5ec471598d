package spreadsheet

import (
	"io"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A sheet's kinds kept as runs down each column: a text run goes on over
// the cells the sheet leaves out (empty whatever their kind) and stops at
// a number; a run of formulas with no value stops at a row without one (an
// empty cell is not NoValue). Rows out of order and more runs than kept
// are refused, so that the sheet is streamed instead.
func TestKindRuns(t *testing.T) {
	k := &kindRuns{}
	for _, c := range []struct {
		row, col int
		kind     cellKind
	}{
		{1, 1, text}, {1, 2, text}, {1, 3, text},
		{2, 1, text}, {2, 2, 0}, {2, 3, noValue},
		{3, 2, 0}, {3, 3, noValue}, // A3 left out
		{4, 1, text}, {4, 2, text}, // C4 left out
		{5, 1, text}, {5, 3, noValue},
		{6, 1, 0}, {6, 3, 0},
	} {
		if !k.add(c.row, c.col, c.kind) {
			t.Fatalf("add %v refused", c)
		}
	}
	want := [][]kindRun{
		{{1, 5, text}},
		{{1, 1, text}, {4, 4, text}},
		{{1, 1, text}, {2, 3, noValue}, {5, 5, noValue}},
	}
	if !reflect.DeepEqual(k.cols, want) || k.n != 6 {
		t.Errorf("runs %v (%d), want %v (6)", k.cols, k.n, want)
	}
	got := map[int][]cellKind{}
	cur := k.cursor()
	for row := 1; row <= 7; row++ {
		got[row] = append([]cellKind(nil), cur.in(row)...)
	}
	wantRows := map[int][]cellKind{1: {0, text, text, text}, 2: {0, text, 0, noValue}, 3: {0, text, 0, noValue},
		4: {0, text, text, 0}, 5: {0, text, 0, noValue}, 6: {0, 0, 0, 0}, 7: {0, 0, 0, 0}}
	if !reflect.DeepEqual(got, wantRows) {
		t.Errorf("rows %v, want %v", got, wantRows)
	}
	if k.add(5, 1, text) {
		t.Error("a row before the column's last taken")
	}
	k = &kindRuns{}
	for row := 1; row <= maxKindRuns; row++ {
		kind := []cellKind{text, noValue}[row%2]
		if !k.add(row, 1, kind) {
			t.Fatalf("run %d refused", row)
		}
	}
	if k.add(maxKindRuns+1, 1, noValue) {
		t.Errorf("run %d kept", maxKindRuns+1)
	}
}

// A sheet reads the same whether its kinds come from its one scan or are
// streamed at each reading (a sheet whose kinds change too often): digits
// typed as text as written, a formula with no value NoValue, a number as
// stored, cells left out empty.
func TestSheetKindsScannedOrStreamed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.xlsx")
	f := excelize.NewFile()
	for _, c := range []struct {
		cell string
		v    any
	}{
		{"A1", "IMEI"}, {"B1", "Calls"}, {"C1", "Total"},
		{"A2", "358765556136017"}, {"B2", 3},
		{"A3", "3587655561360171"}, {"B3", 4}, {"C3", 12},
		{"B4", 5},
		{"A5", "35876555613601712"}, {"B5", "6"},
	} {
		if err := f.SetCellValue("Sheet1", c.cell, c.v); err != nil {
			t.Fatal(err)
		}
	}
	for _, cell := range []string{"C2", "C4", "C5"} {
		if err := f.SetCellFormula("Sheet1", cell, "B2*3"); err != nil { // no value: excelize does not calculate
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	read := func(stream bool) string {
		wb, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer wb.Close()
		if stream {
			sc := wb.scan("Sheet1")
			sc.kinds = nil
			wb.scans["Sheet1"] = sc
		}
		r, err := wb.Sheet("Sheet1")
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	want := "IMEI,Calls,Total\n358765556136017,3,#NOVALUE!\n3587655561360171,4,12\n,5,#NOVALUE!\n35876555613601712,6,#NOVALUE!\n"
	for _, stream := range []bool{false, true} {
		if got := read(stream); got != want {
			t.Errorf("streamed %v:\n%s\nwant\n%s", stream, got, want)
		}
	}
}
