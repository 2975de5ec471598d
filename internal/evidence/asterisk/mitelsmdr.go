package asterisk

import "strings"

// FormatMitelSMDR names a Mitel SMDR output (MiVoice Business / 3300 ICP,
// MiVoice Office 250 / 5000 CP), which is recognised only to be refused
// by name.
const FormatMitelSMDR Format = "mitel-smdr"

// mitelBusinessSMDRLine says whether a line is a MiVoice Business (3300
// ICP) SMDR record as its "SMDR - Recorded Information" describes it: the
// long-call mark (blank, -, % or +) in column 1, the date mm/dd in 2-6,
// then the start time hh:mm or hh:mm:ss (12-hour clock: p after it for
// PM) and the duration hh:mm:ss.
func mitelBusinessSMDRLine(s string) bool {
	if len(s) < 24 || !strings.ContainsRune(" -%+", rune(s[0])) || !shapeIs(s[1:6], "00/00") || s[6] != ' ' {
		return false
	}
	rest := s[7:]
	switch {
	case len(rest) >= 8 && shapeIs(rest[:8], "00:00:00"):
		rest = rest[8:]
	case shapeIs(rest[:5], "00:00"):
		rest = rest[5:]
	default:
		return false
	}
	rest = strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(rest, "P"), "p"), " ")
	return len(rest) >= 8 && shapeIs(rest[:8], "00:00:00")
}

// mitelOfficeSMDRLine says whether a line is a MiVoice Office 250 (5000
// CP) SMDR record at the positions of the 5000 CP's sample record: call
// type letters in 1-3, the start time HH:MM in 46-50, the duration
// HH:MM:SS in 52-59 and the cost from 61 ("TLC 11202 94003 961-9000 ...
// 08:36 00:00:03 $00.00").
func mitelOfficeSMDRLine(s string) bool {
	if len(s) < 61 || s[3] != ' ' || s[50] != ' ' || s[59] != ' ' || s[60] == ' ' {
		return false
	}
	for i := 0; i < 3; i++ {
		if c := s[i]; !(c >= 'A' && c <= 'Z' || c == ' ' && i > 0) {
			return false
		}
	}
	return shapeIs(s[45:50], "00:00") && shapeIs(s[51:59], "00:00:00")
}

// mitelSMDRReason says why a Mitel SMDR output is not read when most of
// the head's first lines are its records. "" for any other head.
func mitelSMDRReason(head []byte) string {
	counts, total := countRecords(head, mitelBusinessSMDRLine, mitelOfficeSMDRLine)
	business, office := counts[0], counts[1]
	switch {
	case business > 0 && business*2 > total:
		return "a Mitel MiVoice Business (3300 ICP) SMDR output (long-call mark, date mm/dd, start time, duration hh:mm:ss, calling party, " +
			"digits dialled, called party at fixed positions): the date is month and day, the year is not reported, and the start time " +
			"is to the minute unless SMDR Level 2 is set (hh:mm:ss, p for PM on a 12-hour clock), so no record's start can be given; not read"
	case office > 0 && office*2 > total:
		return "a Mitel MiVoice Office 250 (5000 CP) SMDR output (call type, extension, trunk, digits dialled, start time HH:MM, " +
			"duration HH:MM:SS, cost at fixed positions): its records carry no date and the start time is to the minute, so no " +
			"record's start can be given; not read"
	}
	return ""
}
