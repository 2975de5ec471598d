package analysis

import (
	"fmt"
	"strings"
)

// statementDestinations is how many destinations a statement names before
// summing up the rest (a hunt by cell alone can find hundreds).
const statementDestinations = 5

// Statement writes a subscriber's hunt result as one plain-language
// sentence for a report to a court or a provider, built only from the
// records: who (MSISDN, every IMSI and IMEI), what (destinations and how
// often), where (every cell), when (first and last contact, in the wall
// clock of the evidence, its zone stated), how much data, and where it is
// written (every source file with its SHA-256 and the lines).
func Statement(s HuntSubscriber) string {
	var b strings.Builder
	fmt.Fprintf(&b, "MSISDN %s (%s) connected ", s.MSISDN, huntIdentifiers(s.IMSIs, s.IMEIs))
	if len(s.Destinations) == 1 {
		fmt.Fprintf(&b, "to %s %s", s.Destinations[0].Name, huntTimes(s.Records))
	} else {
		fmt.Fprintf(&b, "%s to %s", huntTimes(s.Records), huntDestinationList(s.Destinations))
	}
	b.WriteString(" " + huntCellPhrase(s))
	if s.Records == 1 {
		fmt.Fprintf(&b, " at %s", s.First)
	} else {
		fmt.Fprintf(&b, " between %s and %s", s.First, s.Last)
	}
	fmt.Fprintf(&b, " (%s)", s.Clock)
	switch {
	case s.RecordsWithBytes == 0:
		b.WriteString(", with no data volume recorded")
	case s.RecordsWithBytes == s.Records:
		fmt.Fprintf(&b, ", exchanging %s bytes", Thousands(s.Bytes))
	default:
		fmt.Fprintf(&b, ", exchanging %s bytes in the %s records that give a volume", Thousands(s.Bytes), Thousands(s.RecordsWithBytes))
	}
	b.WriteString(" (" + huntEvidencePhrase(s.Evidence) + ").")
	return b.String()
}

func huntIdentifiers(imsis, imeis []string) string {
	var parts []string
	if len(imsis) > 0 {
		parts = append(parts, huntPlural(len(imsis), "IMSI", "IMSIs")+" "+huntJoinAnd(imsis))
	}
	if len(imeis) > 0 {
		parts = append(parts, huntPlural(len(imeis), "IMEI", "IMEIs")+" "+huntJoinAnd(imeis))
	}
	if len(parts) == 0 {
		return "no IMSI or IMEI recorded"
	}
	return strings.Join(parts, ", ")
}

func huntDestinationList(ds []HuntCount) string {
	var parts []string
	var rest, restRecords int64
	for i, d := range ds {
		if i >= statementDestinations && len(ds) > statementDestinations+1 {
			rest++
			restRecords += d.Records
			continue
		}
		parts = append(parts, fmt.Sprintf("%s (%s)", d.Name, huntTimes(d.Records)))
	}
	if rest > 0 {
		parts = append(parts, fmt.Sprintf("%s other destinations (%s)", Thousands(rest), huntTimes(restRecords)))
	}
	return huntJoinAnd(parts)
}

func huntCellPhrase(s HuntSubscriber) string {
	if len(s.CellRecords) == 0 {
		return "with no cell recorded"
	}
	if len(s.CellRecords) == 1 && s.RecordsWithoutCell == 0 {
		return "from cell " + s.CellRecords[0].Name
	}
	var parts []string
	for _, c := range s.CellRecords {
		parts = append(parts, fmt.Sprintf("%s (%s)", c.Name, huntTimes(c.Records)))
	}
	phrase := "from " + huntPlural(len(s.CellRecords), "cell", "cells") + " " + huntJoinAnd(parts)
	if s.RecordsWithoutCell > 0 {
		phrase += fmt.Sprintf(" and with no cell recorded (%s)", huntTimes(s.RecordsWithoutCell))
	}
	return phrase
}

func huntEvidencePhrase(ev []HuntEvidence) string {
	var parts []string
	for _, e := range ev {
		p := fmt.Sprintf("%s, SHA-256 %s, %s %s", e.Path, e.SHA256, huntPlural(int(e.Records), "line", "lines"), e.Lines)
		parts = append(parts, p)
	}
	return huntPlural(len(ev), "source", "sources") + " " + strings.Join(parts, "; ")
}

func huntTimes(n int64) string {
	switch n {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return Thousands(n) + " times"
}

func huntPlural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// huntJoinAnd joins "a", "a and b", "a, b and c".
func huntJoinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}
