package store

import (
	"strings"
	"testing"
)

// Telenor Pakistan's CDR return in both published column lists: the
// subscriber is MSISDN; INBOUND_OUTBOUND_IND is the direction, O
// outgoing and I incoming; CALL_ORIG_NUM (call_org_num in the second
// list) is the caller and CALL_DIALED_NUM the number dialled, so the
// other party of an incoming call is the caller (923331112244), never
// the subscriber's own number in CALL_DIALED_NUM. The duration is
// CALL_END_DT_TM - CALL_START_DT_TM (10:17:05 - 10:15:20 = 105 s);
// Call_Network_Volume is not read for it (its name says a volume, and a
// GPRS record's is bytes: line 5's 524288 against its 600 s). The cell
// is Cell_Lac_Id-Cell_Site_Id, and in the second list Lac_Id-CELL_SITE_ID,
// never the Site_Id of the site. No number is keyed under another
// country's plan: the import names none.
func TestOperatorTelenorPakistan(t *testing.T) {
	for _, c := range []operatorLayoutCase{
		{"pk_telenor_cdr.csv", "voice", []string{"dates YMD"}, []string{
			"2|923451234567|VOICE_OUT|923001112233|2026-04-02 10:15:20|105|4101-21031|410061234567890|356938035643809",
			"3|923451234567|VOICE_IN|923331112244|2026-04-02 11:00:00|42|4101-21032|410061234567890|356938035643809",
			"4|923451234567|SMS_OUT|923001112255|2026-04-02 12:30:10|0|4101-21031|410061234567890|356938035643809",
			"5|923451234567|GPRS/O||2026-04-02 13:00:00|600|4101-21031|410061234567890|356938035643809",
		}, nil},
		{"pk_telenor_cdr_sites.csv", "voice", []string{"dates YMD"}, []string{
			"2|923451234567|VOICE_OUT|923001112233|2026-04-02 10:15:20|105|4101-21031|410061234567890|356938035643809",
			"3|923451234567|VOICE_IN|923331112244|2026-04-02 11:00:00|42|4101-21032|410061234567890|356938035643809",
		}, nil},
	} {
		t.Run(c.file, func(t *testing.T) {
			st, _ := checkOperatorLayoutWith(t, c, ImportOptions{})
			mapping := strings1(t, st, "SELECT mapping FROM sources")[0]
			for _, want := range []string{"a_party=CALL_ORIG_NUM", "direction=INBOUND_OUTBOUND_IND", "other=CALL_DIALED_NUM"} {
				if c.file == "pk_telenor_cdr_sites.csv" {
					want = strings.Replace(want, "CALL_ORIG_NUM", "call_org_num", 1)
				}
				if !strings.Contains(mapping, want) {
					t.Errorf("mapping %q lacks %q", mapping, want)
				}
			}
			if strings.Contains(mapping, "Call_Network_Volume") || strings.Contains(mapping, "=Site_Id") {
				t.Errorf("mapping %q reads Call_Network_Volume or Site_Id", mapping)
			}
		})
	}
}

// The Telenor layout without CALL_END_DT_TM: no duration is made up from
// Call_Network_Volume (a record without one has none), and a direction
// code that is neither I nor O is kept as written and flagged, the call
// given no direction.
func TestOperatorTelenorPakistanVariant(t *testing.T) {
	body := "MSISDN,CALL_ORIG_NUM,CALL_DIALED_NUM,CALL_START_DT_TM,INBOUND_OUTBOUND_IND,Call_Network_Volume,CALL_TYPE\n" +
		"923451234567,923451234567,923001112233,2026-04-02 10:15:20,O,105,Voice\n" +
		"923451234567,923331112244,923451234567,2026-04-02 11:00:00,X,42,Voice\n"
	st := openTemp(t)
	res := importOne(t, st, writeEvidence(t, "telenor.csv", body), ImportOptions{})
	if res.Error != "" || res.Rows != 2 {
		t.Fatalf("%+v", res)
	}
	got := strings.Join(readRows(t, st, "SELECT line, call_type, other, ifnull(duration, '-') FROM voice_readable ORDER BY line"), " ")
	if want := "2|VOICE_OUT|923001112233|- 3|VOICE/X|923331112244|-"; got != want {
		t.Errorf("records %s, want %s", got, want)
	}
	rej := readRows(t, st, rejectsQuery)
	if len(rej) != 1 || !strings.HasPrefix(rej[0], `3|field|call_type "VOICE/X" kept as written`) {
		t.Errorf("rejects %q", rej)
	}
}

// Zong's (China Mobile Pakistan) CDR return under its banner: MSISDN_ID
// the subscriber, STRT_TM the start, BNUMBER the other party, CALL_TYPE
// "Call - Outgoing" … the kind and direction; the duration is written in
// two columns, MINS and the SECS after them: 2 and 15 are 135 s, 1 and 5
// are 65 s. A row whose SECS is empty gets no duration (a field issue),
// never 120 s from its minutes alone. The cell is LAC_ID-CELL_ID; before,
// the file was taken for a cell-site list (CELL_ID, LAT, LNG,
// SITE_ADDRESS) and not imported.
func TestOperatorZongPakistan(t *testing.T) {
	st, _ := checkOperatorLayoutWith(t, operatorLayoutCase{"pk_zong_cdr.csv", "voice", []string{"header on line 6", "dates DMY"}, []string{
		"7|923151234567|VOICE_OUT|923001112233|2026-04-14 10:15:20|135|4101-21031||356938035643809",
		"8|923151234567|VOICE_IN|923331112244|2026-04-14 11:00:00|42|4101-21032||356938035643809",
		"9|923151234567|SMS_OUT|923001112255|2026-04-14 12:30:10|0|4101-21031||356938035643809",
		"10|923151234567|VOICE_OUT|923001112266|2026-04-14 13:00:00|65|4101-21031||356938035643809",
		"11|923151234567|VOICE_IN|923001112277|2026-04-14 14:00:00||4101-21032||356938035643809",
	}, []string{`11|field|duration "MINS=2 SECS=" dropped: minutes and seconds that are not both whole numbers: the duration is not counted`}},
		ImportOptions{})
	if mapping := strings1(t, st, "SELECT mapping FROM sources")[0]; !strings.Contains(mapping, "duration=MINS×60+SECS") {
		t.Errorf("mapping %q", mapping)
	}
	if n := count(t, st, "SELECT count(*) FROM cell_sites"); n != 0 {
		t.Errorf("%d cell sites from a CDR", n)
	}
}

// A SECS column holding whole durations (75 beside MINS 2: a call's
// seconds, not those after its minutes) is refused with its line, and
// no record gets a duration counted from the pair (2×60+75 would be 195,
// the minutes counted twice).
func TestOperatorZongSecondsNotRemainder(t *testing.T) {
	body := "CALL_TYPE,MSISDN_ID,STRT_TM,BNUMBER,MINS,SECS,LAC_ID,CELL_ID\n" +
		"Call - Outgoing,923151234567,14/04/2026 10:15:20,923001112233,2,75,4101,21031\n" +
		"Call - Incoming,923151234567,14/04/2026 11:00:00,923331112244,0,42,4101,21032\n"
	st := openTemp(t)
	res := importOne(t, st, writeEvidence(t, "zong.csv", body), ImportOptions{})
	if res.Error != "" || res.Rows != 2 || !strings.Contains(res.Format, `columns refused: "MINS", "SECS" not duration (SECS 75 on line 2`) {
		t.Fatalf("%+v", res)
	}
	if got := strings.Join(readRows(t, st, "SELECT line, ifnull(duration, '-') FROM voice_readable ORDER BY line"), " "); got != "2|- 3|-" {
		t.Errorf("durations %s, want none", got)
	}
}
