package ident

import "testing"

// BenchmarkNumberKey measures keying the forms an import meets per row,
// against the cost of the same loop doing only the digit check every
// value goes through anyway (allDigits), measured in the same run.
func BenchmarkNumberKey(b *testing.B) {
	in, _ := PlanFor("IN")
	forms := []struct {
		name, d string
		plus    bool
	}{{"e164", "919714499703", false}, {"national", "9714499703", false}, {"plus", "919714499703", true}, {"sender", "VM-HDFCBK", false}}
	for _, f := range forms {
		b.Run(f.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				in.Key(f.d, f.plus)
			}
		})
	}
	b.Run("reference-digit-check", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			allDigits("919714499703")
		}
	})
}

func BenchmarkCellKey(b *testing.B) {
	for i := 0; i < b.N; i++ {
		CellKey("404101C853039")
	}
}
