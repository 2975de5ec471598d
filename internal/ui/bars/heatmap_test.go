package bars

import (
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Each cell of the heatmap is coloured by its own count: the largest in the
// last colour of the ramp, an empty cell blank; rows keep their labels and
// totals.
func TestHeatmapCellsFollowCounts(t *testing.T) {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	st := uikit.NewStyles(r, uikit.DefaultPalette())
	cells := [][]int64{{0, 5, 10}, {10, 0, 0}}
	out := Heatmap(st, []string{"Mon", "Tue"}, []string{"a", "b", "c"}, cells, 0, 3+1+3*8+1+2+1)
	lines := strings.Split(out, "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines:\n%s", len(lines), out)
	}
	// each cell drawn as one letter: T for the top colour, c for another
	// colour, a space for none
	coloured := regexp.MustCompile(`\x1b\[48;2;(\d+);(\d+);(\d+)m.?\x1b\[0m`)
	cellsOf := func(line string) string {
		plain := coloured.ReplaceAllStringFunc(line, func(m string) string {
			if strings.HasPrefix(m, "\x1b[48;2;253;231;") {
				return "T"
			}
			return "c"
		})
		plain = ansi.Strip(plain)
		return plain[4 : 4+24]
	}
	if got, want := cellsOf(lines[1]), "        ccccccccTTTTTTTT"; got != want {
		t.Errorf("row Mon: %q, want %q", got, want)
	}
	if got, want := cellsOf(lines[2]), "TTTTTTTT                "; got != want {
		t.Errorf("row Tue: %q, want %q", got, want)
	}
	if !strings.HasSuffix(ansi.Strip(lines[1]), " 15") || !strings.HasSuffix(ansi.Strip(lines[2]), " 10") {
		t.Errorf("totals: %q / %q", ansi.Strip(lines[1]), ansi.Strip(lines[2]))
	}
}

// The legend fits the width the grid is drawn in (A's and B's side by
// side at 80 columns, 39 cells each): it was cut at "blank:…".
func TestHeatmapLegendFitsNarrow(t *testing.T) {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	st := uikit.NewStyles(r, uikit.DefaultPalette())
	cells := make([][]int64, 7)
	for i := range cells {
		cells[i] = []int64{1, 2, 3, 4, 5, 6, 7, 379}
	}
	labels := []string{"00", "03", "06", "09", "12", "15", "18", "21"}
	for _, c := range []struct {
		width int
		want  string
	}{{39, "fewer ████████ more (≤ 379) · blank 0"}, {80, "fewer ████████ more (up to 379) · blank: none"}} {
		out := Heatmap(st, []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}, labels, cells, 0, c.width)
		lines := strings.Split(out, "\n")
		legend := ansi.Strip(lines[len(lines)-1])
		if ansi.StringWidth(legend) > c.width || strings.ReplaceAll(legend, " ", "") != strings.ReplaceAll(strings.ReplaceAll(c.want, "█", ""), " ", "") {
			t.Errorf("at %d: legend %q (%d cells)", c.width, legend, ansi.StringWidth(legend))
		}
	}
}
