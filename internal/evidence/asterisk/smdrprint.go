package asterisk

import (
	"slices"
	"strings"
)

// FormatNECSMDR names an NEC SMDR report, which is recognised only to be
// refused by name.
const FormatNECSMDR Format = "nec-smdr"

// necSMDRColumns is the column header an NEC SL1000/SL1100/SL2100 or
// Aspire SMDR report prints under each page's date line (Header Line 2 of
// the manuals' "SMDR Report Format" tables), DATE only when the records
// carry their date (PRG 35-02-14 = 1).
var necSMDRColumns = []string{"CLASS", "TIME", "LINE", "DURATION", "STATION", "DIALLED", "No./CLI", "ACCOUNT"}

// necSMDRReason says why an NEC SMDR report is not read, when one of the
// head's first lines is its column header: its records are fixed-width
// print lines whose TIME is the minute a call was placed or answered
// (HH:MM, no seconds) and whose DATE, when printed at all, is MM/DD with
// no year (the year is only in each page's header, the day the page was
// printed). "" for any other head.
func necSMDRReason(head []byte) string {
	for _, b := range firstTextLines(head, 4) {
		words := strings.Fields(string(b))
		cols := make([]string, 0, len(words))
		for _, w := range words {
			if w != "DATE" {
				cols = append(cols, w)
			}
		}
		if strings.Join(cols, " ") == strings.Join(necSMDRColumns, " ") {
			return "an NEC SL1000/SL1100/SL2100 or Aspire SMDR report (CLASS, TIME, [DATE,] LINE, DURATION, STATION, DIALLED No./CLI, ACCOUNT " +
				"in fixed columns): TIME is the minute a call was placed or answered, without seconds, and DATE is MM/DD without a year " +
				"(the year only in each page's header, the day it was printed), so no record's start can be given; not read"
		}
	}
	return ""
}

// FormatPanasonicSMDR names a Panasonic KX-TDA/KX-TDE/KX-NS SMDR printout,
// which is recognised only to be refused by name.
const FormatPanasonicSMDR Format = "panasonic-smdr"

// panasonicSMDRReason says why a Panasonic SMDR printout is not read,
// when one of the head's first lines is its column header ("Date Time Ext
// CO Dial Number [Ring] Duration [Cost] Acc code CD", patterns A to C of
// the Feature Guides): its Time is hour and minute with AM or PM, the end
// of the call on the KX-TDA and KX-NS (the start on the KX-TEA), and the
// date's order is set per country, so no record's start can be given to
// the second. "" for any other head.
func panasonicSMDRReason(head []byte) string {
	for _, b := range firstTextLines(head, 4) {
		w := strings.Fields(strings.ToLower(string(b)))
		if len(w) >= 7 && strings.Join(w[:6], " ") == "date time ext co dial number" && slices.Contains(w, "duration") {
			return "a Panasonic KX-TDA/KX-TDE/KX-NS SMDR printout (Date, Time, Ext, CO, Dial Number, Ring, Duration, Acc code, CD in fixed " +
				"columns): Time is hour and minute with AM/PM, the end of the call on the KX-TDA and KX-NS and its start on the KX-TEA, " +
				"and the date is written in the order set for the country, so no record's start can be given to the second; not read"
		}
	}
	return ""
}

// FormatToshibaSMDR names a Toshiba Strata CTX SMDR output, which is
// recognised only to be refused by name.
const FormatToshibaSMDR Format = "toshiba-smdr"

// toshibaSMDRLine says whether a line is a Strata CTX SMDR record at the
// positions of the installation manual's "SMDR Record Format" table:
// record type (N, S, X, E, B, I, T, A, C, M) in 1, record number in 3-5,
// the time stamp MO/DD HH:MM:SS in 30-43 and the duration HH:MM:SS.S in
// 45-54.
func toshibaSMDRLine(s string) bool {
	if len(s) < 54 || !strings.ContainsRune("NSXEBITACM", rune(s[0])) || s[1] != ' ' || !isDigits(s[2:5]) || s[5] != ' ' {
		return false
	}
	ts, dur := s[29:43], s[44:54]
	return shapeIs(ts, "00/00 00:00:00") && shapeIs(dur, "00:00:00.0")
}

// shapeIs matches s against a shape where '0' stands for any digit and
// every other byte for itself.
func shapeIs(s, shape string) bool {
	if len(s) != len(shape) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if shape[i] == '0' && (s[i] < '0' || s[i] > '9') || shape[i] != '0' && s[i] != shape[i] {
			return false
		}
	}
	return true
}

// toshibaSMDRReason says why a Toshiba Strata CTX SMDR output is not read
// when most of the head's first lines are its records: the time stamp is
// MO/DD HH:MM:SS without a year, and for the end (N, E) records, the ones
// with a duration, it is the call's end. "" for any other head.
func toshibaSMDRReason(head []byte) string {
	if !mostRecordsFit(head, toshibaSMDRLine) {
		return ""
	}
	return "a Toshiba Strata CTX SMDR output (record type, record number, node, originating and terminating party, time stamp " +
		"MO/DD HH:MM:SS, duration HH:MM:SS.S, dialled digits at fixed positions): its time stamps have no year, and an end record's " +
		"(N, E) is the end of the call, so no record's start can be given; not read"
}

// mostRecordsFit says whether more than half of the head's first 50
// lines that are not blank fit a printout's record.
func mostRecordsFit(head []byte, fit func(string) bool) bool {
	counts, total := countRecords(head, fit)
	return counts[0] > 0 && counts[0]*2 > total
}

// countRecords counts, among the head's first 50 lines that are not blank
// (total), those that each of fits takes first (a line without its CR).
func countRecords(head []byte, fits ...func(string) bool) (counts []int, total int) {
	counts = make([]int, len(fits))
	for _, b := range headLines(head) {
		if isBlank(b) {
			continue
		}
		if total++; total > 50 {
			total = 50
			break
		}
		s := strings.TrimRight(string(b), "\r")
		for i, fit := range fits {
			if fit(s) {
				counts[i]++
				break
			}
		}
	}
	return counts, total
}

// firstTextLines is the head's first n lines that are not blank: where a
// printout's column header stands (after a page header, say).
func firstTextLines(head []byte, n int) [][]byte {
	var lines [][]byte
	for _, b := range headLines(head) {
		if len(lines) == n {
			break
		}
		if !isBlank(b) {
			lines = append(lines, b)
		}
	}
	return lines
}
