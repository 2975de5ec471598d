package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A voice CDR larger than the head, its LAC and CI columns decimal, or
// hexadecimal with the first letter a-f past the head, or in both bases
// (a five-digit LAC past the head beside 1A2B): imported with the base
// decided from the head and checked as the file is read, each gives what
// the whole file read first gives, format, counts and cells; the decimal
// file is read once, not read whole first, and the hex and mixed ones,
// whose heads said otherwise, are imported again after the whole file.
// Hex cells are kept with their base written (0x7301); the mixed file's
// LAC column is refused and its cells are the CIs as written.
func TestImportCellBaseReadOnce(t *testing.T) {
	const rows = 4000 // about 330 KB, past the 256 KB head
	dir := t.TempDir()
	for _, c := range []struct {
		name        string
		lac, ci     string // the last row's
		reads       int64  // whole reads before the import
		format      string // in the format, by hand
		first, last string // the cells of the first and last rows, by hand
		rejected    int64
	}{
		{"decimal", "29441", "12345", 0, "", "404-45-7301-3039", "404-45-29441-12345", 0},
		{"hex", "1A2B", "1C85", 1, `"LAC", "Cell ID" read as hexadecimal in every row`, "404-45-0x7301-0x3039", "404-45-0x1A2B-0x1C85", 0},
		{"mixed", "1A2B", "1C85", 1, `"LAC" not cell (it holds hexadecimal values such as "1A2B" on line 4001 and "29441" on line 2`, "3039", "1C85", 0},
	} {
		var b strings.Builder
		b.WriteString("MSISDN,Other Party,Call Type,Call Date,Call Time,Duration,MCC,MNC,LAC,Cell ID\n")
		for i := 1; i <= rows; i++ {
			lac, ci := "7301", "3039"
			if c.name == "mixed" && i == 1 {
				lac = "29441" // wider than any lettered value: decimal
			}
			if i == rows {
				lac, ci = c.lac, c.ci
			}
			fmt.Fprintf(&b, "919812345678,91990%07d,MOC,2026-02-01,10:%02d:%02d,10,404,45,%s,%s\n", i, i/60%60, i%60, lac, ci)
		}
		path := filepath.Join(dir, c.name+".csv")
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		var got [2]string
		for k, fromHead := range []bool{false, true} {
			cellBaseFromHead = fromHead
			before := wholeReads.Load()
			st := openTemp(t)
			res := importOne(t, st, path, ImportOptions{})
			reads := wholeReads.Load() - before
			if res.Error != "" || res.Rows != rows || res.Rejected != c.rejected || !strings.Contains(res.Format, c.format) {
				t.Errorf("%s, from the head %v: %+v", c.name, fromHead, res)
			}
			if want := map[bool]int64{false: 1, true: c.reads}[fromHead]; reads != want {
				t.Errorf("%s, from the head %v: read whole %d times before the import, want %d", c.name, fromHead, reads, want)
			}
			cells := readRows(t, st, `SELECT coalesce(cell, '') FROM voice_readable ORDER BY line`)
			if cells[0] != c.first || cells[len(cells)-1] != c.last {
				t.Errorf("%s, from the head %v: cells %q … %q, want %q … %q", c.name, fromHead, cells[0], cells[len(cells)-1], c.first, c.last)
			}
			got[k] = fmt.Sprintf("%s|%d|%d|%d|%s", res.Format, res.Rows, res.Rejected, res.Dropped, strings.Join(cells, " "))
		}
		cellBaseFromHead = true
		if got[0] != got[1] {
			t.Errorf("%s: from the head\n%.300s\nwhole file first\n%.300s", c.name, got[1], got[0])
		}
	}
}

// A sheet of a workbook likewise: its first letter a-f past the head, the
// import decided from the head is rolled back and made again with the
// sheet read whole first, every row's cell hexadecimal (0x7301 = 29441).
func TestImportSheetCellBaseMadeAgain(t *testing.T) {
	const rows = 4000
	path := filepath.Join(t.TempDir(), "calls.xlsx")
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	sw.SetRow("A1", []any{"MSISDN", "Other Party", "Call Type", "Call Date", "Call Time", "Duration", "MCC", "MNC", "LAC", "Cell ID"})
	for i := 1; i <= rows; i++ {
		lac, ci := "7301", "3039"
		if i == rows {
			lac, ci = "1A2B", "1C85"
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		sw.SetRow(cell, []any{"919812345678", fmt.Sprintf("91990%07d", i), "MOC", "2026-02-01", fmt.Sprintf("10:%02d:%02d", i/60%60, i%60), 10, 404, 45, lac, ci})
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	before := wholeReads.Load()
	st, res := importBook(t, f, path)
	if res.Error != "" || res.Rows != rows || res.Rejected != 0 || !strings.Contains(res.Format, `"LAC", "Cell ID" read as hexadecimal in every row`) {
		t.Fatalf("%+v", res)
	}
	if n := wholeReads.Load() - before; n != 1 {
		t.Errorf("read whole %d times before the import, want 1 (after the head's decision failed)", n)
	}
	cells := readRows(t, st, `SELECT cell FROM voice_readable ORDER BY line`)
	if cells[0] != "404-45-0x7301-0x3039" || cells[len(cells)-1] != "404-45-0x1A2B-0x1C85" || count(t, st, "SELECT count(*) FROM sources") != 1 {
		t.Errorf("cells %q … %q, %d sources", cells[0], cells[len(cells)-1], count(t, st, "SELECT count(*) FROM sources"))
	}
}
