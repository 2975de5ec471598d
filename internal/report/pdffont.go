package report

import (
	"fmt"
	"strings"
	"sync"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// The PDF's font is the Go font (golang.org/x/image/font/gofont, BSD
// licence), embedded in the binary and in every PDF: a report reads the
// same on any machine, with or without fonts installed. It draws Latin,
// Greek and Cyrillic. Scripts it cannot draw (Devanagari, Arabic, Chinese,
// emoji …) the PDF library could not shape or order right either (Arabic
// joined and right to left, Devanagari's conjuncts), so such a character is
// written as its code point, [U+0930], exact and never a '?' or an empty
// box; the HTML and XLSX reports show it as written, and the PDF says so.
const pdfFamily = "go"

var goFont = sync.OnceValues(func() (*sfnt.Font, error) { return sfnt.Parse(goregular.TTF) })

// pdfText is what the PDF writes for evidence text and whether it had to
// write any character as its code point.
type pdfText struct {
	mu      sync.Mutex
	covered map[rune]bool
	buf     sfnt.Buffer
	escaped bool
}

// drawable says whether the Go font has a glyph for r.
func (t *pdfText) drawable(r rune) bool {
	if r < 0x80 {
		return true
	}
	if ok, seen := t.covered[r]; seen {
		return ok
	}
	f, err := goFont()
	ok := false
	if err == nil {
		if g, err := f.GlyphIndex(&t.buf, r); err == nil && g != 0 {
			ok = true
		}
	}
	if t.covered == nil {
		t.covered = map[rune]bool{}
	}
	t.covered[r] = ok
	return ok
}

// tr writes s for the PDF: characters the font has as they are, runs of
// the others as [U+XXXX U+YYYY].
func (t *pdfText) tr(s string) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	var b strings.Builder
	var run []string
	flush := func() {
		if len(run) > 0 {
			b.WriteString("[" + strings.Join(run, " ") + "]")
			run = run[:0]
		}
	}
	for _, r := range s {
		if t.drawable(r) {
			flush()
			b.WriteRune(r)
			continue
		}
		t.escaped = true
		run = append(run, fmt.Sprintf("U+%04X", r))
	}
	flush()
	return b.String()
}

// fontsNote is said under the report's head when some text was written as
// code points.
const fontsNote = "Characters in [U+…] are written as their Unicode code points: the PDF's embedded font (Go) cannot draw their script " +
	"(e.g. Devanagari, Arabic, emoji). The HTML and XLSX reports of the same figures show them as written."

// embedGoFont adds the Go regular and bold faces to the PDF.
func embedGoFont(p *pdfWriter) {
	p.f.AddUTF8FontFromBytes(pdfFamily, "", goregular.TTF)
	p.f.AddUTF8FontFromBytes(pdfFamily, "B", gobold.TTF)
	p.family = pdfFamily
}

// reportNeedsEscapes says whether any text the PDF prints holds a
// character the font cannot draw (looked at before the first page, so the
// head can say so).
func reportNeedsEscapes(r *Report, t *pdfText) bool {
	need := false
	look := func(s string) {
		if !need {
			t.mu.Lock()
			for _, c := range s {
				if !t.drawable(c) {
					need = true
					break
				}
			}
			t.mu.Unlock()
		}
	}
	look(r.Title)
	look(r.Params.Case)
	look(r.Analyst)
	for _, s := range r.Params.Subscribers {
		look(s)
	}
	for _, s := range r.Sections {
		look(s.Title)
		look(s.Command)
		for _, x := range s.Text {
			look(x)
		}
		for _, tb := range s.Tables {
			look(tb.Name)
			look(tb.Note)
			for _, row := range tb.Rows {
				for _, c := range row {
					look(c.S)
				}
			}
			for _, tr := range tb.Traces {
				look(tr.Query)
				for _, x := range tr.Sample {
					look(x)
				}
			}
		}
		for _, c := range s.Charts {
			look(c.Title)
			for _, l := range c.Labels {
				look(l)
			}
			for _, se := range c.Series {
				look(se.Name)
			}
		}
	}
	return need
}
