package ident

import "strings"

// A CDMA carrier's return (Sprint's "First Cell", Verizon's "First Serving
// Cell Site") writes a cell as a number that is unique only on the switch
// that served the call: Sprint's key calls NEID "which network element
// handled the call" and the Repoll Number "which phone switch handled the
// call", so cell 2083 on NEID 210 and cell 2083 on NEID 211 are two
// cells. Such a cell is written with its switch beside it,
// "2083 (switch 210, repoll 17)", and keyed by both. The label is ours and
// no GSM encoding has letters, so ParseCell never reads it as a CGI.

// SwitchCellGeneration is the generation stored for a cell keyed by its
// switch.
const SwitchCellGeneration = "CDMA"

// SwitchCellText writes cell as it stands on its switch (sw) and repoll
// (either may be ""): "2083 (switch 210, repoll 17)", "335 (switch
// Pleasanton_2)". The values are kept as written, trimmed.
func SwitchCellText(cell, sw, repoll string) string {
	var parts []string
	if sw = strings.TrimSpace(sw); sw != "" {
		parts = append(parts, "switch "+sw)
	}
	if repoll = strings.TrimSpace(repoll); repoll != "" {
		parts = append(parts, "repoll "+repoll)
	}
	return strings.TrimSpace(cell) + " (" + strings.Join(parts, ", ") + ")"
}

// SwitchCellKey is the canonical key of a cell SwitchCellText wrote:
// "cdma:" switch ":" repoll ":" cell, the switch in upper case
// ("cdma:210:17:2083", "cdma:PLEASANTON_2::335"); ok false for any other
// text.
func SwitchCellKey(written string) (string, bool) {
	s := strings.TrimSpace(written)
	open := strings.Index(s, " (")
	if open <= 0 || !strings.HasSuffix(s, ")") {
		return "", false
	}
	cell, inner := s[:open], s[open+2:len(s)-1]
	if strings.ContainsAny(cell, " ()") {
		return "", false
	}
	var sw, repoll string
	for _, p := range strings.Split(inner, ", ") {
		switch {
		case strings.HasPrefix(p, "switch ") && sw == "" && repoll == "":
			sw = strings.TrimSpace(p[len("switch "):])
		case strings.HasPrefix(p, "repoll ") && repoll == "":
			repoll = strings.TrimSpace(p[len("repoll "):])
		default:
			return "", false
		}
	}
	if sw == "" && repoll == "" || strings.ContainsAny(sw+repoll, "()") {
		return "", false
	}
	return "cdma:" + strings.ToUpper(sw) + ":" + repoll + ":" + cell, true
}
