package store

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/evidence"
)

// ocidSuffix names the generated OpenCellID exports, which the child
// import reads with ImportCells.
const ocidSuffix = ".ocid.csv"

// ocidFile writes (once, into the cache directory) an OpenCellID export of
// rows rows: GSM, UMTS and LTE cells of one country over a few hundred
// networks' areas, positions over India.
func ocidFile(b *testing.B, rows int) string {
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	dir := filepath.Join(base, "cdrtui", "bench")
	os.MkdirAll(dir, 0o755)
	p := filepath.Join(dir, fmt.Sprintf("cells-%d%s", rows, ocidSuffix))
	if _, err := os.Stat(p); err == nil {
		return p
	}
	f, err := os.Create(p + ".partial")
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintln(w, "radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal")
	radios := []string{"GSM", "UMTS", "LTE"}
	for i := range rows {
		r := radios[i%3]
		cell := 1 + i%60000
		if r == "LTE" {
			cell = 1000000 + i
		} else if r == "UMTS" {
			cell = (i%4000)<<16 | cell
		}
		fmt.Fprintf(w, "%s,404,%d,%d,%d,0,%.6f,%.6f,%d,%d,1,1459692658,1659692658,0\n",
			r, 1+i%90, 1+(i/60000)%65000, cell, 68+float64(i%2900)/100, 8+float64(i%2800)/100, 100+i%5000, 1+i%200)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	os.Rename(p+".partial", p)
	return p
}

// parseOnly reads the file through the site reader alone: the reference
// the import's rate is given against (ratio-to-parse: what writing into the
// case, indexes included, costs beside reading).
func parseOnly(b *testing.B, p string) (int64, time.Duration) {
	f, err := os.Open(p)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	start := time.Now()
	sr, err := evidence.NewSiteReader(f, evidence.SiteOptions{})
	if err != nil {
		b.Fatal(err)
	}
	var n int64
	for {
		_, err := sr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			b.Fatal(err)
		}
		n++
	}
	return n, time.Since(start)
}

func benchmarkCellsImport(b *testing.B, rows int) {
	p := ocidFile(b, rows)
	for i := 0; i < b.N; i++ {
		n, parse := parseOnly(b, p)
		casePath := filepath.Join(b.TempDir(), "case.db")
		took, rss := importInChild(b, casePath, p, n)
		b.ReportMetric(float64(n)/took.Seconds(), "rows/s")
		b.ReportMetric(float64(n)/parse.Seconds(), "parse-rows/s")
		b.ReportMetric(parse.Seconds()/took.Seconds(), "ratio-to-parse")
		b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MB")
	}
}

// BenchmarkCellsImportSmall imports a 300,000-row OpenCellID export into a
// new case in a child process (its peak RSS reported): small enough for a
// shared machine.
func BenchmarkCellsImportSmall(b *testing.B) { benchmarkCellsImport(b, 300_000) }

// BenchmarkCellsImport5M is the whole-country file: 5,000,000 rows
// (about 420 MB); peak RSS must stay under 150 MB.
func BenchmarkCellsImport5M(b *testing.B) { benchmarkCellsImport(b, 5_000_000) }
