package evidence

import (
	"bytes"
	"regexp"
)

// radiusDetailStamp is the line that opens a record of a FreeRADIUS
// detail file (radacct/<client>/detail-YYYYMMDD): ctime's date.
var radiusDetailStamp = regexp.MustCompile(`^[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9]?[0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} [0-9]{4}\s*$`)

// radiusDetailError is the reason to refuse a FreeRADIUS detail file (a
// date line, then one indented "Attribute = value" line per attribute,
// Acct-Status-Type among them): its records are blocks, not rows, and
// cdrtui does not read them; the same sessions are in the radacct table.
// Nil when head is not one.
func radiusDetailError(head []byte) error {
	lines := bytes.Split(head[:min(len(head), 64<<10)], []byte("\n"))
	lines = lines[:len(lines)-1] // the last is cut, or empty after the last line feed
	stamp, attrs := false, 0
	for _, l := range lines {
		l = bytes.TrimRight(l, "\r")
		switch {
		case len(bytes.TrimSpace(l)) == 0:
		case radiusDetailStamp.Match(l):
			stamp = true
		case stamp && (l[0] == '\t' || l[0] == ' ') && bytes.Contains(l, []byte(" = ")):
			if bytes.Contains(l, []byte("Acct-Status-Type")) || bytes.Contains(l, []byte("Acct-Session-Id")) {
				attrs++
			}
		default:
			return nil
		}
	}
	if !stamp || attrs == 0 {
		return nil
	}
	return &LayoutError{Reason: "a FreeRADIUS detail file (a date line, then one \"Attribute = value\" line per attribute, Acct-Status-Type among them): " +
		"its records are blocks of lines, which cdrtui does not read; import an export of the radacct table (the same sessions, one row each) instead"}
}
