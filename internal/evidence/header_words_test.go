package evidence

import (
	"slices"
	"testing"
)

func TestHeaderWords(t *testing.T) {
	tests := []struct {
		header string
		want   []string
	}{
		{"SessionStartEpoch", []string{"session", "start", "epoch", "sessionstartepoch"}},
		{"IMSINumber", []string{"imsi", "number", "imsinumber"}},
		{"up_bytes", []string{"up", "bytes"}},
		{"Dst. IP Addr", []string{"dst", "ip", "addr"}},
		{"NATed_IP", []string{"na", "ted", "nated", "ip"}},
		{"Cell4G", []string{"cell", "4", "g", "cell4g"}},
		{"\ufeffMSISDN", []string{"msisdn"}},
		// a switch's field name in one case, as a database folds it: the
		// word before "time" too; not in mixed case, nor a short word
		{"seizuretime", []string{"seizuretime", "seizure", "time"}},
		{"SEIZURETIME", []string{"seizuretime", "seizure", "time"}},
		{"release_time", []string{"release", "time"}},
		{"Seizuretime", []string{"seizuretime"}},
		{"uptime", []string{"uptime"}},
		{"  ", nil},
	}
	for _, tc := range tests {
		if got := headerWords(tc.header); !slices.Equal(got, tc.want) {
			t.Errorf("headerWords(%q) = %q, want %q", tc.header, got, tc.want)
		}
	}
}

func TestFieldByWords(t *testing.T) {
	tests := []struct {
		header string
		want   Field // "" for no field
	}{
		{"up_bytes", FUplink},
		{"BytesUp", FUplink},
		{"DL Volume (KB)", FDownlink},
		{"data_down", FDownlink},
		{"Total Octets", FTotal},
		{"start_epoch", FStart},
		{"seizuretime", FStart},
		{"releasetime", FEnd},
		{"answertime", ""},
		{"SessionStartUTC", FStart},
		{"Session Start Date", FStartDate},
		{"Event Start Time", FStart},
		{"record_ts", FStart},
		{"end_epoch", FEnd},
		{"Release Time", FEnd},
		{"Session End Day", FEndDate},
		{"DstIPAddr", FDestIP},
		{"Server Port", FDestPort},
		{"Target IP", FDestIP},
		{"UE_IP", FPrivateIP},
		{"Client Port", FPrivatePort},
		{"NATed_IP", FPublicIP},
		{"Public Src Port", FPublicPort},
		{"Served IMSI Number", FIMSI},
		{"Handset IMEI (SV)", FIMEI},
		{"Holding Time", FDuration},
		{"Cell Tower", FCell},
		{"First Cell ID", FCell},
		{"Start Cell", FCell},
		{"Tracking Area", ""},
		{"TAC", FLAC},
		{"Event Type", FCallType},
		{"Call Direction", FDirection},
		{"Called Number", FOther},
		{"B Party MSISDN", FOther},
		{"Calling Number", FAParty},
		{"Subscriber Number", FMSISDN},
		{"Customer Phone", FMSISDN},
		// not evidence fields
		{"Opening Balance", FStart}, // words alone say start: the values decide (confirmByValues)
		{"Account Number", ""},
		{"Name", ""},
		{"Remarks", ""},
	}
	for _, tc := range tests {
		got, ok := fieldByWords(tc.header)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("fieldByWords(%q) = %q, %v; want %q", tc.header, got, ok, tc.want)
		}
	}
}

// A column matched by its header's words is kept only when its values read
// as the field; columns matched by an alias are not second-guessed.
func TestSniffConfirmsWordMatchesByValues(t *testing.T) {
	head := []byte("msisdn,start_epoch,DstIPAddr,Opening Balance,dst_port_name\n" +
		"919812345678,1710756000,31.13.79.246,100,https\n" +
		"919812345679,1710756060,31.13.79.247,250,xmpp\n")
	l, err := Sniff(head, true, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[Field]int{FMSISDN: 0, FStart: 1, FDestIP: 2}
	if len(l.Columns) != len(want) {
		t.Errorf("columns %v, want %v", l.Columns, want)
	}
	for f, c := range want {
		if got, ok := l.Columns[f]; !ok || got != c {
			t.Errorf("%s at column %d (%v), want %d", f, got, ok, c)
		}
	}
	if l.Kind != KindData {
		t.Errorf("kind %s, want data", l.Kind)
	}
}
