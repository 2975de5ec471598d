package store

import (
	"strings"
	"testing"
)

// pjsipSplitTree is pjsip.conf as FreePBX writes it: nothing but #include
// lines, the endpoints, aors, auths, registrations and identifies each in a
// file of their own. Values chosen here.
var pjsipSplitTree = map[string]string{
	"etc/asterisk/pjsip.conf": "#include pjsip_custom.conf\n#include pjsip.transports.conf\n#include pjsip.endpoint.conf\n" +
		"#include pjsip.aor.conf\n#include pjsip.auth.conf\n#include pjsip.registration.conf\n#include pjsip.identify.conf\n",
	"etc/asterisk/pjsip.transports.conf":   "[0.0.0.0-udp]\ntype=transport\nprotocol=udp\nbind=0.0.0.0:5160\n",
	"etc/asterisk/pjsip.endpoint.conf":     "[pjtrunk]\ntype=endpoint\ncontext=from-pstn\naors=pjtrunk\noutbound_auth=pjtrunk\n\n[2001]\ntype=endpoint\naors=2001\nauth=2001-auth\ncontext=from-internal\n",
	"etc/asterisk/pjsip.aor.conf":          "[pjtrunk]\ntype=aor\ncontact=sip:gw.pjcarrier.example:5070\n\n[2001]\ntype=aor\nmax_contacts=1\n",
	"etc/asterisk/pjsip.auth.conf":         "[pjtrunk]\ntype=auth\nauth_type=userpass\nusername=pjuser77\npassword=pjpw77\n\n[2001-auth]\ntype=auth\nusername=2001\npassword=x2001\n",
	"etc/asterisk/pjsip.registration.conf": "[pjtrunk]\ntype=registration\nserver_uri=sip:gw.pjcarrier.example:5070\noutbound_auth=pjtrunk\n",
	"etc/asterisk/pjsip.identify.conf":     "[pjtrunk]\ntype=identify\nendpoint=pjtrunk\nmatch=198.51.100.20\n",
}

// An endpoint of pjsip.endpoint.conf names an aor and an auth that
// pjsip.aor.conf and pjsip.auth.conf define; res_pjsip reads the files as
// one, so the endpoint is reached at the aor's contact and authenticates
// as the auth's username. By hand: [pjtrunk] endpoint: host
// gw.pjcarrier.example, port 5070, user pjuser77; [2001] endpoint: user
// 2001 (its aor has no contact: no host); the registration (no
// client_uri) user pjuser77 from its outbound_auth. Read alone, each file
// left them blank.
func TestPJSIPObjectsSplitOverFiles(t *testing.T) {
	st, byName := importImageByName(t, pjsipSplitTree)
	for _, tt := range []struct{ name, typ, host, port, user string }{
		{"pjtrunk", "endpoint", "gw.pjcarrier.example", "5070", "pjuser77"},
		{"2001", "endpoint", "", "", "2001"},
		{"pjtrunk", "registration", "gw.pjcarrier.example", "5070", "pjuser77"},
		{"pjtrunk", "aor", "gw.pjcarrier.example", "5070", ""},
	} {
		var host, port, user string
		var n int
		st.DB().QueryRow("SELECT host, port, username, count(*) FROM ast_peers WHERE name = ? AND type = ?", tt.name, tt.typ).Scan(&host, &port, &user, &n)
		if n != 1 || host != tt.host || port != tt.port || user != tt.user {
			t.Errorf("[%s] %s: %d rows, host %q port %q user %q; want %s %s %s", tt.name, tt.typ, n, host, port, user, tt.host, tt.port, tt.user)
		}
	}
	var secrets, auths int
	st.DB().QueryRow("SELECT count(*) FROM ast_peers WHERE detail LIKE '%pjpw77%' OR detail LIKE '%x2001%'").Scan(&secrets)
	st.DB().QueryRow("SELECT count(*) FROM ast_peers WHERE type = 'auth'").Scan(&auths)
	if secrets != 0 || auths != 0 {
		t.Errorf("%d peers keep a password, %d auth sections listed as parties", secrets, auths)
	}
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", byName["pjsip.endpoint.conf"].SourceID).Scan(&notes)
	for _, want := range []string{"[pjtrunk] aor (pjsip.aor.conf line 1)", "[pjtrunk] auth (pjsip.auth.conf line 1)", "[2001-auth] auth (pjsip.auth.conf line 7)"} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes %q lack %q", notes, want)
		}
	}
}
