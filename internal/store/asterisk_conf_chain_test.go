package store

import (
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/evidence/asterisk"
)

// FreePBX's split: pjsip.conf includes pjsip_custom.conf first, then
// pjsip.endpoint.conf, which includes pjsip.endpoint_custom.conf at its
// top, and pjsip.aor.conf. An administrator's template chain runs over
// three files: [carrier-base](!) in pjsip_custom.conf, [carrier](!,
// carrier-base) in pjsip.endpoint_custom.conf, [pjtrunk](carrier) in
// pjsip.endpoint.conf; the aor [pjtrunk](carrier-aor) of pjsip.aor.conf
// takes its contact from [carrier-aor](!) of pjsip_custom.conf. Values
// chosen here; by hand: the endpoint pjtrunk (pjsip.endpoint.conf line 2)
// has context from-carrier (carrier-base) and host gw.carrier.example
// port 5070 (its aor's template). Before, the file's own include was not
// followed: no type, no endpoint.
func TestPJSIPTemplateChainAcrossFiles(t *testing.T) {
	st, byName := importImageByName(t, map[string]string{
		"etc/asterisk/pjsip.conf":                 "#include pjsip_custom.conf\n#include pjsip.endpoint.conf\n#include pjsip.endpoint_custom_post.conf\n#include pjsip.aor.conf\n",
		"etc/asterisk/pjsip_custom.conf":          "[carrier-base](!)\ntype=endpoint\ncontext=from-carrier\ndisallow=all\n\n[carrier-aor](!)\ntype=aor\ncontact=sip:gw.carrier.example:5070\n",
		"etc/asterisk/pjsip.endpoint.conf":        "#include pjsip.endpoint_custom.conf\n[pjtrunk](carrier)\naors=pjtrunk\n",
		"etc/asterisk/pjsip.endpoint_custom.conf": "[carrier](!,carrier-base)\nallow=alaw\n",
		"etc/asterisk/pjsip.aor.conf":             "[pjtrunk](carrier-aor)\nmax_contacts=1\n",
	})
	var host, port, ctx string
	var line int64
	var n int
	st.DB().QueryRow("SELECT host, port, context, line, count(*) FROM ast_peers WHERE name = 'pjtrunk' AND type = 'endpoint' AND source_id = ?", byName["pjsip.endpoint.conf"].SourceID).Scan(&host, &port, &ctx, &line, &n)
	if n != 1 || host != "gw.carrier.example" || port != "5070" || ctx != "from-carrier" || line != 2 {
		t.Errorf("endpoint pjtrunk: %d rows, host %q port %q context %q line %d; want gw.carrier.example 5070 from-carrier line 2", n, host, port, ctx, line)
	}
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", byName["pjsip.endpoint.conf"].SourceID).Scan(&notes)
	if want := "[carrier] (pjsip.endpoint_custom.conf line 1), [carrier-base] (pjsip_custom.conf line 1)"; !strings.Contains(notes, want) {
		t.Errorf("notes %q lack %q", notes, want)
	}
}

// A chain that comes back to a name (t1 names t2, t2 names t1: two
// sections of one name, or a configuration Asterisk would refuse) is
// followed once: each template added once, and the search ends. By hand:
// [201](t1) gets t1 and t2, two sections, and type friend from t2.
func TestTemplateChainCycleFollowedOnce(t *testing.T) {
	fr := &familyRead{cats: []*familyCat{
		{file: "etc/asterisk/sip_t.conf", s: asterisk.Section{Name: "t1", Line: 1, IsTemplate: true, Templates: []string{"t2"}}},
		{file: "etc/asterisk/sip_t.conf", s: asterisk.Section{Name: "t2", Line: 4, IsTemplate: true, Templates: []string{"t1"}},
			entries: []asterisk.Entry{{Key: "type", Value: "friend", Op: "=", Line: 5}}},
	}}
	c := &asterisk.Conf{Sections: []asterisk.Section{{Name: "201", Line: 1, Templates: []string{"t1"}}}}
	note := familyTemplates(fr, "etc/asterisk/sip.conf", c)
	if len(c.Sections) != 3 || !strings.Contains(note, "[t1] (sip_t.conf line 1), [t2] (sip_t.conf line 4)") {
		t.Fatalf("%d sections, note %q", len(c.Sections), note)
	}
	if v, _ := c.Get("201", "type"); v != "friend" {
		t.Errorf("type %q, want friend", v)
	}
	if e := c.Sections[1].Entries[0]; e.File != "etc/asterisk/sip_t.conf" {
		t.Errorf("t2's line written in %q", e.File)
	}
}

// Asterisk joins a relative #include to its configuration directory, not
// to the including file's: custom/peers.conf's "#include
// sip_templates.conf" reads etc/asterisk/sip_templates.conf, not the
// custom/sip_templates.conf beside it. Values chosen here; by hand: [201]
// is a friend in context phones (the decoy beside it says wrong).
func TestIncludeRelativeToConfigDir(t *testing.T) {
	st, _ := importImageByName(t, map[string]string{
		"etc/asterisk/sip.conf":                  "[general]\n#include custom/peers.conf\n",
		"etc/asterisk/custom/peers.conf":         "#include sip_templates.conf\n[201](phone)\nsecret=x\n",
		"etc/asterisk/sip_templates.conf":        "[phone](!)\ntype=friend\nhost=dynamic\ncontext=phones\n",
		"etc/asterisk/custom/sip_templates.conf": "[phone](!)\ntype=friend\nhost=dynamic\ncontext=wrong\n",
	})
	var ctx string
	var n int
	st.DB().QueryRow("SELECT context, count(*) FROM ast_peers WHERE name = '201'").Scan(&ctx, &n)
	if n != 1 || ctx != "phones" {
		t.Errorf("[201]: %d rows, context %q; want 1, phones", n, ctx)
	}
}
