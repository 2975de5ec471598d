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
	n := 0
	for _, b := range headLines(head) {
		if isBlank(b) {
			continue
		}
		if n++; n > 4 {
			break
		}
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
	n := 0
	for _, b := range headLines(head) {
		if isBlank(b) {
			continue
		}
		if n++; n > 4 {
			break
		}
		w := strings.Fields(strings.ToLower(string(b)))
		if len(w) >= 7 && strings.Join(w[:6], " ") == "date time ext co dial number" && slices.Contains(w, "duration") {
			return "a Panasonic KX-TDA/KX-TDE/KX-NS SMDR printout (Date, Time, Ext, CO, Dial Number, Ring, Duration, Acc code, CD in fixed " +
				"columns): Time is hour and minute with AM/PM, the end of the call on the KX-TDA and KX-NS and its start on the KX-TEA, " +
				"and the date is written in the order set for the country, so no record's start can be given to the second; not read"
		}
	}
	return ""
}
