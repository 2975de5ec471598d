package store

import (
	"strings"
	"testing"
)

// peerRow reads one party of ast_peers: host, context, source and line,
// and how many rows match.
func peerRow(t *testing.T, st *Store, name, typ string) (host, ctx string, src, line int64, n int) {
	t.Helper()
	st.DB().QueryRow("SELECT host, context, source_id, line, count(*) FROM ast_peers WHERE name = ? AND type = ?", name, typ).Scan(&host, &ctx, &src, &line, &n)
	return
}

// An administrator who writes sip.conf by hand keeps a trunk in it and
// later changes it from sip_custom_post.conf, which sip.conf includes at
// its end (as FreePBX's and Issabel's sip.conf do): Asterisk adds
// [trunkco](+)'s lines to sip.conf's own [trunkco]. sip.conf's [general]
// takes sip_general_custom.conf's [general](+) the same way. Values chosen
// here; by hand: one trunkco peer, sip.conf line 6, host sip2.trunkco.example
// (sip_custom_post.conf line 2, read after sip.conf line 8) and context
// from-pstn (sip.conf line 9); it was sip.trunkco.example, the (+) lines
// not read into the root file.
func TestRootSectionAppendedFromIncludedFile(t *testing.T) {
	st, byName := importImageByName(t, map[string]string{
		"etc/asterisk/sip.conf": "[general]\nbindport=5060\n#include sip_general_custom.conf\n\n; the carrier\n[trunkco]\ntype=peer\nhost=sip.trunkco.example\ncontext=from-pstn\n" +
			"#include sip_custom_post.conf\n",
		"etc/asterisk/sip_general_custom.conf": "[general](+)\nallowguest=no\n",
		"etc/asterisk/sip_custom_post.conf":    "; moved 2024-03\n[trunkco](+)\nhost=sip2.trunkco.example\n",
	})
	host, ctx, src, line, n := peerRow(t, st, "trunkco", "peer")
	if n != 1 || host != "sip2.trunkco.example" || ctx != "from-pstn" || src != byName["sip.conf"].SourceID || line != 6 {
		t.Errorf("trunkco: %d rows, host %q context %q source %d line %d; want 1, sip2.trunkco.example from-pstn, sip.conf line 6", n, host, ctx, src, line)
	}
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", byName["sip.conf"].SourceID).Scan(&notes)
	for _, want := range []string{
		"[trunkco] (line 6) takes the lines of [trunkco](+) in sip_custom_post.conf line 2, read after it: host=sip2.trunkco.example (sip_custom_post.conf line 3)",
		"[general] (line 1) takes the lines of [general](+) in sip_general_custom.conf line 1, read after it: allowguest=no (sip_general_custom.conf line 2)",
	} {
		if !strings.Contains(notes, want) {
			t.Errorf("sip.conf notes %q lack %q", notes, want)
		}
	}
}

// The same file: a pjsip.conf written by hand gives its trunk endpoint a
// context further down with [pjtrunk](+), which Asterisk adds to the
// first [pjtrunk] read, the endpoint (the aor of the same name comes
// after it). By hand: the endpoint (line 1) has context from-carrier
// (line 12) and is the only party from the (+); before, read section by
// section, the endpoint had no context.
func TestSameFileAppendToFirstSection(t *testing.T) {
	st, byName := importImageByName(t, map[string]string{
		"etc/asterisk/pjsip.conf": "[pjtrunk]\ntype=endpoint\naors=pjtrunk\nallow=ulaw\n\n" +
			"[pjtrunk]\ntype=aor\ncontact=sip:gw.carrier.example:5060\n\n; added later\n[pjtrunk](+)\ncontext=from-carrier\n",
	})
	_, ctx, _, line, n := peerRow(t, st, "pjtrunk", "endpoint")
	if n != 1 || ctx != "from-carrier" || line != 1 {
		t.Errorf("endpoint: %d rows, context %q line %d; want 1, from-carrier, line 1", n, ctx, line)
	}
	var all int
	st.DB().QueryRow("SELECT count(*) FROM ast_peers").Scan(&all)
	if all != 2 { // the endpoint and the aor's contact
		t.Errorf("%d parties, want 2", all)
	}
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", byName["pjsip.conf"].SourceID).Scan(&notes)
	if want := "[pjtrunk] (line 1) takes the lines of [pjtrunk](+) in line 11, read after it: context=from-carrier (line 12)"; !strings.Contains(notes, want) {
		t.Errorf("notes %q lack %q", notes, want)
	}
}

// A (+) that adds to nothing read before it makes Asterisk refuse the
// whole file ("Category addition requested, but category … does not
// exist"): FreePBX's pjsip.endpoint_custom.conf, included before the
// generated endpoints, is where administrators make that mistake; here
// sip_custom.conf is included before sip_additional.conf. Right or
// refused: the (+) is no party of its own (it was listed as a peer with
// the host it sets) and the notes say Asterisk refuses the configuration.
func TestAppendWithNothingBeforeRefused(t *testing.T) {
	st, byName := importImageByName(t, map[string]string{
		"etc/asterisk/sip.conf":            "[general]\n#include sip_custom.conf\n#include sip_additional.conf\n",
		"etc/asterisk/sip_custom.conf":     "[trunkco](+)\nhost=sip9.trunkco.example\n",
		"etc/asterisk/sip_additional.conf": "[trunkco]\ntype=peer\nhost=sip.trunkco.example\n",
	})
	var hosts []string
	rows, err := st.DB().Query("SELECT host FROM ast_peers ORDER BY host")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var h string
		rows.Scan(&h)
		hosts = append(hosts, h)
	}
	rows.Close()
	if strings.Join(hosts, ",") != "sip.trunkco.example" {
		t.Errorf("peers' hosts %v, want only sip.trunkco.example (as written)", hosts)
	}
	for _, f := range []string{"sip_custom.conf", "sip_additional.conf"} {
		var notes string
		st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", byName[f].SourceID).Scan(&notes)
		if want := "Asterisk refuses this configuration as it stands: sip_custom.conf line 1: [trunkco](+) adds to no [trunkco] read before it"; !strings.Contains(notes, want) {
			t.Errorf("%s notes %q lack %q", f, notes, want)
		}
	}
}

// The same (+) after an #include whose file is not in the image is no
// sure refusal: the missing file may have defined [trunkco]. By hand:
// the notes name sip_missing.conf and say "unless those defined it", and
// do not state that Asterisk refuses the configuration as it stands.
func TestAppendAfterMissingIncludeNotSurelyRefused(t *testing.T) {
	st, byName := importImageByName(t, map[string]string{
		"etc/asterisk/sip.conf":        "[general]\n#include sip_missing.conf\n#include sip_custom.conf\n",
		"etc/asterisk/sip_custom.conf": "[trunkco](+)\nhost=sip9.trunkco.example\n",
	})
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", byName["sip_custom.conf"].SourceID).Scan(&notes)
	if strings.Contains(notes, "refuses this configuration as it stands") || !strings.Contains(notes, "not all there (etc/asterisk/sip_missing.conf): it refuses this configuration unless those defined it") {
		t.Errorf("notes %q", notes)
	}
}

// FreePBX's sip.conf reads sip_registrations.conf's headerless register =>
// lines in its [general]; the notes naming them keep the secret such a
// line holds out. Values chosen here; by hand: "register (
// sip_registrations.conf line 2)" named, "s3cr3tpw" nowhere in the notes.
func TestAddedLinesKeepSecretsOut(t *testing.T) {
	st, byName := importImageByName(t, map[string]string{
		"etc/asterisk/sip.conf":               "[general]\nbindport=5060\n#include sip_registrations.conf\n",
		"etc/asterisk/sip_registrations.conf": ";generated\nregister=4470001:s3cr3tpw@sip.trunkco.example/4470001\n",
	})
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", byName["sip.conf"].SourceID).Scan(&notes)
	if !strings.Contains(notes, "register (sip_registrations.conf line 2)") || strings.Contains(notes, "s3cr3tpw") {
		t.Errorf("notes %q", notes)
	}
}

// pjsip.conf reuses one name for an endpoint and its aor, so an
// administrator adds to the aor with a filter, [pjtrunk](+type=aor) in
// pjsip.aor_custom_post.conf (FreePBX reads it after pjsip.aor.conf): it
// adds to the first [pjtrunk] with a line type=aor, not to the endpoint
// read before it. Values chosen here; by hand: the aor (pjsip.aor.conf
// line 1) has two contacts, gw.carrier.example:5070 and the added
// gw2.carrier.example:5080; the endpoint's host stays its aor's first.
// Before, "+type=aor" was taken for a template's name.
func TestFilteredAppendFindsTheAor(t *testing.T) {
	st, byName := importImageByName(t, map[string]string{
		"etc/asterisk/pjsip.conf":                 "#include pjsip.endpoint.conf\n#include pjsip.aor.conf\n#include pjsip.aor_custom_post.conf\n",
		"etc/asterisk/pjsip.endpoint.conf":        "[pjtrunk]\ntype=endpoint\naors=pjtrunk\ncontext=from-pstn\n",
		"etc/asterisk/pjsip.aor.conf":             "[pjtrunk]\ntype=aor\ncontact=sip:gw.carrier.example:5070\n",
		"etc/asterisk/pjsip.aor_custom_post.conf": "[pjtrunk](+type=aor)\ncontact=sip:gw2.carrier.example:5080\n",
	})
	rows, err := st.DB().Query("SELECT host || ':' || port FROM ast_peers WHERE name = 'pjtrunk' AND type = 'aor' ORDER BY host")
	if err != nil {
		t.Fatal(err)
	}
	var hosts []string
	for rows.Next() {
		var h string
		rows.Scan(&h)
		hosts = append(hosts, h)
	}
	rows.Close()
	if strings.Join(hosts, ",") != "gw.carrier.example:5070,gw2.carrier.example:5080" {
		t.Errorf("aor contacts %v", hosts)
	}
	host, ctx, _, _, n := peerRow(t, st, "pjtrunk", "endpoint")
	if n != 1 || host != "gw.carrier.example" || ctx != "from-pstn" {
		t.Errorf("endpoint: %d rows, host %q context %q", n, host, ctx)
	}
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", byName["pjsip.aor.conf"].SourceID).Scan(&notes)
	if want := "[pjtrunk] (line 1) takes the lines of [pjtrunk](+type=aor) in pjsip.aor_custom_post.conf line 1"; !strings.Contains(notes, want) {
		t.Errorf("notes %q lack %q", notes, want)
	}
}

// A (+) whose name only a template bears: Asterisk before 13.9 adds to the
// template, 13.9 and later pass templates over and refuse the
// configuration; the notes say both rather than pick one. Values chosen
// here.
func TestAppendToTemplateNamesBothReadings(t *testing.T) {
	st, byName := importImageByName(t, map[string]string{
		"etc/asterisk/sip.conf":        "[general]\n\n[phone](!)\ntype=friend\nhost=dynamic\n#include sip_custom.conf\n",
		"etc/asterisk/sip_custom.conf": "[phone](+)\ncontext=phones\n",
	})
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", byName["sip_custom.conf"].SourceID).Scan(&notes)
	if want := "[phone] is a template: Asterisk before 13.9 adds to it so; 13.9 and later pass templates over, find nothing to add to and refuse the configuration."; !strings.Contains(notes, want) {
		t.Errorf("notes %q lack %q", notes, want)
	}
}
