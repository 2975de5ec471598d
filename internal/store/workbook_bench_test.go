package store

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// benchWorkbookRows is the size of BenchmarkImportWorkbookVsCSV's sheet.
const benchWorkbookRows = 100_000

// benchCDRRow is row i of the benchmark's Indian-style voice CDR: the
// target, the call type, the B party, the day (a serial), the time of day
// (a fraction of a day), the duration, the first cell and the IMEI (text).
func benchCDRRow(i int) (target int64, typ string, bParty int64, day int, secs int, dur int, cell, imei string) {
	return 919812345678 + int64(i%7), []string{"MO", "MT", "SMS-MO"}[i%3], 919900000000 + int64(i*37%50000),
		45371 + i/2000, i * 13 % 86400, i % 600, fmt.Sprintf("404-10-7301-%05d", i%9973), fmt.Sprint(358765556136017 + i%4000)
}

// benchWorkbookFiles writes the benchmark's sheet as an .xlsx (excelize's
// StreamWriter: the date a number formatted dd/mm/yyyy, the time a
// fraction of a day formatted hh:mm:ss, the IMEI text) and the same rows
// as the CSV a spreadsheet's export of it would be.
func benchWorkbookFiles(b *testing.B, rows int) (xlsx, csv string) {
	b.Helper()
	dir := b.TempDir()
	xlsx, csv = filepath.Join(dir, "cdr.xlsx"), filepath.Join(dir, "cdr.csv")
	f := excelize.NewFile()
	dateFmt, timeFmt := "dd/mm/yyyy", "hh:mm:ss"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		b.Fatal(err)
	}
	timeStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &timeFmt})
	if err != nil {
		b.Fatal(err)
	}
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	header := []string{"Target No", "Call Type", "B Party No", "Date", "Time", "Duration", "First Cell ID", "IMEI"}
	hdr := make([]any, len(header))
	for i, h := range header {
		hdr[i] = h
	}
	if err := sw.SetRow("A1", hdr); err != nil {
		b.Fatal(err)
	}
	out, err := os.Create(csv)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(out)
	fmt.Fprintln(w, "Target No,Call Type,B Party No,Date,Time,Duration,First Cell ID,IMEI")
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	for i := range rows {
		target, typ, bParty, day, secs, dur, cellID, imei := benchCDRRow(i)
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		err := sw.SetRow(cell, []any{target, typ, bParty,
			excelize.Cell{StyleID: dateStyle, Value: day},
			excelize.Cell{StyleID: timeStyle, Value: float64(secs) / 86400},
			dur, cellID, imei})
		if err != nil {
			b.Fatal(err)
		}
		fmt.Fprintf(w, "%d,%s,%d,%s,%02d:%02d:%02d,%d,%s,%s\n", target, typ, bParty,
			base.AddDate(0, 0, day).Format("2006-01-02"), secs/3600, secs/60%60, secs%60, dur, cellID, imei)
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.SaveAs(xlsx); err != nil {
		b.Fatal(err)
	}
	f.Close()
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
	return xlsx, csv
}

// BenchmarkImportWorkbookVsCSV imports a 100,000-row voice CDR sheet of an
// .xlsx into a new case, in a process of its own (its peak RSS reported),
// and the same rows as a CSV file in the same run: ratio-to-csv is the
// workbook's time over the CSV's (1.0: a workbook costs what its CSV
// export does). Each round runs both, alternating which goes first; the
// medians are reported.
func BenchmarkImportWorkbookVsCSV(b *testing.B) {
	xlsx, csv := benchWorkbookFiles(b, benchWorkbookRows)
	// the files were built in this process: its memory handed back, so
	// that the children's peak RSS (which counts the parent's at fork)
	// is theirs
	runtime.GC()
	debug.FreeOSMemory()
	var book, flat []time.Duration
	var bookRSS, flatRSS int64
	for i := 0; i < b.N; i++ {
		dir := b.TempDir()
		runBook := func() {
			took, rss := importInChild(b, filepath.Join(dir, "book.db"), xlsx, benchWorkbookRows)
			book, bookRSS = append(book, took), max(bookRSS, rss)
		}
		runCSV := func() {
			took, rss := importInChild(b, filepath.Join(dir, "csv.db"), csv, benchWorkbookRows)
			flat, flatRSS = append(flat, took), max(flatRSS, rss)
		}
		if i%2 == 0 {
			runBook()
			runCSV()
		} else {
			runCSV()
			runBook()
		}
	}
	median := func(d []time.Duration) time.Duration {
		s := slices.Clone(d)
		slices.Sort(s)
		return s[len(s)/2]
	}
	mb, mc := median(book), median(flat)
	b.ReportMetric(mb.Seconds(), "xlsx-s")
	b.ReportMetric(mc.Seconds(), "csv-s")
	b.ReportMetric(float64(mb)/float64(mc), "ratio-to-csv")
	b.ReportMetric(float64(bookRSS)/1e6, "xlsx-peak-RSS-MB")
	b.ReportMetric(float64(flatRSS)/1e6, "csv-peak-RSS-MB")
}
