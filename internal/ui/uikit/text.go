package uikit

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// FitLine cuts a (possibly styled) line to width cells, with an ellipsis.
func FitLine(s string, width int) string {
	if width <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= width {
		return s
	}
	return ansi.Truncate(s, width, "…")
}

// FitBlock cuts every line of a block to width and the block to height
// lines, padding it to exactly height lines.
func FitBlock(s string, width, height int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		lines[i] = FitLine(l, width)
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// WrapWords wraps plain text to width cells, breaking only at spaces: an
// identifier (a cell ID 404-10-7301-12, a path, a hash) is never split
// unless it is wider than a whole line, and then only it is cut.
func WrapWords(s string, width int) []string {
	width = max(1, width)
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, w := range strings.Fields(para) {
			for ansi.StringWidth(w) > width { // longer than a line: cut it
				if line != "" {
					lines = append(lines, line)
					line = ""
				}
				lines = append(lines, ansi.Cut(w, 0, width))
				w = ansi.Cut(w, width, ansi.StringWidth(w))
			}
			switch {
			case w == "":
			case line == "":
				line = w
			case ansi.StringWidth(line)+1+ansi.StringWidth(w) <= width:
				line += " " + w
			default:
				lines = append(lines, line)
				line = w
			}
		}
		lines = append(lines, line)
	}
	return lines
}

// WrapItems lays (possibly styled) items joined by sep on as many lines of
// width cells as they need, breaking only between two items (an item wider
// than the line is cut).
func WrapItems(items []string, sep string, width int) []string {
	var lines []string
	line, w, sw := "", 0, ansi.StringWidth(sep)
	for _, it := range items {
		iw := ansi.StringWidth(it)
		switch {
		case line == "":
			line, w = it, iw
		case w+sw+iw <= width:
			line, w = line+sep+it, w+sw+iw
		default:
			lines = append(lines, FitLine(line, width))
			line, w = it, iw
		}
	}
	return append(lines, FitLine(line, width))
}

// WrapStyled wraps a (possibly styled) line at spaces only, the first
// line to first cells and the others to rest: a date, a cell ID or a
// coordinate is never split (ansi.Wrap breaks at hyphens: 2024-03-|30).
func WrapStyled(t string, first, rest int) []string {
	body := strings.TrimLeft(t, " ")
	lead := t[:len(t)-len(body)]
	var lines []string
	line, w, limit := lead, len(lead), first
	for _, word := range strings.Split(body, " ") {
		ww := ansi.StringWidth(word)
		switch {
		case w == len(lead) && line == lead && len(lines) == 0:
			line, w = lead+word, w+ww
		case w+1+ww <= limit:
			line, w = line+" "+word, w+1+ww
		default:
			lines = append(lines, line)
			line, w, limit = word, ww, rest
		}
	}
	return append(lines, line)
}
