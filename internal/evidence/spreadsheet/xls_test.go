package spreadsheet

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	x "github.com/cdrtui/cdrtui/internal/evidence/spreadsheet/xlstest"
)

// cdrBook is an Indian operator's CDR as an .xls: dates as numbers under
// a dd-mm-yyyy format, times as fractions of a day under h:mm:ss (built-in
// format 21, which the file does not spell out), IMEIs as text and as a
// number, a B party as text, a formula's cached number and text, numbers
// as NUMBER, RK and MULRK records, and the shared strings continued in a
// CONTINUE record inside a string, the rest of it in UTF-16; a second
// sheet of notes, hidden, with a Hindi text, a rich text, a Boolean, an
// error value, a hidden row and a merge down.
func cdrBook() x.Book {
	day := 86400.0
	cdr := [][]byte{}
	for col := range 8 {
		cdr = append(cdr, x.LabelSST(0, col, 0, col))
	}
	cdr = append(cdr,
		// 45371 = 2024-03-20; 36902 s = 10:15:02
		x.Number(1, 0, 0, 919812345678), x.LabelSST(1, 1, 0, 8), x.Number(1, 2, 0, 919900000001),
		x.Number(1, 3, 1, 45371), x.Number(1, 4, 2, 36902/day), x.RK(1, 5, 0, 61, false),
		x.LabelSST(1, 6, 0, 10), x.LabelSST(1, 7, 0, 11),
		// 45372.00 = 2024-03-21, 0.25 = 06:00:00, 62
		x.FormulaNumber(2, 0, 0, 919812345678), x.FormulaString(2, 1, 0, "MT"), x.LabelSST(2, 2, 0, 12),
		x.MulRK(2, 3, []int{1, 2, 0}, []int32{4537200, 25, 6200}),
		x.Label(2, 6, 0, "404-10-7301-12346"), x.Number(2, 7, 0, 356938035643809),
		// a 16-digit IMEISV typed as a number: beyond 15 digits
		x.Number(3, 0, 0, 919812345678), x.LabelSST(3, 1, 0, 8), x.Number(3, 2, 0, 919900000003),
		x.Number(3, 3, 3, 45371+0.5), x.RK(3, 5, 0, 5, true), x.Number(3, 7, 0, 3569380356438091),
	)
	notes := [][]byte{
		x.LabelSST(0, 0, 0, 13), x.LabelSST(0, 1, 0, 14), x.Bool(0, 2, true), x.Error(0, 3, 0x2A),
		x.Label(1, 0, 0, "a"), x.HiddenRow(2), x.Label(2, 0, 0, "b"), x.Label(3, 0, 0, "c"),
		x.Label(1, 1, 0, "merged"), x.Merged(1, 3, 1, 1),
	}
	// the notes' cells out of order: a reader sorts them
	notes[4], notes[8] = notes[8], notes[4]
	return x.Book{
		Formats: []x.Format{{Index: 164, Code: "dd-mm-yyyy"}, {Index: 165, Code: "dd/mm/yyyy hh:mm:ss"}},
		XFs:     []uint16{0, 164, 21, 165},
		SST: []string{"Target No", "Call Type", "B Party No", "Date", "Time", "Duration", "First Cell ID", "IMEI",
			"MO", "MT", "404-10-7301-12345", "356938035643809", "919900000002", "दिल्ली", "rich"},
		SplitSST: x.Split{Split: true, String: 10, Chars: 7, High: true},
		RichSST:  map[int]bool{14: true},
		Sheets:   []x.Sheet{{Name: "CDR", Records: cdr}, {Name: "Notes", Hidden: true, Records: notes}},
	}
}

func writeXLS(t *testing.T, b x.Book) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "calls.xls")
	if err := os.WriteFile(p, b.File(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func sheetText(t *testing.T, wb *Workbook, name string) string {
	t.Helper()
	r, err := wb.Sheet(name)
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

func TestXLSCellsReadAsTyped(t *testing.T) {
	p := writeXLS(t, cdrBook())
	if !IsXLS(p) {
		t.Fatal("not seen as an .xls")
	}
	wb, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	if got := strings.Join(wb.Sheets(), "|"); got != "CDR|Notes" {
		t.Fatalf("sheets %s", got)
	}
	if wb.Hidden("CDR") || !wb.Hidden("Notes") {
		t.Error("hidden sheets wrong")
	}
	want := "Target No,Call Type,B Party No,Date,Time,Duration,First Cell ID,IMEI\n" +
		"919812345678,MO,919900000001,2024-03-20,10:15:02,61,404-10-7301-12345,356938035643809\n" +
		"919812345678,MT,919900000002,2024-03-21,06:00:00,62,404-10-7301-12346,356938035643809\n" +
		"919812345678,MO,919900000003,2024-03-20 12:00:00,,0.05,,3.56938035643809E+15\n"
	if got := sheetText(t, wb, "CDR"); got != want {
		t.Errorf("CDR:\n%s\nwant\n%s", got, want)
	}
	want = "दिल्ली,rich,TRUE,#N/A\na,merged,,\nb,merged,,\nc,merged,,\n"
	if got := sheetText(t, wb, "Notes"); got != want {
		t.Errorf("Notes:\n%s\nwant\n%s", got, want)
	}
	if merged, hidden := wb.Scan("Notes"); merged != 1 || len(hidden) != 1 || hidden[0] != 3 {
		t.Errorf("scan: %d merged, hidden rows %v", merged, hidden)
	}
}

func TestXLS1904Dates(t *testing.T) {
	b := x.Book{
		Date1904: true,
		Formats:  []x.Format{{Index: 164, Code: "dd/mm/yyyy hh:mm:ss"}},
		XFs:      []uint16{0, 164},
		SST:      []string{"Start"},
		// 45371 days from 1899-12-30 is 43909 from 1904-01-01: 2024-03-20
		Sheets: []x.Sheet{{Name: "S", Records: [][]byte{x.LabelSST(0, 0, 0, 0), x.Number(1, 0, 1, 43909+0.75)}}},
	}
	wb, err := Open(writeXLS(t, b))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	if got := sheetText(t, wb, "S"); got != "Start\n2024-03-20 18:00:00\n" {
		t.Errorf("got %q", got)
	}
}

func TestXLSRefused(t *testing.T) {
	good := cdrBook().File()
	twice := cdrBook()
	twice.Sheets[1].Name = "cdr"
	dir := t.TempDir()
	cases := map[string]struct {
		data []byte
		want string
	}{
		"truncated.xls": {good[:len(good)-3000], "not a readable Excel 97-2003 workbook"},
		"biff5.xls":     {x.Compound(append(x.Record(0x0809, []byte{0, 5, 5, 0}), x.Record(0x000A)...)), "older than Excel 97"},
		"cut.xls":       {x.Compound(cdrBook().Stream()[:600]), "truncated"},
		"twice.xls":     {twice.File(), `two sheets named "cdr"`},
		"locked.xls":    {x.Compound(append(x.Record(0x0809, []byte{0, 6, 5, 0}), x.Record(0x002F, []byte{1, 0})...)), "password-protected"},
	}
	for name, c := range cases {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, c.data, 0o644); err != nil {
			t.Fatal(err)
		}
		wb, err := Open(p)
		if err == nil {
			wb.Close()
			t.Errorf("%s: opened", name)
			continue
		}
		if !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "not a readable Excel 97-2003 workbook") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// FuzzXLSStream: any Workbook stream, a damaged or hostile one, is read
// or refused without a panic.
func FuzzXLSStream(f *testing.F) {
	f.Add(cdrBook().Stream())
	b := cdrBook()
	b.Date1904 = true
	f.Add(b.Stream())
	f.Fuzz(func(t *testing.T, stream []byte) {
		book, err := parseGlobals(stream)
		if err != nil {
			return
		}
		for _, ref := range book.sheets {
			book.parseSheet(ref)
		}
	})
}

// A workbook stream longer than one FAT sector maps (64 KB): the compound
// file's sector chains are followed through several FAT sectors, and every
// row is read.
func TestXLSLongStream(t *testing.T) {
	b := cdrBook()
	recs := b.Sheets[0].Records[:8]
	for r := 1; r <= 2000; r++ { // 2,000 rows of 8 cells: 260 KB
		recs = append(recs, x.Number(r, 0, 0, 919812345678), x.LabelSST(r, 1, 0, 8), x.Number(r, 2, 0, float64(919900000000+r)),
			x.Number(r, 3, 1, 45371), x.Number(r, 4, 2, float64(r)/86400), x.RK(r, 5, 0, int32(r), false),
			x.LabelSST(r, 6, 0, 10), x.Number(r, 7, 0, 356938035643809))
	}
	b.Sheets = []x.Sheet{{Name: "CDR", Records: recs}}
	if n := len(b.Stream()); n < 256<<10 {
		t.Fatalf("stream of %d bytes", n)
	}
	wb, err := Open(writeXLS(t, b))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	lines := strings.Split(strings.TrimSuffix(sheetText(t, wb, "CDR"), "\n"), "\n")
	// row 2001: 2,000 s is 00:33:20
	if last := lines[len(lines)-1]; len(lines) != 2001 || last != "919812345678,MO,919900002000,2024-03-20,00:33:20,2000,404-10-7301-12345,356938035643809" {
		t.Errorf("%d lines, the last %q", len(lines), last)
	}
}

// The import dialog opens an .xls for its preview and again for the
// import: the second opening of the same bytes uses the first's
// conversion, read alike; a file of other bytes under the same name is
// converted afresh, and read as its bytes say.
func TestXLSConvertedOnce(t *testing.T) {
	p := writeXLS(t, cdrBook())
	read := func() string {
		wb, err := Open(p)
		if err != nil {
			t.Fatal(err)
		}
		defer wb.Close()
		return sheetText(t, wb, "CDR")
	}
	before := xlsConversions.Load()
	first, second := read(), read()
	if n := xlsConversions.Load() - before; n != 1 || first != second {
		t.Errorf("%d conversions, texts alike %v; want 1, alike", n, first == second)
	}
	b := cdrBook()
	b.Sheets[0].Records[8] = x.Number(1, 0, 0, 919812345679) // another target in row 2
	if err := os.WriteFile(p, b.File(), 0o644); err != nil {
		t.Fatal(err)
	}
	third := read()
	if n := xlsConversions.Load() - before; n != 2 || !strings.Contains(third, "919812345679") || strings.Contains(first, "919812345679") {
		t.Errorf("%d conversions after the file changed, want 2; text:\n%s", n, third)
	}
}
