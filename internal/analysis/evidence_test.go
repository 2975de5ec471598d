package analysis

import (
	"math"
	"reflect"
	"testing"
)

// One window (0 s, where expected = unit): the per-application part.
func TestEvidenceOneWindow(t *testing.T) {
	pOne := 1 - math.Exp(-0.1) // P(X >= 1), X ~ Poisson(0.1)
	tests := []struct {
		name     string
		matches  map[string]int
		expected map[string]float64
		want     Evidence
	}{
		{"nothing compared", nil, nil, Evidence{App: "", Tests: 0, P: 1, Score: 0}},
		{"nothing matched", map[string]int{}, map[string]float64{"W": 3, "X": 0.5}, Evidence{App: "", Tests: 2, P: 1, Score: 0}},
		{"one application", map[string]int{"W": 1}, map[string]float64{"W": 0.1}, Evidence{App: "W", Tests: 1, P: pOne, Score: -math.Log10(pOne)}},
		{"corrected for two", map[string]int{"W": 1}, map[string]float64{"W": 0.1, "X": 5},
			Evidence{App: "W", Tests: 2, P: 2 * pOne, Score: -math.Log10(2 * pOne)}},
		// P(X >= 1 | 2) = 0.8647; three applications: 2.59, capped at 1.
		{"correction capped at p = 1", map[string]int{"W": 1}, map[string]float64{"W": 2, "X": 1, "Y": 1},
			Evidence{App: "W", Tests: 3, P: 1, Score: 0}},
		// The smaller count is the stronger evidence: 3 where 0.1 were
		// expected beats 40 where 30 were.
		{"strongest, not largest", map[string]int{"W": 3, "X": 40}, map[string]float64{"W": 0.1, "X": 30},
			Evidence{App: "W", Tests: 2, P: 2 * 1.546e-4, Score: -math.Log10(2 * 1.546e-4)}},
		// No expectation at all: the floor of 1e-9 makes two matches
		// about 18 orders of magnitude unlikely.
		{"matches nobody expected", map[string]int{"W": 2}, map[string]float64{}, Evidence{App: "W", Tests: 1, P: 5e-19, Score: 18.30}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ScanEvidence([]int64{0}, func(int) map[string]int { return tt.matches }, tt.expected)
			if got.App != tt.want.App || got.Tests != tt.want.Tests ||
				math.Abs(got.P-tt.want.P) > 1e-3*tt.want.P || math.Abs(got.Score-tt.want.Score) > 1e-2 {
				t.Errorf("evidence = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// Several windows: the strongest (application, window) is kept and the
// correction counts every one looked at.
func TestEvidenceScan(t *testing.T) {
	windows := []int64{1, 10, 100}
	// W: 3 matches within 1 s, 4 within 10 s, 9 within 100 s; unit 0.01 per
	// second: expected 0.03, 0.21, 2.01. X: 50 at every window, unit 15:
	// expected 45 at 1 s, p about 0.25, and far more after.
	counts := []map[string]int{{"W": 3, "X": 50}, {"W": 4, "X": 50}, {"W": 9, "X": 50}}
	unit := map[string]float64{"W": 0.01, "X": 15}
	got := ScanEvidence(windows, func(i int) map[string]int { return counts[i] }, unit)
	p, _ := Surprise(3, 0.03) // 4.4e-6, stronger than 4 at 0.21 (8.3e-5) and 9 at 2.01 (5.1e-4)
	if got.App != "W" || got.Window != 1 || got.Tests != 6 || math.Abs(got.P-6*p) > 1e-12 || math.Abs(got.Score+math.Log10(6*p)) > 1e-9 {
		t.Errorf("scan = %+v, want W at 1 s, 6 tests, P %v", got, 6*p)
	}
}

func TestScanWindows(t *testing.T) {
	tests := []struct {
		w    int64
		want []int64
	}{
		{0, []int64{0}},
		{1, []int64{1}},
		{4, []int64{1, 2, 3, 4}},
		{5, []int64{1, 2, 3, 5}},
		{4000, append(Windows(), 4000)},
	}
	for _, tt := range tests {
		if got := ScanWindows(tt.w); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ScanWindows(%d) = %v, want %v", tt.w, got, tt.want)
		}
	}
}

func TestLagCounts(t *testing.T) {
	pairs := []Pair{{Key: "5222", Delta: 0}, {Key: "5228", Delta: -3}, {Key: "5222", Delta: 10}, {Key: "443", Delta: 7}}
	app := map[string]string{"5222": "WhatsApp", "5228": "WhatsApp", "443": "Web"}
	got := LagCounts(pairs, []int64{1, 5, 10}, func(k string) string { return app[k] })
	want := []map[string]int{{"WhatsApp": 1}, {"WhatsApp": 2}, {"WhatsApp": 3, "Web": 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("LagCounts = %v, want %v", got, want)
	}
}
