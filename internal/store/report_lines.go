package store

import (
	"fmt"
	"strings"

	"github.com/cdrtui/cdrtui/internal/evidence"
)

// reportNotes says, for the source's notes, which lines of an export were
// its report text (footers after the last record, preamble before the
// first), not records and not rejected rows: each with its line and text
// (quoted, so nothing in it acts on a terminal), the first ten of them.
func reportNotes(lines []evidence.ReportLine) string {
	if len(lines) == 0 {
		return ""
	}
	var parts []string
	for i, l := range lines {
		if i == 10 {
			parts = append(parts, fmt.Sprintf("and %d more", len(lines)-10))
			break
		}
		where := "preamble"
		if l.Footer {
			where = "footer"
		}
		text := l.Text
		if len(text) > 80 {
			text = text[:80] + "…"
		}
		parts = append(parts, fmt.Sprintf("%s line %d %q", where, l.Line, strings.TrimSpace(text)))
	}
	return fmt.Sprintf("%d lines of report text, not records (not counted as rejected): %s.", len(lines), strings.Join(parts, "; "))
}
