package asterisk

import "fmt"

// FormatThreeCXTable is 3CX's cdroutput table (3CX V20's call records in
// its PostgreSQL database) exported with its column names: one row per leg
// of a call (cdr_id), the legs of a call sharing call_history_id; each
// side named by its entity type (extension, external_line, queue, ...),
// its DN (source_dn_number, destination_dn_number: for an external line
// the line's own DN, never the outside party) and, for an outside party,
// its number (source_participant_phone_number, destination_participant_
// phone_number); cdr_started_at, cdr_answered_at and cdr_ended_at as
// PostgreSQL writes a timestamptz.
const FormatThreeCXTable Format = "3cx-cdroutput"

// isThreeCXTableHeader says whether a header is cdroutput's.
func isThreeCXTableHeader(has func(...string) bool) bool {
	return has("cdr_id", "source_dn_number", "destination_dn_number", "cdr_started_at", "cdr_ended_at")
}

// threeCXSide is one side's number: the outside party's phone number when
// the side is an external line (its DN is the line's), else its DN.
func threeCXSide(get func(...string) string, side string) (number, dn string, external bool) {
	dn = get(side + "_dn_number")
	if get(side+"_entity_type") == "external_line" {
		return get(side + "_participant_phone_number"), dn, true
	}
	return dn, dn, false
}

// fillThreeCXTable maps a cdroutput row onto c: the source side -> Src
// (its DN -> Channel), the destination side -> Dst (its DN -> DstChannel),
// source_participant_name -> CLID, the three times, duration = ended -
// started and billsec = ended - answered (0 unanswered, NoBillsec answered
// without its end), termination_reason
// -> Disposition, cdr_id -> UniqueID, call_history_id -> LinkedID; an
// external line on the source side is an inbound call, on the destination
// side an outbound one, two extensions an internal one. A side on an
// external line without the outside party's number rejects the row: the
// line's DN is not that party.
func fillThreeCXTable(c *Call, get func(...string) string, col func(string) int) string {
	var srcExt, dstExt bool
	var srcDN, dstDN string
	c.Src, srcDN, srcExt = threeCXSide(get, "source")
	c.Dst, dstDN, dstExt = threeCXSide(get, "destination")
	c.Channel, c.DstChannel = srcDN, dstDN
	for _, s := range []struct {
		side, number, dn string
		ext              bool
	}{{"source", c.Src, srcDN, srcExt}, {"destination", c.Dst, dstDN, dstExt}} {
		if s.ext && s.number == "" {
			return fmt.Sprintf("the %s is an external line but %s_participant_phone_number is empty: the outside party's number is not in the row (%s_dn_number %s is the line's)",
				s.side, s.side, s.side, s.dn)
		}
	}
	c.CLID, c.Disposition = get("source_participant_name"), get("termination_reason")
	c.UniqueID, c.LinkedID = get("cdr_id"), get("call_history_id")
	c.Start, c.Answer, c.End = get("cdr_started_at"), get("cdr_answered_at"), get("cdr_ended_at")
	for i, v := range []string{c.Start, c.Answer, c.End} {
		if v == "" && i > 0 {
			continue
		}
		if !isDateTime(v) {
			name := [...]string{"cdr_started_at", "cdr_answered_at", "cdr_ended_at"}[i]
			return fmt.Sprintf("%s (column %d) %q is not a date-time", name, col(name), v)
		}
	}
	c.Duration = NoDuration // no end: the whole call is not known
	if d, ok := stampsApart(c.Start, c.End); ok {
		c.Duration = d
	}
	if b, ok := stampsApart(c.Answer, c.End); ok {
		c.BillSec = b
	} else if c.Answer != "" {
		c.BillSec = NoBillsec // answered, but no end: the talk time is not known
	}
	switch {
	case srcExt && !dstExt:
		c.StatedDirection = "inbound"
	case dstExt && !srcExt:
		c.StatedDirection = "outbound"
	case get("source_entity_type") == "extension" && get("destination_entity_type") == "extension":
		c.StatedDirection = "internal"
	}
	return ""
}
