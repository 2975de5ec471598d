package bars

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
)

func TestShade(t *testing.T) {
	cases := []struct {
		n, top int64
		want   string
	}{{0, 10, "·"}, {1, 100, "░"}, {25, 100, "░"}, {26, 100, "▒"}, {50, 100, "▒"}, {51, 100, "▓"}, {75, 100, "▓"}, {76, 100, "█"}, {100, 100, "█"}, {5, 0, "·"}}
	for _, c := range cases {
		if got := Shade(c.n, c.top); got != c.want {
			t.Errorf("Shade(%d, %d) = %s, want %s", c.n, c.top, got, c.want)
		}
	}
}

func TestText(t *testing.T) {
	cases := []struct {
		n, top int64
		width  int
		want   string
	}{
		{10, 10, 4, "████"},
		{5, 10, 4, "██"},
		{1, 10, 4, "▌"},   // 3.2 eighths of a cell round up to 4: half a cell
		{1, 1000, 4, "▏"}, // any record shows
		{0, 10, 4, ""},
		{12, 10, 4, "████"}, // above top is capped
	}
	for _, c := range cases {
		if got := Text(c.n, c.top, c.width); got != c.want {
			t.Errorf("Text(%d, %d, %d) = %q, want %q", c.n, c.top, c.width, got, c.want)
		}
	}
}

// Bars share the scale they are given: a value at top fills the bar, half
// of it fills half; labels carry the values.
func TestHorizontalScale(t *testing.T) {
	out := Horizontal(uitest.Styles(), []Bar{{"00-03", 10}, {"03-06", 5}, {"06-09", 0}}, 10, 30, lipgloss.NewStyle())
	lines := strings.Split(out, "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines:\n%s", len(lines), out)
	}
	for _, l := range lines {
		if w := ansi.StringWidth(l); w != 30 {
			t.Errorf("line %q is %d wide", l, w)
		}
	}
	full, half := strings.Count(lines[0], "█"), strings.Count(lines[1], "█")
	if !strings.HasPrefix(lines[0], "00-03 10 │") || !strings.HasPrefix(lines[1], "03-06  5 │") || full < 18 || half < full/2-1 || half > full/2+1 {
		t.Errorf("bars:\n%s", out)
	}
	if strings.Contains(lines[2], "█") {
		t.Errorf("zero drawn: %q", lines[2])
	}
	// a shared top above the values halves them
	out2 := Horizontal(uitest.Styles(), []Bar{{"00-03", 10}}, 20, 30, lipgloss.NewStyle())
	if got := strings.Count(out2, "█"); got < full/2-1 || got > full/2+1 {
		t.Errorf("with top 20: %d full cells, want about %d:\n%s", got, full/2, out2)
	}
}

func TestGrid(t *testing.T) {
	out := Grid(uitest.Styles(), []string{"Mon", "Tue"}, []string{"00-03", "03-06"}, [][]int64{{0, 4}, {2, 1}}, 0, 40, lipgloss.NewStyle())
	lines := strings.Split(out, "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], "00-03") || !strings.HasSuffix(lines[1], " 4") || !strings.HasSuffix(lines[2], " 3") {
		t.Fatalf("grid:\n%s", out)
	}
	if !strings.Contains(lines[1], "·") || !strings.Contains(lines[1], "█") || !strings.Contains(lines[2], "▒") || !strings.Contains(lines[2], "░") {
		t.Fatalf("shades:\n%s", out)
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > 40 {
			t.Errorf("%q wider than 40", l)
		}
	}
	narrow := Grid(uitest.Styles(), []string{"Mon"}, []string{"00-03", "03-06"}, [][]int64{{1, 2}}, 0, 14, lipgloss.NewStyle())
	if !strings.Contains(narrow, "00") || strings.Contains(narrow, "00-03") {
		t.Errorf("narrow header:\n%s", narrow)
	}
}

func TestCompact(t *testing.T) {
	cases := map[int64]string{0: "0", 999: "999", 1000: "1k", 7880: "7.9k", 9999: "10k", 10_000: "10k", 105_389: "105k", 2_667_536: "2.7M", 12_000_000: "12M"}
	for n, want := range cases {
		if got := Compact(n); got != want {
			t.Errorf("Compact(%d) = %q, want %q", n, got, want)
		}
	}
}

// A grid whose counts do not all fit writes them all compact.
func TestGridCompact(t *testing.T) {
	out := Grid(uitest.Styles(), []string{"Mon"}, []string{"00-03", "03-06"}, [][]int64{{105_389, 7880}}, 0, 30, lipgloss.NewStyle())
	if !strings.Contains(out, "105k") || !strings.Contains(out, "7.9k") || strings.Contains(out, "7,880") {
		t.Errorf("grid:\n%s", out)
	}
}

// An hour with a few records beside one with thousands is drawn, not
// rounded away; an hour with none is blank.
func TestHoursNeverHidesAQuietHour(t *testing.T) {
	var h [24]int64
	h[3], h[4], h[20] = 52, 1, 5000
	for _, height := range []int{1, 4} {
		out := Hours(uitest.Styles(), h, 48, height, uitest.Styles().BarA)
		lines := strings.Split(out, "\n")
		bottom := []rune(lines[height-1])
		if bottom[6] == ' ' || bottom[8] == ' ' || bottom[40] != '█' || bottom[0] != ' ' || bottom[10] != ' ' {
			t.Fatalf("height %d:\n%s", height, out)
		}
	}
}
