package asterisk

import (
	"fmt"
	"strings"
)

// FormatKamailioCDRs is a Kamailio acc_cdrs table export (the acc module's
// dialog CDRs: id, start_time, end_time, duration in seconds with a
// fraction) with the cdr_extra columns that name the parties (src_user or
// from_user, dst_ouser, dst_user or to_user, as the acc export names them;
// callid when logged). Each row is a whole call.
const FormatKamailioCDRs Format = "kamailio-acc-cdrs"

// kamailioParties are the party columns the acc exports name, caller
// first; isKamailioCDRsHeader and fillKamailioCDRs look for them.
var (
	kamailioCallers = []string{"src_user", "from_user"}
	kamailioCallees = []string{"dst_ouser", "dst_user", "to_user"}
)

// isKamailioCDRsHeader says whether a header of width columns is
// acc_cdrs' (start_time, end_time, duration) with a caller and a callee
// column; parties says whether those were found (false: acc_cdrs without
// them, such as the stock table's four columns alone).
func isKamailioCDRsHeader(has func(...string) bool, width int) (cdrs, parties bool) {
	if !has("start_time", "end_time", "duration") || has("method") {
		return false, false
	}
	anyOf := func(names []string) bool {
		for _, n := range names {
			if has(n) {
				return true
			}
		}
		return false
	}
	caller, callee := anyOf(kamailioCallers), anyOf(kamailioCallees)
	switch {
	case caller && callee:
		return true, true
	case has("id") && (caller || callee || has("callid") || width == 4):
		return true, false
	}
	return false, false
}

// kamailioUnset is acc_cdrs' default start_time and end_time (the
// schema's DEFAULT '2000-01-01 00:00:00'): a time never set, not a time.
const kamailioUnset = "2000-01-01 00:00:00"

// kamailioCDRsNoParties is why an acc_cdrs export without both party
// columns is not read.
const kamailioCDRsNoParties = "a Kamailio acc_cdrs export (id, start_time, end_time, duration) without the cdr_extra columns naming " +
	"both caller and callee (src_user and dst_user or dst_ouser): which number called which is not in the file; export the table " +
	"with those columns, or the acc table with its extra columns, and import that"

// fillKamailioCDRs maps an acc_cdrs row onto c: src_user/from_user ->
// Src, dst_ouser/dst_user/to_user -> Dst, start_time -> Start, end_time ->
// End, duration (its whole seconds) -> Duration; BillSec is NoBillsec
// (acc_cdrs keeps no answer time: with cdr_start_on_confirmed the start is
// the answer, else the INVITE, which the file does not say, so the talk
// time is not known from it), callid or else id
// -> UniqueID, src_ip -> Channel, dst_domain -> DstChannel, sip_code and
// sip_reason (when logged) -> Disposition. A start_time at the schema's
// default (2000-01-01 00:00:00) rejects the row; an end_time at it is no
// end, and a duration of 0 beside it no duration (NoDuration).
func fillKamailioCDRs(c *Call, get func(...string) string, col func(string) int) string {
	c.Src, c.Dst = get(kamailioCallers...), get(kamailioCallees...)
	c.Start, c.End = get("start_time"), get("end_time")
	c.UniqueID = get("callid", "id")
	c.Channel, c.DstChannel = get("src_ip"), get("dst_domain")
	c.Disposition = strings.TrimSpace(get("sip_code") + " " + get("sip_reason"))
	c.LastApp = "acc_cdrs"
	if c.Start == kamailioUnset {
		return fmt.Sprintf("start_time (column %d) is %s, the table's default: never set", col("start_time"), kamailioUnset)
	}
	if c.End == kamailioUnset {
		c.End = "" // the default: the call's end was never written
	}
	if !isDateTime(c.Start) {
		return fmt.Sprintf("start_time (column %d) %q is not a date-time", col("start_time"), c.Start)
	}
	if c.End != "" && !isDateTime(c.End) {
		return fmt.Sprintf("end_time (column %d) %q is not a date-time", col("end_time"), c.End)
	}
	d, ok := parseSeconds(get("duration"))
	if !ok {
		return fmt.Sprintf("duration (column %d) %q is not a number of seconds", col("duration"), get("duration"))
	}
	c.Duration, c.BillSec = d, NoBillsec
	if c.End == "" && d == 0 {
		// the column's default beside an end never written: the dialog's
		// length was never computed, not measured as nothing
		c.Duration = NoDuration
	}
	return ""
}
