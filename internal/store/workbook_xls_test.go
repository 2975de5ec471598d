package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	x "github.com/cdrtui/cdrtui/internal/evidence/spreadsheet/xlstest"
)

// IndianCDRBook is an Indian operator's CDR return as an Excel 97-2003
// workbook: a CDR sheet (dates as numbers under dd-mm-yyyy, times as
// fractions of a day under h:mm:ss, IMEIs as text and as numbers, a B
// party as text, a formula's cached values, numbers in NUMBER, RK and
// MULRK records) after a sheet of notes that is not evidence.
func IndianCDRBook() x.Book {
	const day = 86400.0
	cdr := [][]byte{}
	for col := range 8 {
		cdr = append(cdr, x.LabelSST(0, col, 0, col))
	}
	cdr = append(cdr,
		// 45371 = 2024-03-20; 36902 s = 10:15:02
		x.Number(1, 0, 0, 919812345678), x.LabelSST(1, 1, 0, 8), x.Number(1, 2, 0, 919900000001),
		x.Number(1, 3, 1, 45371), x.Number(1, 4, 2, 36902/day), x.RK(1, 5, 0, 61, false),
		x.LabelSST(1, 6, 0, 10), x.LabelSST(1, 7, 0, 11),
		// a formula's cached values; 45372.00 = 2024-03-21, 0.25 = 06:00:00, 62 s
		x.FormulaNumber(2, 0, 0, 919812345678), x.FormulaString(2, 1, 0, "MT"), x.LabelSST(2, 2, 0, 12),
		x.MulRK(2, 3, []int{1, 2, 0}, []int32{4537200, 25, 6200}),
		x.Label(2, 6, 0, "404-10-7301-12346"), x.Number(2, 7, 0, 356938035643809),
		// 86399 s = 23:59:59
		x.Number(3, 0, 0, 919812345678), x.LabelSST(3, 1, 0, 8), x.Number(3, 2, 0, 919900000003),
		x.Number(3, 3, 1, 45373), x.Number(3, 4, 2, 86399/day), x.RK(3, 5, 0, 5, false),
		x.LabelSST(3, 6, 0, 10), x.LabelSST(3, 7, 0, 11),
	)
	notes := [][]byte{x.LabelSST(0, 0, 0, 13), x.LabelSST(1, 0, 0, 14)}
	return x.Book{
		Formats: []x.Format{{Index: 164, Code: "dd-mm-yyyy"}},
		XFs:     []uint16{0, 164, 21},
		SST: []string{"Target No", "Call Type", "B Party No", "Date", "Time", "Duration", "First Cell ID", "IMEI",
			"MO", "MT", "404-10-7301-12345", "356938035643809", "919900000002",
			"Request 123/2024 from the SP, Cyber Cell", "Period 20-03-2024 to 22-03-2024"},
		SplitSST: x.Split{Split: true, String: 10, Chars: 7, High: true},
		Sheets:   []x.Sheet{{Name: "Notes", Records: notes}, {Name: "CDR", Records: cdr}},
	}
}

func TestImportXLS(t *testing.T) {
	p := filepath.Join(t.TempDir(), "calls.xls")
	if err := os.WriteFile(p, IndianCDRBook().File(), 0o644); err != nil {
		t.Fatal(err)
	}
	st := openTemp(t)
	results, err := st.Import(context.Background(), []string{p}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 2 {
		t.Fatalf("%d results: %+v", len(results), results)
	}
	notes, cdr := results[0], results[1]
	if notes.Sheet != "Notes" || !strings.HasPrefix(notes.Skipped, `sheet "Notes" holds no table cdrtui reads`) || notes.Rows != 0 {
		t.Errorf("notes: %+v", notes)
	}
	if cdr.Sheet != "CDR" || cdr.Error != "" || cdr.Rows != 3 || cdr.Rejected != 0 || cdr.Dropped != 0 {
		t.Fatalf("CDR: %+v", cdr)
	}
	if !strings.HasPrefix(cdr.Format, `sheet "CDR" (2 of 2) of an Excel workbook`) {
		t.Errorf("format %q", cdr.Format)
	}
	got := strings.Join(readRows(t, st, `SELECT line, subscriber, call_type, other, start_wall, duration, cell, imei FROM voice_readable ORDER BY line`), "\n")
	want := "2|919812345678|VOICE_OUT|919900000001|2024-03-20 10:15:02|61|404-10-7301-12345|356938035643809\n" +
		"3|919812345678|VOICE_IN|919900000002|2024-03-21 06:00:00|62|404-10-7301-12346|356938035643809\n" +
		"4|919812345678|VOICE_OUT|919900000003|2024-03-22 23:59:59|5|404-10-7301-12345|356938035643809"
	if got != want {
		t.Errorf("calls\n%s\nwant\n%s", got, want)
	}
	if got := strings.Join(readRows(t, st, `SELECT path, sheet FROM sources`), " "); got != p+" [sheet CDR]|CDR" {
		t.Errorf("sources %s", got)
	}
}

// A 16-digit number typed as a number is beyond what the sheet stores
// exactly: its row is refused as an .xlsx's is (TestImportWorkbook's row
// 6), never imported as digits the sheet may not hold.
func TestImportXLSLongNumberRefused(t *testing.T) {
	b := IndianCDRBook()
	b.Sheets = b.Sheets[1:]
	b.Sheets[0].Records = append(b.Sheets[0].Records,
		x.Number(4, 0, 0, 9198123456781234), x.LabelSST(4, 1, 0, 8), x.Number(4, 2, 0, 919900000004),
		x.Number(4, 3, 1, 45373), x.Number(4, 4, 2, 0.5), x.RK(4, 5, 0, 7, false))
	p := filepath.Join(t.TempDir(), "calls.xls")
	if err := os.WriteFile(p, b.File(), 0o644); err != nil {
		t.Fatal(err)
	}
	st := openTemp(t)
	res := importOne(t, st, p, ImportOptions{})
	if res.Rows != 3 || res.Rejected != 1 {
		t.Fatalf("%+v", res)
	}
	got := strings.Join(readRows(t, st, `SELECT line, reason FROM rejects`), " ")
	if !strings.HasPrefix(got, "5|") || !strings.Contains(got, "precision") {
		t.Errorf("rejects %s", got)
	}
}

// The import preview lists a workbook's sheets as the import reads them,
// an .xls's as an .xlsx's: the sheet of calls with its layout, the sheet
// of notes as not evidence, a damaged .xls with the reason.
func TestPreviewWorkbookSheets(t *testing.T) {
	dir := t.TempDir()
	xls := filepath.Join(dir, "calls.xls")
	file := IndianCDRBook().File()
	if err := os.WriteFile(xls, file, 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "cut.xls")
	if err := os.WriteFile(bad, file[:1024], 0o644); err != nil {
		t.Fatal(err)
	}
	xlsx := filepath.Join(dir, "calls.xlsx")
	writeWorkbook(t, xlsx)
	pv, err := PreviewImport(context.Background(), []string{xls, bad, xlsx}, ImportOptions{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range pv.Entries {
		got = append(got, e.Path+" | "+e.Kind+" | "+e.Problem)
	}
	want := []string{
		xls + ` [sheet Notes] |  | not evidence: sheet "Notes" holds no table cdrtui reads`,
		xls + " [sheet CDR] | voice | ",
		bad + " |  | not a readable Excel 97-2003 workbook",
		xlsx + " [sheet IPDR] | ipdr | ",
	}
	if len(got) < len(want) {
		t.Fatalf("entries\n%s", strings.Join(got, "\n"))
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("entry %d: %q, want it to start %q", i, got[i], w)
		}
	}
}
