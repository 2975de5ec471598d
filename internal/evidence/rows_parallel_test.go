package evidence

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readAll reads every row and rejection of text as layout l, written out
// with every value, then the report lines and NoData: what an import keeps.
func readAll(t *testing.T, rd *Reader) []string {
	t.Helper()
	defer rd.Close()
	var out []string
	for {
		row, err := rd.Next()
		if err == io.EOF {
			break
		}
		var re *RowError
		switch {
		case errors.As(err, &re):
			out = append(out, fmt.Sprintf("reject %d %q %q", re.Line, re.Reason, re.Raw))
		case err != nil:
			t.Fatal(err)
		default:
			out = append(out, fmt.Sprintf("row %d %+v %+v %+v %q", row.Line, row.Data, row.Voice, row.Issues, row.Raw()))
		}
	}
	for _, r := range rd.ReportLines() {
		out = append(out, fmt.Sprintf("report %+v", r))
	}
	return append(out, fmt.Sprintf("nodata %v", rd.NoData))
}

// sameAsOneCore checks that the many-core reader gives what the one-core
// reader gives for text, line for line, with batches cut at every size
// given; it returns the one-core results, nil when text is not a table.
func sameAsOneCore(t *testing.T, name, text string) []string {
	t.Helper()
	l, err := Sniff([]byte(text[:min(len(text), 64<<10)]), len(text) <= 64<<10, Options{})
	if err != nil {
		t.Logf("%s: not a table (%v)", name, err)
		return nil
	}
	want := readAll(t, NewReader(strings.NewReader(text), l))
	defer func(n int) { batchLines = n }(batchLines)
	for _, n := range []int{1, 2, 3, 7, 1024} {
		batchLines = n
		for _, workers := range []int{2, 3} {
			got := readAll(t, NewReaderWorkers(strings.NewReader(text), l, workers))
			if len(got) != len(want) {
				t.Fatalf("%s, batches of %d, %d workers: %d results, one core %d", name, n, workers, len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("%s, batches of %d, %d workers: result %d\n got  %s\n want %s", name, n, workers, i, got[i], want[i])
				}
			}
		}
	}
	return want
}

// Rows, rejects (with their lines and raw text), report lines and the
// no-data flag are the same whether lines are parsed on one core or on
// several, whatever the batches: preamble, a footer, report text between
// records, a quoted field across lines, a quote never closed, a line past
// the size bound, a repeated header, separators, bad values and kept
// issues.
func TestReaderWorkersSameAsOneCore(t *testing.T) {
	var b strings.Builder
	b.WriteString("Report generated on 21/06/2026\n")
	b.WriteString("MSISDN,IMSI,IMEI,PRIVATEIP,PRIVATEPORT,PUBLICIP,PUBLICPORT,DESTIP,DESTPORT,START_DATE,START_TIME,END_DATE,END_TIME,CELL_ID,UPLINK_VOLUME,DOWNLINK_VOLUME,TOTAL_VOLUME,I_RATTYPE\n")
	b.WriteString("-----\n")
	row := func(i int, dest string) string {
		return fmt.Sprintf("9196512%05d,404102021022870,358750094291810,10.55.186.%d,51870,49.36.243.217,43919,%s,443,18/03/2024,0:%02d:43,18/03/2024,0:59:34,404-10-1741-63490,1615,4852,6467,4G\n", i, i%250, dest, i%60)
	}
	for i := range 40 {
		switch i {
		case 5:
			b.WriteString("Page 1 of 2\n")
		case 9:
			b.WriteString("9.1971E+11,404102021022870,358750094291810,10.55.186.1,51870,49.36.243.217,43919,1.2.3.4,443,18/03/2024,0:00:43,18/03/2024,0:59:34,404-10-1741-63490,1615,4852,6467,4G\n")
		case 12:
			b.WriteString("MSISDN,IMSI,IMEI,PRIVATEIP,PRIVATEPORT,PUBLICIP,PUBLICPORT,DESTIP,DESTPORT,START_DATE,START_TIME,END_DATE,END_TIME,CELL_ID,UPLINK_VOLUME,DOWNLINK_VOLUME,TOTAL_VOLUME,I_RATTYPE\n")
		case 15:
			b.WriteString(`919651200015,404102021022870,358750094291810,"10.55.` + "\n" + `186.15",51870,49.36.243.217,43919,1.2.3.4,443,18/03/2024,0:00:43,18/03/2024,0:59:34,404-10-1741-63490,1615,4852,6467,4G` + "\n")
		case 18:
			b.WriteString(`919651200018,"404102021022870,358750094291810,10.55.186.1,51870,49.36.243.217,43919,1.2.3.4,443,18/03/2024,0:00:43,18/03/2024,0:59:34,404-10-1741-63490,1615,4852,6467,4G` + "\n")
		case 21:
			b.WriteString(strings.Repeat("x", 1<<20+10) + "\n")
		case 24:
			b.WriteString("919651200024,404102021022870,358750094291810,10.55.186.1,51870,49.36.243.217,43919,1.2.3.4,99999,18/03/2024,0:00:43,18/03/2024,0:59:34,404-10-1741-63490,1615,4852,6467,4G\n")
		case 27:
			b.WriteString("\n=====\n")
		case 30:
			b.WriteString("919651200030,404102021022870,358750094291810,10.55.186.1,51870\n")
		}
		b.WriteString(row(i, fmt.Sprintf("1.2.3.%d", i)))
	}
	b.WriteString("\nTotal Records : 40,,\n*** End of Report ***\n")
	got := strings.Join(sameAsOneCore(t, "hostile IPDR", b.String()), "\n")
	for _, want := range []string{"row 4 ", "reject 9 ", "reject 14 ", "row 22 ", "reject 27 ", "row 28 ", "reject 31 ", "reject 44 ",
		"[{Field:", "report {Line:56 Text:Total Records : 40,, Footer:true}", "nodata false"} {
		if !strings.Contains(got, want) {
			t.Errorf("the one-core reading lacks %q:\n%s", want, got)
		}
	}
	if got := sameAsOneCore(t, "no data", "MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION\nNo Data Found\n"); len(got) == 0 || got[len(got)-1] != "nodata true" {
		t.Errorf("no data: %q", got)
	}
}

// The same on the shared corpus of real exports.
func TestReaderWorkersSameOnCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.csv"))
	if len(files) == 0 {
		t.Fatalf("no corpus CSV under %s", dir)
	}
	tables := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if sameAsOneCore(t, f, string(b)) != nil {
			tables++
		}
	}
	if tables < 3 {
		t.Fatalf("only %d of the corpus's %d CSV files read as tables", tables, len(files))
	}
}

// Closing a many-core reader before its end stops its goroutines.
func TestReaderWorkersClose(t *testing.T) {
	text := "MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION\n" + strings.Repeat("919714499703,VOICE_OUT,919812345678,18/03/2024,10:00:00,60\n", 5000)
	l, err := Sniff([]byte(text[:4096]), false, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rd := NewReaderWorkers(strings.NewReader(text), l, 2)
	if _, err := rd.Next(); err != nil {
		t.Fatal(err)
	}
	rd.Close()
	if _, err := rd.Next(); err != io.EOF {
		t.Fatalf("after Close: %v, want io.EOF", err)
	}
}
