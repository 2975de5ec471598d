package asterisk

import (
	"fmt"
	"strings"
)

// FormatIPOfficeSMDR is Avaya IP Office's SMDR output: a record per call
// segment, comma-separated, no quoting, in Avaya's documented field order
// (SMDR_Fields of the IP Office manuals):
//
//	Call Start, Connected Time, Ring Time, Caller, Direction, Called
//	Number, Dialled Number, Account, Is Internal, Call ID, Continuation,
//	Party1Device, Party1Name, Party2Device, Party2Name, Hold Time, Park
//	Time[, AuthValid, AuthCode, User Charged, Call Charge, Currency, …,
//	External Targeting Cause, External Targeter Id, External Targeted
//	Number, …]
//
// The TCP stream and its logs have no header; Delta Server's CSV files
// start with one naming the fields. Call Start is the system's wall clock
// written YYYY/MM/DD HH:MM:SS; Connected Time is the talk time as
// HH:MM:SS; Ring, Hold and Park Time are seconds, and Avaya defines a
// record's whole duration as Connected + Ring + Hold + Park Time.
// Direction is I or O, an internal call written O with Is Internal 1.
const FormatIPOfficeSMDR Format = "avaya-ipo-smdr"

// ipOfficeFields are the lower-cased names of the documented fields in
// their order: a file without a header is read by them.
var ipOfficeFields = []string{"call start", "connected time", "ring time", "caller", "direction", "called number",
	"dialled number", "account", "is internal", "call id", "continuation", "party1device", "party1name",
	"party2device", "party2name", "hold time", "park time", "authvalid", "authcode", "user charged", "call charge",
	"currency", "amount at last user change", "call units", "units at last user change", "cost per unit", "mark up",
	"external targeting cause", "external targeter id", "external targeted number"}

// ipOfficeMinFields is how many fields every documented record has
// (through Park Time).
const ipOfficeMinFields = 17

// ipOfficeNames are the names a Delta Server header may give a field
// besides the one of ipOfficeFields: IP Office 3.0's SMDR documents name
// the connected and ring times Call Duration and Ring Duration, and write
// some names with underscores (Called_number, Is_Internal).
var ipOfficeNames = map[string][]string{
	"connected time": {"connected time", "call duration"},
	"ring time":      {"ring time", "ring duration"},
	"called number":  {"called number", "called_number"},
	"dialled number": {"dialled number", "dialled_number", "dialed number"},
	"is internal":    {"is internal", "is_internal"},
	"call id":        {"call id", "call_id"},
}

// ipOfficeName is a field's names, ipOfficeNames' or its own.
func ipOfficeName(field string) []string {
	if n, ok := ipOfficeNames[field]; ok {
		return n
	}
	return []string{field}
}

// isIPOfficeHeader says whether a header is Delta Server's SMDR header.
func isIPOfficeHeader(has func(...string) bool) bool {
	for _, f := range []string{"call start", "connected time", "ring time", "caller", "direction", "called number", "dialled number",
		"is internal", "call id", "continuation"} {
		found := false
		for _, n := range ipOfficeName(f) {
			found = found || has(n)
		}
		if !found {
			return false
		}
	}
	return true
}

// ipOfficePositions is the header a file without one is read by.
func ipOfficePositions() map[string]int {
	h := make(map[string]int, len(ipOfficeFields))
	for i, n := range ipOfficeFields {
		h[n] = i
	}
	return h
}

// fitsIPOfficeSMDR says whether a row without a header is an IP Office
// SMDR record: 17 fields or more, Call Start year first with slashes,
// Connected Time H:MM:SS, Ring Time seconds, Direction I or O, Is
// Internal and Continuation 0 or 1, a numeric Call ID.
func fitsIPOfficeSMDR(f []csvField) bool {
	if len(f) < ipOfficeMinFields || len(f) > 40 {
		return false
	}
	s := f[0].val
	_, clockOK := parseClock(f[1].val)
	return len(s) == 19 && s[4] == '/' && s[7] == '/' && isDateTime(s) && clockOK && isDigits(f[2].val) &&
		(f[4].val == "I" || f[4].val == "O") && isFlag(f[8].val) && isDigits(f[9].val) && isFlag(f[10].val)
}

// isFlag matches a 0 or 1 field.
func isFlag(s string) bool { return s == "0" || s == "1" }

// fillIPOffice maps an SMDR record onto c: Call Start -> Start; Connected
// Time -> BillSec; Connected + Ring + Hold + Park Time -> Duration (Avaya's
// whole duration of the record; NoDuration when one of them is empty);
// Caller -> Src (a SIP caller written number@address gives its number, the
// cell as written -> CLID); Called Number -> Dst; Dialled Number ->
// LastData (LastApp "Dialled Number") when it differs (an inbound call's
// DDI); Account -> AccountCode; Call ID -> UniqueID and LinkedID (every
// segment of a call has it); the caller's device -> Channel and the
// other's -> DstChannel (Party1 is the extension whenever one takes part,
// so an inbound call's trunk is Party2); Direction with Is Internal ->
// StatedDirection (1 internal, else I inbound, O outbound); Continuation,
// the party names, the external targeting fields -> UserField. A Call
// Start that is not year first, a time that is not whole seconds, a
// Direction other than I or O and an Is Internal other than 0 or 1 reject
// the row.
func fillIPOffice(c *Call, getAny func(...string) string, colOf func(string) int) string {
	get := func(field string) string { return getAny(ipOfficeName(field)...) }
	col := func(field string) int {
		for _, n := range ipOfficeName(field) {
			if i := colOf(n); i > 0 {
				return i
			}
		}
		return 0
	}
	c.Start = get("call start")
	if !isDateTime(c.Start) {
		return fmt.Sprintf("Call Start (column %d) %q is not a date-time written YYYY/MM/DD HH:MM:SS", col("call start"), c.Start)
	}
	talk, ok := parseClock(get("connected time"))
	if !ok {
		return fmt.Sprintf("Connected Time (column %d) %q is not HH:MM:SS", col("connected time"), get("connected time"))
	}
	c.BillSec, c.Duration = talk, talk
	for _, n := range []string{"ring time", "hold time", "park time"} {
		v := get(n)
		if v == "" {
			c.Duration = NoDuration
			continue
		}
		s, ok := parseWholeSeconds(v)
		if !ok {
			return fmt.Sprintf("%s (column %d) %q is not whole seconds", titleName(n), col(n), v)
		}
		if c.Duration != NoDuration {
			c.Duration += s
		}
	}
	dir, internal := get("direction"), get("is internal")
	switch {
	case dir != "I" && dir != "O":
		return fmt.Sprintf("Direction (column %d) %q is neither I (inbound) nor O (outbound)", col("direction"), dir)
	case !isFlag(internal):
		return fmt.Sprintf("Is Internal (column %d) %q is neither 0 nor 1", col("is internal"), internal)
	case internal == "1":
		c.StatedDirection = "internal"
	case dir == "I":
		c.StatedDirection = "inbound"
	default:
		c.StatedDirection = "outbound"
	}
	caller := get("caller")
	c.Src = caller
	if n, _, ok := strings.Cut(caller, "@"); ok {
		c.Src, c.CLID = n, caller
	}
	c.Dst = get("called number")
	if d := get("dialled number"); d != "" && d != c.Dst {
		c.LastApp, c.LastData = "Dialled Number", d
	}
	c.AccountCode = get("account")
	c.UniqueID = get("call id")
	c.LinkedID = c.UniqueID
	p1, p2 := get("party1device"), get("party2device")
	if c.StatedDirection == "inbound" {
		p1, p2 = p2, p1
	}
	c.Channel, c.DstChannel = p1, p2
	var kept []string
	for _, k := range [][2]string{{"continuation", "Continuation"}, {"party1name", "Party1Name"}, {"party2name", "Party2Name"},
		{"external targeting cause", "External Targeting Cause"}, {"external targeter id", "External Targeter Id"},
		{"external targeted number", "External Targeted Number"}} {
		if v := get(k[0]); v != "" {
			kept = append(kept, k[1]+"="+v)
		}
	}
	c.UserField = strings.Join(kept, "; ")
	return ""
}
