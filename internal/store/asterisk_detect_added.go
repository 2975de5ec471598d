package store

import "github.com/cdrtui/cdrtui/internal/evidence/asterisk"

// addedSwitchNotes is the kind and the notes of a call-record layout read
// by column name or field order that is not Asterisk's own cdr_csv or
// cdr_custom (3CX, FreeSWITCH tables, Kamailio acc_cdrs, Elastix/Issabel's
// report): what each column became, for the source's notes. notes is ""
// for any other format.
func addedSwitchNotes(f asterisk.Format) (kind, notes string) {
	switch f {
	case asterisk.FormatIssabelReport:
		return KindAsteriskCDR, "An Elastix/Issabel CDR Report export: Asterisk's cdr rows (Date -> start, Source -> src, Destination -> dst, the channels, " +
			"Account Code, Status as disposition, Call Direction/Call Type incoming/outgoing as stated). The report writes billsec, the talk time, " +
			"under Duration (\"125s (2m 5s)\"): " + issabelDurationNote + " "
	case asterisk.FormatYeastarCDR:
		return KindAsteriskCDR, "A Yeastar PBX's CDR download, read by column name as PBX calls (Time -> start, Call From -> src, Call To -> dst, " +
			"a \"Name<number>\" cell read as its number with the caller's whole cell as clid, Call Duration(s) -> duration (ringing with it), " +
			"Talk Duration(s) -> billsec, Status -> disposition, Source/Destination Trunk -> channel/dstchannel, ID -> uniqueid, DID, DOD and Reason " +
			"in userfield); Communication Type Inbound/Outbound/Internal taken as stated, any other type leaves the direction unknown; " +
			"a Time not written year first is rejected (day-first and month-first are not told apart). "
	case asterisk.FormatIPOfficeSMDR:
		return KindAsteriskCDR, "Avaya IP Office SMDR, not Asterisk: a record per call segment read in Avaya's field order (by name under a header) as PBX calls " +
			"(Call Start -> start, Caller -> src, a SIP caller's number@address read as its number with the cell as clid, Called Number -> dst, Dialled Number -> lastdata " +
			"when it differs (an inbound call's DDI), Connected Time -> billsec, Connected + Ring + Hold + Park Time -> duration as Avaya defines it, " +
			"Call ID -> uniqueid and linkedid, the caller's device -> channel and the other's -> dstchannel, Continuation and the party names in userfield); " +
			"Is Internal 1 is internal, else Direction I inbound and O outbound; the start is the PBX's wall clock. "
	case asterisk.FormatKamailioCDRs:
		return KindKamailioAcc, "Kamailio acc_cdrs (the acc module's dialog CDRs): each row is a call (src_user/from_user -> src, dst_ouser/dst_user/to_user -> dst and " +
			"recipient, start_time and end_time, duration's whole seconds as duration, callid or id as uniqueid). acc_cdrs keeps no answer " +
			"time: its start is the answer with cdr_start_on_confirmed, else the INVITE, which the file does not say, so billsec (the talk time) is NULL, never the duration. "
	case asterisk.FormatThreeCX:
		return KindThreeCXCDR, "3CX CDR in its default field order, not Asterisk: imported as 3CX calls (from-no -> src and channel, final-number or else to-no -> dst, " +
			"recipient and dstchannel, to-no in lastdata when the call was passed on, callid -> uniqueid, historyid -> linkedid, reason-terminated as " +
			"disposition, the chain in userfield); an extension written Ext.201 is 201 in src/dst, as written in channel/dstchannel; the duration field " +
			"is the talk time (billsec), duration is end - start (NULL without the end); direction is unknown to the file alone. "
	case asterisk.FormatThreeCXTable:
		return KindThreeCXCDR, "3CX's cdroutput table (V20), not Asterisk: a row per leg of a call (cdr_id -> uniqueid, call_history_id -> linkedid groups a call's legs); " +
			"a side on an external line is the outside party's phone number (its DN, the line's, in channel/dstchannel), any other side its DN; " +
			"duration = ended - started (NULL without the end), billsec = ended - answered (0 not answered, NULL answered without the end); termination_reason as disposition; an external line on the source side is " +
			"inbound, on the destination side outbound, two extensions internal; times with a UTC offset read at it. "
	case asterisk.FormatFreeSWITCHTable:
		return KindFreeSWITCHCDR, "A FreeSWITCH CDR table export (cdr_pg_csv, cdr_sqlite or FusionPBX xml_cdr), not Asterisk: read by column name as FreeSWITCH calls " +
			"(caller_id_number -> src, destination_number -> dst and recipient, caller_id_name -> clid, start/answer/end_stamp, duration, billsec, " +
			"hangup_cause as disposition, uuid -> uniqueid, bleg_uuid or bridge_uuid -> dstchannel, local_ip_v4 -> channel, the codecs in userfield); " +
			"FusionPBX's direction column taken as stated; without duration and billsec columns they are counted as FreeSWITCH defines them " +
			"(end - start, end - answer; billsec NULL, unknown, when there is no answer_stamp column either); a time with a UTC offset (a PostgreSQL timestamptz) is read at its offset. "
	}
	return "", ""
}

// issabelDurationNote is what the notes of an Issabel report say of its
// durations.
const issabelDurationNote = "billsec is that; the export has the talk time only: no whole duration (with its ringing), " +
	"answer or end time, so duration is NULL (unknown), never the talk time."
