package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// operatorLayoutCase is one file of testdata/operators with every field of
// every record worked out by hand.
type operatorLayoutCase struct {
	file      string
	kind      string
	formatHas []string
	rows      []string // voiceRowsQuery or dataRowsQuery
	rejects   []string // rejectsQuery
}

// checkOperatorLayout imports the file through the real import path and
// compares every record, the rejects and the source's format record.
func checkOperatorLayout(t *testing.T, c operatorLayoutCase) (*Store, FileResult) {
	t.Helper()
	return checkOperatorLayoutWith(t, c, ImportOptions{Country: layoutCountry(c.file)})
}

// checkOperatorLayoutWith is checkOperatorLayout with the import's options;
// both return the case and the file's result for further checks.
func checkOperatorLayoutWith(t *testing.T, c operatorLayoutCase, opts ImportOptions) (*Store, FileResult) {
	t.Helper()
	st := openTemp(t)
	res := importOne(t, st, operatorFile(c.file), opts)
	if res.Error != "" || res.Kind != c.kind {
		t.Fatalf("kind %q error %q (format %q), want kind %s", res.Kind, res.Error, res.Format, c.kind)
	}
	for _, want := range c.formatHas {
		if !strings.Contains(res.Format, want) {
			t.Errorf("format %q lacks %q", res.Format, want)
		}
	}
	q := voiceRowsQuery
	if c.kind == "ipdr" {
		q = dataRowsQuery
	}
	if got := readRows(t, st, q); strings.Join(got, "\n") != strings.Join(c.rows, "\n") {
		t.Errorf("records\n got  %s\n want %s", strings.Join(got, "\n      "), strings.Join(c.rows, "\n      "))
	}
	if res.Rows != int64(len(c.rows)) {
		t.Errorf("result says %d rows, want %d", res.Rows, len(c.rows))
	}
	if got := readRows(t, st, rejectsQuery); strings.Join(got, "\n") != strings.Join(c.rejects, "\n") {
		t.Errorf("rejects\n got  %s\n want %s", strings.Join(got, "\n      "), strings.Join(c.rejects, "\n      "))
	}
	var stored string
	if err := st.DB().QueryRow("SELECT format FROM sources").Scan(&stored); err != nil || stored != res.Format {
		t.Errorf("the source's format record %q (%v), want %q", stored, err, res.Format)
	}
	return st, res
}

// More published layouts (testdata/operators/README.md says where each
// was found), every field of every row worked out by hand.
func TestOperatorLayoutsMore(t *testing.T) {
	cases := []operatorLayoutCase{
		// An Indian tower dump: many subscribers, each row the A party's
		// (its IMEI A, IMSI A, First Cell ID A). The subscriber of an
		// incoming call or SMS is the A party, never the caller in the B
		// column; an A2P sender in B is kept as written; a 14-digit IMEI
		// is kept; the address column is not the cell.
		{"tower_dump_in.csv", "voice", []string{"dates DMY", "records of the A party"}, []string{
			"2|919811100001|VOICE_OUT|9822200002|2026-02-14 10:15:20|35|404-10-1234-5678|404100000000011|356938035643809",
			"3|919811100003|VOICE_IN|9811100001|2026-02-14 10:16:00|12|404-10-1234-5678|404100000000013|356938035643817",
			"4|919833300004|SMS_IN|AX-HDFCBK|2026-02-14 10:20:05|0|404-10-1234-5678|404100000000014|",
			"5|919811100005|SMS_OUT|9811100003|2026-02-14 10:31:44|0|404-10-1234-5679|404100000000015|35693803564381",
		}, []string{`4|field|other "AX-HDFCBK" kept as written: an alphanumeric sender, not a number`}},
		// A CDR analysis tool's canonical 26 columns: CdrNo is the target;
		// the call type is "Call Type", not the "Type" of line (Mobile);
		// the cell is the First Cell ID (a hex CGI kept as written), never
		// its address or the Lat-Long-Azimuth.
		{"cdat_cdr.csv", "voice", []string{"dates DMY"}, []string{
			"2|919876500001|VOICE_OUT|9812300002|2026-03-13 08:05:10|64|40410A1B2C3D4|404100000000021|356938035643809",
			"3|919876500001|VOICE_IN|9812300003|2026-03-13 09:00:00|20|40410A1B2C3D5|404100000000021|356938035643809",
			"4|919876500001|SMS_IN|JD-ICICIB|2026-03-14 19:45:03|0|40410A1B2C3D5|404100000000021|356938035643809",
		}, []string{`4|field|other "JD-ICICIB" kept as written: an alphanumeric sender, not a number`}},
		// Vodafone Idea's destination-IP IPDR ("VIL Call Data Records",
		// DESTIP banner): the start and end are "Session Start/End date &
		// time"; Source IP/Port the private side, Translated IP/Port the
		// public; the cell is the CGI ("CGI-ld"), never "First Cell
		// ID-Name/Location" (a site name); total = uplink + downlink.
		{"vi_ipdr.csv", "ipdr", []string{"header on line 4", "dates DMY"}, []string{
			"5|918980200001|404051650000001|869236064900001|10.20.30.40|51000|49.36.12.7|10240|157.240.16.52|443|2026-03-14 21:05:10|2026-03-14 21:07:40|404-05-2231-14521|3000|12000|15000|LTE|www|",
			"6|918980200007|404051650000007|359912109800001|10.20.30.41|51002|49.36.12.8|10242|157.240.16.52|5222|2026-03-15 07:45:00|2026-03-15 07:45:30|404-05-2231-14522|800|900|1700|LTE|www|",
		}, nil},
		// Airtel's dynamic IPDR (banner, then a row per NAT event within a
		// session): the start is the Event_Start_Time, never the session's
		// start (a NAT port is the event's, not the session's); the
		// session's end and the unqualified Duration are set aside, so the
		// record has no end rather than a wrong one. Source_Private_IPV4 is
		// the private side, Source_Public_IPv4/IPv6 and Source_Public_Port
		// the public; Destination_IP4 or _IP6, whichever the row has; the
		// RAT is the "2g/4g/5g" column; the footer is report text.
		{"airtel_dynamic_ipdr.csv", "ipdr", []string{"header on line 4", "dates DMY", "no column for end",
			`"Session_Start_Time" not start (the session's; the row is an event within it)`,
			`"Session_End_Time" not the event's end`, `"Duration" not the event's duration`}, []string{
			"5|919876543210|404450000000031|352099001761481|10.71.3.9||106.205.17.44|40112|142.250.183.14|443|2026-03-15 10:12:30||404-45-1021-28731|2048|8192|10240|4G|airtelgprs.com|",
			"6|919876543210|404450000000031|352099001761481|10.71.3.9||2401:4900:1c2a:7b1::5||2a03:2880:f12f:83:face:b00c:0:25de|443|2026-03-15 10:13:05||404-45-1021-28731|512|1024|1536|4G|airtelgprs.com|",
		}, nil},
		// An MSC's call records in Ericsson's field names (3GPP-style
		// camel case, as a decoder writes them): the calling and the called
		// party each have an IMSI, IMEI and first location. The subscriber
		// of an msTerminating record is the called party, so its IMSI, IMEI
		// and cell are the called party's columns, never the caller's
		// (line 3's caller is another subscriber of the network, with an
		// IMSI of its own). chargeableDuration is H:MM:SS.
		{"ericsson_msc_cdr.csv", "voice", []string{"dates YMD", "target 4915112340001",
			"identity of an incoming record from the called party's columns"}, []string{
			"2|4915112340001|VOICE_OUT|4917698760002|2024-05-14 09:12:44|138|262-01-4711-20301|262011234000001|35209900176148",
			"3|4915112340001|VOICE_IN|4917698760003|2024-05-14 10:15:00|45|262-01-4711-20302|262011234000001|35209900176148",
			"4|4915112340001|SMS_IN|4917698760004|2024-05-15 07:00:00||262-01-4711-20302|262011234000001|35209900176148",
		}, nil},
		// The same records as an Ericsson MSC decoder writes them, the
		// identities split into sub-columns (callingSubscriberIMSI.mcc,
		// .mnc, .msin; callingSubscriberIMEI.TAC, .SNR, .Spare): each
		// assembled, MCC+MNC+MSIN = 262 01 1234000001, TAC+SNR = 35209900
		// 176148 (the spare digit is no check digit), the called party's
		// for an incoming record; line 4's IMEI has a 5-digit SNR: not
		// assembled, a field issue, the record kept without it.
		{"ericsson_msc_cdr_split.csv", "voice", []string{"dates YMD", "target 4915112340001"}, []string{
			"2|4915112340001|VOICE_OUT|4917698760002|2024-05-14 09:12:44|138|262-01-4711-20301|262011234000001|35209900176148",
			"3|4915112340001|VOICE_IN|4917698760003|2024-05-14 10:15:00|45|262-01-4711-20302|262011234000001|35209900176148",
			"4|4915112340001|SMS_IN|4917698760004|2024-05-15 07:00:00||262-01-4711-20302|262011234000001|",
		}, []string{`4|field|imei "tac=35209900 snr=17614" dropped: calledSubscriberIMEI.snr "17614" is not 6 digits: the IMEI is not assembled`}},
		// VoLTE: an S-CSCF's IMS records in 3GPP's field names (TS 32.298
		// SCSCFRecord): the parties are tel: and sip: URIs, read as their
		// telephone numbers and kept as written; role-of-Node gives the
		// direction, sIP-Method the kind (INVITE a call, MESSAGE an SMS);
		// the start is serviceDeliveryStartTimeStamp (not the request), the
		// duration end - start; the cell the P-Access-Network-Info value.
		// A SIP address that is no number is kept as written and flagged; a
		// record with no delivery start is rejected, never dated by guess.
		{"ims_scscf_cdr.csv", "voice", []string{"dates YMD", "target 4915112340001"}, []string{
			"2|4915112340001|VOICE_OUT|tel:+4930901820|2024-05-14 09:12:44|138|3GPP-E-UTRAN-FDD; utran-cell-id-3gpp=262014711A2B3C01||",
			"3|4915112340001|VOICE_IN|tel:+4917698760003|2024-05-14 10:15:00|45|3GPP-E-UTRAN-FDD; utran-cell-id-3gpp=262014711A2B3C02||",
			"4|4915112340001|SMS_OUT|tel:+4917698760004|2024-05-15 07:00:01|0|3GPP-E-UTRAN-FDD; utran-cell-id-3gpp=262014711A2B3C02||",
			"5|4915112340001|SMS_IN|sip:alice@example.org|2024-05-15 08:00:01|0|3GPP-E-UTRAN-FDD; utran-cell-id-3gpp=262014711A2B3C01||",
		}, []string{
			`5|field|other "sip:alice@example.org" kept as written: a SIP address, not a telephone number`,
			`6|row|start time: empty`,
		}},
		// The CDMA return's field names as an analysts' glossary lists
		// them (CALLING_NBR, CALLED_NBR, DIALED_DIGITS, M_R, START_DATE,
		// END_DATE, NEID, REPOLL, 1ST CELL): M_R is the mobile role
		// (direction); the target is the party of every record, so a
		// "Routed" record is read from where it stands; the other party
		// of an incoming call is the caller, not the dialled digits (the
		// target's own number).
		{"sprint_cdma_glossary.csv", "voice", []string{"dates MDY", "target 3135550001", "no column for imei imsi"}, []string{
			"2|13135550001|VOICE_OUT|3135550142|2025-10-21 17:40:02|70|2044 (switch 412, repoll 3)||",
			"3|13135550001|VOICE_IN|3135550177|2025-10-21 18:02:00|9|1044 (switch 412, repoll 3)||",
			"4|13135550001|VOICE_OUT|3135550188|2025-10-22 07:15:30|300|3131 (switch 412, repoll 3)||",
			"5|13135550001|VOICE_IN|3135550199|2025-10-22 08:00:00|20|||",
		}, nil},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) { checkOperatorLayout(t, c) })
	}
}

// A tower dump lists many subscribers: each is keyed under its own A
// number, with its own IMSI, and none is taken for a target.
func TestOperatorTowerDumpSubscribers(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("tower_dump_in.csv"), ImportOptions{Country: "IN"})
	if res.Error != "" || strings.Contains(res.Format, "target") {
		t.Fatalf("%+v", res)
	}
	got := strings.Join(readRows(t, st, `SELECT subscriber, imsi FROM voice_readable ORDER BY line`), " ")
	want := "919811100001|404100000000011 919811100003|404100000000013 919833300004|404100000000014 919811100005|404100000000015"
	if got != want {
		t.Errorf("subscribers %s, want %s", got, want)
	}
}

// A traffic detail giving each party its own columns (Numero A, Imei A,
// RBS utilizada A, Celda A, … Numero B, Imei B, …, Fecha y Hora, as a
// fiscalía's import form lists them) is refused naming why: both ends
// have a device and a cell, so its records are not all the A party's as a
// tower dump's are, and no column says whose each is.
func TestOperatorUnknownLanguageRefused(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("cl_trafico_refused.csv"), ImportOptions{Country: "IN"})
	if res.Rows != 0 || !strings.Contains(res.Error, "unknown layout") || !strings.Contains(res.Error, "Numero A") ||
		!strings.Contains(res.Error, `an A/B traffic detail: each party has its own device and cell columns ("Imei A", "RBS utilizada A", "Celda A", "Latitud Celda A", "Longitud celda A"; "Imei B", "RBS utilizada B", "Celda B", "Latitud celda B", "Longitud celda B")`) ||
		!strings.Contains(res.Error, "required fields not found: msisdn") || !strings.Contains(res.Error, "--map") {
		t.Fatalf("%+v", res)
	}
	if n := count(t, st, "SELECT count(*) FROM voice"); n != 0 {
		t.Errorf("%d records from a refused file", n)
	}
}

// Airtel's dynamic IPDR gives each CGI's position (CGI Latitude, CGI
// Longitude): it fills the case's cell sites, once per cell.
func TestOperatorAirtelIPDRCellPositions(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("airtel_dynamic_ipdr.csv"), ImportOptions{Country: "IN"})
	if res.Error != "" || res.Rows != 2 {
		t.Fatalf("%+v", res)
	}
	got := strings.Join(strings1(t, st, "SELECT cell_key || ' ' || lat || ' ' || lon || ' ' || line FROM cell_sites WHERE source_id = ?", res.SourceID), "; ")
	if got != "404-45-1021-28731 12.97194 77.59369 5" {
		t.Errorf("cell sites %q", got)
	}
}

// The source's mapping names the called party's columns beside the
// calling party's, so the analyst sees where each identity came from.
func TestOperatorCalledPartyColumnsInMapping(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("ericsson_msc_cdr.csv"), ImportOptions{Country: "DE"})
	if res.Error != "" {
		t.Fatalf("%+v", res)
	}
	mapping := strings1(t, st, "SELECT mapping FROM sources")[0]
	for _, want := range []string{"imsi=callingSubscriberIMSI", "imsi of the called party=calledSubscriberIMSI",
		"imei of the called party=calledSubscriberIMEI", "cell of the called party=firstCalledLocationInformation"} {
		if !strings.Contains(mapping, want) {
			t.Errorf("mapping %q lacks %q", mapping, want)
		}
	}
	// the caller's identities of line 3 are in no record
	if n := count(t, st, "SELECT count(*) FROM voice_readable WHERE imsi = '262019999000003' OR imei = '35391809000001' OR cell = '262-01-4711-20999'"); n != 0 {
		t.Errorf("%d records carry the caller's identity", n)
	}
}

// The IMS records' numbers and cells under their canonical keys: a tel:
// or sip: URI's number is keyed as the international number it is, the
// P-Access-Network-Info cell under MCC-MNC-TAC-ECI (TAC 0x4711 = 18193,
// ECI 0xA2B3C01 = 170605569); one subscriber only.
func TestOperatorIMSKeys(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("ims_scscf_cdr.csv"), ImportOptions{Country: "DE"})
	if res.Error != "" || res.Rows != 4 {
		t.Fatalf("%+v", res)
	}
	got := strings.Join(readRows(t, st, "SELECT line, msisdn_key, other_key, cell_key FROM voice_readable ORDER BY line"), " ")
	want := "2|4915112340001|4930901820|262-01-18193-170605569 3|4915112340001|4917698760003|262-01-18193-170605570 " +
		"4|4915112340001|4917698760004|262-01-18193-170605570 5|4915112340001||262-01-18193-170605569"
	if got != want {
		t.Errorf("keys\n got  %s\n want %s", got, want)
	}
	if n := count(t, st, "SELECT count(*) FROM subscribers"); n != 1 {
		t.Errorf("%d subscribers, want 1", n)
	}
}

// In a file whose target is the party of every record, the subscriber is
// never keyed as the way the previous row's other party was written (a
// "+33 6 12 34 56 78" on one row once made the next row's subscriber
// +33612345678).
func TestOperatorTargetNotWrittenAsLastOther(t *testing.T) {
	path := filepath.Join(t.TempDir(), "uk.csv")
	os.WriteFile(path, []byte("Calling Telephone Number,Telephone Number Dialled,Start Date/Time,End Date/Time,Telephone Service\n"+
		"07700900123,+33 6 12 34 56 78,15/05/2024 18:30:00,15/05/2024 18:41:10,Voice\n"+
		"07700900123,07700900456,15/05/2024 19:00:00,15/05/2024 19:00:00,SMS\n"), 0o644)
	st := openTemp(t)
	res := importOne(t, st, path, ImportOptions{Country: "GB"})
	if res.Error != "" || res.Rows != 2 {
		t.Fatalf("%+v", res)
	}
	got := strings.Join(readRows(t, st, "SELECT line, msisdn, msisdn_key, other, other_key FROM voice_readable ORDER BY line"), " ")
	want := "2|07700900123|447700900123|+33 6 12 34 56 78|33612345678 3|07700900123|447700900123|07700900456|447700900456"
	if got != want {
		t.Errorf("records\n got  %s\n want %s", got, want)
	}
	if n := count(t, st, "SELECT count(*) FROM subscribers"); n != 1 {
		t.Errorf("%d subscribers, want 1", n)
	}
}

// An identity split into sub-columns is named in the mapping by its
// parts; one whose parts are not all there is refused as a whole, the
// format naming its columns and the parts missing, and no record carries
// a part of it for the IMSI (before: ".msin" alone, 10 digits, was
// refused as "not imsi" without saying it was a part).
func TestOperatorSplitIdentities(t *testing.T) {
	st := openTemp(t)
	res := importOne(t, st, operatorFile("ericsson_msc_cdr_split.csv"), ImportOptions{Country: "DE"})
	if res.Error != "" {
		t.Fatalf("%+v", res)
	}
	mapping := strings1(t, st, "SELECT mapping FROM sources")[0]
	for _, want := range []string{"imsi=callingSubscriberIMSI.mcc+mnc+msin", "imsi of the called party=calledSubscriberIMSI.mcc+mnc+msin",
		"imei=callingSubscriberIMEI.tac+snr", "imei of the called party=calledSubscriberIMEI.tac+snr"} {
		if !strings.Contains(mapping, want) {
			t.Errorf("mapping %q lacks %q", mapping, want)
		}
	}
	part := "callingPartyNumber,calledPartyNumber,recordType,dateForStartOfCharge,timeForStartOfCharge,callingSubscriberIMSI.msin,callingSubscriberIMSI.mnc,callingSubscriberIMEI\n" +
		"4915112340001,4917698760002,msOriginating,2024-05-14,09:12:44,1234000001,01,35209900176148\n"
	st = openTemp(t)
	res = importOne(t, st, writeEvidence(t, "part.csv", part), ImportOptions{Country: "DE"})
	want := `columns refused: "callingSubscriberIMSI.mnc", "callingSubscriberIMSI.msin": an IMSI split into parts, .mcc missing: not assembled`
	if res.Error != "" || res.Rows != 1 || !strings.Contains(res.Format, want) {
		t.Fatalf("%+v\nwant format with %s", res, want)
	}
	if got := readRows(t, st, voiceRowsQuery); len(got) != 1 || got[0] != "2|4915112340001|VOICE_OUT|4917698760002|2024-05-14 09:12:44||||35209900176148" {
		t.Errorf("rows %q: the IMSI must be empty, the whole IMEI read", got)
	}
}

// T-Mobile's LTE records and its GSM records name no network (no MCC and
// MNC columns): their cells are keyed under the serving network the
// analyst names with --plmn, never under the IMSI's home network.
func TestOperatorTMobileServingNetwork(t *testing.T) {
	for _, c := range []struct {
		plmn string
		c    operatorLayoutCase
	}{
		// T-Mobile's LTE records: "1st LTE Site ID" and "1st LTE Sector
		// ID" are the eNodeB and its cell, ECI = site×256 + sector (1201×256
		// + 2 = 307458). The file has no MCC and MNC columns: with no --plmn
		// the LTE records get no cell (a field issue each, never the IMSI's
		// home network: the IMSI names the subscriber's network, not the
		// serving one) and the GSM record keeps LAC-CI, which names no
		// network; a sector that is no local cell id (999) is a field issue
		// and no cell either way.
		{"", operatorLayoutCase{"tmobile_cdr_lte.csv", "voice", []string{"dates MDY", "LTE cell = site×256 + sector (no network: no cell without --plmn)"}, []string{
			"2|12065550001|VOICE_OUT|2065550102|2025-03-16 10:00:00|60||310260000000001|35391809000001",
			"3|12065550001|VOICE_IN|2065550103|2025-03-16 11:00:00|30||310260000000001|35391809000001",
			"4|12065550001|VOICE_OUT|2065550104|2025-03-16 12:00:00|20|13411-30551|310260000000001|35391809000001",
			"5|12065550001|VOICE_OUT|2065550105|2025-03-16 13:00:00|10||310260000000001|35391809000001",
		}, []string{
			`2|field|cell "1201/2" dropped: LTE cell with no network: the file has no MCC and MNC columns (name the serving network with --plmn MCC-MNC; the IMSI's is the subscriber's home network, not the one serving them)`,
			`3|field|cell "1201/3" dropped: LTE cell with no network: the file has no MCC and MNC columns (name the serving network with --plmn MCC-MNC; the IMSI's is the subscriber's home network, not the one serving them)`,
			`5|field|cell "1202/999" dropped: cell id 999 is neither a local cell id (0 to 255) nor an ECI of eNodeB 1202`,
		}}},
		// The same file with --plmn 311-490 (a network other than the
		// IMSI's 310-260, so the key shows whose network it is): the LTE
		// cells are 311-490-307458 and 311-490-307459, the GSM record's
		// 311-490-13411-30551; the format says where the network came from.
		{"311-490", operatorLayoutCase{"tmobile_cdr_lte.csv", "voice", []string{"LTE cell = site×256 + sector (network 311-490 from --plmn)", "LAC-CI cells in network 311-490 (--plmn)"}, []string{
			"2|12065550001|VOICE_OUT|2065550102|2025-03-16 10:00:00|60|311-490-307458|310260000000001|35391809000001",
			"3|12065550001|VOICE_IN|2065550103|2025-03-16 11:00:00|30|311-490-307459|310260000000001|35391809000001",
			"4|12065550001|VOICE_OUT|2065550104|2025-03-16 12:00:00|20|311-490-13411-30551|310260000000001|35391809000001",
			"5|12065550001|VOICE_OUT|2065550105|2025-03-16 13:00:00|10||310260000000001|35391809000001",
		}, []string{`5|field|cell "1202/999" dropped: cell id 999 is neither a local cell id (0 to 255) nor an ECI of eNodeB 1202`}}},
	} {
		t.Run("plmn="+c.plmn, func(t *testing.T) {
			checkOperatorLayoutWith(t, c.c, ImportOptions{Country: "US", PLMN: c.plmn})
		})
	}
}
