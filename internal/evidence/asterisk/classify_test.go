package asterisk

import (
	"strings"
	"testing"
)

func TestParseDialTargets(t *testing.T) {
	tests := []struct {
		data                        string
		tech, peer, number, context string
	}{
		{"SIP/sipus1/12482420798,300,Tt", "sip", "sipus1", "12482420798", ""},
		{"SIP/12482420798@sipus1,60", "sip", "sipus1", "12482420798", ""},
		{"PJSIP/12482420798@trunk", "pjsip", "trunk", "12482420798", ""},
		{"PJSIP/trunk/sip:12482420798@voip.example.net", "pjsip", "trunk", "12482420798", ""},
		{"Dongle/dongle0/+919812345678", "dongle", "dongle0", "+919812345678", ""},
		{"IAX2/iaxprov/0441234567", "iax2", "iaxprov", "0441234567", ""},
		{"IAX2/user:secret@iax.example.org/0441234567", "iax2", "iax.example.org", "0441234567", ""},
		{"Local/0441234567@from-internal/n", "local", "", "0441234567", "from-internal"},
		{"SIP/201", "sip", "201", "", ""},
		{"DAHDI/g0/0441234567|30", "dahdi", "g0", "0441234567", ""},
	}
	for _, tt := range tests {
		got := ParseDialTargets(tt.data)
		if len(got) != 1 {
			t.Errorf("%s: %d targets", tt.data, len(got))
			continue
		}
		g := got[0]
		if g.Tech != tt.tech || g.Peer != tt.peer || g.Number != tt.number || g.Context != tt.context {
			t.Errorf("%s: got %+v", tt.data, g)
		}
	}
	if got := ParseDialTargets("SIP/301&SIP/200@stadionpbx,60,t"); len(got) != 2 || got[1].Peer != "stadionpbx" || got[1].Number != "200" {
		t.Errorf("two targets: %+v", got)
	}
}

func TestMatchPattern(t *testing.T) {
	tests := []struct {
		pattern, ext string
		want         bool
	}{
		{"_9NXXNXXXXXX", "93125550000", true},
		{"_9NXXNXXXXXX", "912482420798", false}, // 11 digits after the 9, and N cannot be 1
		{"_91NXXNXXXXXX", "912482420798", true},
		{"_9.", "9", false}, // '.' needs one more character
		{"_9.", "90", true},
		{"_0!", "0", true},
		{"_[2-4]XX", "312", true},
		{"_[2-4]XX", "512", false},
		{"_ZXX", "012", false},
		{"201", "201", true},
		{"201", "2010", false},
	}
	for _, tt := range tests {
		if got := MatchPattern(tt.pattern, tt.ext); got != tt.want {
			t.Errorf("MatchPattern(%s, %s) = %v", tt.pattern, tt.ext, got)
		}
	}
}

// from-did-direct is where FreePBX files extension-to-extension calls: its
// "did" said inbound before (the defect of a suspect "receiving" his own
// office's calls).
func TestFromDidDirectIsNotInbound(t *testing.T) {
	c := Call{DContext: "from-did-direct", Channel: "SIP/201-00000007", DstChannel: "SIP/202-00000008", LastApp: "Dial", LastData: "SIP/202,,HhtrM"}
	if got := c.Direction(); got != "internal" {
		t.Errorf("from-did-direct between two phones: %s, want internal", got)
	}
	c = Call{DContext: "from-did-direct", Channel: "SIP/201-00000007", LastApp: "VoiceMail", LastData: "202@default"}
	if got := c.Direction(); got != "unknown" {
		t.Errorf("from-did-direct alone: %s, want unknown", got)
	}
}

// Channels decide before context words: a configured trunk as the calling
// channel is inbound whatever the context says.
func TestChannelsBeforeContextWords(t *testing.T) {
	topo := &Topology{}
	topo.Add(Party{Tech: "sip", Name: "provider", Trunk: true, Reason: "sip.conf line 3: [provider] host=sip.example.net"})
	topo.Add(Party{Tech: "sip", Name: "201", Reason: "sip.conf line 9: [201] is an extension"})
	c := Call{DContext: "outbound-allroutes", Channel: "SIP/provider-00000001", DstChannel: "SIP/201-00000002", LastApp: "Dial", LastData: "SIP/201"}
	v := c.Classify(topo)
	if v.Direction != "inbound" || !strings.Contains(v.DirectionReason, "[provider] host=sip.example.net") {
		t.Errorf("got %s: %s", v.Direction, v.DirectionReason)
	}
	// A number through a peer no configuration defines is outbound only
	// when the context says nothing else, and needs 7 digits.
	c = Call{DContext: "menu", Channel: "Local/ch2@TimeDelay-00000001;2", DstChannel: "SIP/stadionpbx-00000008", LastApp: "Dial", LastData: "SIP/154@stadionpbx,30"}
	if v := c.Classify(nil); v.Direction != "unknown" || v.Recipient != "154" {
		t.Errorf("short number through an unknown peer: %+v", v)
	}
	c.LastData = "SIP/84951234567@stadionpbx,30"
	if v := c.Classify(nil); v.Direction != "outbound" || v.Recipient != "84951234567" || v.RecipientFrom != FromTrunk {
		t.Errorf("long number through an unknown peer: %+v", v)
	}
}

func TestUniqueIDEpoch(t *testing.T) {
	for id, want := range map[string]int64{"1706368044.0": 1706368044, "mainserverdss-1706420300.0": 1706420300, "abc": 0, "12.3": 0} {
		got, ok := UniqueIDEpoch(id)
		if got != want || ok != (want != 0) {
			t.Errorf("%s: %d %v", id, got, ok)
		}
	}
}
