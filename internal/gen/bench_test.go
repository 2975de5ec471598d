package gen

import (
	"path/filepath"
	"strconv"
	"testing"
)

// BenchmarkGenerate writes a case of 1,000,000 IPDR records (and the
// default voice file) per iteration.
func BenchmarkGenerate(b *testing.B) {
	cfg := DefaultConfig()
	cfg.Records = 1_000_000
	base := b.TempDir()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		truth, err := Generate(filepath.Join(base, strconv.Itoa(i%2)), cfg)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(truth.IPDRRecords), "records/op")
	}
}
