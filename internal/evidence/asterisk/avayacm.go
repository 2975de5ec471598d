package asterisk

import "strings"

// FormatAvayaCMCDR names Avaya Communication Manager's CDR output in its
// fixed-width formats, which is recognised only to be refused by name.
const FormatAvayaCMCDR Format = "avaya-cm-cdr"

// avayaCMLine says whether a line is a Communication Manager CDR record
// at the positions of the Administrator's Guide's "CDR data format"
// tables (Int-ISDN; other formats place the fields elsewhere and are not
// recognised): time of day HHMM in
// 1-4, duration as hours, minutes and tenths of a minute in 6-9, the
// condition code in 11, the access codes dialled and used in 13-16 and
// 18-21, the dialled number in 23-37.
func avayaCMLine(s string) bool {
	if len(s) < 38 || s[4] != ' ' || s[9] != ' ' || s[11] != ' ' || s[16] != ' ' || s[21] != ' ' {
		return false
	}
	if !shapeIs(s[0:4], "0000") || s[0:2] > "23" || s[2:4] > "59" || !shapeIs(s[5:9], "0000") || s[6:8] > "59" {
		return false
	}
	if c := s[10]; !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
		return false
	}
	dialled := strings.TrimSpace(s[22:37])
	return dialled != "" && strings.Trim(dialled, "0123456789*#") == ""
}

// avayaCMReason says why a Communication Manager CDR output is not read
// when most of the head's first lines are its records: a record's time is
// the hour and minute, with no date in the record, and its duration is
// counted in tenths of a minute, so no call's start can be given. "" for
// any other head.
func avayaCMReason(head []byte) string {
	if !mostRecordsFit(head, avayaCMLine) {
		return ""
	}
	return "an Avaya Communication Manager CDR output in a fixed-width format (time of day HHMM, duration as hours, minutes and " +
		"tenths of a minute, condition code, access codes, dialled and calling number at fixed positions): a record's time is " +
		"the hour and minute with no date in it and its duration is in tenths of a minute, so no call's start can be given; not read"
}
