package store

import (
	"strings"
	"testing"
)

// threeCXHeader is 3CX V20's cdroutput header as psql's COPY ... CSV
// HEADER writes it (testdata/operators/3cx_cdroutput.csv).
const threeCXHeader = "cdr_id,call_history_id,source_participant_id,source_entity_type,source_dn_number,source_dn_type,source_dn_name,source_participant_name," +
	"source_participant_phone_number,source_participant_is_incoming,destination_participant_id,destination_entity_type,destination_dn_number," +
	"destination_dn_type,destination_dn_name,destination_participant_name,destination_participant_phone_number,creation_method,termination_reason," +
	"cdr_started_at,cdr_ended_at,cdr_answered_at\n"

// threeCXLeg is one internal leg, 201 to 202, of the cdroutput table.
func threeCXLeg(id, started, ended, answered string) string {
	return "0b1e0000-0000-4000-8000-00000000000" + id + ",0c1e0000-0000-4000-8000-0000000000a" + id + ",p1,extension,201,extension,Alice,Alice,,f,p2,extension,202," +
		"extension,Bob,Bob,,call_init,dst_participant_terminated," + started + "," + ended + "," + answered + "\n"
}

// 3CX's cdroutput legs: answered at 09:15:07 and ended 09:17:12 talks
// 125 s; answered at 10:00:05 with no end has a talk time nobody knows
// (NULL, not 0), its whole duration unknown too; not answered and not
// ended talks 0 s. Talk time 125 s, one call unknown.
func TestThreeCXLegAnsweredWithoutEndHasNoTalkTime(t *testing.T) {
	st := openTemp(t)
	res := importText(t, st, "cdroutput.csv", threeCXHeader+
		threeCXLeg("1", "2026-03-10 09:15:00+00", "2026-03-10 09:17:12+00", "2026-03-10 09:15:07+00")+
		threeCXLeg("2", "2026-03-10 10:00:00+00", "", "2026-03-10 10:00:05+00")+
		threeCXLeg("3", "2026-03-10 11:00:00+00", "", ""))
	if res.Error != "" || res.Kind != KindThreeCXCDR || res.Rows != 3 {
		t.Fatalf("%+v", res)
	}
	got := queryRows(t, st.DB(), "SELECT substr(uniqueid, 36), duration, billsec FROM ast_calls ORDER BY uniqueid", "NULL")
	if want := "1|132|125 2|NULL|NULL 3|NULL|0"; strings.Join(got, " ") != want {
		t.Errorf("legs %q, want %s", got, want)
	}
	if talk, unknown := pbxTalk(t, st); talk != 125 || unknown != 1 {
		t.Errorf("talk %d s, %d unknown; want 125, 1", talk, unknown)
	}
}

// A FreeSWITCH CDR table exported without billsec and without
// answer_stamp: whether and when each call was answered the file does not
// say, so its talk time is unknown (NULL), never 0; its duration (132,
// 20) is read. Talk time 0 s, both calls unknown.
func TestFreeSWITCHTableWithoutAnswerHasNoTalkTime(t *testing.T) {
	st := openTemp(t)
	res := importText(t, st, "cdr.csv", "caller_id_number,destination_number,start_stamp,end_stamp,duration,hangup_cause,uuid\n"+
		"1001,0441234567,2026-03-10 09:15:00,2026-03-10 09:17:12,132,NORMAL_CLEARING,a1\n"+
		"1002,0449876543,2026-03-10 10:00:00,2026-03-10 10:00:20,20,NO_ANSWER,a2\n")
	if res.Error != "" || res.Rows != 2 {
		t.Fatalf("%+v", res)
	}
	got := queryRows(t, st.DB(), "SELECT uniqueid, duration, billsec FROM ast_calls ORDER BY uniqueid", "NULL")
	if want := "a1|132|NULL a2|20|NULL"; strings.Join(got, " ") != want {
		t.Errorf("calls %q, want %s", got, want)
	}
	if talk, unknown := pbxTalk(t, st); talk != 0 || unknown != 2 {
		t.Errorf("talk %d s, %d unknown; want 0, 2", talk, unknown)
	}
}

// An Asterisk cdr table exported without its billsec column: each call's
// talk time is unknown (NULL), never 0; with the column, an empty cell is
// unknown too and a written 0 (NO ANSWER) stays 0, and an empty duration
// is NULL. Talk time 0 + 120 s, three calls unknown.
func TestCDRTableWithoutBillsecHasNoTalkTime(t *testing.T) {
	st := openTemp(t)
	res := importText(t, st, "cdr_export.csv", "calldate,src,dst,dcontext,channel,dstchannel,duration,disposition,uniqueid\n"+
		"2026-03-10 09:15:00,201,0441234567,from-internal,SIP/201-1,SIP/trunk-2,130,ANSWERED,1773134100.1\n"+
		"2026-03-10 10:00:00,202,0449876543,from-internal,SIP/202-3,SIP/trunk-4,25,NO ANSWER,1773136800.3\n")
	if res.Error != "" || res.Rows != 2 {
		t.Fatalf("%+v", res)
	}
	res = importText(t, st, "cdr_billsec.csv", "calldate,src,dst,dcontext,channel,duration,billsec,disposition,uniqueid\n"+
		"2026-03-10 11:00:00,203,0445550000,from-internal,SIP/203-5,130,120,ANSWERED,1773140400.5\n"+
		"2026-03-10 11:05:00,203,0445550001,from-internal,SIP/203-6,,,ANSWERED,1773140700.6\n"+
		"2026-03-10 11:10:00,203,0445550002,from-internal,SIP/203-7,20,0,NO ANSWER,1773141000.7\n")
	if res.Error != "" || res.Rows != 3 {
		t.Fatalf("%+v", res)
	}
	got := queryRows(t, st.DB(), "SELECT uniqueid, duration, billsec FROM ast_calls ORDER BY uniqueid", "NULL")
	if want := "1773134100.1|130|NULL 1773136800.3|25|NULL 1773140400.5|130|120 1773140700.6|NULL|NULL 1773141000.7|20|0"; strings.Join(got, " ") != want {
		t.Errorf("calls %q, want %s", got, want)
	}
	if talk, unknown := pbxTalk(t, st); talk != 120 || unknown != 3 {
		t.Errorf("talk %d s, %d unknown; want 120, 3", talk, unknown)
	}
}
