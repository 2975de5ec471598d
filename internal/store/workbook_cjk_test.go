package store

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A call sheet a Chinese Excel saved: the date under built-in format 31
// (yyyy"年"m"月"d"日"), the time under 34 (上午/下午h"时"mm"分" in
// Chinese, yyyy"年"m"月" in Japanese: read as the full date-time its
// serial holds, a bare time of day on the zero day 1899-12-31, which the
// start reads as its clock) and 33 (h"时"mm"分"ss"秒"). 45371 is
// 2024-03-20; 0.5 of a day 12:00:00; 0.75 18:00:00. Before, both columns
// were numbers and every row was rejected.
func TestImportWorkbookCJKBuiltinDates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "calls.xlsx")
	f := excelize.NewFile()
	style := func(id int) int { return numFmtStyle(t, f, id) }
	header := []any{"Target No", "B Party No", "Call Type", "Call Date", "Call Time", "Duration"}
	f.SetSheetRow("Sheet1", "A1", &header)
	f.SetSheetRow("Sheet1", "A2", &[]any{int64(8613800138000), int64(8613900139000), "MO", 45371, 0.5, 61})
	f.SetSheetRow("Sheet1", "A3", &[]any{int64(8613800138000), int64(8613900139001), "MT", 45371, 0.75, 62})
	f.SetCellStyle("Sheet1", "D2", "D3", style(31))
	f.SetCellStyle("Sheet1", "E2", "E2", style(34))
	f.SetCellStyle("Sheet1", "E3", "E3", style(33))
	st, res := importBook(t, f, path)
	if res.Error != "" || res.Rows != 2 || res.Rejected != 0 {
		t.Fatalf("%+v", res)
	}
	got := readRows(t, st, `SELECT line || ' ' || other || ' ' || start_wall || ' ' || duration FROM voice_readable ORDER BY line`)
	want := []string{"2 8613900139000 2024-03-20 12:00:00 61", "3 8613900139001 2024-03-20 18:00:00 62"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The same from a Thai Excel: the date under built-in id 71 (ว/ด/ปปปป,
// shown 20/3/2567 in the Buddhist era), the time under 76 (ช:นน:ทท) and
// the length under 79 ([ช]:นน:ทท), named by id only. 45371 is
// 2024-03-20; 0.5 + 62 s of a day 12:01:02; 62/86400 of a day is 62 s and
// 3,725/86400 is 1:02:05, 3,725 s. Before, the dates and times were
// numbers (every row rejected) and the lengths 0.000717… and 0.0431….
func TestImportWorkbookThaiBuiltinDates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "calls-th.xlsx")
	f := excelize.NewFile()
	style := func(id int) int { return numFmtStyle(t, f, id) }
	header := []any{"Target No", "B Party No", "Call Type", "Call Date", "Call Time", "Duration"}
	f.SetSheetRow("Sheet1", "A1", &header)
	f.SetSheetRow("Sheet1", "A2", &[]any{int64(66812345678), int64(66898765432), "MO", 45371, 0.5 + 62.0/86400, 62.0 / 86400})
	f.SetSheetRow("Sheet1", "A3", &[]any{int64(66812345678), int64(66898765433), "MT", 45372, 0.75, 3725.0 / 86400})
	f.SetCellStyle("Sheet1", "D2", "D3", style(71))
	f.SetCellStyle("Sheet1", "E2", "E3", style(76))
	f.SetCellStyle("Sheet1", "F2", "F3", style(79))
	st, res := importBook(t, f, path)
	if res.Error != "" || res.Rows != 2 || res.Rejected != 0 {
		t.Fatalf("%+v", res)
	}
	got := readRows(t, st, `SELECT line || ' ' || other || ' ' || start_wall || ' ' || duration FROM voice_readable ORDER BY line`)
	want := []string{"2 66898765432 2024-03-20 12:01:02 62", "3 66898765433 2024-03-21 18:00:00 3725"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// numFmtStyle is a style of f under the built-in number format id.
func numFmtStyle(t *testing.T, f *excelize.File, id int) int {
	t.Helper()
	s, err := f.NewStyle(&excelize.Style{NumFmt: id})
	if err != nil {
		t.Fatal(err)
	}
	return s
}
