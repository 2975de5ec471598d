package asterisk

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
)

// DetectBytes is how much of a file Detect looks at.
const DetectBytes = 64 << 10

// detectMaxLines bounds how many lines of the head are examined.
const detectMaxLines = 1000

// dispositions are the values ast_cdr_disp2str writes.
var dispositions = map[string]bool{
	"ANSWERED": true, "NO ANSWER": true, "BUSY": true, "FAILED": true,
	"CONGESTION": true, "UNKNOWN": true,
}

// layoutCheck describes one format's content test, for detection and for
// the reason string.
type layoutCheck struct {
	format Format
	fits   func([]csvField) bool
	shape  string
}

var layoutChecks = []layoutCheck{
	{FormatCDRCSV, fitsCDRCSV,
		"16-21 columns with start/answer/end in columns 10-12, integer duration/billsec in 13-14 and a disposition (ANSWERED, NO ANSWER, BUSY, FAILED, CONGESTION) in 15"},
	{FormatCDRCustom, fitsCDRCustom,
		"19 columns (stock cdr_custom: clid first) with start/answer/end in columns 9-11, duration/billsec in 12-13, a disposition in 14 and an integer sequence in 19"},
	{FormatFreeSWITCH, fitsFreeSWITCH,
		"15 columns (at least 11) with start/answer/end in columns 5-7, duration/billsec in 8-9, a hangup cause such as NORMAL_CLEARING in 10 and a UUID in 11"},
	{FormatFreeSWITCHAsterisk, fitsFreeSWITCHAsterisk,
		"18 columns (FreeSWITCH mod_cdr_csv's \"asterisk\" template) with start/answer/end in columns 10-12, duration/billsec in 13-14, a hangup cause such as NORMAL_CLEARING in 15 and a UUID in 17"},
	{FormatThreeCX, fitsThreeCX,
		"3CX's default CDR order (20 fields or more): \"Call\" and a history id, a call id, the duration as H:MM:SS, start/answer/end in fields 4-6 and a reason such as TerminatedBySrc in 7"},
	{FormatIPOfficeSMDR, fitsIPOfficeSMDR,
		"Avaya IP Office's SMDR order (17 fields or more): Call Start as YYYY/MM/DD HH:MM:SS, Connected Time as HH:MM:SS, Ring Time in seconds, Direction I or O in field 5, Is Internal 0 or 1 in 9, a Call ID in 10 and Continuation 0 or 1 in 11"},
}

// Detect looks at the first bytes of a file (up to DetectBytes; more is
// ignored) and says whether it is one of the call-record formats, with the
// usual number of columns and a reason usable in an error. The decision
// rests on content only: where the date-times, bare integers, dispositions
// or hangup causes and UUIDs sit. A format wins when more than half of the
// non-blank lines fit it; ok is false when none does.
func Detect(head []byte) (f Format, columns int, reason string, ok bool) {
	lines := headLines(head)
	counts := make([]int, len(layoutChecks))
	widths := make([]map[int]int, len(layoutChecks))
	for i := range widths {
		widths[i] = map[int]int{}
	}
	total, broken, firstWidth := 0, 0, -1
	var fields []csvField
	for _, line := range lines {
		if isBlank(line) {
			continue
		}
		total++
		var err error
		fields, err = splitCSV(string(line), fields)
		if err != nil {
			broken++
			continue
		}
		if firstWidth < 0 {
			firstWidth = len(fields)
		}
		for i, chk := range layoutChecks {
			if chk.fits(fields) {
				counts[i]++
				widths[i][len(fields)]++
			}
		}
	}
	if total == 0 {
		return "", 0, "no call records: the file is empty or blank", false
	}
	best := 0
	for i := range counts {
		if counts[i] > counts[best] {
			best = i
		}
	}
	if counts[best]*2 <= total {
		return "", 0, noLayoutReason(counts, total, broken, firstWidth), false
	}
	chk := layoutChecks[best]
	columns, spread := commonWidth(widths[best])
	reason = fmt.Sprintf("%s with %d columns: %d of the first %d lines fit %s", chk.format, columns, counts[best], total, chk.shape)
	if spread != "" {
		reason += "; column counts vary: " + spread
	}
	return chk.format, columns, reason, true
}

// headLines splits head into lines, dropping a byte-order mark and, when
// the head holds more than one line and does not end in a newline, the
// cut-off last line.
func headLines(head []byte) [][]byte {
	if len(head) > DetectBytes {
		head = head[:DetectBytes]
	}
	head = bytes.TrimPrefix(head, utf8BOM)
	lines := bytes.Split(head, []byte{'\n'})
	if n := len(lines); n > 0 && len(lines[n-1]) == 0 {
		lines = lines[:n-1]
	} else if n > 1 {
		lines = lines[:n-1]
	}
	if len(lines) > detectMaxLines {
		lines = lines[:detectMaxLines]
	}
	for i := range lines {
		lines[i] = trimEOL(lines[i])
	}
	return lines
}

// noLayoutReason explains why no format was chosen.
func noLayoutReason(counts []int, total, broken, firstWidth int) string {
	var parts []string
	for i, chk := range layoutChecks {
		parts = append(parts, fmt.Sprintf("%d of the first %d lines look like %s (%s)", counts[i], total, chk.format, chk.shape))
	}
	reason := "no call-record layout fits: " + strings.Join(parts, "; ")
	if broken > 0 {
		reason += fmt.Sprintf("; %d lines have broken quoting", broken)
	}
	if firstWidth >= 0 {
		reason += fmt.Sprintf("; the first readable line has %d columns", firstWidth)
	}
	return reason
}

// commonWidth returns the most frequent column count and, when there are
// several, a description such as "18 (40 lines), 21 (10 lines)".
func commonWidth(w map[int]int) (int, string) {
	keys := make([]int, 0, len(w))
	for k := range w {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if w[keys[i]] != w[keys[j]] {
			return w[keys[i]] > w[keys[j]]
		}
		return keys[i] < keys[j]
	})
	if len(keys) <= 1 {
		if len(keys) == 0 {
			return 0, ""
		}
		return keys[0], ""
	}
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%d (%d lines)", k, w[k]))
	}
	return keys[0], strings.Join(parts, ", ")
}

func fitsCDRCSV(f []csvField) bool {
	n := len(f)
	if n < 16 || n > 21 {
		return false
	}
	if !timesFit(f[9].val, f[10].val, f[11].val) || !isSeconds(f[12].val) || !isSeconds(f[13].val) {
		return false
	}
	if !dispositions[f[14].val] {
		return false
	}
	if n >= 19 { // newcdrcolumns: sequence last
		return isDigits(f[n-1].val)
	}
	return true
}

func fitsCDRCustom(f []csvField) bool {
	if len(f) != 19 {
		return false
	}
	return timesFit(f[8].val, f[9].val, f[10].val) && isSeconds(f[11].val) &&
		isSeconds(f[12].val) && dispositions[f[13].val] &&
		(f[18].val == "" || isDigits(f[18].val))
}

func fitsFreeSWITCH(f []csvField) bool {
	if len(f) < 11 {
		return false
	}
	return timesFit(f[4].val, f[5].val, f[6].val) && isSeconds(f[7].val) &&
		isSeconds(f[8].val) && isHangupCause(f[9].val) && isUUID(f[10].val)
}

// timesFit: start and end are date-times, answer is one or empty.
func timesFit(start, answer, end string) bool {
	return isDateTime(start) && isDateTime(end) && (answer == "" || isDateTime(answer))
}

func isSeconds(s string) bool {
	_, ok := parseSeconds(s)
	return ok
}

// isHangupCause matches Q.850-style cause names as FreeSWITCH writes them:
// upper-case words joined by underscores (NORMAL_CLEARING, USER_BUSY).
func isHangupCause(s string) bool {
	if len(s) < 4 || dispositions[s] {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return s[0] >= 'A' && s[0] <= 'Z'
}

// isUUID matches the 8-4-4-4-12 hexadecimal form.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
	}
	return true
}
