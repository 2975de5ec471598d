package store

import (
	"strings"
	"testing"
)

// sip.conf defines the templates and #includes the files that use them,
// as administrators split a configuration: [voipfone](provider) in
// sip_trunks.conf is a trunk by the template's host and context, and
// [201](phone) in sip_phones.conf a phone, because Asterisk reads the
// included file inline, after the templates. By hand: the call from
// SIP/voipfone to SIP/201 in context "default" (no word of a direction)
// is inbound on a trunk; read alone, sip_trunks.conf's [voipfone] had no
// type or host and the call was internal (two phone channels).
func TestSIPTemplatesFromIncludingFile(t *testing.T) {
	sip := "[general]\ncontext=default\n\n[provider](!)\ntype=peer\nhost=sip.voipfone.example\ncontext=from-pstn\ninsecure=invite\n\n" +
		"[phone](!)\ntype=friend\nhost=dynamic\ncontext=default\n\n#include sip_trunks.conf\n#include sip_phones.conf\n"
	master := `"","01632960123","201","default","""01632960123"" <01632960123>","SIP/voipfone-00000003","SIP/201-00000004","Dial","SIP/201,30","2024-03-01 11:00:00","2024-03-01 11:00:02","2024-03-01 11:00:32",32,30,"ANSWERED","DOCUMENTATION","1709290800.3",""` + "\n"
	st, byName := importImageByName(t, map[string]string{
		"etc/timezone":                        "UTC\n",
		"etc/asterisk/sip.conf":               sip,
		"etc/asterisk/sip_trunks.conf":        "[voipfone](provider)\nusername=4401632960000\nsecret=s\n",
		"etc/asterisk/sip_phones.conf":        "[201](phone)\nsecret=a\n",
		"var/log/asterisk/cdr-csv/Master.csv": master,
	})
	if r := byName["Master.csv"]; r.Rows != 1 {
		t.Fatalf("Master.csv: %+v", r)
	}
	var typ, host, ctx string
	st.DB().QueryRow("SELECT type, host, context FROM ast_peers WHERE name = 'voipfone'").Scan(&typ, &host, &ctx)
	if typ != "peer" || host != "sip.voipfone.example" || ctx != "from-pstn" {
		t.Errorf("[voipfone]: type %q host %q context %q, want peer sip.voipfone.example from-pstn", typ, host, ctx)
	}
	var n int
	st.DB().QueryRow("SELECT count(*) FROM ast_peers WHERE name IN ('provider', 'phone')").Scan(&n)
	if n != 0 {
		t.Errorf("%d templates listed as peers", n)
	}
	var dir, reason, notes string
	st.DB().QueryRow("SELECT direction, direction_reason FROM ast_calls").Scan(&dir, &reason)
	if dir != "inbound" || !strings.Contains(reason, "SIP/voipfone, a trunk") {
		t.Errorf("direction %q (%s), want inbound on SIP/voipfone", dir, reason)
	}
	st.DB().QueryRow("SELECT notes FROM sources WHERE path LIKE '%sip_trunks.conf'").Scan(&notes)
	if !strings.Contains(notes, "defined in another file of its #include family") || !strings.Contains(notes, "[provider] (sip.conf line 4)") {
		t.Errorf("notes %q", notes)
	}
}

// The other way round: sip.conf #includes sip_templates.conf first and
// names its template ([201](phone)). By hand: [201] is a friend with
// host=dynamic in context phones, from sip_templates.conf line 1.
func TestSIPTemplatesFromIncludedFile(t *testing.T) {
	st, byName := importImageByName(t, map[string]string{
		"etc/asterisk/sip.conf":           "[general]\ncontext=default\n#include sip_templates.conf\n\n[201](phone)\nsecret=a\n",
		"etc/asterisk/sip_templates.conf": "[phone](!)\ntype=friend\nhost=dynamic\ncontext=phones\n",
	})
	var typ, host, ctx string
	st.DB().QueryRow("SELECT type, host, context FROM ast_peers WHERE name = '201'").Scan(&typ, &host, &ctx)
	if typ != "friend" || host != "dynamic" || ctx != "phones" {
		t.Errorf("[201]: type %q host %q context %q, want friend dynamic phones", typ, host, ctx)
	}
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", byName["sip.conf"].SourceID).Scan(&notes)
	if !strings.Contains(notes, "[phone] (sip_templates.conf line 1)") {
		t.Errorf("notes %q", notes)
	}
}
