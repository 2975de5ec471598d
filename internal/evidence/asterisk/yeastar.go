package asterisk

import (
	"fmt"
	"strings"
)

// FormatYeastarCDR is the CSV a Yeastar PBX's CDR page downloads (P-Series
// and S-Series), English headers: [ID,] Time, Call From, Call To, Call
// Duration(s), Ring Duration(s), Talk Duration(s), Status, Reason, Source
// Trunk, Destination Trunk, Communication Type (Inbound, Outbound,
// Internal), DID, DOD, Caller IP Address, Recording File. The durations are
// whole seconds; Call Duration is the call's (its ringing with it), Talk
// Duration its talk time. Time is the PBX's wall clock, no zone written.
const FormatYeastarCDR Format = "yeastar-cdr"

// yeastarAPINames are the keys Yeastar's CDR report API (the NewCdr
// event of the S-Series and Cloud PBX API: timestart, callfrom, callto,
// callduraction, talkduraction, srctrunkname, desttrunkname, status, type,
// didnumber, cdrid) gives the download's fields; a CSV headed with them
// (the events as a collector writes them) is read as the download.
var yeastarAPINames = map[string]string{
	"time": "timestart", "call from": "callfrom", "call to": "callto", "call duration(s)": "callduraction",
	"talk duration(s)": "talkduraction", "source trunk": "srctrunkname", "destination trunk": "desttrunkname",
	"communication type": "type", "did": "didnumber", "id": "cdrid",
}

// isYeastarHeader says whether a header is a Yeastar CDR download's, or
// the CDR report API's keys.
func isYeastarHeader(has func(...string) bool) bool {
	return has("time", "call from", "call to", "call duration(s)", "talk duration(s)") ||
		has("timestart", "callfrom", "callto", "callduraction", "talkduraction")
}

// yeastarParty reads a Call From or Call To cell: a number or extension as
// written, or a name with the number in angle brackets ("Alice<1001>"),
// whose number is the party and the whole cell the caller ID.
func yeastarParty(v string) (number, clid string, ok bool) {
	i := strings.LastIndexByte(v, '<')
	if !strings.HasSuffix(v, ">") || i < 0 {
		return v, "", !strings.ContainsAny(v, "<>")
	}
	number = strings.TrimSpace(v[i+1 : len(v)-1])
	return number, v, number != "" && strings.Count(v, "<") == 1 && strings.Count(v, ">") == 1
}

// fillYeastar maps a Yeastar CDR row onto c: Time -> Start, Call From ->
// Src, Call To -> Dst (a "Name<number>" cell gives its number, the caller's
// whole cell -> CLID), Call Duration(s) -> Duration, Talk Duration(s) ->
// BillSec, Status -> Disposition, Source Trunk -> Channel, Destination
// Trunk -> DstChannel, ID -> UniqueID, Communication Type (Inbound,
// Outbound, Internal) -> StatedDirection; DID, DOD and Reason are kept in
// UserField. A talk time longer than the call, a duration that is not
// whole seconds, a Time that is not a date-time written year first (a PBX
// set to write mm/dd/yyyy or dd/mm/yyyy: which of the two, the row does
// not say) reject the row.
func fillYeastar(c *Call, getAny func(...string) string, colOf func(string) int) string {
	get := func(field string) string {
		if k, ok := yeastarAPINames[field]; ok {
			return getAny(field, k)
		}
		return getAny(field)
	}
	// col and label give the column and name of whichever of the
	// download's name and the API's key the header has
	col := func(field string) int {
		if i := colOf(field); i > 0 {
			return i
		}
		return colOf(yeastarAPINames[field])
	}
	label := func(field string) string {
		if colOf(field) == 0 && yeastarAPINames[field] != "" {
			return yeastarAPINames[field]
		}
		return titleName(field)
	}
	c.Start = get("time")
	if !isDateTime(c.Start) {
		return fmt.Sprintf("%s (column %d) %q is not a date-time written year first (yyyy-mm-dd hh:mm:ss): a day-first or month-first date is not told apart", label("time"), col("time"), c.Start)
	}
	var ok bool
	for _, p := range []struct {
		name string
		dst  *string
		clid *string
	}{{"call from", &c.Src, &c.CLID}, {"call to", &c.Dst, nil}} {
		var clid string
		if *p.dst, clid, ok = yeastarParty(get(p.name)); !ok {
			return fmt.Sprintf("%s (column %d) %q is neither a number nor a name with its number in <>", label(p.name), col(p.name), get(p.name))
		}
		if p.clid != nil {
			*p.clid = clid
		}
	}
	call, okCall := parseWholeSeconds(get("call duration(s)"))
	talk, okTalk := parseWholeSeconds(get("talk duration(s)"))
	switch {
	case !okCall:
		return fmt.Sprintf("%s (column %d) %q is not whole seconds", label("call duration(s)"), col("call duration(s)"), get("call duration(s)"))
	case !okTalk:
		return fmt.Sprintf("%s (column %d) %q is not whole seconds", label("talk duration(s)"), col("talk duration(s)"), get("talk duration(s)"))
	case talk > call:
		return fmt.Sprintf("%s %d is longer than %s %d, which holds it", label("talk duration(s)"), talk, label("call duration(s)"), call)
	}
	c.Duration, c.BillSec = call, talk
	c.Disposition = get("status")
	c.Channel, c.DstChannel = get("source trunk"), get("destination trunk")
	c.UniqueID = get("id")
	switch strings.ToLower(get("communication type")) {
	case "inbound":
		c.StatedDirection = "inbound"
	case "outbound":
		c.StatedDirection = "outbound"
	case "internal":
		c.StatedDirection = "internal"
	}
	var kept []string
	for _, k := range [][2]string{{"did", "DID"}, {"dod", "DOD"}, {"reason", "Reason"}} {
		if v := get(k[0]); v != "" {
			kept = append(kept, k[1]+"="+v)
		}
	}
	c.UserField = strings.Join(kept, "; ")
	return ""
}

// parseWholeSeconds reads a count of whole seconds (no fraction, no sign).
func parseWholeSeconds(s string) (int64, bool) {
	if !isDigits(s) {
		return 0, false
	}
	return parseSeconds(s)
}

// titleName writes a lower-cased header name as the download writes it.
func titleName(n string) string {
	words := strings.Fields(n)
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}
