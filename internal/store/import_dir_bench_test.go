package store

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// benchDirFiles splits the 1,000,000-row file of BenchmarkImportVsShell
// into a directory of two exports of about half each, cut where one
// subscriber's records end, and writes beside it a file of its first
// 100,000 rows under other subscribers' numbers (the MSISDN's third digit
// made 5: 918… becomes 915…), records a case can hold before the
// directory comes. Built once beside the 1M file. It returns the
// directory, the earlier file and the rows of each.
func benchDirFiles(b *testing.B) (dir, earlier string, dirRows, earlierRows int64) {
	b.Helper()
	src, _ := benchIPDRFile(b)
	base := filepath.Dir(src)
	dir, earlier = filepath.Join(base, "two-exports"), filepath.Join(base, "earlier-records-v2.csv")
	if _, err := os.Stat(earlier); err != nil {
		data, err := os.ReadFile(src)
		if err != nil {
			b.Fatal(err)
		}
		lines := bytes.SplitAfter(data, []byte("\n"))
		if len(lines[len(lines)-1]) == 0 {
			lines = lines[:len(lines)-1]
		}
		header, rows := lines[0], lines[1:]
		cut := len(rows) / 2
		key := func(l []byte) []byte { return l[:bytes.IndexByte(l, ',')] }
		for cut < len(rows) && bytes.Equal(key(rows[cut]), key(rows[cut-1])) {
			cut++
		}
		os.MkdirAll(dir, 0o755)
		write := func(path string, part [][]byte, edit func([]byte) []byte) {
			f, err := os.Create(path + ".tmp")
			if err != nil {
				b.Fatal(err)
			}
			w := bufio.NewWriterSize(f, 1<<20)
			w.Write(header)
			for _, l := range part {
				w.Write(edit(l))
			}
			if err := w.Flush(); err != nil {
				b.Fatal(err)
			}
			f.Close()
			if err := os.Rename(path+".tmp", path); err != nil {
				b.Fatal(err)
			}
		}
		same := func(l []byte) []byte { return l }
		write(earlier, rows[:100_000], func(l []byte) []byte {
			m := append([]byte(nil), l...)
			m[2] = '5' // no subscriber of the generator has a number 915…
			return m
		})
		write(filepath.Join(dir, "a.csv"), rows[:cut], same)
		write(filepath.Join(dir, "b.csv"), rows[cut:], same)
	}
	lineCount := func(p string) int64 {
		f, err := os.Open(p)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		var n int64
		buf := make([]byte, 1<<20)
		for {
			k, err := f.Read(buf)
			n += int64(bytes.Count(buf[:k], []byte("\n")))
			if err == io.EOF {
				break
			}
		}
		return n - 1 // the header
	}
	return dir, earlier, lineCount(filepath.Join(dir, "a.csv")) + lineCount(filepath.Join(dir, "b.csv")), lineCount(earlier)
}

// BenchmarkImportDirIntoCaseVsShell imports a directory of two large
// exports (about 500,000 rows each) into a case already holding 100,000
// records of other subscribers, in a process of its own, and reports its
// rows/s and CPU time beside two references measured in the same run: the
// sqlite3 shell doing the same work on a copy holding the same earlier
// rows under the case's four indexes (drop them, .import both files, build
// them again: ratio-to-shell, target 1.0), and cdrtui importing the
// 1,000,000-row file those two were cut from into a new case
// (ratio-to-1M-file: the directory should go at the 1M-file rate or
// better). The earlier case and the shell's copy are made outside the
// timing.
func BenchmarkImportDirIntoCaseVsShell(b *testing.B) {
	dir, earlier, rows, earlierRows := benchDirFiles(b)
	one, oneRows := benchIPDRFile(b)
	shell, err := exec.LookPath("sqlite3")
	if err != nil {
		b.Skip("sqlite3 shell not installed: no reference (make bench installs it)")
	}
	var ours, ref, single time.Duration
	var oursCPU, singleCPU, refCPU time.Duration
	var peakRSS int64
	for i := 0; i < b.N; i++ {
		tmp := b.TempDir()
		casePath := filepath.Join(tmp, "case.db")
		importInChild(b, casePath, earlier, earlierRows)
		took, rss, cpu := importInChildCPU(b, casePath, dir, rows)
		ours, oursCPU, peakRSS = ours+took, oursCPU+cpu, max(peakRSS, rss)

		db := filepath.Join(tmp, "shell.db")
		if out, err := exec.Command(shell, db, "-cmd", ".mode csv", ".import "+earlier+" t").CombinedOutput(); err != nil {
			b.Fatalf("sqlite3 .import: %v\n%s", err, out)
		}
		if out, err := exec.Command(shell, append(append([]string{db, "BEGIN"}, shellIndexes...), "COMMIT")...).CombinedOutput(); err != nil {
			b.Fatalf("sqlite3 indexes: %v\n%s", err, out)
		}
		args := []string{db, "-cmd", ".mode csv", "BEGIN",
			"DROP INDEX t_by_subscriber", "DROP INDEX t_by_dest", "DROP INDEX t_by_port", "DROP INDEX t_by_cell",
			".import --skip 1 " + filepath.Join(dir, "a.csv") + " t", ".import --skip 1 " + filepath.Join(dir, "b.csv") + " t"}
		args = append(append(args, shellIndexes...), "COMMIT")
		start := time.Now()
		cmd := exec.Command(shell, args...)
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("sqlite3: %v\n%s", err, out)
		}
		ref += time.Since(start)
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			refCPU += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		}

		took, _, cpu = importInChildCPU(b, filepath.Join(tmp, "one.db"), one, oneRows)
		single, singleCPU = single+took, singleCPU+cpu
	}
	n := float64(b.N)
	b.ReportMetric(float64(rows)*n/ours.Seconds(), "rows/s")
	b.ReportMetric(oursCPU.Seconds()/n, "cpu-s")
	b.ReportMetric(float64(peakRSS)/(1<<20), "peak-RSS-MB")
	b.ReportMetric(ref.Seconds()/ours.Seconds(), "ratio-to-shell")
	b.ReportMetric(refCPU.Seconds()/oursCPU.Seconds(), "cpu-ratio-to-shell")
	b.ReportMetric((float64(rows)/ours.Seconds())/(float64(oneRows)/single.Seconds()), "ratio-to-1M-file")
	b.Logf("directory of 2 files, %d rows, into a case of %d: cdrtui %.2f s (CPU %.2f s), shell %.2f s (CPU %.2f s); the 1M file alone into a new case %.2f s (CPU %.2f s)",
		rows, earlierRows, ours.Seconds()/n, oursCPU.Seconds()/n, ref.Seconds()/n, refCPU.Seconds()/n, single.Seconds()/n, singleCPU.Seconds()/n)
}

// importInChildCPU is importInChild, also returning the child's CPU time
// (user + system).
func importInChildCPU(b *testing.B, casePath, path string, rows int64) (time.Duration, int64, time.Duration) {
	b.Helper()
	var cpu time.Duration
	took, rss := importInChildState(b, casePath, path, rows, func(ps *os.ProcessState) {
		if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
			cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		}
	})
	return took, rss, cpu
}
