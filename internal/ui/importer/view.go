package importer

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// View draws the dialog in its area.
func (m *Model) View() string {
	st := m.env.Styles
	var b strings.Builder
	b.WriteString(st.Title.Render("Import into "+inert.String(filepath.Base(m.env.Store.Path()))) + "\n")
	switch m.stage {
	case picking:
		b.WriteString(st.Muted.Render("in "+inert.String(m.picker.CurrentDirectory)) + "\n")
		if len(m.chosen) > 0 {
			b.WriteString(st.Subtitle.Render(fmt.Sprintf("chosen (%d): ", len(m.chosen))) + inert.String(strings.Join(baseNames(m.chosen), ", ")) + "\n")
		} else {
			b.WriteString("\n")
		}
		b.WriteString(m.pickerView() + "\n")
		b.WriteString(m.keyLines([][2]string{{"enter", "choose file/open folder"}, {".", "choose this folder"}, {"tab", "layouts"},
			{"←", "up"}, {"q", "close"}}))
	case previewing:
		b.WriteString(m.previewView())
	case running:
		b.WriteString(st.Subtitle.Render("Importing in the background: the panes keep working") + "\n\n")
		b.WriteString(m.bar() + "\n")
		b.WriteString(inert.String(m.progressText()) + "\n")
		b.WriteString(fmt.Sprintf("file %d · %s elapsed\n\n", m.files+1, since(m.started)))
		b.WriteString(st.Key.Render("esc") + st.Muted.Render(" hide (progress stays in the status line) · ") + st.Key.Render("ctrl+x") + st.Muted.Render(" stop (the file being read is left out whole)"))
	case finished:
		b.WriteString(m.summaryView())
	}
	return uikit.FitBlock(b.String(), m.width, m.height)
}

func (m *Model) previewView() string {
	st := m.env.Styles
	var b strings.Builder
	switch {
	case m.pvErr != nil:
		return m.wrapped(st.Bad.Render("error: "+inert.String(inDialog(m.pvErr.Error())))) + "\n" + m.wrapped(m.optionsLine()) + "\n" + m.optionKeys(false)
	case m.preview == nil:
		return st.Muted.Render("detecting the layout of each file …")
	}
	n := m.importable()
	noun := "file"
	for _, e := range m.preview.Entries {
		if e.Sheet != "" {
			noun = "source" // a workbook's sheets and a page's tables each count
			break
		}
	}
	head := fmt.Sprintf("Detected layouts: %s to import", plural(n, noun))
	if bad := len(m.preview.Entries) - n; bad > 0 {
		head += fmt.Sprintf(", %d not", bad)
	}
	if m.preview.Ignored > 0 {
		head += fmt.Sprintf(" (%s passed over: not evidence)", plural(m.preview.Ignored, "other file"))
	}
	if m.preview.Truncated {
		head += " (first 500 files shown)"
	}
	headLines := m.wrapped(st.Subtitle.Render(head))
	b.WriteString(headLines + "\n")
	opts := m.wrapped(m.optionsLine())
	b.WriteString(opts + "\n")
	keys := m.optionKeys(n > 0)
	lines := m.previewLines()
	rows := max(1, m.height-1-lineCount(headLines)-lineCount(opts)-lineCount(keys))
	m.scroll = min(m.scroll, max(0, len(lines)-rows))
	for _, l := range lines[m.scroll:min(len(lines), m.scroll+rows)] {
		b.WriteString(l + "\n")
	}
	for i := len(lines); i < rows; i++ {
		b.WriteString("\n")
	}
	b.WriteString(keys)
	return b.String()
}

// previewLines wrap each file's layout under its name, so that a long
// format is read whole.
func (m *Model) previewLines() []string {
	st := m.env.Styles
	var out []string
	w := max(20, m.width-4)
	for _, e := range m.preview.Entries {
		mark, text := "✓", e.Format
		style := st.Good
		if e.Problem != "" {
			mark, text, style = "✗", inDialog(e.Problem), st.Bad
		}
		out = append(out, style.Render(mark)+" "+inert.String(e.Path))
		for _, l := range wrap(inert.String(text), w) {
			out = append(out, "    "+l)
		}
	}
	return out
}

func (m *Model) summaryView() string {
	st := m.env.Styles
	var lines []string
	lines = append(lines, st.Subtitle.Render("Import finished"))
	lines = append(lines, wrap(inert.String(m.summaryLine()), max(20, m.width))...) // whole: an error that stopped it ends it
	lines = append(lines, "")
	w := max(20, m.width-4)
	for _, r := range m.results {
		path := inert.String(r.Path)
		if r.Sheet != "" {
			path += " " + inert.String(r.SheetLabel())
		}
		switch {
		case r.Error != "":
			lines = append(lines, st.Bad.Render("✗ ")+path)
			for _, l := range wrap(inert.String(inDialog(r.Error)), w) {
				lines = append(lines, "    "+l)
			}
		case r.Skipped != "":
			lines = append(lines, "- "+path)
			for _, l := range wrap("skipped: "+inert.String(r.Skipped), w) {
				lines = append(lines, "    "+l)
			}
		default:
			lines = append(lines, st.Good.Render("✓ ")+path)
			lines = append(lines, fmt.Sprintf("    %s, %s rows, %s rejected, %s dropped", inert.String(r.Kind), thousands(r.Rows), thousands(r.Rejected), plural64(r.Dropped, "value")))
		}
	}
	rows := max(1, m.height-2)
	m.scroll = min(m.scroll, max(0, len(lines)-rows))
	body := strings.Join(lines[m.scroll:min(len(lines), m.scroll+rows)], "\n")
	return body + "\n" + st.Key.Render("enter") + st.Muted.Render(" back to the panes (refreshed) · ") + st.Key.Render("n") + st.Muted.Render(" import more")
}

func (m *Model) bar() string {
	w := max(10, min(60, m.width-10))
	pct := 0.0
	if m.progress.Size > 0 {
		pct = float64(m.progress.Read) / float64(m.progress.Size)
	}
	fill := int(pct * float64(w))
	return "[" + strings.Repeat("█", fill) + strings.Repeat("·", w-fill) + "]"
}

func baseNames(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Base(p)
	}
	return out
}

// wrap cuts text into lines of at most w cells, at spaces where it can.
func wrap(text string, w int) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			for len([]rune(word)) > w {
				r := []rune(word)
				if line != "" {
					out = append(out, line)
					line = ""
				}
				out = append(out, string(r[:w]))
				word = string(r[w:])
			}
			switch {
			case line == "":
				line = word
			case len([]rune(line))+1+len([]rune(word)) <= w:
				line += " " + word
			default:
				out = append(out, line)
				line = word
			}
		}
		out = append(out, line)
	}
	return out
}

// optionKeys is the preview's keys: import (when a file can be), the
// options, then the way out.
func (m *Model) optionKeys(canRun bool) string {
	keys := [][2]string{{keyMap, "map columns"}, {keyKind, "kind"}, {keyOrder, "date order"}, {keyZone, "zone"},
		{keyCountry, "country"}, {keyPLMN, "network"}, {keyEnc, "encoding"}, {"a", "add files"}, {"esc", "back"}, {"q", "close"}}
	if canRun {
		keys = append([][2]string{{"enter", "import"}}, keys...)
	}
	return m.keyLines(keys)
}

// keyLines lays out keys and what they do on as many lines as the width
// needs, breaking only between two keys.
func (m *Model) keyLines(keys [][2]string) string {
	st := m.env.Styles
	sep := st.Muted.Render(" · ")
	var lines []string
	line, w := "", 0
	for _, k := range keys {
		item := st.Key.Render(k[0]) + st.Muted.Render(" "+k[1])
		iw := ansi.StringWidth(item)
		switch {
		case line == "":
			line, w = item, iw
		case w+3+iw <= max(20, m.width):
			line, w = line+sep+item, w+3+iw
		default:
			lines = append(lines, line)
			line, w = item, iw
		}
	}
	return strings.Join(append(lines, line), "\n")
}

// wrapped wraps a line of the dialog (styled or not) at its width, at
// spaces: keys and options are read whole, never cut.
func (m *Model) wrapped(s string) string { return ansi.Wrap(s, max(20, m.width), " ") }

func lineCount(s string) int { return strings.Count(s, "\n") + 1 }

// countryFlag is the command's --country as the import's messages name it
// (a plan the numbers cannot tell, a file whose numbers follow another
// country's), with the ISO code it is given, if any.
var countryFlag = regexp.MustCompile(`--country\b( [A-Z]{2}\b)?`)

// inDialog names the dialog's own key where a message of the import names
// the command's --country: in the workbench the country is set with c.
func inDialog(msg string) string {
	return countryFlag.ReplaceAllStringFunc(msg, func(m string) string {
		if code, ok := strings.CutPrefix(m, "--country "); ok {
			return "the country key " + keyCountry + " set to " + code
		}
		return "the country key " + keyCountry
	})
}
