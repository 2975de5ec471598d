package asterisk

import (
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"
)

// cel_custom.conf as administrators write it (the sample's legacy line
// uncommented and trimmed to their columns; an advanced tab-separated
// section in the sample's field names; a JSON one, which is refused).
func TestParseCELMappings(t *testing.T) {
	conf := "[mappings]\n" +
		"Master.csv => ${CSV_QUOTE(${eventtype})},${CSV_QUOTE(My Literal)},${CSV_QUOTE(${eventtime})},${CSV_QUOTE(${CALLERID(num)})},${CSV_QUOTE(${CHANNEL(channame)})},${CSV_QUOTE(${CHANNEL(linkedid)})},${CSV_QUOTE(${BRIDGEPEER})}\n" +
		"\n[cel_master.tsv]\nseparator_character = \\t\n" +
		"fields = EventType,EventEnum,\"My Literal\",EventTime,UserEventName,CIDName,CIDNum,Exten,Context,ChanName,AppName,AppData,AMAFlags,AcctCode,UniqueID,UserField,CIDani,CIDrdnis,CIDdnid,Peer,LinkedID,PeerAcct,Extra,TenantID\n" +
		"\n[cel_master.json]\nformat = json\nfields = EventType,EventTime\n"
	c, err := ParseConf(strings.NewReader(conf))
	if err != nil {
		t.Fatal(err)
	}
	ms := ParseCELMappings(c)
	if len(ms) != 3 {
		t.Fatalf("%d mappings", len(ms))
	}
	want := []string{CELEventType, "", CELEventTime, CELCIDNum, CELChanName, CELLinkedID, CELPeer}
	if m := ms[0]; m.File != "Master.csv" || m.Line != 2 || !reflect.DeepEqual(m.Fields, want) || m.Problem != "" || m.Sep != ',' {
		t.Errorf("legacy: %+v", m)
	}
	adv := ms[1]
	if adv.File != "cel_master.tsv" || adv.Sep != '\t' || len(adv.Fields) != 24 || adv.Fields[3] != CELEventTime || adv.Fields[2] != "" ||
		adv.Fields[13] != CELAccountCode || adv.Fields[20] != CELLinkedID || adv.Fields[23] != "" || adv.Problem != "" {
		t.Errorf("advanced: %+v", adv)
	}
	js := ms[2]
	if !js.JSON || js.Problem != "" || !reflect.DeepEqual(js.Keys, []string{"EventType", "EventTime"}) {
		t.Errorf("json: %+v", js)
	}
	// a line of the JSON mapping: keys as the fields name them, the time a
	// number as cel_custom writes it (no dateformat).
	e, why := func() (CELEvent, string) {
		vals, err := splitCELRecord(js, `{"EventType":"ANSWER","EventTime":1709283605.25}`)
		if err != nil {
			return CELEvent{}, err.Error()
		}
		return CELEventOf(js, vals, 1, CELClock{})
	}()
	if why != "" || e.Event != "ANSWER" || e.Time != 1709283605 || e.Usec != 250000 {
		t.Errorf("json record: %+v %q", e, why)
	}
	if _, err := splitCELRecord(js, `{"EventType":"ANSWER"}`); err == nil || !strings.Contains(err.Error(), `no key "EventTime"`) {
		t.Errorf("missing key: %v", err)
	}
}

// Event times: Unix seconds with microseconds ("%ld.%06ld", cel.conf
// without dateformat), or the PBX's wall clock by cel.conf's dateformat.
// By hand: 2024-03-01 10:00:05 in Europe/Berlin (UTC+1) is 09:00:05 UTC =
// 1709251200 + 9*3600 + 5 = 1709283605.
func TestCELTime(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		v         string
		clk       CELClock
		sec, usec int64
		whyHas    string
	}{
		{"1709283605.250000", CELClock{}, 1709283605, 250000, ""},
		{"1709283605", CELClock{}, 1709283605, 0, ""},
		{"2024-03-01 10:00:05", CELClock{Loc: berlin}, 1709283605, 0, ""},
		{"01/03/2024 10:00:05", CELClock{DateFormat: "%d/%m/%Y %T", Loc: berlin}, 1709283605, 0, ""},
		{"2024-03-01 10:00:05.250", CELClock{DateFormat: "%F %T.%3q", Loc: berlin}, 1709283605, 250000, ""},
		{"2024-03-01 09:00:05.5+00", CELClock{}, 1709283605, 500000, ""},
		{"2024-03-01 10:00:05", CELClock{}, 0, 0, "no zone is known"},
		{"01/03/2024 10:00:05", CELClock{Loc: berlin}, 0, 0, "neither Unix seconds nor a date and time as yyyy-mm-dd"},
		{"Fri 10:00", CELClock{DateFormat: "%a %H:%M", Loc: berlin}, 0, 0, "cannot read back"},
		// Berlin's clocks went back from 03:00 CEST to 02:00 CET on
		// 2024-10-27: 02:30 was 00:30 and 01:30 UTC, placed at neither
		// (before, at the first without a word); 03:30 CET is 02:30 UTC =
		// 1729987200 (2024-10-27 00:00 UTC, GNU date) + 2*3600 + 1800
		{"2024-10-27 02:30:00", CELClock{Loc: berlin}, 0, 0, "occurred twice in Europe/Berlin"},
		{"2024-10-27 03:30:00.125", CELClock{DateFormat: "%F %T.%3q", Loc: berlin}, 1729996200, 125000, ""},
	}
	for _, tt := range tests {
		sec, usec, why := celTime(tt.v, tt.clk)
		if sec != tt.sec || usec != tt.usec || (tt.whyHas == "") != (why == "") || !strings.Contains(why, tt.whyHas) {
			t.Errorf("%q %+v: %d.%06d %q", tt.v, tt.clk, sec, usec, why)
		}
	}
}

// A reader by a mapping: each event with its line; a row of another
// width, an unknown type or no time is a reject with its line; a user
// event (CELGenUserEvent) is kept by its name when userdeftype is set.
func TestCELReader(t *testing.T) {
	m := CELMapping{Fields: []string{CELEventType, CELEventTime, CELChanName, CELUniqueID, CELLinkedID, CELUserDefType, CELExtra},
		Sep: ',', Quote: '"', Escape: '"', From: "test"}
	in := `"CHAN_START","1709283600.000100","SIP/201-00000001","1709283600.1","1709283600.1","",""` + "\r\n" +
		`"MY_EVENT","1709283601.5","SIP/201-00000001","1709283600.1","1709283600.1","MY_EVENT","{""k"":1}"` + "\r\n" +
		"\r\n" +
		`"HANGUP","1709283602","SIP/201-00000001","1709283600.1"` + "\r\n" +
		`"WHATEVER","1709283603","SIP/201-00000001","1709283600.1","1709283600.1","",""` + "\r\n" +
		`"LINKEDID_END","","SIP/201-00000001","1709283600.1","1709283600.1","",""` + "\r\n"
	r := NewCELReader(strings.NewReader(in), m, false, CELClock{})
	var got []string
	for {
		e, err := r.Next()
		if err == io.EOF {
			break
		}
		if re, ok := err.(*RowError); ok {
			got = append(got, re.Error())
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s@%d %s", e.Event, e.Line, e.Extra))
	}
	want := []string{"CHAN_START@1 ", `MY_EVENT@2 {"k":1}`,
		"line 4: 4 columns; the mapping (test) has 7",
		`line 5: event type "WHATEVER" is not one Asterisk's CEL writes`,
		"line 6: no event time"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
