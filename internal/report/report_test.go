package report

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/inert"
)

func TestSpreadsheetSafe(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+44": "'+44", "-2+3": "'-2+3", "@SUM(A1)": "'@SUM(A1)", "\t=1": "'\t=1", "\r=1": "'\r=1",
		"-": "-", "": "", "919800000001": "919800000001", "a=b": "a=b",
	} {
		if got := SpreadsheetSafe(in); got != want {
			t.Errorf("SpreadsheetSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"case.db":        "case.db",
		"my case.db":     "'my case.db'",
		"WHERE m = '91'": `"WHERE m = '91'"`,
		"it's $HOME":     `'it'"'"'s $HOME'`,
		"":               "''",
	} {
		if got := ShellQuote(in); got != want {
			t.Errorf("ShellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

// A quoted argument the report shows (through inert, as every text of the
// report) is still the argument when a reader pastes it into a shell: a
// cell "=cmd|' /C calc'!A0" in a trace query had each quote written as
// quote, backslash, quote, quote, and inert doubles the backslash: the
// shell then reads no quote at all.
func TestShellQuoteSurvivesTheReport(t *testing.T) {
	for _, in := range []string{"cell = '=cmd|'' /C calc''!A0'", "it's $HOME", `say "it's" !`} {
		q := show(ShellQuote(in))
		out, err := exec.Command("sh", "-c", "printf %s "+q).Output()
		if err != nil || string(out) != in {
			t.Errorf("%q quoted and shown as %s: the shell reads %q (%v)", in, q, out, err)
		}
	}
}

// An argument with a byte that acts on a terminal (a subscriber written
// with a control character, an RLO in a case's name, an invalid byte) is
// quoted in bash's $'...': the report shows the line as written (inert
// leaves it alone), and bash, pasting it, reads the argument back.
func TestShellQuoteControlCharactersPasteable(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Fatal("bash is needed to read the quoted lines back:", err)
	}
	for in, want := range map[string]string{
		"9198\x0100001":     `$'9198\x0100001'`,
		"case\u202egnp.db":  `$'case\u202egnp.db'`,
		"it's\ta \\ \xff":   `$'it\'s\x09a \\ \xff'`,
		"bell\a and \u0085": `$'bell\x07 and \u0085'`,
	} {
		q := ShellQuote(in)
		if q != want {
			t.Errorf("ShellQuote(%q) = %s, want %s", in, q, want)
		}
		if shown := inert.Command("cdrtui persona " + q); shown != "cdrtui persona "+q {
			t.Errorf("%q is shown as %s, not as written", in, shown)
		}
		out, err := exec.Command(bash, "-c", "printf %s "+q).Output()
		if err != nil || string(out) != in {
			t.Errorf("%q quoted as %s: bash reads %q (%v)", in, q, out, err)
		}
	}
}

// The chart's top is the next 1, 2, 5 × 10^n; its steps round numbers.
func TestChartScale(t *testing.T) {
	for v, want := range map[float64]float64{0: 1, 0.3: 0.5, 7: 10, 10: 10, 11: 20, 170: 200, 31: 50, 4970: 5000} {
		if got := niceMax(v); got != want {
			t.Errorf("niceMax(%v) = %v, want %v", v, got, want)
		}
	}
	for top, want := range map[float64]int{200: 4, 50: 5, 10: 5, 20: 4, 1: 4, 0.5: 5} {
		if got := (chartGeometry{Max: top}).ticks(); got != want {
			t.Errorf("ticks(%v) = %d, want %d", top, got, want)
		}
	}
}

// A chart's texts are escaped; its only reference is its own pattern.
func TestSVGEscapes(t *testing.T) {
	s := SVG(Chart{Title: `<script>x</script>`, Labels: []string{`"><img src=x>`}, Series: []Series{{Name: "a&b", Values: []float64{3}}, {Name: "c", Values: []float64{1}}}}, "u1")
	for _, bad := range []string{"<script>", "<img"} {
		if strings.Contains(s, bad) {
			t.Errorf("SVG holds %q", bad)
		}
	}
	if !strings.Contains(s, "&lt;script&gt;") || !strings.Contains(s, "&#34;&gt;&lt;img src=x&gt;") || !strings.Contains(s, `fill="url(#hatch-u1)"`) || strings.Contains(s, "http") {
		t.Errorf("SVG: %s", s)
	}
}

// A text longer than a cell holds is cut, saying so, and the workbook is
// still written.
func TestXLSXLongCell(t *testing.T) {
	long := strings.Repeat("9", 40000)
	r := &Report{Title: "t", Sections: []Section{{ID: "x", Kind: "x", Title: "x", Data: 1,
		Tables: []Table{{Name: "long", Columns: []Column{{"text", Text}}, Rows: [][]Cell{{txt(long)}}}}}}}
	var b strings.Builder
	if err := WriteXLSX(&writer{&b}, r); err != nil {
		t.Fatal(err)
	}
	if got := cellText(long); len([]rune(got)) > 32767 || !strings.Contains(got, "cut: 8000 more characters") {
		t.Fatalf("cell of %d characters: %s", len(got), got[len(got)-80:])
	}
}

type writer struct{ b *strings.Builder }

func (w *writer) Write(p []byte) (int, error) { return w.b.Write(p) }
