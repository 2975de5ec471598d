package asterisk

import (
	"fmt"
	"strconv"
	"strings"
)

// FormatFreeSWITCHTable is a FreeSWITCH CDR table exported with its column
// names: the cdr table mod_cdr_pg_csv writes (its stock schema: local_ip_v4,
// caller_id_name, caller_id_number, destination_number, context,
// start_stamp, answer_stamp, end_stamp, duration, billsec, hangup_cause,
// uuid, bleg_uuid, accountcode, read_codec, write_codec; sip_hangup_
// disposition and ani optional), mod_cdr_sqlite's cdr table, or FusionPBX's
// v_xml_cdr (the same channel variables and more: direction, start_epoch,
// bridge_uuid ...). Columns are found by name, in any order; the times are
// the switch's wall clock, or carry an offset where PostgreSQL wrote a
// timestamptz.
const FormatFreeSWITCHTable Format = "freeswitch-cdr-table"

// isFreeSWITCHTableHeader says whether a header names the columns a
// FreeSWITCH CDR table's rows are read by.
func isFreeSWITCHTableHeader(has func(...string) bool) bool {
	return has("caller_id_number", "destination_number", "start_stamp", "hangup_cause")
}

// fillFreeSWITCHTable maps a row of a FreeSWITCH CDR table onto c by
// column name: caller_id_number -> Src, destination_number -> Dst,
// caller_id_name -> CLID, context -> DContext, start/answer/end_stamp ->
// Start/Answer/End, duration and billsec, hangup_cause -> Disposition (as
// written), uuid -> UniqueID, bleg_uuid or bridge_uuid -> DstChannel,
// accountcode -> AccountCode, read/write codec -> UserField "read/write",
// local_ip_v4 -> Channel (the switch's address), the call's A leg's uuid
// -> LinkedID (see fsALegUUID), FusionPBX's direction
// (inbound, outbound, local = internal) -> StatedDirection. Without a
// duration or billsec column they are counted as FreeSWITCH defines them,
// end_stamp - start_stamp and end_stamp - answer_stamp; without a billsec
// or an answer_stamp column the talk time is not known (NoBillsec).
// col(name) is 0 for a column the export lacks; where(name) says where a
// value is in a reason ("column 10"). A per-call CDR file's variables are
// read by the same mapping (see fscdrfile.go).
func fillFreeSWITCHTable(c *Call, get func(...string) string, col func(string) int, where func(string) string) string {
	c.Src, c.Dst, c.CLID = get("caller_id_number"), get("destination_number"), get("caller_id_name")
	c.DContext, c.Disposition, c.UniqueID = get("context"), get("hangup_cause"), get("uuid")
	c.Start, c.Answer, c.End = get("start_stamp"), get("answer_stamp"), get("end_stamp")
	// FusionPBX's v_xml_cdr keeps each time's epoch beside its stamp: the
	// stamp is written with the offset that shows that instant, so a call
	// in the hour a zone's clocks went back is placed exactly, not refused
	for _, t := range []struct {
		name string
		v    *string
	}{{"start", &c.Start}, {"answer", &c.Answer}, {"end", &c.End}} {
		e := get(t.name + "_epoch")
		if *t.v == "" || e == "" || e == "0" {
			continue
		}
		epoch, err := strconv.ParseInt(e, 10, 64)
		if err != nil {
			return fmt.Sprintf("%s_epoch %q is not Unix time", t.name, e)
		}
		at, why := fsStampAt(*t.v, epoch)
		if why != "" {
			return fmt.Sprintf("%s_stamp %q and %s_epoch %d %s", t.name, *t.v, t.name, epoch, why)
		}
		*t.v = at
	}
	c.DstChannel, c.AccountCode, c.Channel = get("bleg_uuid", "bridge_uuid"), get("accountcode", "account_code"), get("local_ip_v4")
	c.LinkedID = fsALegUUID(get, c.UniqueID)
	if r, w := get("read_codec"), get("write_codec"); r != "" || w != "" {
		c.UserField = r + "/" + w
	}
	for i, v := range []string{c.Start, c.Answer, c.End} {
		if v == "" && i > 0 {
			continue
		}
		if !isDateTime(v) {
			name := [...]string{"start_stamp", "answer_stamp", "end_stamp"}[i]
			return fmt.Sprintf("%s (%s) %q is not a date-time", name, where(name), v)
		}
	}
	switch d := strings.ToLower(get("direction")); d {
	case "inbound", "outbound":
		c.StatedDirection = d
	case "local":
		c.StatedDirection = "internal"
	}
	for _, n := range []string{"duration", "billsec"} {
		v := get(n)
		if n == "billsec" && col(n) == 0 && col("answer_stamp") == 0 {
			c.BillSec = NoBillsec // whether and when the call was answered, the table does not say
			continue
		}
		if col(n) == 0 {
			// no such column: FreeSWITCH's own definitions, end_stamp -
			// start_stamp and end_stamp - answer_stamp (0 unanswered)
			from := c.Start
			if n == "billsec" {
				from = c.Answer
			}
			secs, ok := stampsApart(from, c.End)
			if !ok && (n == "duration" || c.Answer != "") {
				return fmt.Sprintf("no %s column and no end_stamp to count it from", n)
			}
			v = fmt.Sprint(secs)
		}
		secs, ok := parseSeconds(v)
		if !ok {
			return fmt.Sprintf("%s (%s) %q is not a number of seconds", n, where(n), v)
		}
		if n == "duration" {
			c.Duration = secs
		} else {
			c.BillSec = secs
		}
	}
	return ""
}

// stampsApart is the whole seconds from a to b (both read with their
// offsets, if any); false when either is empty or b is before a.
func stampsApart(a, b string) (int64, bool) {
	ta, _, oa, _, errA := ParseTimeOffset(a)
	tb, _, ob, _, errB := ParseTimeOffset(b)
	if a == "" || b == "" || errA != nil || errB != nil {
		return 0, false
	}
	d := int64(tb.Sub(ta).Seconds()) - int64(ob-oa)
	return d, d >= 0
}

// fsALegUUID is the uuid of the A leg of the call a FreeSWITCH CDR row or
// file is a leg of: a B leg (the channel the A leg originated) names it as
// originating_leg_uuid, or as bridge_uuid with last_bridge_role
// originatee, or, in FusionPBX's v_xml_cdr, as bridge_uuid (else
// bleg_uuid) with leg b; an A leg, or a leg that says neither, is its own
// (uuid).
func fsALegUUID(get func(...string) string, uuid string) string {
	switch {
	case get("originating_leg_uuid") != "":
		return get("originating_leg_uuid")
	case strings.EqualFold(get("last_bridge_role"), "originatee") && get("bridge_uuid") != "":
		return get("bridge_uuid")
	case strings.EqualFold(get("leg"), "b") && get("bridge_uuid", "bleg_uuid") != "":
		return get("bridge_uuid", "bleg_uuid")
	}
	return uuid
}
