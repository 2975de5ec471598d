package asterisk_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/asterisk"
)

// A leftover sip_custom_old.conf that sip.conf never #includes is marked
// in the artefact tree and counted apart in the header: by hand, 2 SIP
// peers ([trunkco] loaded, [oldtrunk] not), 1 not loaded.
func TestAsteriskPaneNotLoadedMarked(t *testing.T) {
	root := t.TempDir()
	testkit.WriteTree(t, root, map[string]string{
		"etc/asterisk/sip.conf":            "[general]\n#include sip_additional.conf\n",
		"etc/asterisk/sip_additional.conf": "[trunkco]\ntype=peer\nhost=sip.trunkco.example\n",
		"etc/asterisk/sip_custom_old.conf": "[oldtrunk]\ntype=peer\nhost=sip.oldcarrier.example\n",
	})
	st, err := store.Create(filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Import(context.Background(), []string{root}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	p := asterisk.New(uitest.Env(t, st))
	p.SetSize(120, 24)
	uitest.Drain(p.Update, p.Init())
	view := ansi.Strip(p.View())
	if !strings.Contains(view, "2 SIP peers (1 not loaded by Asterisk)") {
		t.Errorf("header does not count the peer Asterisk never loaded:\n%s", view)
	}
	marked := 0
	for _, line := range strings.Split(view, "\n") {
		if strings.Contains(line, "⊘ not loaded") {
			marked++
			if !strings.Contains(line, "sip_custom_old.conf") {
				t.Errorf("marked: %q", line)
			}
		}
	}
	if marked != 1 {
		t.Errorf("%d tree lines marked not loaded, want 1 (sip_custom_old.conf):\n%s", marked, view)
	}
}
