package asterisk

import (
	"fmt"
	"strconv"
	"strings"
)

// FormatIssabelReport is the CSV export of the CDR Report page of Elastix
// and Issabel (modules/cdrreport), English headers: [Organization or
// Domain,] Date, Source, [Ring Group,] Destination, Src. Channel, Account
// Code, Dst. Channel, [Call Direction or Call Type,] Status, Duration. The
// rows are the asteriskcdrdb cdr table's (calldate, src, dst, channel,
// accountcode, dstchannel, disposition), but the page writes billsec, the
// talk time, under "Duration", as "125s (2m 5s)": the call's whole
// duration (with its ringing) is not in the export.
const FormatIssabelReport Format = "issabel-cdr-report"

// isIssabelReportHeader says whether a header is the CDR Report export's.
func isIssabelReportHeader(has func(...string) bool) bool {
	return has("date", "source", "destination", "src. channel", "dst. channel", "status", "duration")
}

// parseReportSeconds reads the report's duration cell: "125s", optionally
// followed by the same span spelled out, "(2m 5s)" or "(1h 2m 5s)", which
// must agree with it.
func parseReportSeconds(s string) (int64, bool) {
	head, spelled, hasSpelled := strings.Cut(strings.TrimSpace(s), " ")
	n, ok := strings.CutSuffix(head, "s")
	if !ok || !isDigits(n) || len(n) > 9 {
		return 0, false
	}
	secs, _ := strconv.ParseInt(n, 10, 64)
	if !hasSpelled {
		return secs, true
	}
	inner, ok := strings.CutPrefix(spelled, "(")
	if inner, ok = strings.CutSuffix(inner, ")"); !ok {
		return 0, false
	}
	var total int64
	for _, part := range strings.Fields(inner) {
		unit := part[len(part)-1]
		v, err := strconv.ParseInt(part[:len(part)-1], 10, 64)
		if err != nil || v < 0 {
			return 0, false
		}
		switch unit {
		case 'h':
			total += v * 3600
		case 'm':
			total += v * 60
		case 's':
			total += v
		default:
			return 0, false
		}
	}
	return secs, total == secs
}

// fillIssabelReport maps a CDR Report row onto c: Date -> Start, Source ->
// Src, Destination -> Dst, Src. Channel -> Channel, Account Code ->
// AccountCode, Dst. Channel -> DstChannel, Status -> Disposition, Duration
// -> BillSec (the talk time: no ringing counted), Duration NoDuration (the
// export has no whole duration, and no answer or end time to count one
// from); Call Direction or Call Type
// (incoming, outgoing) -> StatedDirection; Ring Group -> LastData (LastApp
// "ring group": the group's name, not a dial-plan context).
func fillIssabelReport(c *Call, get func(...string) string, col func(string) int) string {
	c.Start = get("date")
	c.Src, c.Dst = get("source"), get("destination")
	c.Channel, c.DstChannel, c.AccountCode = get("src. channel"), get("dst. channel"), get("account code")
	c.Disposition = get("status")
	if rg := get("ring group"); rg != "" {
		c.LastApp, c.LastData = "ring group", rg // a name, not a dial-plan context
	}
	switch strings.ToLower(get("call direction", "call type")) {
	case "incoming":
		c.StatedDirection = "inbound"
	case "outgoing":
		c.StatedDirection = "outbound"
	}
	if !isDateTime(c.Start) {
		return fmt.Sprintf("Date (column %d) %q is not a date-time", col("date"), c.Start)
	}
	d, ok := parseReportSeconds(get("duration"))
	if !ok {
		return fmt.Sprintf("Duration (column %d) %q is not the report's seconds (\"125s (2m 5s)\")", col("duration"), get("duration"))
	}
	c.BillSec, c.Duration = d, NoDuration
	return ""
}
