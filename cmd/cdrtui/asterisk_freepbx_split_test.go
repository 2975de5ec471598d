package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit"
)

// cdrtui asterisk lists the parties of a FreePBX tree whose pjsip.conf is
// only #include lines: the trunk's endpoint (pjsip.endpoint.conf) with the
// host of its aor (pjsip.aor.conf) and the user of its auth
// (pjsip.auth.conf), and sip.conf's register line kept in [general] from
// sip_registrations.conf, its secret not shown. Values chosen here; by
// hand: "pjtrunk endpoint gw.pjcarrier.example 5070 pjuser77" and
// "register registration sip.trunkco.example - 4470001".
func TestAsteriskFreePBXSplitParties(t *testing.T) {
	root := t.TempDir()
	testkit.WriteTree(t, root, map[string]string{
		"etc/asterisk/pjsip.conf":             "#include pjsip.endpoint.conf\n#include pjsip.aor.conf\n#include pjsip.auth.conf\n",
		"etc/asterisk/pjsip.endpoint.conf":    "[pjtrunk]\ntype=endpoint\ncontext=from-pstn\naors=pjtrunk\noutbound_auth=pjtrunk\n",
		"etc/asterisk/pjsip.aor.conf":         "[pjtrunk]\ntype=aor\ncontact=sip:gw.pjcarrier.example:5070\n",
		"etc/asterisk/pjsip.auth.conf":        "[pjtrunk]\ntype=auth\nusername=pjuser77\npassword=pjpw77\n",
		"etc/asterisk/sip.conf":               "[general]\n#include sip_registrations.conf\n",
		"etc/asterisk/sip_registrations.conf": "register=4470001:s3cr3tpw@sip.trunkco.example/4470001\n",
	})
	casePath := filepath.Join(t.TempDir(), "case.db")
	runOK(t, "import", casePath, root)
	out := runOK(t, "asterisk", casePath)
	want := map[string][]string{
		"pjtrunk endpoint": {"pjtrunk", "endpoint", "gw.pjcarrier.example", "5070", "pjuser77"},
		"register":         {"register", "registration", "sip.trunkco.example", "-", "4470001"},
	}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) < 5 {
			continue
		}
		for k, w := range want {
			if strings.HasPrefix(strings.Join(f, " "), k+" ") && strings.Join(f[:5], " ") == strings.Join(w, " ") {
				delete(want, k)
			}
		}
	}
	if len(want) > 0 {
		t.Errorf("missing %v in:\n%s", want, out)
	}
	if strings.Contains(out, "s3cr3tpw") || strings.Contains(out, "pjpw77") {
		t.Errorf("a secret printed:\n%s", out)
	}
}
