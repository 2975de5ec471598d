package store

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A call sheet as request forms and analysts' workbooks keep times and
// lengths: a time typed as the number HHMMSS under a "000000" format (a
// Jio request form's "From Time HHMMSS (IST)"), and durations as fractions
// of a day under elapsed formats. Every figure by hand: 45371 is
// 2024-03-20; 90000 s (25 h) is 1.0416666 days, shown 25:00:00 by
// [h]:mm:ss; 125 s shown 125 by [ss]; 3725 s (62 min 5 s) shown 62:05 by
// [mm]:ss; 5400 s (1 h 30 min) shown 1 by [h], the minutes hidden.
func TestImportWorkbookElapsedAndPadded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "calls.xlsx")
	f := excelize.NewFile()
	style := func(code string) int {
		id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	date, clock := style("dd/mm/yyyy"), style("hh:mm:ss")
	styles := map[string]int{"000000": style("000000"), "[h]:mm:ss": style("[h]:mm:ss"), "[ss]": style("[ss]"),
		"[mm]:ss": style("[mm]:ss"), "[h]": style("[h]")}
	header := []any{"Target No", "B Party No", "Call Type", "Date", "Time", "Duration"}
	f.SetSheetRow("Sheet1", "A1", &header)
	const day = 86400.0
	rows := []struct {
		time           any
		timeFmt        string
		duration       any
		durationFormat string
	}{
		{93320, "000000", 61, ""},           // 09:33:20, shown 093320
		{0.5, "", 90000 / day, "[h]:mm:ss"}, // 12:00:00, 25 h
		{0.75, "", 125 / day, "[ss]"},       // 18:00:00, 125 s
		{0.25, "", 3725 / day, "[mm]:ss"},   // 06:00:00, 62:05
		{0.625, "", 5400 / day, "[h]"},      // 15:00:00, 1 h 30 min shown 1
		{0.875, "", 1 / day, "[h]:mm:ss"},   // 21:00:00, 1 s
	}
	for i, r := range rows {
		n := i + 2
		cells := []any{int64(919812345678), int64(919900000001 + i), "MO", 45371, r.time, r.duration}
		cell, _ := excelize.CoordinatesToCellName(1, n)
		f.SetSheetRow("Sheet1", cell, &cells)
		d, _ := excelize.CoordinatesToCellName(4, n)
		f.SetCellStyle("Sheet1", d, d, date)
		tm, _ := excelize.CoordinatesToCellName(5, n)
		f.SetCellStyle("Sheet1", tm, tm, clock)
		if r.timeFmt != "" {
			f.SetCellStyle("Sheet1", tm, tm, styles[r.timeFmt])
		}
		if r.durationFormat != "" {
			du, _ := excelize.CoordinatesToCellName(6, n)
			f.SetCellStyle("Sheet1", du, du, styles[r.durationFormat])
		}
	}
	st, res := importBook(t, f, path)
	if res.Error != "" || res.Rows != 6 || res.Rejected != 0 || res.Dropped != 0 {
		t.Fatalf("%+v", res)
	}
	calls := readRows(t, st, `SELECT line || ' ' || start_wall || ' ' || duration FROM voice_readable ORDER BY line`)
	want := []string{"2 2024-03-20 09:33:20 61", "3 2024-03-20 12:00:00 90000", "4 2024-03-20 18:00:00 125",
		"5 2024-03-20 06:00:00 3725", "6 2024-03-20 15:00:00 5400", "7 2024-03-20 21:00:00 1"}
	if strings.Join(calls, "\n") != strings.Join(want, "\n") {
		t.Errorf("calls:\n%s\nwant:\n%s", strings.Join(calls, "\n"), strings.Join(want, "\n"))
	}
}

// Formulas a program wrote without calculating them (excelize, a script's
// library: the cell holds the formula and no value) are no values: a B
// party or a duration that would have read as empty is dropped with the
// reason, a start rejected naming it, and the row's other values kept.
func TestImportWorkbookFormulaWithoutValue(t *testing.T) {
	path := filepath.Join(t.TempDir(), "calls.xlsx")
	f := excelize.NewFile()
	format := "dd/mm/yyyy hh:mm:ss"
	dt, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	if err != nil {
		t.Fatal(err)
	}
	header := []any{"Target No", "B Party No", "Call Type", "Start Time", "Duration"}
	f.SetSheetRow("Sheet1", "A1", &header)
	// 45371.5 is 2024-03-20 12:00:00, 45371.75 18:00:00
	f.SetSheetRow("Sheet1", "A2", &[]any{int64(919812345678), int64(919900000001), "MO", 45371.5, 61})
	f.SetSheetRow("Sheet1", "A3", &[]any{int64(919812345678), nil, "MO", 45371.75, 62})
	f.SetSheetRow("Sheet1", "A4", &[]any{int64(919812345678), int64(919900000001), "MO", nil, 63})
	f.SetSheetRow("Sheet1", "A5", &[]any{int64(919812345678), int64(919900000002), "MO", 45371.5})
	f.SetCellFormula("Sheet1", "B3", "VLOOKUP(A3,Contacts!A:B,2,0)")
	f.SetCellFormula("Sheet1", "D4", "D3+1/24")
	f.SetCellFormula("Sheet1", "E5", "E4*2") // the row's last cell
	f.SetCellStyle("Sheet1", "D2", "D5", dt)
	st, res := importBook(t, f, path)
	if res.Error != "" || res.Rows != 3 || res.Rejected != 1 || res.Dropped != 2 {
		t.Fatalf("%+v", res)
	}
	got := append(readRows(t, st, `SELECT line || ' ' || coalesce(other, '-') || ' ' || start_wall || ' ' || coalesce(duration, '-') FROM voice_readable ORDER BY line`),
		readRows(t, st, `SELECT line || ' ' || reason FROM rejects ORDER BY line`)...)
	const why = "a formula whose value the workbook does not hold"
	want := []string{"2 919900000001 2024-03-20 12:00:00 61", "3 - 2024-03-20 18:00:00 62", "5 919900000002 2024-03-20 12:00:00 -",
		"3 other \"#NOVALUE!\" dropped: " + why, "4 start time: empty; column \"Start Time\" held " + why, "5 duration \"#NOVALUE!\" dropped: " + why}
	if len(got) != len(want) {
		t.Fatalf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("got %q, want %q…", got[i], want[i])
		}
	}
}

// Long digit strings typed as text (a 16-digit IMEISV, as a police tool's
// workbook keeps IMEIs) are as written, never taken for numbers that lost
// precision; the same digits stored as a number are, beyond 15 significant
// digits, still refused as "precision lost".
func TestImportWorkbookLongDigitsAsText(t *testing.T) {
	path := filepath.Join(t.TempDir(), "calls.xlsx")
	f := excelize.NewFile()
	format := "yyyy-mm-dd hh:mm:ss"
	dt, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	if err != nil {
		t.Fatal(err)
	}
	header := []any{"Target No", "B Party No", "Call Type", "Start Time", "Duration", "IMEI"}
	f.SetSheetRow("Sheet1", "A1", &header)
	f.SetSheetRow("Sheet1", "A2", &[]any{int64(919812345678), int64(919900000001), "MO", 45371.5, 61, "3569380356438091"})
	f.SetSheetRow("Sheet1", "A3", &[]any{int64(919812345678), int64(919900000002), "MO", 45371.75, 62, int64(3569380356438091)})
	f.SetCellStyle("Sheet1", "D2", "D3", dt)
	st, res := importBook(t, f, path)
	if res.Error != "" || res.Rows != 2 || res.Dropped != 1 {
		t.Fatalf("%+v", res)
	}
	var imei string
	if err := st.DB().QueryRow("SELECT coalesce(imei, '') FROM voice_readable WHERE line = 2").Scan(&imei); err != nil {
		t.Fatal(err)
	}
	if imei == "" || !strings.HasPrefix("3569380356438091", imei) {
		t.Errorf("line 2: imei %q, want the IMEISV typed as text", imei)
	}
	if n := count(t, st, "SELECT count(*) FROM rejects WHERE line = 3 AND reason LIKE '%precision lost%'"); n != 1 {
		t.Errorf("line 3: the 16-digit number not refused as precision lost")
	}
	if n := count(t, st, "SELECT count(*) FROM rejects WHERE line = 2"); n != 0 {
		t.Errorf("line 2: a value dropped")
	}
}

// A workbook whose date column is merged down each day's calls, whose
// cell column is merged down two calls from one cell, and whose title is
// merged across the header's width: each row takes the merged date and
// cell as the sheet shows them. Before, the rows after a merge's first had
// no date (rejected, "empty date") and no cell, without a word. The title
// (a range wider than a column) is left as stored. A row hidden in the
// sheet is read and named in the format (before: read without a word).
func TestImportWorkbookMergedCellsReadDown(t *testing.T) {
	path := filepath.Join(t.TempDir(), "calls.xlsx")
	f := excelize.NewFile()
	rows := [][]any{
		{"CDR of 919812345678"},
		{"Target No", "B Party No", "Call Type", "Date", "Time", "Duration", "First Cell ID"},
		{int64(919812345678), int64(919900000001), "MO", "20/03/2024", "09:00:00", 61, "404-10-7301-12345"},
		{int64(919812345678), int64(919900000002), "MT", nil, "10:00:00", 62, nil},
		{int64(919812345678), int64(919900000003), "MO", nil, "11:00:00", 63, "404-10-7301-12346"},
		{int64(919812345678), int64(919900000004), "MO", "21/03/2024", "08:00:00", 64, "404-10-7301-12347"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow("Sheet1", cell, &r)
	}
	if err := f.SetRowVisible("Sheet1", 4, false); err != nil { // an analyst opening the workbook does not see row 4
		t.Fatal(err)
	}
	for _, m := range [][2]string{{"A1", "G1"}, {"D3", "D5"}, {"G3", "G4"}} {
		if err := f.MergeCell("Sheet1", m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	st, res := importBook(t, f, path)
	if res.Error != "" || res.Rows != 4 || res.Rejected != 0 || res.Dropped != 0 {
		t.Fatalf("%+v", res)
	}
	if !strings.Contains(res.Format, "2 merged cells one column wide, each read in every row it spans") ||
		!strings.Contains(res.Format, "1 row hidden in the sheet (row 4), read as evidence like the others") {
		t.Errorf("format %q", res.Format)
	}
	got := strings.Join(readRows(t, st, `SELECT line, start_wall, cell FROM voice_readable ORDER BY line`), " ")
	want := "3|2024-03-20 09:00:00|404-10-7301-12345 4|2024-03-20 10:00:00|404-10-7301-12345 5|2024-03-20 11:00:00|404-10-7301-12346 6|2024-03-21 08:00:00|404-10-7301-12347"
	if got != want {
		t.Errorf("calls %s\nwant  %s", got, want)
	}
}

// importBook saves the workbook f at path and imports it into a new case.
func importBook(t *testing.T, f *excelize.File, path string) (*Store, FileResult) {
	t.Helper()
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	st := openTemp(t)
	return st, importOne(t, st, path, ImportOptions{})
}

// A text of exactly 32,767 characters, the most a spreadsheet cell holds,
// is what a spreadsheet left of a longer value (Excel cuts a CSV's longer
// field when it opens it): never imported as if whole. In a B party it is
// dropped with the reason, the row kept; in the start, the row is
// rejected naming it.
func TestImportWorkbookTextAtCellLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "calls.xlsx")
	f := excelize.NewFile()
	format := "yyyy-mm-dd hh:mm:ss"
	dt, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	if err != nil {
		t.Fatal(err)
	}
	cut := strings.Repeat("9", 32767)
	header := []any{"Target No", "B Party No", "Call Type", "Start Time", "Duration"}
	f.SetSheetRow("Sheet1", "A1", &header)
	// 45371.5 is 2024-03-20 12:00:00
	f.SetSheetRow("Sheet1", "A2", &[]any{int64(919812345678), cut, "MO", 45371.5, 61})
	f.SetSheetRow("Sheet1", "A3", &[]any{int64(919812345678), int64(919900000002), "MO", cut, 62})
	f.SetCellStyle("Sheet1", "D2", "D2", dt)
	st, res := importBook(t, f, path)
	if res.Error != "" || res.Rows != 1 || res.Rejected != 1 || res.Dropped != 1 {
		t.Fatalf("%+v", res)
	}
	got := append(readRows(t, st, `SELECT line || ' ' || coalesce(other, '-') || ' ' || start_wall || ' ' || coalesce(duration, '-') FROM voice_readable ORDER BY line`),
		readRows(t, st, `SELECT line || ' ' || reason FROM rejects ORDER BY line`)...)
	const why = "a text of exactly 32,767 characters, the most a spreadsheet cell holds"
	want := []string{"2 - 2024-03-20 12:00:00 61", "2 other \"#CUT!\" dropped: " + why, "3 start time: empty; column \"Start Time\" held " + why}
	if len(got) != len(want) {
		t.Fatalf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("got %q, want %q…", got[i], want[i])
		}
	}
}
