package report

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/cdrtui/cdrtui/internal/inert"
)

type pdfWriter struct {
	f      *fpdf.Fpdf
	family string
	tr     func(string) string
	hash   string
	left   float64
	width  float64
	bottom float64
}

// WritePDF writes the report as a PDF: A4, charts drawn as vectors, page
// numbers, and on every page's footer the figures SHA-256 (FiguresHash:
// of the parameters and figures, not of the file, which cannot hold its
// own hash) with the command that recomputes it. The machine-readable
// block is attached to the PDF as cdrtui-report.json.
func WritePDF(w io.Writer, r *Report) error {
	text := &pdfText{}
	p := &pdfWriter{f: fpdf.New("P", "mm", "A4", ""), hash: FiguresHash(r), tr: text.tr}
	f := p.f
	f.SetCreationDate(parseTime(r.GeneratedAt))
	f.SetModificationDate(parseTime(r.GeneratedAt))
	embedGoFont(p)
	f.SetTitle(r.Title+" — "+show(r.Params.Case), true)
	f.SetCreator("cdrtui "+r.Software.Version, true)
	f.SetKeywords("figures-sha256 "+p.hash, true)
	block, err := MarshalMachine(r, p.hash)
	if err != nil {
		return err
	}
	f.SetAttachments([]fpdf.Attachment{{Content: block, Filename: "cdrtui-report.json", Description: "parameters and figures of the report (cdrtui report --verify reads them)"}})
	f.SetMargins(12, 14, 12)
	f.SetAutoPageBreak(true, 16)
	f.AliasNbPages("{nb}")
	pw, ph := f.GetPageSize()
	p.left, p.width, p.bottom = 12, pw-24, ph-16
	f.SetFooterFunc(func() {
		f.SetY(-12)
		f.SetFont(p.family, "", 7)
		f.SetTextColor(90, 90, 90)
		f.CellFormat(0, 4, p.tr(fmt.Sprintf("cdrtui report · %s · figures SHA-256 %s · page %d/{nb}", r.GeneratedAt, p.hash, f.PageNo())), "", 0, "C", false, 0, "")
		f.SetTextColor(0, 0, 0)
	})
	f.AddPage()
	f.SetFont(p.family, "B", 16)
	f.CellFormat(0, 8, p.tr(r.Title), "", 1, "L", false, 0, "")
	meta := Table{Columns: []Column{{"", Text}, {"", Text}}}
	subs := strings.Join(r.Params.Subscribers, ", ")
	if subs == "" {
		subs = "none chosen"
	}
	for _, kv := range [][2]string{
		{"Case", r.Params.Case},
		{"Made", fmt.Sprintf("%s by %s with %s %s (%s)", r.GeneratedAt, r.Analyst, r.Software.Module, r.Software.Version, r.Software.Go)},
		{"Subscribers", subs},
		{"Parameters", fmt.Sprintf("window %d s · top %d · trends of %s", r.Params.WindowS, r.Params.Top, r.Params.App)},
		{"Figures SHA-256", p.hash},
		{"Audit head", r.AuditHeadText()},
		{"Check it", "cdrtui report --verify THIS.pdf " + ShellQuote(r.Params.Case)},
	} {
		meta.Rows = append(meta.Rows, []Cell{txt(kv[0]), txt(kv[1])})
	}
	if reportNeedsEscapes(r, text) {
		meta.Rows = append(meta.Rows, []Cell{txt("Fonts"), txt(fontsNote)})
	}
	p.table(meta, false, []float64{32, p.width - 32})
	for _, s := range r.Sections {
		p.section(s)
	}
	return f.Output(w)
}

func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Now()
	}
	return t
}

func (p *pdfWriter) section(s Section) {
	f := p.f
	if f.GetY() > p.bottom-40 {
		f.AddPage()
	}
	f.Ln(3)
	f.SetFont(p.family, "B", 13)
	f.SetTextColor(29, 79, 134)
	f.MultiCell(0, 6, p.tr(show(s.Title)), "B", "L", false)
	f.SetTextColor(0, 0, 0)
	f.Ln(1)
	f.SetFont(p.family, "", 8)
	f.SetFillColor(243, 243, 243)
	f.MultiCell(0, 4, p.tr("Reproduce: "+inert.Command(s.Command)), "", "L", true)
	f.Ln(1)
	f.SetFont(p.family, "", 9)
	for _, t := range s.Text {
		f.MultiCell(0, 4.2, p.tr(show(t)), "", "L", false)
		f.Ln(1)
	}
	for _, c := range s.Charts {
		p.chart(c)
	}
	for _, t := range s.Tables {
		if f.GetY() > p.bottom-20 {
			f.AddPage()
		}
		f.SetFont(p.family, "B", 10)
		f.MultiCell(0, 5, p.tr(show(t.Name)), "", "L", false)
		p.table(t, true, nil)
		if t.Note != "" {
			f.SetFont(p.family, "", 8)
			f.MultiCell(0, 4, p.tr(show(t.Note)), "", "L", false)
		}
		if len(t.Traces) > 0 {
			p.traces(t)
		}
		f.Ln(2)
	}
}

// widths shares the page width among columns: numbers get the width of
// their widest value (never wrapped), the other columns share the rest by
// the width of their content, each at least 12 mm.
func (p *pdfWriter) widths(t Table, size float64) []float64 {
	f := p.f
	n := len(t.Columns)
	natural := make([]float64, n)
	fixed := make([]bool, n)
	f.SetFont(p.family, "B", size)
	for i, c := range t.Columns {
		fixed[i] = c.Kind == Int || c.Kind == Float
		w := 0.0
		for _, word := range strings.Fields(c.Title) {
			w = math.Max(w, f.GetStringWidth(p.tr(word)))
		}
		natural[i] = w + 4
	}
	f.SetFont(p.family, "", size)
	// a text column is kept at least as wide as its longest word (up to
	// 30 mm) when the page allows, so that "asterisk-conf" or a date is
	// not broken in the middle
	word := make([]float64, n)
	for i := range natural {
		word[i] = natural[i]
	}
	for _, row := range t.Rows {
		for i, c := range row {
			if i < n {
				text := p.tr(show(c.S))
				natural[i] = math.Max(natural[i], math.Min(f.GetStringWidth(text)+4, 90))
				if !fixed[i] {
					for _, w := range strings.Fields(text) {
						word[i] = math.Max(word[i], math.Min(f.GetStringWidth(w)+4, 30))
					}
				}
			}
		}
	}
	total, flex := 0.0, 0.0
	for i, w := range natural {
		total += w
		if !fixed[i] {
			flex += w
		}
	}
	out := make([]float64, n)
	copy(out, natural)
	rest := p.width - (total - flex) // room for the text columns
	switch {
	case flex == 0:
		for i := range out {
			out[i] *= p.width / total
		}
	case total <= p.width: // widen the text columns to fill the page
		for i := range out {
			if !fixed[i] {
				out[i] = natural[i] * rest / flex
			}
		}
	default:
		// the text columns share what the numbers leave, none under 8 mm
		// unless even that does not fit
		floor := math.Min(8, rest/float64(max(countFalse(fixed), 1)))
		for i := range out {
			if !fixed[i] {
				out[i] = math.Max(math.Max(floor, word[i]), natural[i]*rest/flex)
			}
		}
		sum, slack := 0.0, 0.0
		for i, w := range out {
			sum += w
			if !fixed[i] {
				slack += w - math.Max(floor, word[i])
			}
		}
		if over := sum - p.width; over > 0 && slack >= over { // the longest words fit: shrink what is above them
			for i := range out {
				if !fixed[i] {
					out[i] -= over * (out[i] - math.Max(floor, word[i])) / slack
				}
			}
			sum = p.width
		}
		if sum > p.width { // the floors overflowed: shrink the text columns
			over := sum - p.width
			for i := range out {
				if !fixed[i] {
					out[i] -= over * out[i] / (sum - (total - flex))
				}
			}
		}
	}
	return out
}

const maxCellLines = 8

func (p *pdfWriter) table(t Table, header bool, ws []float64) {
	f := p.f
	size := 8.0
	if len(t.Columns) > 8 {
		size = 6.5
	}
	if ws == nil {
		ws = p.widths(t, size)
	}
	lh := size * 0.45
	drawRow := func(cells []string, kinds []ColKind, bold bool) {
		f.SetFont(p.family, map[bool]string{true: "B", false: ""}[bold], size)
		lines := make([][]string, len(cells))
		h := 1
		for i, c := range cells {
			ls := f.SplitText(p.tr(c), ws[i]-2)
			if len(ls) > maxCellLines {
				ls = append(ls[:maxCellLines-1], "…")
			}
			if len(ls) == 0 {
				ls = []string{""}
			}
			lines[i] = ls
			h = max(h, len(ls))
		}
		rowH := float64(h)*lh + 1.2
		if f.GetY()+rowH > p.bottom {
			f.AddPage()
		}
		x, y := p.left, f.GetY()
		for i := range cells {
			if bold {
				f.SetFillColor(232, 238, 245)
				f.Rect(x, y, ws[i], rowH, "FD")
			} else if header {
				f.Rect(x, y, ws[i], rowH, "D")
			}
			align := "L"
			if kinds != nil && (kinds[i] == Int || kinds[i] == Float) {
				align = "R"
			}
			for li, l := range lines[i] {
				f.SetXY(x+0.5, y+0.6+float64(li)*lh)
				f.CellFormat(ws[i]-1, lh, l, "", 0, align, false, 0, "")
			}
			x += ws[i]
		}
		f.SetXY(p.left, y+rowH)
	}
	f.SetDrawColor(170, 170, 170)
	kinds := make([]ColKind, len(t.Columns))
	titles := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		kinds[i], titles[i] = c.Kind, c.Title
	}
	if header {
		drawRow(titles, nil, true)
	}
	for _, row := range t.Rows {
		cells := make([]string, len(t.Columns))
		for i := range cells {
			if i < len(row) {
				cells[i] = show(row[i].S)
			}
		}
		drawRow(cells, kinds, false)
	}
	f.SetDrawColor(0, 0, 0)
}

func (p *pdfWriter) traces(t Table) {
	f := p.f
	f.SetFont(p.family, "", 7)
	f.SetTextColor(60, 60, 60)
	f.MultiCell(0, 3.4, p.tr("Records behind the figures:"), "", "L", false)
	for i, tr := range t.Traces {
		if i >= len(t.Rows) {
			break
		}
		line := fmt.Sprintf("%s: %d record(s)", show(t.Rows[i][0].S), tr.Total)
		if len(tr.Sample) > 0 {
			line += ", e.g. " + show(strings.Join(tr.Sample, "; "))
		}
		if tr.Query != "" {
			line += "; all: " + inert.Command(tr.Query)
		}
		f.MultiCell(0, 3.4, p.tr(line), "", "L", false)
	}
	f.SetTextColor(0, 0, 0)
}

// chart draws a bar chart with lines and rectangles (vectors).
func (p *pdfWriter) chart(c Chart) {
	f := p.f
	const h = 55.0
	if f.GetY()+h > p.bottom {
		f.AddPage()
	}
	x0, y0 := p.left, f.GetY()
	g := geometry(c, p.width, h)
	g.Left, g.Right, g.Top, g.Bottom = 14, 2, 6, 10
	plotW, plotH := p.width-g.Left-g.Right, h-g.Top-g.Bottom
	f.SetFont(p.family, "B", 9)
	f.Text(x0+g.Left, y0+4, p.tr(show(c.Title)))
	f.SetFont(p.family, "", 6.5)
	f.SetDrawColor(200, 200, 200)
	f.SetLineWidth(0.1)
	ticks := g.ticks()
	for i := 0; i <= ticks; i++ {
		y := y0 + g.Top + plotH - plotH*float64(i)/float64(ticks)
		f.Line(x0+g.Left, y, x0+g.Left+plotW, y)
		lbl := axisLabel(g.Max * float64(i) / float64(ticks))
		f.Text(x0+g.Left-1-f.GetStringWidth(lbl), y+1, lbl)
	}
	n := len(c.Labels)
	if n > 0 {
		slot := plotW / float64(n)
		bw := slot * 0.8 / float64(max(len(c.Series), 1))
		step := 1
		for n/step > 24 {
			step++
		}
		for i, label := range c.Labels {
			bx := x0 + g.Left + slot*float64(i) + slot*0.1
			for si, s := range c.Series {
				if i >= len(s.Values) {
					continue
				}
				bh := plotH * s.Values[i] / g.Max
				if si == 0 {
					f.SetFillColor(59, 110, 165)
				} else {
					f.SetFillColor(208, 140, 43)
				}
				f.Rect(bx+bw*float64(si), y0+g.Top+plotH-bh, math.Max(bw-0.3, 0.2), bh, "F")
			}
			if i%step == 0 {
				l := p.tr(show(clip(label, 12)))
				f.Text(x0+g.Left+slot*(float64(i)+0.5)-f.GetStringWidth(l)/2, y0+g.Top+plotH+3.5, l)
			}
		}
	}
	f.SetDrawColor(0, 0, 0)
	f.Line(x0+g.Left, y0+g.Top+plotH, x0+g.Left+plotW, y0+g.Top+plotH)
	if len(c.Series) > 1 {
		lx := x0 + g.Left
		for si, s := range c.Series {
			if si == 0 {
				f.SetFillColor(59, 110, 165)
			} else {
				f.SetFillColor(208, 140, 43)
			}
			f.Rect(lx, y0+h-4.5, 3, 3, "F")
			f.Text(lx+4, y0+h-2, p.tr(show(s.Name)))
			lx += 8 + f.GetStringWidth(s.Name)
		}
	}
	f.SetXY(p.left, y0+h+1)
}

func countFalse(bs []bool) int {
	n := 0
	for _, b := range bs {
		if !b {
			n++
		}
	}
	return n
}
