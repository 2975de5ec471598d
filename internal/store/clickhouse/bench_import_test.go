package clickhouse

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// BenchmarkClickHouseImport is the import step of
// BenchmarkClickHouseAtScale alone: a generated evidence set of
// CDRTUI_CH_IMPORT_RECORDS records (default 1,000,000; TenMillion's
// recipe) imported into a new cluster case by the cdrtui binary, its
// rows/s and peak RSS (cdrtui's alone), then imported again after a
// second, overlapping export of half of it (the overlap rule against the
// cluster). With CDRTUI_CH_IMPORT_INPROC=1 the import runs in the test
// process instead, for go test's -cpuprofile and -memprofile; with
// CDRTUI_CH_IMPORT_REF naming another cdrtui binary (a build from before a
// change), that one imports the same files too, after each run.
func BenchmarkClickHouseImport(b *testing.B) {
	cfg := casekit.TenMillion()
	cfg.Records = envInt("CDRTUI_CH_IMPORT_RECORDS", 1_000_000)
	cfg.Subscribers = max(50, cfg.Records/2000)
	cfg.VoiceSubscribers = max(20, cfg.Records/5000)
	dir := filepath.Join(b.TempDir(), "evidence")
	truth, err := gen.Generate(dir, cfg)
	if err != nil {
		b.Fatal(err)
	}
	os.Remove(filepath.Join(dir, gen.TruthFile))
	c := chkit.Start(b)
	rows := float64(truth.IPDRRecords + truth.VoiceRecords)
	inproc := os.Getenv("CDRTUI_CH_IMPORT_INPROC") == "1"
	var bin string
	if !inproc {
		bin = buildCdrtui(b)
	}
	b.ResetTimer()
	for i := range b.N {
		db := "imp" + string(rune('a'+i%26))
		var took time.Duration
		var rss float64
		if inproc {
			importPhases = func(stage, copy time.Duration) { b.Logf("staging %v, copy %v", stage, copy) }
			s, err := Open(context.Background(), c.URL(db), c.Name, true)
			if err != nil {
				b.Fatal(err)
			}
			t0 := time.Now()
			if _, err := s.Import(context.Background(), []string{dir}, store.ImportOptions{}); err != nil {
				b.Fatal(err)
			}
			took = time.Since(t0)
			s.Close()
		} else {
			took, rss = runSampled(b, bin, "import", "--cluster", c.Name, c.URL(db), dir)
		}
		b.ReportMetric(rows/took.Seconds(), "rows/s")
		b.ReportMetric(rss, "rss_MB")
		b.Logf("import: %.0f records in %v (%.0f rows/s), cdrtui peak RSS %.0f MB", rows, took.Round(time.Millisecond), rows/took.Seconds(), rss)
		if ref := os.Getenv("CDRTUI_CH_IMPORT_REF"); ref != "" && !inproc {
			// the same import by another build of cdrtui (before a change),
			// in the same run: the figures to compare with
			took, rss := runCdrtui(b, ref, "import", "--cluster", c.Name, c.URL(db+"_ref"), dir)
			b.ReportMetric(rows/took.Seconds(), "ref_rows/s")
			b.ReportMetric(rss, "ref_rss_MB")
			b.Logf("reference import: %.0f records in %v (%.0f rows/s), peak RSS %.0f MB", rows, took.Round(time.Millisecond), rows/took.Seconds(), rss)
		}
	}
}

// runSampled is runCdrtui, logging the child's RSS every few seconds when
// CDRTUI_CH_IMPORT_SAMPLE names a file (where the peak comes in the import).
func runSampled(b *testing.B, bin string, args ...string) (time.Duration, float64) {
	logPath := os.Getenv("CDRTUI_CH_IMPORT_SAMPLE")
	if logPath == "" {
		return runCdrtui(b, bin, args...)
	}
	log, err := os.Create(logPath)
	if err != nil {
		b.Fatal(err)
	}
	defer log.Close()
	cmd := exec.Command(bin, args...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	done := make(chan error)
	go func() { done <- cmd.Wait() }()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			fmt.Fprintf(log, "%s", stderr.Bytes())
			if err != nil {
				b.Fatalf("cdrtui %v: %v\n%s", args, err, stderr.Bytes())
			}
			return time.Since(t0), peakRSSMB(cmd.ProcessState)
		case <-tick.C:
			st, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid))
			for _, l := range strings.Split(string(st), "\n") {
				if strings.HasPrefix(l, "VmRSS") || strings.HasPrefix(l, "VmHWM") {
					fmt.Fprintf(log, "%5.0fs %s\n", time.Since(t0).Seconds(), strings.Join(strings.Fields(l), " "))
				}
			}
		}
	}
}
