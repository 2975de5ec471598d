package store

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/gen"
)

// benchIPDRFile returns a generated IPDR file of about 1,000,000 rows in
// the paper's Table I layout (about 175 MB), built once into the user's
// cache directory, and its row count.
func benchIPDRFile(b *testing.B) (string, int64) {
	b.Helper()
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	dir := filepath.Join(base, "cdrtui", "bench", "import-1m-v"+gen.Version)
	truthPath := filepath.Join(dir, gen.TruthFile)
	truth, err := gen.ReadTruth(truthPath)
	if err != nil {
		cfg := gen.DefaultConfig()
		cfg.Seed, cfg.Subscribers, cfg.Days, cfg.Records, cfg.VoiceSubscribers = 11, 5000, 30, 2_000_000, 0
		if truth, err = gen.Generate(dir, cfg); err != nil {
			b.Fatal(err)
		}
	}
	for _, f := range truth.Files {
		if filepath.Base(f.Path) == gen.FileOperatorA {
			return filepath.Join(dir, f.Path), int64(f.Rows)
		}
	}
	b.Fatal("no operator A file generated")
	return "", 0
}

// BenchmarkImportVsShell imports the 1,000,000-row file into a new case and
// reports rows/s beside the rows/s of the sqlite3 shell's .import of the
// same file into an untyped table, measured in the same run. cdrtui also
// detects the layout, validates and types every value, hashes the file,
// keeps summaries and builds three indexes; the shell does none of that.
func BenchmarkImportVsShell(b *testing.B) {
	path, rows := benchIPDRFile(b)
	shell, err := exec.LookPath("sqlite3")
	if err != nil {
		b.Log("sqlite3 shell not installed: no reference ratio (make bench installs it)")
	}
	var ours, ref time.Duration
	for i := 0; i < b.N; i++ {
		dir := b.TempDir()
		st, err := Open(filepath.Join(dir, "case.db"))
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		res, err := st.Import(context.Background(), []string{path}, ImportOptions{})
		ours += time.Since(start)
		st.Close()
		if err != nil || len(res) != 1 || res[0].Rows != rows {
			b.Fatalf("import: %v %+v", err, res)
		}
		if shell != "" {
			start = time.Now()
			cmd := exec.Command(shell, filepath.Join(dir, "shell.db"), "-cmd", ".mode csv", ".import "+path+" t")
			if out, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("sqlite3 .import: %v\n%s", err, out)
			}
			ref += time.Since(start)
		}
	}
	n := float64(b.N)
	b.ReportMetric(float64(rows)*n/ours.Seconds(), "rows/s")
	if shell != "" {
		b.ReportMetric(float64(rows)*n/ref.Seconds(), "shell-rows/s")
		b.ReportMetric(ref.Seconds()/ours.Seconds(), "ratio-to-shell")
	}
}
