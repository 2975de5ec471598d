package asterisk

import (
	"strings"
	"testing"
)

// users.conf as configs/samples/users.conf.sample of asterisk/asterisk
// lays it out ([general] holding every user's defaults, hasiax = yes
// there, users in sections of their extension) and as the Asterisk GUI
// writes trunks ([trunk_1] trunkname=, host=, context=DID_trunk_1),
// values of our own.
func TestUsersPeers(t *testing.T) {
	src := "[general]\nfullname = New User\nuserbase = 6000\nhasvoicemail = yes\nhassip = yes\nhasiax = yes\ncontext = numberplan-custom-1\n\n" +
		"[6001]\nfullname = Lobby\nsecret = 1234\nhasiax = no\n\n" +
		"[6002]\nfullname = Desk\ncid_number = 6002\n\n" +
		"[trunk_1]\ntrunkname = Carrier\nhost = sip.gui-carrier.example:5080\nhasiax = no\ncontext = DID_trunk_1\nusername = 3300\n\n" +
		"[authentication]\nrealm = x\n"
	c, err := ParseConf(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range UsersPeers(c) {
		got = append(got, strings.Join([]string{p.Source, p.Name, p.Type, p.Host, p.Port, p.Username, p.Context, p.Detail}, "|"))
	}
	want := []string{
		"sip|6001|friend|dynamic|||numberplan-custom-1|",
		"sip|6002|friend|dynamic|||numberplan-custom-1|cid_number=6002",
		"iax|6002|friend|dynamic|||numberplan-custom-1|cid_number=6002",
		"sip|trunk_1|friend|sip.gui-carrier.example|5080|3300|DID_trunk_1|trunkname=Carrier",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("peers:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	trunk, ok := PeerParty(UsersPeers(c)[3], "users.conf", nil, nil)
	if !ok || !trunk.Trunk || trunk.Reason != "users.conf line 18: [trunk_1] host=sip.gui-carrier.example" {
		t.Errorf("trunk_1: %+v", trunk)
	}
}
