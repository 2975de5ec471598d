package spreadsheet

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// FuzzCell: any stored and displayed text gives a cell without a panic,
// and an integer beyond 15 significant digits never comes out as plain
// digits (which would pass for an exact identifier).
func FuzzCell(f *testing.F) {
	for _, s := range [][2]string{{"918123456789", "9.18E+11"}, {"45371.42710648148", "20/03/2024 10:15:02"},
		{"9181234567891234", "9.18123E+15"}, {"0.5", "12:00:00"}, {"abc", "abc"}, {"1e308", "1E+308"}, {"-1", "1900-01-00"}} {
		f.Add(s[0], s[1], false)
	}
	f.Fuzz(func(t *testing.T, raw, shown string, date1904 bool) {
		out := Cell(raw, shown, date1904)
		v, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) || v != math.Trunc(v) || significantDigits(raw) <= 15 {
			return
		}
		if strings.Trim(out, "0123456789") == "" && out != "" {
			t.Fatalf("Cell(%q, %q) = %q: an inexact integer written as digits", raw, shown, out)
		}
	})
}
