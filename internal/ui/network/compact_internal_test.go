package network

import "testing"

// Betweenness is written to fit its 8-cell column and the side panel at
// 80 columns (1345620.5 was cut to "1345620…").
func TestCompactBetweenness(t *testing.T) {
	for f, want := range map[float64]string{0: "0.0", 12.25: "12.2", 48213.4: "48,213", 1345620.5: "1.3M"} {
		if got := compact(f); got != want {
			t.Errorf("compact(%v) = %q, want %q", f, got, want)
		}
	}
}
