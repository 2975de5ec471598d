package store

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cdrtui/cdrtui/internal/gen"
)

// BenchmarkImportSmallVsShell is BenchmarkImportVsShell on a file of about
// 200,000 rows (same generator and layout), small enough to measure on a
// shared machine in a minute: the before/after of a change to the import
// path (the overlap rule's event check) is read from its ratio to the
// shell, measured in the same run.
func BenchmarkImportSmallVsShell(b *testing.B) {
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	dir := filepath.Join(base, "cdrtui", "bench", "import-200k-v"+gen.Version)
	truth, err := gen.ReadTruth(filepath.Join(dir, gen.TruthFile))
	if err != nil {
		cfg := gen.DefaultConfig()
		cfg.Seed, cfg.Subscribers, cfg.Days, cfg.Records, cfg.VoiceSubscribers = 11, 1000, 30, 400_000, 0
		if truth, err = gen.Generate(dir, cfg); err != nil {
			b.Fatal(err)
		}
	}
	for _, f := range truth.Files {
		if filepath.Base(f.Path) == gen.FileOperatorA {
			benchmarkImportVsShell(b, filepath.Join(dir, f.Path), int64(f.Rows))
			return
		}
	}
	b.Fatal("no operator A file generated")
}
