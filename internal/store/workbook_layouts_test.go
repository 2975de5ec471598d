package store

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A return as carriers' workbooks come, counting dates from 1904 (Excel
// for Mac's old default): a title row above the header, the date, the
// time and the duration in columns of their own (dd/mm/yyyy, hh:mm:ss,
// [h]:mm:ss), and a "Total" footer summing the durations. By hand: 20
// March 2024 is serial 43909 from 1904 (45371 from 1900, less 1462 days);
// 10:15:02 is 36902/86400 of a day; 3725 s is 1:02:05 and 90000 s
// 25:00:00 under [h]:mm:ss; the total 93725 s. The footer is no record
// and no reject: set apart as the one report line (the title, above the
// header, is not one).
func TestImportWorkbook1904Return(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mac_return.xlsx")
	f := excelize.NewFile()
	yes := true
	if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
		t.Fatal(err)
	}
	style := func(code string) int {
		id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	date, clock, elapsed := style("dd/mm/yyyy"), style("hh:mm:ss"), style("[h]:mm:ss")
	const day = 86400.0
	rows := [][]any{
		{"CDR of 919812345678 from 20/03/2024 to 21/03/2024"},
		{"Target No", "B Party No", "Call Type", "Date", "Time", "Duration"},
		{int64(919812345678), int64(919900000001), "MO", 43909, 36902 / day, 3725 / day},
		{int64(919812345678), int64(919900000002), "MT", 43910, 0.5, 90000 / day},
		{"Total", nil, nil, nil, nil, 93725 / day},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range []struct {
		cells string
		id    int
	}{{"D3:D4", date}, {"E3:E4", clock}, {"F3:F5", elapsed}} {
		from, to, _ := strings.Cut(s.cells, ":")
		if err := f.SetCellStyle("Sheet1", from, to, s.id); err != nil {
			t.Fatal(err)
		}
	}
	st, res := importBook(t, f, path)
	if res.Error != "" || res.Rows != 2 || res.Rejected != 0 || res.Dropped != 0 || res.ReportLines != 1 {
		t.Fatalf("%+v", res)
	}
	got := readRows(t, st, `SELECT line, other, start_wall, duration FROM voice_readable ORDER BY line`)
	want := "3|919900000001|2024-03-20 10:15:02|3725 4|919900000002|2024-03-21 12:00:00|90000"
	if strings.Join(got, " ") != want {
		t.Errorf("calls %s\nwant  %s", strings.Join(got, " "), want)
	}
}

// Text as carriers' workbooks hold it beyond plain shared strings: a
// shared string in rich-text runs (a number whose country code is bold,
// "91" then "9812345678"; a call type "M" then "O") and inline strings,
// plain and in runs, as a script or a reporting server writes them
// (t="inlineStr"). Each reads as its runs joined, digits as written.
func TestImportWorkbookRichAndInlineText(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rich.xlsx")
	f := excelize.NewFile()
	header := []any{"Target No", "B Party No", "Call Type", "Start Time", "Duration"}
	if err := f.SetSheetRow("Sheet1", "A1", &header); err != nil {
		t.Fatal(err)
	}
	bold := &excelize.Font{Bold: true}
	for _, c := range []struct {
		cell string
		runs []excelize.RichTextRun
	}{
		{"A2", []excelize.RichTextRun{{Text: "91", Font: bold}, {Text: "9812345678"}}},
		{"C2", []excelize.RichTextRun{{Text: "M", Font: bold}, {Text: "O"}}},
	} {
		if err := f.SetCellRichText("Sheet1", c.cell, c.runs); err != nil {
			t.Fatal(err)
		}
	}
	r2 := []any{int64(919900000001)}
	f.SetSheetRow("Sheet1", "B2", &r2)
	r2 = []any{"2024-03-20 10:15:02", 61}
	f.SetSheetRow("Sheet1", "D2", &r2)
	r3 := []any{"919812345678", "919900000002", "MT", "2024-03-20 11:00:00", 62}
	f.SetSheetRow("Sheet1", "A3", &r3) // row 3 rewritten below as inline strings
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	inline := `<row r="3"><c r="A3" t="inlineStr"><is><r><rPr><b/></rPr><t>91</t></r><r><t>9812345678</t></r></is></c>` +
		`<c r="B3" t="inlineStr"><is><t>919900000002</t></is></c><c r="C3" t="inlineStr"><is><t xml:space="preserve">MT</t></is></c>` +
		`<c r="D3" t="inlineStr"><is><t>2024-03-20 11:00:00</t></is></c><c r="E3"><v>62</v></c></row>`
	rewritePart(t, path, "xl/worksheets/sheet1.xml", func(s string) string {
		i, j := strings.Index(s, `<row r="3"`), strings.Index(s, `</sheetData>`)
		if i < 0 || j < i {
			t.Fatalf("no row 3 in %s", s)
		}
		return s[:i] + inline + s[j:]
	})
	st := openTemp(t)
	res := importOne(t, st, path, ImportOptions{})
	if res.Error != "" || res.Rows != 2 || res.Rejected != 0 || res.Dropped != 0 {
		t.Fatalf("%+v", res)
	}
	got := readRows(t, st, `SELECT line, subscriber, call_type, other, start_wall, duration FROM voice_readable ORDER BY line`)
	want := "2|919812345678|VOICE_OUT|919900000001|2024-03-20 10:15:02|61 3|919812345678|VOICE_IN|919900000002|2024-03-20 11:00:00|62"
	if strings.Join(got, " ") != want {
		t.Errorf("calls %s\nwant  %s", strings.Join(got, " "), want)
	}
}

// rewritePart rewrites one part of the zip at path through edit.
func rewritePart(t *testing.T, path, name string, edit func(string) string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out, err := os.Create(path + ".new")
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(out)
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == name {
			b = []byte(edit(string(b)))
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	out.Close()
	if err := os.Rename(path+".new", path); err != nil {
		t.Fatal(err)
	}
}
