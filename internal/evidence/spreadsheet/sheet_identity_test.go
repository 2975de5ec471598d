package spreadsheet

import (
	"bytes"
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// oldSheet is the reading of a sheet before the single pass (two excelize
// row iterators over the same part, one of stored values and one of
// displayed ones, every cell formatted by excelize): the reference the
// reading now is held to, cell by cell.
func oldSheet(t *testing.T, wb *Workbook, name string) string {
	t.Helper()
	raw, err := wb.f.Rows(name)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	shownRows, err := wb.f.Rows(name)
	if err != nil {
		t.Fatal(err)
	}
	defer shownRows.Close()
	kinds := wb.kinds(name)
	defer kinds.Close()
	fill := newFiller(wb.scan(name).merges)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	var cells []string
	width, row := 0, 0
	for raw.Next() && shownRows.Next() {
		rv, err := raw.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		shown, err := shownRows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		row++
		ks := kinds.in(row)
		for col, k := range ks {
			for k == noValue && len(rv) < col {
				rv = append(rv, "")
			}
		}
		cells = cells[:0]
		for i := range max(len(rv), len(shown)) {
			switch kindAt(ks, i+1) {
			case noValue:
				cells = append(cells, NoValue)
				continue
			case text:
				if i < len(rv) {
					cells = append(cells, lineBreaks.Replace(rv[i]))
					continue
				}
			}
			var r, s string
			if i < len(rv) {
				r = rv[i]
			}
			if i < len(shown) {
				s = shown[i]
			}
			cells = append(cells, lineBreaks.Replace(Cell(r, s, wb.date1904)))
		}
		empty := true
		for _, c := range cells {
			empty = empty && c == ""
		}
		cells = fill.fill(row, cells, empty)
		if empty {
			w.Flush()
			buf.WriteByte('\n')
			continue
		}
		width = max(width, len(cells))
		for len(cells) < width {
			cells = append(cells, "")
		}
		w.Write(cells)
	}
	w.Flush()
	return buf.String()
}

// identityBook is a sheet with what a reading can get wrong: dates,
// times, date-times and lengths of time under built-in and custom
// formats, numbers typed as text (an IMEI, a number with its trunk 0),
// numbers padded or grouped by their format, 16-digit numbers, Booleans,
// shared strings with line breaks, a title merged across the header and
// a date merged down, formulas with and without values, styled empty
// cells, numbers stored in other digits than strconv's, and a row left
// out.
func identityBook(t *testing.T, path string, date1904 bool) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if date1904 {
		yes := true
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
			t.Fatal(err)
		}
	}
	style := func(s excelize.Style) int {
		id, err := f.NewStyle(&s)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	custom := func(code string) int { return style(excelize.Style{CustomNumFmt: &code}) }
	date, clock, stamp := custom("dd/mm/yyyy"), custom("hh:mm:ss"), custom("dd-mmm-yy h:mm AM/PM")
	length, padded, phone := custom("[h]:mm:ss"), custom("000000"), custom("000-000-0000")
	builtinDate, builtinTime, twoDP, pct := style(excelize.Style{NumFmt: 14}), style(excelize.Style{NumFmt: 21}), style(excelize.Style{NumFmt: 4}), style(excelize.Style{NumFmt: 10})
	secs := custom("[ss]")
	s := "Sheet1"
	set := func(cell string, v any, st int) {
		if err := f.SetCellValue(s, cell, v); err != nil {
			t.Fatal(err)
		}
		if st != 0 {
			if err := f.SetCellStyle(s, cell, cell, st); err != nil {
				t.Fatal(err)
			}
		}
	}
	set("A1", "Call records of 919812345678", 0)
	f.MergeCell(s, "A1", "H1")
	for i, h := range []string{"Target No", "Date", "Time", "Stamp", "Duration", "IMEI", "B Party", "Note"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 2)
		set(cell, h, 0)
	}
	for r := 3; r <= 40; r++ {
		if r == 20 {
			continue // a row the sheet leaves out
		}
		cell := func(col int) string { c, _ := excelize.CoordinatesToCellName(col, r); return c }
		set(cell(1), int64(919812345678)+int64(r%3), 0)
		if r%5 != 4 { // merged down from the row above below
			set(cell(2), 45371+r/4, []int{date, builtinDate}[r%2])
		}
		clockValue := map[int]float64{5: 1.25, 6: -0.5, 9: 0, 10: 3e6, 11: 2958465.5, 13: 45371.75}[r]
		if clockValue == 0 && r != 9 {
			clockValue = float64(r*997%86400) / 86400
		}
		set(cell(3), clockValue, []int{clock, builtinTime}[r%2])
		set(cell(4), 45371+float64(r*331%86400)/86400, stamp)
		set(cell(5), []any{float64(r*61) / 86400, r * 7, 1.5 + float64(r)}[r%3], []int{length, secs, twoDP}[r%3])
		set(cell(6), []any{"3587655561360171", "0" + string(rune('1'+r%9)) + "71000001", "9.18E+11", "12345"}[r%4], 0)
		set(cell(7), []any{int64(919900000000) + int64(r), int64(93320 + r), int64(1234567890 + r), int64(3569380356438091), true, 0.125}[r%6],
			[]int{0, padded, phone, 0, 0, pct}[r%6])
		switch r % 7 {
		case 0:
			set(cell(8), "line\none\r\ntwo", 0)
		case 1:
			f.SetCellFormula(s, cell(8), "A3*2") // no value: the file is not calculated
		case 2:
			f.SetCellFormula(s, cell(8), "B3")
			f.SetCellDefault(s, cell(8), "45371") // a formula with its cached number
		case 3:
			f.SetCellStyle(s, cell(8), cell(8), date) // styled, empty
		case 4:
			f.SetCellDefault(s, cell(8), []string{"1.50", "2.5E+3", "0012", "45371.00"}[r%4]) // numbers not as strconv writes them
		}
	}
	for _, m := range [][2]string{{"B7", "B8"}, {"B12", "B13"}, {"B17", "B18"}} {
		f.MergeCell(s, m[0], m[1])
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// TestSheetSameAsBefore holds the reading of a sheet to the reading before
// (oldSheet), cell by cell, on identityBook in both date systems and on
// the .xls workbook of xls_test.go: the text must be the same, byte for
// byte, so that no value read changes.
func TestSheetSameAsBefore(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for _, d1904 := range []bool{false, true} {
		p := filepath.Join(dir, map[bool]string{false: "1900.xlsx", true: "1904.xlsx"}[d1904])
		identityBook(t, p, d1904)
		paths = append(paths, p)
	}
	paths = append(paths, writeXLS(t, cdrBook()))
	for _, p := range paths {
		wb, err := Open(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range wb.Sheets() {
			want := oldSheet(t, wb, name)
			got := sheetText(t, wb, name)
			if got != want {
				gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
				for i := range max(len(gl), len(wl)) {
					var g, w string
					if i < len(gl) {
						g = gl[i]
					}
					if i < len(wl) {
						w = wl[i]
					}
					if g != w {
						t.Errorf("%s [%s] line %d:\n got %q\nwant %q", filepath.Base(p), name, i+1, g, w)
					}
				}
			}
			if strings.Count(want, "\n") < 3 {
				t.Errorf("%s [%s]: %q, too little read to compare", filepath.Base(p), name, want)
			}
		}
		wb.Close()
	}
}
