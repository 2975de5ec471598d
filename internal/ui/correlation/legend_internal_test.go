package correlation

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// The chance plot's legend fits the plot's width whole: at 80 columns it
// was cut to "(x: window, y: matches, log scal…", losing that the y axis
// is on a log scale. It names the log scale at any width it can.
func TestChartLegendFitsWhole(t *testing.T) {
	for _, w := range []int{200, 80, 70, 62} {
		l := chartLegend(180, w)
		if ansi.StringWidth(l) > w || !strings.Contains(l, "log scale)") || !strings.HasPrefix(l, "● observed  · expected by chance  ┊ window 3m  (") {
			t.Errorf("at %d: %q (%d cells)", w, l, ansi.StringWidth(l))
		}
	}
	if l := chartLegend(180, 200); !strings.HasSuffix(l, "(x: window, y: matches, log scale)") {
		t.Errorf("wide: %q", l)
	}
}
