package casework

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
)

// benchImage generates a 60-day image (some 3,000 calls, 3,600 log
// entries) with no operator files.
func benchImage(b *testing.B) string {
	b.Helper()
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Days, cfg.Records, cfg.VoiceSubscribers, cfg.SimBoxes, cfg.AsteriskImage = 8, 60, 0, 0, 0, true
	dir := filepath.Join(b.TempDir(), "evidence")
	if _, err := gen.Generate(dir, cfg); err != nil {
		b.Fatal(err)
	}
	return filepath.Join(dir, gen.ImageDir)
}

// BenchmarkAsteriskImport imports the image tree into a new case: zone,
// configuration, call records with their per-account copies, two logs
// (one gzipped) dated from the calls, shell histories.
func BenchmarkAsteriskImport(b *testing.B) {
	image := benchImage(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		st, err := store.Create(filepath.Join(b.TempDir(), fmt.Sprintf("case%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := st.Import(context.Background(), []string{image}, store.ImportOptions{}); err != nil {
			b.Fatal(err)
		}
		st.Close()
	}
}

// BenchmarkAsteriskReport is what the pane and `cdrtui asterisk` wait for.
func BenchmarkAsteriskReport(b *testing.B) {
	image := benchImage(b)
	st, err := store.Create(filepath.Join(b.TempDir(), "case.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Import(context.Background(), []string{image}, store.ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Asterisk(context.Background(), st, AsteriskOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
