package asterisk

import (
	"bytes"
	"testing"
)

func checkPeers(t *testing.T, got, want []Peer) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d peers, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("#%d\n got  %+v\n want %+v", i, got[i], want[i])
		}
	}
}

func TestSIPPeers(t *testing.T) {
	c := mustConf(t, `[general]
register => 79001234567:secret@sip.provider.ru:5080/100
register => tls://user@domain.com:pass:auth@203.0.113.7/200~3600
register => trunk?bob:pw@[2001:db8::1]:5061
[trunk-tmpl](!)
type=peer
host=203.0.113.5
port=5060
context=from-trunk
[provider](trunk-tmpl)
fromuser=79001234567
defaultuser=79001234567
[100]
type=friend
host=dynamic
context=from-internal
[gw]
host=198.51.100.1:5070
[nohost]
context=x
`)
	checkPeers(t, SIPPeers(c), []Peer{
		{"register", "registration", "sip.provider.ru", "5080", "79001234567", "", "sip", 2, "extension=100"},
		{"register", "registration", "203.0.113.7", "", "user", "", "sip", 3, "transport=tls extension=200 domain=domain.com"},
		{"register", "registration", "2001:db8::1", "5061", "bob", "", "sip", 4, "peer=trunk"},
		{"provider", "peer", "203.0.113.5", "5060", "79001234567", "from-trunk", "sip", 10, "fromuser=79001234567"},
		{"100", "friend", "dynamic", "", "", "from-internal", "sip", 13, ""},
		{"gw", "", "198.51.100.1", "5070", "", "", "sip", 17, ""},
	})
}

func TestSIPPeersCorpus(t *testing.T) {
	c, err := ParseConf(bytes.NewReader(corpusBytes(t, "kaitocross-phonewave-asterisk-conf/sip.conf")))
	if err != nil {
		t.Fatal(err)
	}
	checkPeers(t, SIPPeers(c), []Peer{
		{"4001", "friend", "dynamic", "", "4001", "", "sip", 13, `callerid="ext4001"`},
	})
}

func TestPJSIPPeers(t *testing.T) {
	c := mustConf(t, `[global]
type=global
[transport-udp]
type=transport
bind=0.0.0.0:5060
[auth-tmpl](!)
type=auth
auth_type=userpass
[trunk](auth-tmpl)
username=79001234567
password=x
[trunk]
type=aor
contact=sip:203.0.113.9:5060
[trunk]
type=endpoint
context=from-trunk
outbound_auth=trunk
aors=trunk
[trunk]
type=registration
server_uri=sip:sip.provider.example:5080
client_uri=sip:79001234567@sip.provider.example
outbound_auth=trunk
[trunk]
type=identify
endpoint=trunk
match=203.0.113.9
match=203.0.113.10/32
[6001]
type=aor
max_contacts=1
[multi]
type=aor
contact=sip:a@198.51.100.1,sip:b@[2001:db8::2]:5062;transport=tcp
[wiz]
type=wizard
remote_hosts=gw.example.net:5070,backup.example.net
outbound_auth/username=wizuser
endpoint/context=from-wiz
sends_registrations=yes
`)
	checkPeers(t, PJSIPPeers(c), []Peer{
		{"trunk", "aor", "203.0.113.9", "5060", "", "", "pjsip", 12, ""},
		{"trunk", "endpoint", "203.0.113.9", "5060", "79001234567", "from-trunk", "pjsip", 15, "aors=trunk outbound_auth=trunk"},
		{"trunk", "registration", "sip.provider.example", "5080", "79001234567", "", "pjsip", 20,
			"server_uri=sip:sip.provider.example:5080 client_uri=sip:79001234567@sip.provider.example"},
		{"trunk", "identify", "203.0.113.9,203.0.113.10/32", "", "", "", "pjsip", 25, "endpoint=trunk"},
		{"6001", "aor", "", "", "", "", "pjsip", 30, ""},
		{"multi", "aor", "198.51.100.1", "", "a", "", "pjsip", 33, ""},
		{"multi", "aor", "2001:db8::2", "5062", "b", "", "pjsip", 33, ""},
		{"wiz", "wizard", "gw.example.net", "5070", "wizuser", "from-wiz", "pjsip", 36, "sends_registrations=yes"},
	})
}
