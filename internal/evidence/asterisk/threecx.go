package asterisk

import (
	"fmt"
	"strconv"
	"strings"
)

// FormatThreeCX is 3CX's CDR service output (cdr.log, a file per call, or
// the socket's lines written to a file) in its default field order, no
// header:
//
//	historyid, callid, duration, time-start, time-answered, time-end,
//	reason-terminated, from-no, to-no, from-dn, to-dn, dial-no,
//	reason-changed, final-number, final-dn, bill-code, bill-rate,
//	bill-cost, bill-name, chain[, from-type, to-type, final-type,
//	from-dispname, to-dispname, final-dispname, missed-queue-calls]
//
// historyid is written "Call 612504", callid as 16 hex digits, "_" and a
// counter, duration as H:MM:SS (the talk time: answer to end), the times as
// YYYY/MM/DD HH:MM:SS with no zone, an extension as "Ext.201".
const FormatThreeCX Format = "3cx-cdr"

// threeCXMinFields is how many fields the default order has before the
// optional type and display-name fields (through chain).
const threeCXMinFields = 20

// fitsThreeCX says whether a row is a 3CX CDR in the default field order.
func fitsThreeCX(f []csvField) bool {
	if len(f) < threeCXMinFields {
		return false
	}
	_, clockOK := threeCXTalk(f[2].val, f[4].val)
	return isThreeCXHistoryID(f[0].val) && isThreeCXCallID(f[1].val) && clockOK &&
		timesFit(f[3].val, f[4].val, f[5].val) && isThreeCXReason(f[6].val)
}

// isThreeCXHistoryID matches "Call 612504".
func isThreeCXHistoryID(s string) bool {
	n, ok := strings.CutPrefix(s, "Call ")
	return ok && isDigits(n)
}

// isThreeCXCallID matches 3CX's call id: hexadecimal digits, "_" and a
// decimal counter ("00000C21DE5C2470_6531").
func isThreeCXCallID(s string) bool {
	h, n, ok := strings.Cut(s, "_")
	if !ok || len(h) < 8 || !isDigits(n) {
		return false
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// isThreeCXReason matches reason-terminated: one word of letters
// (TerminatedBySrc, TerminatedByDst, Failed ...).
func isThreeCXReason(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_') {
			return false
		}
	}
	return true
}

// threeCXTalk reads the duration field, the talk time: H:MM:SS, or empty
// for a call never answered (time-answered empty too: 3CX writes nothing
// there for a Failed or Failed_Cancelled call), whose talk time is 0.
func threeCXTalk(duration, answered string) (int64, bool) {
	if duration == "" && answered == "" {
		return 0, true
	}
	return parseClock(duration)
}

// parseClock reads H:MM:SS (hours of any width) as seconds.
func parseClock(s string) (int64, bool) {
	parts := strings.Split(s, ":")
	if len(parts) != 3 || !isDigits(parts[0]) || len(parts[0]) > 6 || len(parts[1]) != 2 || len(parts[2]) != 2 ||
		!isDigits(parts[1]) || !isDigits(parts[2]) {
		return 0, false
	}
	h, _ := strconv.ParseInt(parts[0], 10, 64)
	m, _ := strconv.ParseInt(parts[1], 10, 64)
	sec, _ := strconv.ParseInt(parts[2], 10, 64)
	if m > 59 || sec > 59 {
		return 0, false
	}
	return h*3600 + m*60 + sec, true
}

// threeCXParty is the number of a 3CX party as the PBX numbers it: an
// extension written "Ext.201" is 201 (the written form is kept in the
// channel column and the raw line); anything else as written.
func threeCXParty(s string) string {
	if n, ok := strings.CutPrefix(s, "Ext."); ok && n != "" {
		return n
	}
	return s
}

// fillThreeCX maps a 3CX CDR row onto c: from-no -> Src (Channel keeps it
// as written), the final number (final-number, or to-no when the call was
// not passed on) -> Dst (DstChannel as written; when that number is
// EndCall, the PBX ending the call, dial-no, the number dialled, is Dst),
// to-no -> LastData (LastApp "to-no") when the call was passed on to
// another number, callid ->
// UniqueID, historyid -> LinkedID, reason-terminated -> Disposition, the
// chain -> UserField, from-dispname -> CLID; the duration field is the
// talk time (BillSec) and Duration is end - start (NoDuration when the
// end is missing: the talk time is not the whole call); from-type and the
// callee's type (final-type when final-number is given, else to-type) ->
// StatedDirection (threeCXDirection).
func fillThreeCX(c *Call, f []csvField) string {
	if len(f) < threeCXMinFields {
		return fmt.Sprintf("%d fields; 3CX's default CDR order has at least %d (historyid ... chain)", len(f), threeCXMinFields)
	}
	if !isThreeCXHistoryID(f[0].val) {
		return fmt.Sprintf("historyid (field 1) %q is not \"Call\" and a number", f[0].val)
	}
	talk, ok := threeCXTalk(f[2].val, f[4].val)
	if !ok {
		return fmt.Sprintf("duration (field 3) %q is not H:MM:SS (empty only when time-answered is empty too)", f[2].val)
	}
	c.LinkedID, c.UniqueID = f[0].val, f[1].val
	c.Start, c.Answer, c.End = f[3].val, f[4].val, f[5].val
	if reason := fillTimes(c, 4); reason != "" {
		return reason
	}
	c.Disposition = f[6].val
	c.Src, c.Channel = threeCXParty(f[7].val), f[7].val
	final := f[13].val
	if final == "" {
		final = f[8].val
	} else if final != f[8].val {
		c.LastApp, c.LastData = "to-no", f[8].val
	}
	c.Dst, c.DstChannel = threeCXParty(final), final
	if final == "EndCall" && f[11].val != "" && f[11].val != "EndCall" {
		// the PBX ended the call (a blocked number, an out-of-hours rule):
		// the number the caller dialled is dial-no, never "EndCall"
		c.Dst = f[11].val
	}
	c.UserField = f[19].val
	if len(f) > 22 {
		dstType := f[21].val
		if f[13].val != "" {
			dstType = f[22].val
		}
		c.StatedDirection = threeCXDirection(f[20].val, dstType)
	}
	if len(f) > 23 {
		c.CLID = f[23].val
	}
	c.BillSec, c.Duration = talk, NoDuration
	if s, _, err := ParseTime(c.Start); err == nil && c.End != "" {
		if e, _, err := ParseTime(c.End); err == nil && !e.Before(s) {
			c.Duration = int64(e.Sub(s).Seconds())
		}
	}
	return ""
}

// threeCXSideKind says whether a 3CX from-type, to-type or final-type
// names a party outside the PBX ("external") or one of its own DNs
// ("internal"), "" for a type it does not place (EndCall, an empty field,
// one unknown). Published records show External and Internal (older
// versions), or the DN's type: Line (a trunk, whose party is outside),
// Extension, Queue, Ivr, ConfPlace, in either case; the other DN types
// (RingGroup, VMail, Parking, Fax) are the PBX's own DNs too.
func threeCXSideKind(t string) string {
	switch strings.ToLower(strings.TrimSpace(t)) {
	case "external", "line", "externalline", "external_line":
		return "external"
	case "internal", "extension", "queue", "ivr", "ringgroup", "ring_group", "vmail", "voicemail", "confplace",
		"conference", "parking", "fax":
		return "internal"
	}
	return ""
}

// threeCXDirection is the direction a 3CX CDR's types state: an outside
// caller to one of the PBX's DNs is inbound, a DN to an outside party
// outbound, two DNs internal; "" (left to Classify) when a type is not
// placed or both sides are outside (a call passed out again).
func threeCXDirection(fromType, dstType string) string {
	switch from, to := threeCXSideKind(fromType), threeCXSideKind(dstType); {
	case from == "external" && to == "internal":
		return "inbound"
	case from == "internal" && to == "external":
		return "outbound"
	case from == "internal" && to == "internal":
		return "internal"
	}
	return ""
}

// threeCXOtherOrder says why a line that opens as a 3CX CDR (historyid
// "Call N" and a call id) is not read: the file did not fit the default
// field order (Detect tries that first), so its fields were configured in
// another order and which column is which cannot be told from the values
// alone (from-no, to-no, dial-no and final-number are all numbers). ""
// when the line does not open as a 3CX CDR.
func threeCXOtherOrder(line string) string {
	f, err := splitCSV(line, nil)
	if err != nil || len(f) < 2 || !isThreeCXHistoryID(f[0].val) || !isThreeCXCallID(f[1].val) {
		return ""
	}
	return fmt.Sprintf("a 3CX CDR (historyid %q, callid %q) whose fields are not in 3CX's default order (historyid, callid, duration, "+
		"time-start, time-answered, time-end, reason-terminated, from-no, to-no, from-dn, to-dn, dial-no, reason-changed, final-number, "+
		"final-dn, bill-code, bill-rate, bill-cost, bill-name, chain ...): the administrator's order is in the 3CX management console "+
		"(Settings > CDR); which column is the caller, the callee or a time cannot be told from the values, so the file is not read", f[0].val, f[1].val)
}
