package store

import (
	"context"

	"github.com/cdrtui/cdrtui/internal/evidence/asterisk"
)

// fsCDRFileDetection describes a per-call FreeSWITCH CDR file (mod_xml_cdr's
// <uuid>.cdr.xml, mod_json_cdr's <uuid>.cdr.json): a source of one call
// leg, hashed as stored, its call at the line its record begins.
func fsCDRFileDetection(abs string, f asterisk.Format, reason string, opts ImportOptions, gz bool) *detection {
	clk, zone, zoneNote := cdrClockZone(abs, f, opts)
	wall := clk.wall
	if wall == nil {
		wall = clk.read
	}
	module := "mod_xml_cdr"
	if f == asterisk.FormatFreeSWITCHJSONCDR {
		module = "mod_json_cdr"
	}
	notes := "A FreeSWITCH " + module + " file, not Asterisk: one call leg, its channel variables (URL-decoded) read as the FreeSWITCH CDR table's columns " +
		"(caller_id_number, else the caller profile's or sip_from_user -> src; destination_number, else the caller profile's or sip_to_user -> dst and recipient; " +
		"caller_id_name -> clid, context, duration, billsec, hangup_cause as disposition, uuid -> uniqueid, bleg_uuid or bridge_uuid -> dstchannel, accountcode, the codecs in userfield); " +
		"start/answer/end are the exact instants of start_epoch/answer_epoch/end_epoch (start_uepoch's whole seconds without them; 0 is never), " +
		"each kept at the offset its stamp, the switch's wall clock, shows it at (a stamp its epoch contradicts rejects the file), or with no stamp at the PBX zone's; " +
		"a stamp without its epoch is the wall clock, as in the table. The leg's own direction variable (inbound/outbound as the channel saw it) is not the call's: " +
		"only FusionPBX's call_direction is taken as stated. Each leg is a call record, as a table's row is: linkedid ties a call's legs, the A leg's uuid " +
		"(a B leg names it as originating_leg_uuid, or as bridge_uuid with last_bridge_role originatee); a B leg whose A leg is in the case is counted once with it, " +
		"listed in ast_call_copies with its file and line; one whose A leg is not stays a call, the only record of it. " + zoneNote + "."
	return &detection{kind: KindFreeSWITCHCDR, format: reason, zone: zone, notes: notes,
		importer: func(ctx context.Context, j *importJob) error {
			r, err := j.stream(gz)
			if err != nil {
				return err
			}
			return j.readCalls(ctx, asterisk.NewFSCDRFileReader(r, f, wall), f, clk)
		}}
}
