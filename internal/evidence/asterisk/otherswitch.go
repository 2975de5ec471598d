package asterisk

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Call-record layouts of other switches, read as calls (never as data
// sessions) with caller, callee, start, duration and cause.
const (
	// FormatCUCM is a Cisco Unified CM CDR file: a header naming
	// cdrRecordType, globalCallID_callId, dateTimeOrigination,
	// callingPartyNumber, finalCalledPartyNumber, duration ... (a line of
	// column types such as INTEGER or VARCHAR(50) may follow), times as
	// Unix seconds (UTC).
	FormatCUCM Format = "cisco-cucm-cdr"
	// FormatKamailioAcc is a Kamailio/OpenSIPS acc table export: method,
	// from_tag, to_tag, callid, sip_code, sip_reason, time and the extra
	// columns naming the parties (src_user, dst_user or dst_ouser). An
	// INVITE row is a call; the BYE row of the same callid gives its end.
	FormatKamailioAcc Format = "kamailio-acc"
)

// q850 names the commonest Q.850 cause codes CUCM writes.
var q850 = map[string]string{
	"0": "NO_ERROR", "1": "UNALLOCATED_NUMBER", "3": "NO_ROUTE_DESTINATION", "16": "NORMAL_CLEARING", "17": "USER_BUSY",
	"18": "NO_USER_RESPONSE", "19": "NO_ANSWER", "21": "CALL_REJECTED", "27": "DESTINATION_OUT_OF_ORDER",
	"28": "INVALID_NUMBER_FORMAT", "31": "NORMAL_UNSPECIFIED", "34": "NO_CIRCUIT_AVAILABLE", "38": "NETWORK_OUT_OF_ORDER",
	"41": "TEMPORARY_FAILURE", "47": "RESOURCE_UNAVAILABLE", "102": "RECOVERY_ON_TIMER_EXPIRE", "127": "INTERWORKING",
	"393216": "CM_CALL_SPLIT", "262144": "CM_CONFERENCE", "458752": "CM_DROP_ANY_PARTY",
}

// headerIndex maps lower-cased header names to columns.
func headerIndex(cells []csvField) map[string]int {
	m := map[string]int{}
	for i, c := range cells {
		k := strings.ToLower(strings.TrimSpace(c.val))
		if _, dup := m[k]; !dup {
			m[k] = i
		}
	}
	return m
}

// switchHeader recognises the header of FormatCUCM, FormatKamailioAcc,
// FormatFreeSWITCHTable, FormatKamailioCDRs, FormatIssabelReport,
// FormatThreeCXTable, FormatYeastarCDR or FormatIPOfficeSMDR.
func switchHeader(line string) (Format, map[string]int, byte, bool) {
	delim := tableDelim(line)
	cells, err := splitTable(line, delim, nil)
	if err != nil {
		return "", nil, 0, false
	}
	h := headerIndex(cells)
	has := func(names ...string) bool {
		for _, n := range names {
			if _, ok := h[n]; !ok {
				return false
			}
		}
		return true
	}
	switch {
	case has("datetimeorigination", "callingpartynumber", "duration") && (has("finalcalledpartynumber") || has("originalcalledpartynumber")):
		return FormatCUCM, h, delim, true
	case has("method", "callid", "sip_code", "time"):
		return FormatKamailioAcc, h, delim, true
	case isFreeSWITCHTableHeader(has):
		return FormatFreeSWITCHTable, h, delim, true
	case isIssabelReportHeader(has):
		return FormatIssabelReport, h, delim, true
	case isThreeCXTableHeader(has):
		return FormatThreeCXTable, h, delim, true
	case isYeastarHeader(has):
		return FormatYeastarCDR, h, delim, true
	case isIPOfficeHeader(has):
		return FormatIPOfficeSMDR, h, delim, true
	}
	if cdrs, _ := isKamailioCDRsHeader(has, len(cells)); cdrs {
		return FormatKamailioCDRs, h, delim, true
	}
	return "", nil, 0, false
}

// DetectOtherSwitch says whether a head is a CUCM CDR or a Kamailio/
// OpenSIPS acc export, by its header; reason says which, or (ok false and
// reason set) why such a file cannot be read.
func DetectOtherSwitch(head []byte) (f Format, ok bool, reason string) {
	if reason := necSMDRReason(head); reason != "" {
		return FormatNECSMDR, false, reason
	}
	if reason := panasonicSMDRReason(head); reason != "" {
		return FormatPanasonicSMDR, false, reason
	}
	if reason := toshibaSMDRReason(head); reason != "" {
		return FormatToshibaSMDR, false, reason
	}
	if reason := mitelSMDRReason(head); reason != "" {
		return FormatMitelSMDR, false, reason
	}
	if reason := avayaCMReason(head); reason != "" {
		return FormatAvayaCMCDR, false, reason
	}
	for _, b := range headLines(head) {
		if isBlank(b) {
			continue
		}
		if reason := threeCXOtherOrder(string(b)); reason != "" {
			return FormatThreeCX, false, reason
		}
		if reason := fsOpenCDRRateReason(string(b)); reason != "" {
			return FormatFreeSWITCH, false, reason
		}
		if reason := cucmCMRReason(string(b)); reason != "" {
			return FormatCUCM, false, reason
		}
		f, h, _, found := switchHeader(string(b))
		if !found {
			return "", false, ""
		}
		if f == FormatKamailioCDRs {
			has := func(names ...string) bool {
				for _, n := range names {
					if _, ok := h[n]; !ok {
						return false
					}
				}
				return true
			}
			if _, parties := isKamailioCDRsHeader(has, len(h)); !parties {
				return f, false, kamailioCDRsNoParties
			}
			return f, true, fmt.Sprintf("%s: a Kamailio acc_cdrs export (the acc module's dialog CDRs) with a header of %d columns: each row is a call", f, len(h))
		}
		if f == FormatThreeCXTable {
			return f, true, fmt.Sprintf("%s: 3CX's cdroutput table (V20) with a header of %d columns, read by name: a row per leg of a call", f, len(h))
		}
		if f == FormatIPOfficeSMDR {
			return f, true, fmt.Sprintf("%s: an Avaya IP Office SMDR file (Delta Server's CSV) with a header of %d columns, read by name", f, len(h))
		}
		if f == FormatYeastarCDR {
			if _, api := h["callduraction"]; api {
				return f, true, fmt.Sprintf("%s: Yeastar's CDR report API events (timestart, callfrom, callto, callduraction ...) with a header of %d columns, read by name", f, len(h))
			}
			return f, true, fmt.Sprintf("%s: a Yeastar PBX's CDR download with a header of %d columns, read by name", f, len(h))
		}
		if f == FormatIssabelReport {
			return f, true, fmt.Sprintf("%s: an Elastix/Issabel CDR Report export with a header of %d columns, read by name; its Duration is billsec", f, len(h))
		}
		if f == FormatFreeSWITCHTable {
			return f, true, fmt.Sprintf("%s: a FreeSWITCH CDR table (cdr_pg_csv, cdr_sqlite or FusionPBX xml_cdr) exported with a header of %d columns, read by name", f, len(h))
		}
		if f == FormatKamailioAcc {
			_, src := h["src_user"]
			_, fromUser := h["from_user"]
			_, dst := h["dst_user"]
			_, dstO := h["dst_ouser"]
			_, toUser := h["to_user"]
			if !(src || fromUser) || !(dst || dstO || toUser) {
				return f, false, "a Kamailio/OpenSIPS acc export (method, callid, sip_code, time) without the columns naming caller and callee " +
					"(src_user and dst_user or dst_ouser): export the acc table with its extra columns (acc_extra / log_extra: src_user, dst_user), or the acc_cdrs table, and import that"
			}
			return f, true, fmt.Sprintf("%s: Kamailio/OpenSIPS accounting (acc) export with a header of %d columns: INVITE rows are calls, BYE rows end them", f, len(h))
		}
		return f, true, fmt.Sprintf("%s: Cisco Unified CM CDR with a header of %d columns, times as Unix seconds (UTC)", f, len(h))
	}
	return "", false, ""
}

// switchState is a Reader's header for the other switches.
type switchState struct {
	h       map[string]int
	delim   byte
	started bool
}

// fillOtherSwitch maps a row of FormatCUCM or FormatKamailioAcc onto c;
// skip says the row is not a record (CUCM's line of column types).
func fillOtherSwitch(c *Call, f []csvField, format Format, s *switchState) (reason string, skip bool) {
	get := func(names ...string) string {
		for _, n := range names {
			if i, ok := s.h[n]; ok && i < len(f) {
				if v := strings.TrimSpace(f[i].val); v != "" {
					return v
				}
			}
		}
		return ""
	}
	switch format {
	case FormatCUCM:
		orig := get("datetimeorigination")
		if strings.EqualFold(orig, "INTEGER") {
			return "", true
		}
		switch rt := get("cdrrecordtype"); rt {
		case "1", "":
		case "2":
			return "cdrRecordType 2: a CMR row (the voice quality of one leg: packets, octets, jitter), not a call; its columns are not the CDR header's", false
		case "0":
			return "cdrRecordType 0: a start record, written before the call ended (its end, duration and cause are not final); the call's end record (1) is read", false
		default:
			return fmt.Sprintf("cdrRecordType %q is none of CUCM's (1 a call's end record, 0 a start record, 2 a CMR row)", rt), false
		}
		start, ok := epochText(orig)
		if !ok {
			return fmt.Sprintf("dateTimeOrigination %q is not Unix seconds", orig), false
		}
		c.Start = start
		if v, ok := epochText(get("datetimeconnect")); ok {
			c.Answer = v
		}
		if v, ok := epochText(get("datetimedisconnect")); ok {
			c.End = v
		}
		c.Src, c.Dst = get("callingpartynumber"), get("finalcalledpartynumber", "originalcalledpartynumber")
		c.CLID = get("callingpartyunicodeloginuserid", "callingpartynumber")
		c.Channel, c.DstChannel = get("origdevicename"), get("destdevicename")
		c.LastData = get("originalcalledpartynumber")
		if c.LastData != "" {
			c.LastApp = "originalCalledPartyNumber"
		}
		c.UniqueID = get("globalcallid_callmanagerid") + "-" + get("globalcallid_callid")
		bill, ok := parseSeconds(get("duration"))
		if !ok {
			return fmt.Sprintf("duration %q is not a number of seconds", get("duration")), false
		}
		c.BillSec, c.Duration = bill, NoDuration // the whole call only from its origination to its disconnect
		if s0, err := strconv.ParseInt(orig, 10, 64); err == nil {
			if e, err := strconv.ParseInt(get("datetimedisconnect"), 10, 64); err == nil && e >= s0 {
				c.Duration = e - s0
			}
		}
		cause := get("destcause_value")
		if cause == "" || cause == "0" {
			cause = get("origcause_value")
		}
		c.Disposition = cause
		if name, ok := q850[cause]; ok {
			c.Disposition = name
		}
		return "", false
	case FormatFreeSWITCHTable, FormatKamailioCDRs, FormatIssabelReport, FormatThreeCXTable, FormatYeastarCDR, FormatIPOfficeSMDR:
		col := func(n string) int {
			if i, ok := s.h[n]; ok {
				return i + 1
			}
			return 0
		}
		switch format {
		case FormatKamailioCDRs:
			return fillKamailioCDRs(c, get, col), false
		case FormatIssabelReport:
			return fillIssabelReport(c, get, col), false
		case FormatThreeCXTable:
			return fillThreeCXTable(c, get, col), false
		case FormatYeastarCDR:
			return fillYeastar(c, get, col), false
		case FormatIPOfficeSMDR:
			return fillIPOffice(c, get, col), false
		}
		return fillFreeSWITCHTable(c, get, col, func(n string) string { return fmt.Sprintf("column %d", col(n)) }), false
	case FormatKamailioAcc:
		method := strings.ToUpper(get("method"))
		t := get("time")
		if !isDateTime(t) {
			if v, ok := epochText(t); ok {
				t = v
			} else {
				return fmt.Sprintf("time %q is neither a date-time nor Unix seconds", t), false
			}
		}
		c.Start, c.UniqueID = t, get("callid")
		c.Src, c.Dst = get("src_user", "from_user"), get("dst_ouser", "dst_user", "to_user")
		c.Channel, c.DstChannel = get("src_ip"), get("dst_domain")
		c.Disposition = strings.TrimSpace(get("sip_code") + " " + get("sip_reason"))
		c.LastApp = method
		return "", !accMethod(c, method)
	}
	return "unknown format", false
}

// accMethod keeps the records of an acc export or log that this package
// reads: an INVITE is a call, a BYE ends the call of its callid (Kind
// "bye"); keep is false for any other method. An INVITE's whole duration
// is NoDuration until its BYE (or a CDR record's duration) gives it, and
// so is the talk time of an answered one (a 2xx code): NoBillsec, not 0.
func accMethod(c *Call, method string) (keep bool) {
	switch method {
	case "INVITE":
		c.Duration = NoDuration
		if strings.HasPrefix(c.Disposition, "2") {
			c.BillSec = NoBillsec
		}
		return true
	case "BYE":
		c.Kind = "bye"
		return true
	}
	return false
}

// epochText turns Unix seconds into a UTC date-time ("" and false for
// anything else, and for CUCM's 0 = never).
func epochText(s string) (string, bool) {
	if !isDigits(s) || len(s) < 9 || len(s) > 11 {
		return "", false
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v == 0 {
		return "", false
	}
	return time.Unix(v, 0).UTC().Format("2006-01-02 15:04:05"), true
}
