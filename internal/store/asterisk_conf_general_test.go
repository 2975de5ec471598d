package store

import (
	"fmt"
	"strings"
	"testing"
)

// FreePBX's sip.conf is [general] followed by #include lines; the files it
// includes there (sip_general_additional.conf, sip_nat.conf,
// sip_registrations.conf) are headerless key=value lines that Asterisk
// reads inside [general]. chan_dahdi.conf's [channels] includes
// dahdi-channels.conf the same way. Values chosen here; by hand: bindport
// (sip_general_additional.conf line 2) and externip (sip_nat.conf line 1)
// are [general]'s, the register => line (sip_registrations.conf line 1)
// too, still a registration to sip.trunkco.example as user 4470001 with its
// secret kept out of the peers; dahdi-channels.conf's channel => (line 4)
// is [channels]'s.
func TestIncludedHeaderlessKeysJoinGeneral(t *testing.T) {
	st, byName := importImageByName(t, map[string]string{
		"etc/asterisk/sip.conf": "[general]\n#include sip_general_additional.conf\n#include sip_nat.conf\n" +
			"#include sip_registrations.conf\n#include sip_additional.conf\n",
		"etc/asterisk/sip_general_additional.conf": ";generated\nbindport=5060\ncontext=from-sip-external\n",
		"etc/asterisk/sip_nat.conf":                "externip=203.0.113.7\n",
		"etc/asterisk/sip_registrations.conf":      "register=4470001:s3cr3tpw@sip.trunkco.example/4470001\n",
		"etc/asterisk/sip_additional.conf":         "[trunkco]\nhost=sip.trunkco.example\ntype=peer\n",
		"etc/asterisk/chan_dahdi.conf":             "[trunkgroups]\n\n[channels]\nlanguage=en\n#include dahdi-channels.conf\n",
		"etc/asterisk/dahdi-channels.conf":         "; span 1\ngroup=0\ncontext=from-digital\nchannel => 1-15,17-31\n",
	})
	for _, tt := range []struct{ file, key, section string }{
		{"sip_general_additional.conf", "bindport", "general"},
		{"sip_general_additional.conf", "context", "general"},
		{"sip_nat.conf", "externip", "general"},
		{"sip_registrations.conf", "register", "general"},
		{"dahdi-channels.conf", "channel", "channels"},
	} {
		var section, opts string
		var n int
		st.DB().QueryRow("SELECT section, section_opts, count(*) FROM ast_conf WHERE source_id = ? AND key = ?", byName[tt.file].SourceID, tt.key).Scan(&section, &opts, &n)
		if n != 1 || section != tt.section || opts != "" {
			t.Errorf("%s %s: %d rows in [%s] opts %q, want 1 in [%s]", tt.file, tt.key, n, section, opts, tt.section)
		}
	}
	var host, user, detail string
	st.DB().QueryRow("SELECT host, username, detail FROM ast_peers WHERE type = 'registration' AND source_id = ?", byName["sip_registrations.conf"].SourceID).Scan(&host, &user, &detail)
	if host != "sip.trunkco.example" || user != "4470001" || detail != "extension=4470001" {
		t.Errorf("registration: host %q user %q detail %q", host, user, detail)
	}
	var secrets int
	st.DB().QueryRow("SELECT count(*) FROM ast_peers WHERE detail LIKE '%s3cr3tpw%' OR username LIKE '%s3cr3tpw%'").Scan(&secrets)
	if secrets != 0 {
		t.Errorf("%d peers keep the registration's secret", secrets)
	}
	var peers int
	st.DB().QueryRow("SELECT count(*) FROM ast_peers WHERE source_id IN (?, ?)", byName["sip_general_additional.conf"].SourceID, byName["sip_nat.conf"].SourceID).Scan(&peers)
	if peers != 0 {
		t.Errorf("%d peers made of [general]'s settings", peers)
	}
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", byName["sip_general_additional.conf"].SourceID).Scan(&notes)
	if !strings.Contains(notes, "Its 2 lines before any [section] are read in [general], the section open where sip.conf line 2 #includes it") {
		t.Errorf("notes %q", notes)
	}
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", byName["dahdi-channels.conf"].SourceID).Scan(&notes)
	if !strings.Contains(notes, "read in [channels], the section open where chan_dahdi.conf line 5 #includes it") {
		t.Errorf("dahdi-channels.conf notes %q", notes)
	}
}

// sip_notify_additional.conf is sip_notify.conf's (which #includes it), not
// sip.conf's: its file kind says so, and its [polycom-check-cfg] is no
// party. Values chosen here.
func TestSIPNotifyAdditionalIsSIPNotify(t *testing.T) {
	st, byName := importImageByName(t, map[string]string{
		"etc/asterisk/sip.conf":                   "[general]\nbindport=5060\n",
		"etc/asterisk/sip_notify.conf":            "#include sip_notify_additional.conf\n",
		"etc/asterisk/sip_notify_additional.conf": "[polycom-check-cfg]\nEvent=>check-sync\nContent-Length=>0\n",
	})
	var kind string
	var peers int
	st.DB().QueryRow("SELECT file_kind FROM ast_conf WHERE source_id = ? AND key = 'Event'", byName["sip_notify_additional.conf"].SourceID).Scan(&kind)
	st.DB().QueryRow("SELECT count(*) FROM ast_peers").Scan(&peers)
	if kind != "sip_notify" || peers != 0 {
		t.Errorf("file kind %q, %d peers; want sip_notify, 0", kind, peers)
	}
}

// parseOutline keeps what following includes needs: section headers and
// directives at their lines, a directive inside a ";-- --;" block comment
// left out. By hand: [general] at line 1, #include a.conf at line 3,
// [peers] at line 7, #tryinclude b.conf at line 8; c.conf is commented out.
func TestParseOutline(t *testing.T) {
	c, err := parseOutline(strings.NewReader("[general]\nbindport=5060\n#include a.conf\n;-- old\n#include c.conf\n--;\n[peers]\n  #tryinclude \"b.conf\"\nhost=x"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range c.Sections {
		got = append(got, fmt.Sprintf("[%s]@%d/%d", s.Name, s.Line, len(s.Entries)))
	}
	for _, d := range c.Includes {
		got = append(got, fmt.Sprintf("#%s %s@%d", d.Name, d.Arg, d.Line))
	}
	if want := "[general]@1/0 [peers]@7/0 #include a.conf@3 #tryinclude b.conf@8"; strings.Join(got, " ") != want {
		t.Errorf("outline %q, want %q", strings.Join(got, " "), want)
	}
}

// An #include or #tryinclude whose file is not in the image is named in the
// notes: what the live configuration held there is not read. An #exec is
// shown, never run. Values chosen here; by hand: line 2 (#tryinclude
// sip_missing.conf) is named, line 4 (sip_peers.conf, present) is not.
func TestMissingIncludeNamed(t *testing.T) {
	st, byName := importImageByName(t, map[string]string{
		"etc/asterisk/sip.conf":       "[general]\n#tryinclude sip_missing.conf\n#exec /usr/local/bin/gen-peers.sh\n#include sip_peers.conf\n",
		"etc/asterisk/sip_peers.conf": "[p1]\ntype=peer\nhost=10.1.1.1\n",
	})
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", byName["sip.conf"].SourceID).Scan(&notes)
	for _, want := range []string{"line 2: #tryinclude sip_missing.conf: no such file in the image", "line 3: #exec /usr/local/bin/gen-peers.sh: shown, never run"} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes %q lack %q", notes, want)
		}
	}
	if strings.Contains(notes, "sip_peers.conf: no such file") {
		t.Errorf("notes %q name a file that is there", notes)
	}
}
