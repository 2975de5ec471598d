package spreadsheet

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	x "github.com/cdrtui/cdrtui/internal/evidence/spreadsheet/xlstest"
)

// A China Mobile detailed bill (通话详单: date, time, 通信方式 主叫/被叫,
// 对方号码, 通信时长, as a public script that sums a 2015 bill's .xls
// reads it) saved by a zh-CN Excel: the date under built-in format 31
// (yyyy"年"m"月"d"日"), the time under 33 (h"时"mm"分"ss"秒"), which the
// file names by id only. 45371 is 2024-03-20; 0.38888… of a day is
// 33,600 s, 09:20:00; 0.25 is 06:00:00. The other columns hold the ids
// whose meaning differs by locale (34, 52, 55: a time of day in Chinese,
// a date in Japanese and Korean), read as the full date-time the serial
// holds, and ids that are dates in every locale (27, 57, 28).
func TestCJKBuiltinFormats(t *testing.T) {
	p := filepath.Join(t.TempDir(), "详单.xlsx")
	ids := []int{31, 33, 0, 0, 0, 34, 52, 55, 27, 57, 28, 32}
	rows := [][]any{
		{"起始日期", "起始时间", "通信方式", "对方号码", "通信时长", "34", "52", "55", "27", "57", "28", "32"},
		{45371, 33600.0 / 86400, "主叫", "13800138000", 62, 45371.75, 0.5, 45371, 45371, 45371, 45371.25, 0.25},
	}
	saveBuiltinBook(t, p, ids, rows)
	wb, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	got := strings.Split(sheetText(t, wb, "Sheet1"), "\n")[1]
	want := "2024-03-20,09:20:00,主叫,13800138000,62,2024-03-20 18:00:00,1899-12-31 12:00:00,2024-03-20 00:00:00," +
		"2024-03-20,2024-03-20,2024-03-20 06:00:00,06:00:00"
	if got != want {
		t.Errorf("row 2:\n got %q\nwant %q", got, want)
	}
}

// A workbook that defines its own code under one of these ids (some
// writers spell the built-ins out) is displayed through that code, as
// excelize does: here 31 is "0.00", a number, not a date.
func TestCJKBuiltinIDDefinedByWorkbook(t *testing.T) {
	p := filepath.Join(t.TempDir(), "own.xlsx")
	f := excelize.NewFile()
	code := "0.00"
	s, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
	if err != nil {
		t.Fatal(err)
	}
	thirtyOne := 31
	f.Styles.NumFmts.NumFmt[0].NumFmtID = thirtyOne // the workbook's own code under 31
	f.Styles.CellXfs.Xf[s].NumFmtID = &thirtyOne
	f.SetCellValue("Sheet1", "A1", "Amount")
	f.SetCellValue("Sheet1", "A2", 45371)
	f.SetCellStyle("Sheet1", "A2", "A2", s)
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	f.Close()
	wb, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	if got := sheetText(t, wb, "Sheet1"); got != "Amount\n45371\n" {
		t.Errorf("got %q, want the number 45371", got)
	}
}

// The same ids in an .xls a Japanese Excel saved (its XF names the
// format by index, with no FORMAT record): 31 a date, 33 a time, 34 (a
// date in ja-JP, a time in zh-CN) the full date-time.
func TestCJKBuiltinFormatsXLS(t *testing.T) {
	b := x.Book{
		XFs: []uint16{0, 31, 33, 34},
		Sheets: []x.Sheet{{Name: "通話明細", Records: [][]byte{
			x.Label(0, 0, 0, "日付"), x.Label(0, 1, 0, "時刻"), x.Label(0, 2, 0, "開始"),
			x.Number(1, 0, 1, 45371), x.Number(1, 1, 2, 33600.0/86400), x.Number(1, 2, 3, 45371.75),
		}}},
	}
	wb, err := Open(writeXLS(t, b))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	if got, want := sheetText(t, wb, "通話明細"), "日付,時刻,開始\n2024-03-20,09:20:00,2024-03-20 18:00:00\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// Dates and times under East Asian formats a workbook spells out (a
// zh-CN, ja-JP or ko-KR Excel's own codes, an era date, Chinese numerals)
// are dates and times: 45371.4 is 2024-03-20 09:36:00, 45371 the day,
// 0.4 the clock 09:36:00. A count shown with one of the same characters
// (3个月, 3年, 62秒, 12元) is a number.
func TestCJKCustomFormats(t *testing.T) {
	p := filepath.Join(t.TempDir(), "custom.xlsx")
	f := excelize.NewFile()
	cells := []struct {
		code string
		v    float64
		want string
	}{
		{`yyyy"年"m"月"d"日"`, 45371, "2024-03-20"},
		{`yyyy"年"m"月"d"日" h"时"mm"分"`, 45371.4, "2024-03-20 09:36:00"},
		{`[$-411]ggge"年"m"月"d"日"`, 45371, "2024-03-20"},
		{`yyyy"년" mm"월" dd"일"`, 45371, "2024-03-20"},
		{`m"月"d"日"`, 45371.4, "2024-03-20 09:36:00"},
		{`[DBNum1][$-804]yyyy"年"m"月"d"日"`, 45371, "2024-03-20"},
		{`h"时"mm"分"ss"秒"`, 0.4, "09:36:00"},
		{`上午/下午h"時"mm"分"`, 0.4, "09:36:00"},
		{`h"시" mm"분" ss"초"`, 0.4, "09:36:00"},
		{`0"个月"`, 3, "3"},
		{`0"年"`, 3, "3"},
		{`0"秒"`, 62, "62"},
		{`#,##0"元"`, 12, "12"},
	}
	var want []string
	for i, c := range cells {
		code := c.code
		s, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
		if err != nil {
			t.Fatal(err)
		}
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		f.SetCellValue("Sheet1", cell, c.v)
		f.SetCellStyle("Sheet1", cell, cell, s)
		want = append(want, c.want)
	}
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	f.Close()
	wb, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	got := strings.Split(strings.TrimSuffix(sheetText(t, wb, "Sheet1"), "\n"), ",")
	for i := range cells {
		if i >= len(got) || got[i] != want[i] {
			var g string
			if i < len(got) {
				g = got[i]
			}
			t.Errorf("%v under %s: got %q, want %q", cells[i].v, cells[i].code, g, want[i])
		}
	}
}

// A Thai operator's call list saved by a th-TH Excel: the start under
// built-in id 77 (ว/ด/ปปปป ช:นน, shown in the Buddhist era, 20/3/2567
// 12:00), the date alone under 71, the clock under 76, the length under
// 79 ([ช]:นน:ทท) and 78 (นน:ทท), all named by id only. 45371.5 is
// 2024-03-20 12:00:00 whatever era shows it; 62/86400 of a day is 62 s,
// written 00:01:02 (before: the number 0.000717…, a length of 0 s); 1.5
// days under 79 is 36:00:00. A number under another id stays a number.
func TestThaiBuiltinFormats(t *testing.T) {
	p := filepath.Join(t.TempDir(), "calls-th.xlsx")
	ids := []int{77, 71, 76, 79, 78, 79, 81, 0}
	rows := [][]any{
		{"วันเวลา", "วันที่", "เวลา", "ระยะเวลา", "นาที", "ยาว", "d/m/bb", "เลขหมาย"},
		{45371.5, 45371, 0.5 + 62.0/86400, 62.0 / 86400, 62.0 / 86400, 1.5, 45371, 66812345678},
	}
	saveBuiltinBook(t, p, ids, rows)
	wb, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	got := strings.Split(sheetText(t, wb, "Sheet1"), "\n")[1]
	want := "2024-03-20 12:00:00,2024-03-20,12:01:02,00:01:02,00:01:02,36:00:00,2024-03-20,66812345678"
	if got != want {
		t.Errorf("row:\n got %s\nwant %s", got, want)
	}
}

// saveBuiltinBook writes rows to Sheet1 of a new workbook at p, each cell
// after the first row under the built-in number format ids gives for its
// column (0: none).
func saveBuiltinBook(t *testing.T, p string, ids []int, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellValue("Sheet1", cell, v); err != nil {
				t.Fatal(err)
			}
			if r == 0 || ids[c] == 0 {
				continue
			}
			s, err := f.NewStyle(&excelize.Style{NumFmt: ids[c]})
			if err != nil {
				t.Fatal(err)
			}
			if err := f.SetCellStyle("Sheet1", cell, cell, s); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
}
