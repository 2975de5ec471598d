package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit"
)

// FreePBX installs etc/asterisk/sip.conf and pjsip.conf as links into its
// web tree (/var/www/html/admin/modules/core/etc/…), absolute targets the
// seized system reads from its own root. The files they include are still
// of their family: sip_general_additional.conf's keys are [general]'s and
// pjsip.endpoint.conf's trunk finds its aor in pjsip.aor.conf. Values
// chosen here; by hand: bindport in [general], the endpoint's host
// gw.example.net. Reading the link's target from this machine's root, or
// not at all, left them without a family.
func TestFreePBXLinkedFamilyRoots(t *testing.T) {
	root := t.TempDir()
	core := "var/www/html/admin/modules/core/etc/"
	testkit.WriteTree(t, root, map[string]string{
		core + "sip.conf":                          "[general]\n#include sip_general_additional.conf\n",
		core + "pjsip.conf":                        "#include pjsip.endpoint.conf\n#include pjsip.aor.conf\n",
		"etc/asterisk/sip_general_additional.conf": "bindport=5060\n",
		"etc/asterisk/pjsip.endpoint.conf":         "[trunk1]\ntype=endpoint\naors=trunk1\ncontext=from-pstn\n",
		"etc/asterisk/pjsip.aor.conf":              "[trunk1]\ntype=aor\ncontact=sip:gw.example.net\n",
	})
	for _, f := range []string{"sip.conf", "pjsip.conf"} {
		if err := os.Symlink("/"+core+f, filepath.Join(root, "etc/asterisk", f)); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	st := openTemp(t)
	res, err := st.Import(context.Background(), []string{root}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]FileResult{}
	for _, r := range res {
		byName[filepath.Base(r.Path)] = r
	}
	var section string
	st.DB().QueryRow("SELECT section FROM ast_conf WHERE key = 'bindport' AND source_id = ?", byName["sip_general_additional.conf"].SourceID).Scan(&section)
	if section != "general" {
		t.Errorf("bindport in [%s], want [general]", section)
	}
	var host string
	st.DB().QueryRow("SELECT host FROM ast_peers WHERE name = 'trunk1' AND type = 'endpoint'").Scan(&host)
	if host != "gw.example.net" {
		t.Errorf("trunk1 endpoint host %q, want gw.example.net", host)
	}
}
