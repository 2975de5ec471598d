package asterisk

import "fmt"

// FormatFreeSWITCHAsterisk is FreeSWITCH mod_cdr_csv written with the
// stock "asterisk" template of cdr_csv.conf.xml (default-template
// "asterisk"), 18 quoted fields in the order of Asterisk's cdr_csv:
//
//	accountcode, caller_id_number, destination_number, context,
//	caller_id, channel_name, bridge_channel, last_app, last_arg,
//	start_stamp, answer_stamp, end_stamp, duration, billsec,
//	hangup_cause, amaflags, uuid, userfield
//
// It looks like cdr_csv but is not Asterisk: the 15th field is a hangup
// cause (NORMAL_CLEARING), never a disposition, and the 17th a UUID.
const FormatFreeSWITCHAsterisk Format = "freeswitch-cdr-csv-asterisk"

// fsAsteriskFields is how many fields the template writes.
const fsAsteriskFields = 18

// fitsFreeSWITCHAsterisk says whether a row is the "asterisk" template's:
// 18 fields, start/answer/end in 10-12, duration and billsec in 13-14, a
// hangup cause in 15 and a UUID in 17.
func fitsFreeSWITCHAsterisk(f []csvField) bool {
	return len(f) == fsAsteriskFields && timesFit(f[9].val, f[10].val, f[11].val) && isSeconds(f[12].val) &&
		isSeconds(f[13].val) && isHangupCause(f[14].val) && isUUID(f[16].val)
}

// fillFreeSWITCHAsterisk maps a row of the "asterisk" template onto c,
// field by field as cdr_csv's: accountcode -> AccountCode,
// caller_id_number -> Src, destination_number -> Dst, context ->
// DContext, caller_id -> CLID, channel_name -> Channel, bridge_channel ->
// DstChannel, last_app and last_arg -> LastApp and LastData, the stamps
// -> Start, Answer, End, duration and billsec, hangup_cause ->
// Disposition (kept as written), amaflags, uuid -> UniqueID, userfield.
func fillFreeSWITCHAsterisk(c *Call, f []csvField) string {
	if len(f) != fsAsteriskFields {
		return fmt.Sprintf("%d columns; mod_cdr_csv's \"asterisk\" template writes %d", len(f), fsAsteriskFields)
	}
	c.AccountCode, c.Src, c.Dst, c.DContext, c.CLID = f[0].val, f[1].val, f[2].val, f[3].val, f[4].val
	c.Channel, c.DstChannel, c.LastApp, c.LastData = f[5].val, f[6].val, f[7].val, f[8].val
	c.Start, c.Answer, c.End = f[9].val, f[10].val, f[11].val
	if reason := fillTimes(c, 10); reason != "" {
		return reason
	}
	if reason := fillOrderedDurations(c, f[12].val, f[13].val, 13); reason != "" {
		return reason
	}
	if !isHangupCause(f[14].val) {
		return fmt.Sprintf("hangup_cause (column 15) %q is not a FreeSWITCH hangup cause such as NORMAL_CLEARING", f[14].val)
	}
	c.Disposition, c.AMAFlags, c.UniqueID, c.UserField = f[14].val, f[15].val, f[16].val, f[17].val
	return ""
}

// fsOpenCDRRateReason says why a line of mod_cdr_csv's stock "opencdrrate"
// template is not read: uuid, signal_bond, direction, ani,
// destination_number, answer_stamp, end_stamp, billsec, accountcode,
// userfield, network_addr, the caller name's first letter,
// sip_gateway_name. The template writes no start_stamp: when a call began
// (and an unanswered call's time at all) is not in the file, and the
// answer is not the start. "" when the line is not one.
func fsOpenCDRRateReason(line string) string {
	f, err := splitCSV(line, nil)
	if err != nil || len(f) != 13 || !isUUID(f[0].val) || (f[2].val != "inbound" && f[2].val != "outbound") ||
		!isDateTime(f[6].val) || (f[5].val != "" && !isDateTime(f[5].val)) || !isSeconds(f[7].val) {
		return ""
	}
	return "FreeSWITCH mod_cdr_csv written with its stock \"opencdrrate\" template (uuid, signal_bond, direction, ani, destination_number, " +
		"answer_stamp, end_stamp, billsec, accountcode, userfield, network_addr, …): it has no start_stamp, so when a call began is not " +
		"in the file (an unanswered call has no time at all) and the answer is not its start; not read. Configure cdr_csv with the " +
		"default template, or read the switch's other records (xml_cdr, cdr_pg_csv, cdr_sqlite)"
}
