package store

import (
	"strings"
	"testing"
)

// An administrator changes a FreePBX trunk in sip_custom_post.conf, read
// after sip_additional.conf: [trunkco](+) adds its lines to sip_additional's
// [trunkco], so the trunk's host is the later one. Values chosen here; by
// hand: one trunkco peer, from sip_additional.conf line 1, host
// sip2.trunkco.example (the (+) line, read last) and user 4470001; the (+)
// section is no party of its own.
func TestFamilyAppendSection(t *testing.T) {
	st, byName := importImageByName(t, map[string]string{
		"etc/asterisk/sip.conf":             "[general]\n#include sip_additional.conf\n#include sip_custom_post.conf\n",
		"etc/asterisk/sip_additional.conf":  "[trunkco]\nhost=sip.trunkco.example\nusername=4470001\ntype=peer\ncontext=from-trunk\n",
		"etc/asterisk/sip_custom_post.conf": "[trunkco](+)\nhost=sip2.trunkco.example\n",
	})
	rows, err := st.DB().Query("SELECT host, username, source_id, line FROM ast_peers WHERE name = 'trunkco'")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var host, user string
		var src, line int64
		rows.Scan(&host, &user, &src, &line)
		if src == byName["sip_additional.conf"].SourceID {
			got = append(got, "sip_additional.conf:"+host+":"+user+":"+strings.Repeat("I", int(line)))
		} else {
			got = append(got, "other:"+host)
		}
	}
	rows.Close()
	if strings.Join(got, ",") != "sip_additional.conf:sip2.trunkco.example:4470001:I" {
		t.Errorf("trunkco peers %v", got)
	}
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", byName["sip_additional.conf"].SourceID).Scan(&notes)
	if !strings.Contains(notes, "[trunkco] (line 1) takes the lines of [trunkco](+) in sip_custom_post.conf line 1") {
		t.Errorf("notes %q", notes)
	}
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", byName["sip_custom_post.conf"].SourceID).Scan(&notes)
	if !strings.Contains(notes, "[trunkco](+) (line 1) adds to [trunkco] of sip_additional.conf line 1") {
		t.Errorf("custom_post notes %q", notes)
	}
}
