package evidence

import (
	"strings"
	"testing"
)

func sniffText(t *testing.T, text string, opts Options) *Layout {
	t.Helper()
	l, err := Sniff([]byte(text), true, opts)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// An address is never a cell identifier, even when no other column names
// the cell: the field is then reported as filled by no column.
func TestAddressIsNeverACell(t *testing.T) {
	l := sniffText(t, "MSISDN,Other Party,Call Type,Call Date,Call Time,First BTS Location\n"+
		"919900000001,919900000002,MOC,2026-02-01,10:00:00,OPEN PLOT NEAR WATER TANK\n"+
		"919900000001,919900000003,MTC,2026-02-01,11:00:00,Mallickpur II C; Kolkata; Lat-22.39711; Long-88.43938\n", Options{})
	if l.Has(FCell) {
		t.Errorf("cell read from column %d", l.Columns[FCell])
	}
	if !strings.Contains(l.Describe(), `"First BTS Location" not cell`) || !strings.Contains(l.Describe(), "no column for duration cell") {
		t.Errorf("format %q", l.Describe())
	}
}

// The kind comes from the whole set of fields.
func TestKindFromAllFields(t *testing.T) {
	cases := []struct {
		header string
		row    string
		want   Kind
	}{
		// B party, call type and duration beside a VoWiFi UE IP and port
		{"Target No,Call Type,B Party No,Date,Time,Dur(s),Vowifi First UE IP,Port1", "9714400001,OUT,9822000011,15/04/2026,09:42:17,41,10.92.26.67,5060", KindVoice},
		{"Target /A PARTY NUMBER,CALL_TYPE,B PARTY NUMBER,Call date,Call Initiation Time,Call Duration,IP Address,Port No", "8980200001,Outgoing,9772300003,13-01-2026,10:32:38,13,10.71.4.20,5060", KindVoice},
		// destination, port and volumes with a duration: a data session
		{"MSISDN,Destination IP,Destination Port,Start Time,Duration,Uplink,Downlink", "919900000001,142.250.1.1,443,2025-01-02 10:00:00,60,1,2", KindData},
	}
	for _, c := range cases {
		if l := sniffText(t, c.header+"\n"+c.row+"\n", Options{}); l.Kind != c.want {
			t.Errorf("%s: kind %s, want %s", c.header, l.Kind, c.want)
		}
	}
	l := sniffText(t, cases[0].header+"\n"+cases[0].row+"\n", Options{Kind: KindData})
	if l.Kind != KindData {
		t.Errorf("forced kind not kept: %s", l.Kind)
	}
}

// The start is Call Time, not Call Termination Time; the other party the B
// party, not the LRN or the original calling party.
func TestCloserNameWins(t *testing.T) {
	l := sniffText(t, "Target No,LRN- B Party Number,Original Calling Party,B Party Number,Call Type,Call Date,Call Termination Time,Call Time,Duration\n"+
		"919900000001,4106,919900000009,919900000002,MO,13/01/2026,10:16:15,10:15:30,45\n", Options{})
	if l.Columns[FStartTime] != 7 || l.Has(FStart) || l.Columns[FEndTime] != 6 {
		t.Errorf("times %v", l.Columns)
	}
	if l.Columns[FBParty] != 3 || l.Has(FOther) || l.Has(FAParty) {
		t.Errorf("parties %v", l.Columns)
	}
}

func TestHeaderStatesFormat(t *testing.T) {
	for h, want := range map[string]headerFormat{
		"TIME1 (dd/MM/yyyy HH:mm:ss)":             {dated: true, timed: true, order: DMY},
		"Start Date (mm/dd/yyyy)":                 {dated: true, order: MDY},
		"Event Time (yyyy-MM-dd HH:mm:ss)":        {dated: true, timed: true, order: YMD},
		"IST Start Time of allocation (hh:mm:ss)": {timed: true},
		"Duration (Seconds)":                      {},
	} {
		if got := formatOfHeader(h); got != want {
			t.Errorf("%q: %+v, want %+v", h, got, want)
		}
	}
	// 04/06/2026 reads both ways: the header decides
	l := sniffText(t, "MSISDN,Destination IP,Destination Port,TIME1 (dd/MM/yyyy HH:mm:ss)\n919900000001,142.250.1.1,443,04/06/2026 08:57:10\n", Options{})
	if l.DateOrder != DMY || l.Columns[FStart] != 3 {
		t.Errorf("order %q columns %v", l.DateOrder, l.Columns)
	}
}

func TestDashBetweenDateAndTime(t *testing.T) {
	w, err := ParseDateTime("2025-08-23-11:31:22", "")
	if err != nil || w.String() != "2025-08-23 11:31:22" {
		t.Errorf("%v %v", w, err)
	}
}

func TestCellAndSenderValues(t *testing.T) {
	for v, want := range map[string]bool{"404-98-8331-221532674": true, "40585703AD319": true, "404056205320221": true, "C1": true,
		"OPEN PLOT NEAR WATER TANK": false, "21.29327/72.88987": false, "22.39711": false, "Mallickpur II C; Kolkata; Lat-22.39711": false} {
		if looksLikeCellID(v) != want {
			t.Errorf("cell %q: %v", v, !want)
		}
	}
	for v, want := range map[string]bool{"VM-HDFCBK": true, "JP-JioPay-S": true, "AD-Airtel-S": true, "919812345678": false, "OPEN PLOT": false, "": false} {
		if SenderName(v) != want {
			t.Errorf("sender %q: %v", v, !want)
		}
	}
}

func TestDirectionCodes(t *testing.T) {
	cases := []struct {
		callType, service, direction string
		codes                        map[string]string
		want                         string
		known                        bool
	}{
		{"MO", "", "", nil, VoiceOut, true},
		{"MT", "", "", nil, VoiceIn, true},
		{"SMS-MO", "", "", nil, SMSOut, true},
		{"SMS-MT", "", "", nil, SMSIn, true},
		{"", "", "IN", nil, VoiceIn, true},
		{"", "", "OUT", nil, VoiceOut, true},
		{"SMT", "SMS", "", nil, SMSIn, true},
		{"OUT", "Voice", "", nil, VoiceOut, true},
		{"IN", "SMS", "", nil, SMSIn, true},
		{"Incoming", "Voice", "", nil, VoiceIn, true},
		{"mSOriginating", "", "Outgoing", nil, VoiceOut, true},
		{"mSTerminatingSMSinMSC", "", "Incoming", nil, SMSIn, true},
		{"moc", "", "", nil, VoiceOut, true},
		{"mtc", "", "", nil, VoiceIn, true},
		{"A2P_SMSIN", "", "", nil, SMSIn, true},
		// Jio's codes: P2P, P2A and A2P are classes of short messages (the
		// P2POUT of a message sent was a 0 s outgoing call); the access
		// after the direction (Wi-Fi, VoWiFi, VoLTE) leaves it; a video
		// call and a forward are kept as written, as VIDEO is
		{"P2POUT", "", "", nil, SMSOut, true},
		{"P2AOUT", "", "", nil, SMSOut, true},
		{"P2P_SMSIN", "", "", nil, SMSIn, true},
		{"A2P_SMSIN_wifi", "", "", nil, SMSIn, true},
		{"a_out_wifi", "", "", nil, VoiceOut, true},
		{"a_in_wv", "", "", nil, VoiceIn, true},
		{"a_in_vw", "", "", nil, VoiceIn, true},
		{"VDO-IN", "", "", nil, "VDO-IN", true},
		{"a_frw", "", "", nil, "A_FRW", true},
		{"", "", "6", verizonDirections, VoiceIn, true},
		{"", "", "0", verizonDirections, VoiceIn, true},
		{"", "", "1", verizonDirections, VoiceOut, true},
		{"", "", "3", verizonDirections, VoiceOut, true},
		{"", "", "F", verizonDirections, "F", false},
		{"", "", "2", verizonDirections, "2", false},
		{"", "", "6", nil, "6", false}, // without the carrier's table a code is not guessed
		{"XYZ", "", "", nil, "XYZ", false},
		{"Voice", "", "I", nil, VoiceIn, true},
		{"Voice", "", "O", nil, VoiceOut, true},
		{"", "", "Missed", nil, VoiceIn, true},
		{"", "", "Dialed", nil, VoiceOut, true},
		{"Voice", "", "", nil, "VOICE", false}, // no direction anywhere: kept and flagged
		{"callForwarding", "", "", nil, "CALLFORWARDING", true},
		{"", "", "", nil, "UNKNOWN", true},
	}
	for _, c := range cases {
		got, known := NormalizeCall(c.callType, c.service, c.direction, c.codes)
		if got != c.want || known != c.known {
			t.Errorf("%q %q %q: %s %v, want %s %v", c.callType, c.service, c.direction, got, known, c.want, c.known)
		}
	}
}

// --map names a column of a header no alias knows; the error for a name
// that is not there lists the columns seen; by number, the header row is
// not data.
func TestMapOnUnknownHeader(t *testing.T) {
	text := "Nr,Zeitpunkt,Ziel,Zielport\n919900000041,2025-03-01 10:00:00,142.250.1.1,443\n"
	l := sniffText(t, text, Options{Map: map[Field]string{FMSISDN: "Nr", FStart: "Zeitpunkt", FDestIP: "Ziel", FDestPort: "Zielport"}})
	if l.HeaderLine != 1 || l.Columns[FMSISDN] != 0 || l.Columns[FDestPort] != 3 {
		t.Errorf("header %d columns %v", l.HeaderLine, l.Columns)
	}
	l = sniffText(t, text, Options{Map: map[Field]string{FMSISDN: "1", FStart: "2", FDestIP: "3", FDestPort: "4"}})
	if l.HeaderLine != 1 {
		t.Errorf("by number: the header row is read as data (header line %d)", l.HeaderLine)
	}
	_, err := Sniff([]byte(text), true, Options{Map: map[Field]string{FMSISDN: "Mobile No", FStart: "2"}})
	if err == nil || !strings.Contains(err.Error(), "columns seen: Nr | Zeitpunkt | Ziel | Zielport") {
		t.Errorf("error %v", err)
	}
}

// A Call Type of Voice/SMS beside a Record Type of MOC/MTC: the record type
// gives the direction, the call type the service.
func TestCallTypeAndRecordType(t *testing.T) {
	l := sniffText(t, "MSISDN,Call Type,Record Type,Other Party,Start Time,Duration\n"+
		"919900000001,Voice,MOC,919900000002,2026-02-01 10:00:00,30\n919900000001,SMS,MTC,919900000003,2026-02-01 11:00:00,0\n", Options{})
	if l.Columns[FCallType] != 2 || l.Columns[FService] != 1 {
		t.Errorf("columns %v", l.Columns)
	}
}
