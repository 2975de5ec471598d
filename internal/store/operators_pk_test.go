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
