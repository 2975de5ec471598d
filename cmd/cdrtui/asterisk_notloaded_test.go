package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit"
)

// cdrtui asterisk on a FreePBX tree with a leftover sip_custom_old.conf
// that sip.conf never #includes: [oldtrunk] is listed (it is evidence),
// marked in the text and in --json; [trunkco] of the included
// sip_additional.conf is not. By hand: 2 peers, "not_loaded" on one.
func TestAsteriskNotLoadedPeerMarked(t *testing.T) {
	root := t.TempDir()
	testkit.WriteTree(t, root, map[string]string{
		"etc/asterisk/sip.conf":            "[general]\n#include sip_additional.conf\n#tryinclude sip_custom.conf\n",
		"etc/asterisk/sip_additional.conf": "[trunkco]\ntype=peer\nhost=sip.trunkco.example\n",
		"etc/asterisk/sip_custom.conf":     "",
		"etc/asterisk/sip_custom_old.conf": "[oldtrunk]\ntype=peer\nhost=sip.oldcarrier.example\n",
	})
	casePath := filepath.Join(t.TempDir(), "case.db")
	runOK(t, "import", casePath, root)
	const mark = "not loaded by Asterisk: no #include from sip.conf reaches this file"
	out := runOK(t, "asterisk", casePath)
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if marked := strings.Contains(line, "("+mark+")"); f[0] == "oldtrunk" && !marked || f[0] == "trunkco" && marked {
			t.Errorf("line %q: marked %v", line, marked)
		}
	}
	if !strings.Contains(out, "oldtrunk") || !strings.Contains(out, "trunkco") {
		t.Errorf("a peer not listed:\n%s", out)
	}
	var r struct {
		SIPPeers []map[string]any `json:"sip_peers"`
	}
	if err := json.Unmarshal([]byte(runOK(t, "asterisk", casePath, "--json")), &r); err != nil {
		t.Fatal(err)
	}
	got := map[string]any{}
	for _, p := range r.SIPPeers {
		got[p["name"].(string)] = p["not_loaded"]
	}
	if len(got) != 2 || got["oldtrunk"] != mark || got["trunkco"] != nil {
		t.Errorf("--json peers %v, want oldtrunk's not_loaded %q and none on trunkco", got, mark)
	}
}
