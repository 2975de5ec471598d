package report

import (
	"bytes"

	"codeberg.org/go-pdf/fpdf"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The PDF's embedded Go font draws Latin, Greek and Cyrillic as written;
// Devanagari, Arabic and emoji, which neither the font nor the PDF library
// can draw or shape, are written as their code points (written here by
// hand), never '?'.
func TestPDFTextKeepsEveryCharacter(t *testing.T) {
	x := &pdfText{}
	for in, want := range map[string]string{
		"Ωμέγα Пётр Zoë Łódź · 3–5 → ≤": "Ωμέγα Пётр Zoë Łódź · 3–5 → ≤",
		"राम":       "[U+0930 U+093E U+092E]",
		"Ali محمد":  "Ali [U+0645 U+062D U+0645 U+062F]",
		"call 😀 me": "call [U+1F600] me",
	} {
		if got := x.tr(in); got != want {
			t.Errorf("tr(%q) = %q, want %q", in, got, want)
		}
	}
	if !x.escaped {
		t.Error("escapes not noted")
	}
}

// A PDF report whose evidence holds a Devanagari, an Arabic and a Greek
// name reads back (pdftotext, Debian's poppler-utils) with the Greek as
// written, the others as code points, the note saying why, and no '?'
// where a name was; the Go font is embedded whatever the machine has.
func TestPDFNonLatinEvidence(t *testing.T) {
	r := &Report{Title: "cdrtui case report", GeneratedAt: "2026-12-04T05:00:00Z", Analyst: "Ωμέγα",
		Params: Params{Case: "case.db", Subscribers: []string{"919800000001"}},
		Sections: []Section{{ID: "x", Kind: "persona", Title: "Persona of 919800000001", Command: "cdrtui persona case.db 919800000001 --json",
			Text:   []string{"Names in the evidence: राम, محمد, Ωμέγα, Пётр, 😀."},
			Tables: []Table{{Name: "Names", Columns: []Column{{"name", Text}, {"records", Int}}, Rows: [][]Cell{{txt("राम"), num(3)}, {txt("Пётр"), num(2)}}}}}}}
	var b bytes.Buffer
	if err := WritePDF(&b, r); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b.Bytes(), []byte("FontFile2")) || !bytes.Contains(b.Bytes(), []byte("/BaseFont /utf8go")) {
		t.Fatal("the Go font is not embedded")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed: the text is checked by TestPDFTextKeepsEveryCharacter only")
	}
	path := filepath.Join(t.TempDir(), "r.pdf")
	os.WriteFile(path, b.Bytes(), 0o644)
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"Ωμέγα", "Пётр", "[U+0930 U+093E U+092E]", "[U+0645 U+062D U+0645 U+062F]", "[U+1F600]", "written as their Unicode code points"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "?") {
		t.Errorf("a '?' in the PDF's text:\n%s", text)
	}
}

// A narrow text column beside long ones keeps its longest word whole
// ("asterisk-conf", a date), as the sources table needs: the path and the
// hash give way instead.
func TestPDFColumnsKeepWordsWhole(t *testing.T) {
	p := &pdfWriter{f: newTestPDF(), tr: (&pdfText{}).tr}
	embedGoFont(p)
	p.width = 186
	tb := Table{Columns: []Column{{"#", Int}, {"path", Text}, {"kind", Text}, {"bytes", Int}, {"SHA-256", ID}, {"imported (UTC)", Text}, {"rows", Int}, {"rejected", Int}, {"values dropped", Int}}}
	for i := 0; i < 3; i++ {
		tb.Rows = append(tb.Rows, []Cell{num(1), txt("/root/.cache/cdrtui/demo-v3/evidence/image/etc/asterisk/extensions.conf"), txt("asterisk-conf"), num(841),
			txt("47e60707e7d9a13c3703eee09c0383825a0c20fc6ac4960f03f178874868fa1"), txt("2026-12-04 01:29:31"), num(19), num(0), num(0)})
	}
	ws := p.widths(tb, 6.5)
	p.f.SetFont(p.family, "", 6.5)
	for i, word := range map[int]string{2: "asterisk-conf", 5: "2026-12-04"} {
		if need := p.f.GetStringWidth(word) + 2; ws[i] < need {
			t.Errorf("column %q is %.1f mm, %q needs %.1f", tb.Columns[i].Title, ws[i], word, need)
		}
	}
	sum := 0.0
	for _, w := range ws {
		sum += w
	}
	if sum > p.width+0.01 {
		t.Errorf("columns %.1f mm on a %.1f mm page", sum, p.width)
	}
}

func newTestPDF() *fpdf.Fpdf { f := fpdf.New("P", "mm", "A4", ""); f.AddPage(); return f }
