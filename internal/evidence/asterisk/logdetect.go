package asterisk

import (
	"fmt"
	"strings"
)

// DetectLog looks at the first bytes of a file (up to DetectBytes) and
// says whether it is an Asterisk log (messages, full, or Asterisk's syslog
// lines), with a reason usable in an error. A line counts as Asterisk's
// when it is a bracketed-stamp entry ("[Mar 24 15:52:44] NOTICE[2247]
// cdr.c: ..." or a restart banner), or a syslog line whose program is
// asterisk. The file is a log when such lines are more than half of the
// lines that are neither blank, '#' comments nor continuation lines
// following an Asterisk entry, and there is at least one. A system syslog
// holding a few Asterisk lines among others' is therefore not taken.
func DetectLog(head []byte) (ok bool, reason string) {
	lines := headLines(head)
	asteriskLines, others, comments, continuations := 0, 0, 0, 0
	inEntry := false
	for i, b := range lines {
		if isBlank(b) {
			continue
		}
		e, kind := parseLogLine(string(b), int64(i+1))
		switch {
		case kind == logComment:
			comments++
			inEntry = false
		case kind == logText && inEntry:
			continuations++
		case kind == logEntry && isAsteriskEntry(e):
			asteriskLines++
			inEntry = true
		default:
			others++
			inEntry = false
		}
	}
	counted := asteriskLines + others
	if asteriskLines == 0 || asteriskLines*2 <= counted {
		return false, fmt.Sprintf("not an Asterisk log: %d of the first %d lines are Asterisk log entries ([stamp] LEVEL[thread] file: text, or syslog lines of asterisk)",
			asteriskLines, counted)
	}
	reason = fmt.Sprintf("Asterisk log: %d of the first %d lines are Asterisk entries", asteriskLines, counted)
	if continuations > 0 {
		reason += fmt.Sprintf(", %d continuation lines", continuations)
	}
	if comments > 0 {
		reason += fmt.Sprintf(", %d '#' comment lines", comments)
	}
	return true, reason
}

// isAsteriskEntry tells Asterisk's own entries from other programs' lines:
// a syslog line (it always carries a host) must name asterisk as its
// program; a bracketed-stamp line must have Asterisk's "LEVEL[thread]" or a
// C source file, or be a restart banner.
func isAsteriskEntry(e LogEntry) bool {
	if e.Host != "" {
		return strings.Contains(strings.ToLower(e.Program), "asterisk")
	}
	return e.Level != "" && (e.Thread != "" || e.File != "") || e.IsStartBanner()
}
