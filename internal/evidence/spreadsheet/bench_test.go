package spreadsheet

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// BenchmarkSheetScans reads a 20,000-row sheet's merges, hidden rows and
// cell kinds as an import does (its scan, then its head, its whole-file
// checks and the import: three readings), once as now (the part found and
// read once, the kinds kept as runs) and once as before, in the same run:
// the byte scan of the merges and hidden rows, then a streamed reading of
// the kinds at each opening, each finding the part through workbook.xml
// again. It reports now's time as a share of before's (now/before).
func BenchmarkSheetScans(b *testing.B) {
	path := filepath.Join(b.TempDir(), "calls.xlsx")
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	sw.SetRow("A1", []any{"Target No", "B Party No", "Call Type", "Date", "Time", "Duration", "IMEI", "First Cell ID"})
	for r := 2; r <= 20001; r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		sw.SetRow(cell, []any{int64(919812345678), int64(919900000000 + r), "MO", 45371 + r/500, float64(r%86400) / 86400, r % 600,
			fmt.Sprint(358765556136017 + r), fmt.Sprintf("404-10-7301-%05d", r%99999)})
	}
	sw.MergeCell("D2", "D40")
	sw.Flush()
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
	f.Close()
	const rows = 20001
	readings := []int{200, rows, rows} // the head, the checks, the import
	var now, before time.Duration
	b.ResetTimer()
	for range b.N {
		t0 := time.Now()
		z, err := zip.OpenReader(path)
		if err != nil {
			b.Fatal(err)
		}
		sc := scanSheet(sheetParts(&z.Reader)["Sheet1"])
		for _, n := range readings {
			c := sc.kinds.cursor()
			for row := 1; row <= n; row++ {
				c.in(row)
			}
		}
		z.Close()
		t1 := time.Now()
		oldScanSheet(path, "Sheet1")
		for _, n := range readings {
			u, z := oldOpenUnvalued(path, "Sheet1")
			for row := 1; row <= n; row++ {
				u.in(row)
			}
			u.Close()
			z.Close()
		}
		t2 := time.Now()
		now, before = now+t1.Sub(t0), before+t2.Sub(t1)
		if len(sc.merges) != 1 || sc.kinds == nil {
			b.Fatalf("scan %+v", sc)
		}
	}
	b.ReportMetric(float64(now)/float64(before), "now/before")
}

// What follows is the reading before, kept as the benchmark's reference.

func oldScanSheet(file, sheet string) (refs [][]byte, hidden []int) {
	z, err := zip.OpenReader(file)
	if err != nil {
		return nil, nil
	}
	defer z.Close()
	part := sheetParts(&z.Reader)[sheet]
	if part == nil {
		return nil, nil
	}
	r, err := part.Open()
	if err != nil {
		return nil, nil
	}
	defer r.Close()
	return oldScanPart(r)
}

func oldScanPart(r io.Reader) (refs [][]byte, hidden []int) {
	const keep = 1024 // bytes carried to the next chunk: a tag cut in two
	chunk := make([]byte, 1<<16)
	var buf []byte
	inMerges := false
	for {
		n, err := r.Read(chunk)
		buf = append(buf, chunk[:n]...)
		done := 0 // buf up to done is read
		mAt := -2 // the next merge tag at or after done; -2 not looked for, -1 none in buf
		for {
			if mAt == -2 || mAt >= 0 && mAt < done {
				name := "mergeCells"
				if inMerges {
					name = "mergeCell "
				}
				mAt = oldTagAt(buf, done, name)
			}
			at, isRow := mAt, false
			if !inMerges { // rows come before the merges
				if i := oldTagAt(buf, done, "row "); i >= 0 && (mAt < 0 || i < mAt) {
					at, isRow = i, true
				}
			}
			if at < 0 {
				break
			}
			end := bytes.IndexByte(buf[at:], '>')
			if end < 0 {
				break // the tag ends in the next chunk
			}
			tag := buf[at : at+end]
			done = at + end
			switch {
			case isRow:
				if h := oldAttrOf(tag, "hidden"); string(h) == "1" || string(h) == "true" {
					if row, err := strconv.Atoi(string(oldAttrOf(tag, "r"))); err == nil {
						hidden = append(hidden, row)
					}
				}
			case !inMerges:
				inMerges, mAt = true, -2
			default:
				if ref := oldAttrOf(tag, "ref"); ref != nil {
					refs = append(refs, bytes.Clone(ref))
				}
			}
		}
		if err != nil {
			return refs, hidden
		}
		buf = append(buf[:0], buf[max(done, len(buf)-keep):]...)
	}
}

// oldTagAt is the index in b, from from on, of the element name's opening
// tag (name right after "<", or after a namespace prefix's ":"), -1 if
// none.
func oldTagAt(b []byte, from int, name string) int {
	for {
		i := bytes.Index(b[from:], []byte(name))
		if i < 0 {
			return -1
		}
		i += from
		switch {
		case i > 0 && b[i-1] == '<':
			return i
		case i > 1 && b[i-1] == ':':
			if j := bytes.LastIndexByte(b[max(0, i-18):i-1], '<'); j >= 0 && oldIsName(b[max(0, i-18)+j+1:i-1]) {
				return i
			}
		}
		from = i + 1
	}
}

func oldIsName(b []byte) bool {
	for _, c := range b {
		if !isLetter(c) && !isDigit(c) {
			return false
		}
	}
	return len(b) > 0
}

// oldAttrOf is the value of a tag's attribute, nil if it has none.
func oldAttrOf(tag []byte, name string) []byte {
	for at := 0; ; {
		i := bytes.Index(tag[at:], []byte(name+`="`))
		if i < 0 {
			return nil
		}
		i += at
		if i > 0 && tag[i-1] == ' ' {
			v := tag[i+len(name)+2:]
			if k := bytes.IndexByte(v, '"'); k >= 0 {
				return v[:k]
			}
			return nil
		}
		at = i + 1
	}
}

// oldOpenUnvalued opened the workbook's zip and read workbook.xml again at
// each reading of the sheet, then streamed its kinds as openUnvalued does.
func oldOpenUnvalued(file, sheet string) (*unvaluedCells, *zip.ReadCloser) {
	z, err := zip.OpenReader(file)
	if err != nil {
		return &unvaluedCells{done: true}, nil
	}
	return openUnvalued(sheetParts(&z.Reader)[sheet]), z
}
