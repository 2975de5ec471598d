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
