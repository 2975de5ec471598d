package store

import (
	"context"
	"strings"
	"testing"
)

// freePBXSIP is FreePBX's sip.conf: [general] and its #include list.
const freePBXSIP = "[general]\n#include sip_general_additional.conf\n#include sip_general_custom.conf\n#include sip_nat.conf\n" +
	"#include sip_registrations_custom.conf\n#include sip_registrations.conf\n#include sip_custom.conf\n" +
	"#include sip_additional.conf\n#include sip_custom_post.conf\n"

// A FreePBX tree with a leftover sip_custom_old.conf that sip.conf's
// #include list never names: Asterisk never read it, so its [oldtrunk]
// is kept, marked, and decides no call's direction, while sip_custom.conf's
// [201] and sip_additional.conf's [trunkco], both included, are not
// marked. By hand: 3 peers, 1 marked "not loaded by Asterisk: no #include
// from sip.conf reaches this file"; the call from SIP/oldtrunk to SIP/201
// is not said to come in on a trunk named oldtrunk.
func TestNotLoadedIncludeFamilyFile(t *testing.T) {
	files := map[string]string{
		"etc/asterisk/sip.conf":                      freePBXSIP,
		"etc/asterisk/sip_general_additional.conf":   "bindport=5060\n",
		"etc/asterisk/sip_general_custom.conf":       "",
		"etc/asterisk/sip_nat.conf":                  "",
		"etc/asterisk/sip_registrations_custom.conf": "",
		"etc/asterisk/sip_registrations.conf":        "",
		"etc/asterisk/sip_custom.conf":               "[201]\ntype=friend\nhost=dynamic\ncontext=from-internal\nsecret=a\n",
		"etc/asterisk/sip_additional.conf":           "[trunkco]\ntype=peer\nhost=sip.trunkco.example\ncontext=from-trunk\ninsecure=invite\n",
		"etc/asterisk/sip_custom_post.conf":          "",
		"etc/asterisk/sip_custom_old.conf":           "[oldtrunk]\ntype=peer\nhost=sip.oldcarrier.example\ncontext=from-trunk\ninsecure=invite\n",
		"var/log/asterisk/cdr-csv/Master.csv":        `"","01632960123","201","from-trunk","""01632960123"" <01632960123>","SIP/oldtrunk-00000003","SIP/201-00000004","Dial","SIP/201,30","2024-03-01 11:00:00","2024-03-01 11:00:02","2024-03-01 11:00:32",32,30,"ANSWERED","DOCUMENTATION","1709290800.3",""` + "\n",
	}
	st, byName := importImageByName(t, files)
	peers, err := st.PBXPeers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	const mark = "not loaded by Asterisk: no #include from sip.conf reaches this file"
	got := map[string]string{}
	for _, p := range peers {
		got[p.Name] = p.NotLoaded
	}
	if len(peers) != 3 || got["oldtrunk"] != mark || got["201"] != "" || got["trunkco"] != "" {
		t.Errorf("peers %+v, want [oldtrunk] kept and marked %q, [201] and [trunkco] not", got, mark)
	}
	r := byName["sip_custom_old.conf"]
	if !strings.Contains(r.Format, mark) {
		t.Errorf("format %q", r.Format)
	}
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", r.SourceID).Scan(&notes)
	if !strings.Contains(notes, "Not loaded by Asterisk: no #include from sip.conf") {
		t.Errorf("notes %q", notes)
	}
	srcs, err := st.Sources(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range srcs {
		if want := strings.HasSuffix(s.Path, "sip_custom_old.conf"); s.NotLoaded() != want {
			t.Errorf("%s: NotLoaded %v, want %v", s.Path, s.NotLoaded(), want)
		}
	}
	var reason string
	st.DB().QueryRow("SELECT direction_reason FROM ast_calls").Scan(&reason)
	if strings.Contains(reason, "oldtrunk, a trunk") {
		t.Errorf("a party of a file Asterisk never read decided the direction: %s", reason)
	}
}

// A #tryinclude, a glob and a brace glob count as includes (config.c
// expands them); a file a nested include reaches is loaded. By hand: no
// peer of these files is marked.
func TestLoadedThroughGlobTryIncludeNested(t *testing.T) {
	for name, top := range map[string]string{
		"glob":       "[general]\n#include sip_*.conf\n",
		"brace":      "[general]\n#include sip_{custom,nat}_old.conf\n",
		"tryinclude": "[general]\n#tryinclude sip_custom_old.conf\n",
		"nested":     "[general]\n#include sip_custom.conf\n",
	} {
		st, _ := importImageByName(t, map[string]string{
			"etc/asterisk/sip.conf":            top,
			"etc/asterisk/sip_custom.conf":     "#include sip_custom_old.conf\n",
			"etc/asterisk/sip_custom_old.conf": "[oldtrunk]\ntype=peer\nhost=sip.oldcarrier.example\n",
		})
		peers, err := st.PBXPeers(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(peers) != 1 || peers[0].NotLoaded != "" {
			t.Errorf("%s: %+v, want [oldtrunk] loaded", name, peers)
		}
	}
}

// With no sip.conf in the image, or an #include whose file is not there,
// nothing is decided: the peers are not marked and the notes say why.
// An extensions_old.conf no #include reaches is marked in its format and
// notes.
func TestLoadedUndecided(t *testing.T) {
	st, byName := importImageByName(t, map[string]string{
		"etc/asterisk/sip_custom_old.conf": "[oldtrunk]\ntype=peer\nhost=sip.oldcarrier.example\n",
		"etc/asterisk/iax.conf":            "[general]\n#include iax_gone.conf\n",
		"etc/asterisk/iax_old.conf":        "[oldiax]\ntype=peer\nhost=iax.example\n",
		"etc/asterisk/extensions.conf":     "[from-internal]\nexten => 100,1,Dial(SIP/201)\n",
		"etc/asterisk/extensions_old.conf": "[old-out]\nexten => _9X.,1,Dial(SIP/oldtrunk/${EXTEN:1})\n",
		"etc/asterisk/pjsip.conf":          "[global]\ntype=global\n",
		"etc/asterisk/pjsip_wizard.conf":   "[wiz]\ntype=wizard\nremote_hosts=wiz.example\n",
	})
	peers, err := st.PBXPeers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range peers {
		if p.NotLoaded != "" {
			t.Errorf("[%s] of %s marked %q", p.Name, p.Path, p.NotLoaded)
		}
	}
	for name, want := range map[string]string{
		"sip_custom_old.conf": "not decided: no sip.conf in the image",
		"iax_old.conf":        "iax.conf line 2: #include iax_gone.conf (not in the image)",
		"extensions_old.conf": "Not loaded by Asterisk: no #include from extensions.conf",
	} {
		var notes string
		st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", byName[name].SourceID).Scan(&notes)
		if !strings.Contains(notes, want) {
			t.Errorf("%s: notes %q, want %q", name, notes, want)
		}
	}
	if f := byName["extensions_old.conf"].Format; !strings.Contains(f, "not loaded by Asterisk: no #include from extensions.conf reaches this file") {
		t.Errorf("extensions_old.conf format %q", f)
	}
}
