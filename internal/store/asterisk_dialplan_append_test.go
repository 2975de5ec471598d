package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// extensions.conf's own [outbound] is continued by [outbound](+) in the
// extensions_custom.conf it includes: Asterisk moves the (+) lines to the
// end of [outbound], so the leading "same => n,Dial(…)" is a step of
// extension _9X. written in extensions.conf. Values chosen here; by hand:
// one route, outbound _9X. stripping 1 through SIP/trunkco, at
// extensions_custom.conf line 3 (before, the step had no extension and was
// no route).
func TestDialPlanAppendContinuesRootContext(t *testing.T) {
	st, byName := importImageByName(t, map[string]string{
		"etc/asterisk/sip.conf":               "[general]\n\n[trunkco]\ntype=peer\nhost=sip.trunkco.example\n",
		"etc/asterisk/extensions.conf":        "[general]\nstatic=yes\n\n[outbound]\nexten => _9X.,1,Set(CALLERID(num)=4420790000)\n\n#include extensions_custom.conf\n",
		"etc/asterisk/extensions_custom.conf": "; site changes\n[outbound](+)\nsame => n,Dial(SIP/trunkco/${EXTEN:1},60)\n",
	})
	routes, err := st.PBXRoutes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range routes {
		got = append(got, fmt.Sprintf("%s %s %d %s %s", r.Context, r.Pattern, r.Strip, r.Trunk, filepath.Base(r.Where)))
	}
	if want := "outbound _9X. 1 SIP/trunkco extensions_custom.conf:3"; strings.Join(got, "\n") != want {
		t.Errorf("routes %q, want %q", got, want)
	}
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", byName["extensions_custom.conf"].SourceID).Scan(&notes)
	if want := "[outbound](+) (line 2) adds to [outbound] of extensions.conf line 4."; !strings.Contains(notes, want) {
		t.Errorf("notes %q lack %q", notes, want)
	}
}

// A (+) context with nothing of its name read before it: Asterisk's
// loader refuses extensions.conf whole, so pbx_config loads no dial plan
// from it; the notes say so and where. Values chosen here.
func TestDialPlanAppendWithNothingBeforeRefused(t *testing.T) {
	st, byName := importImageByName(t, map[string]string{
		"etc/asterisk/extensions.conf":        "[general]\n#include extensions_custom.conf\n\n[from-internal]\nexten => 100,1,Dial(SIP/100)\n",
		"etc/asterisk/extensions_custom.conf": "[from-internal](+)\nexten => 200,1,Dial(SIP/200)\n",
	})
	var notes string
	st.DB().QueryRow("SELECT notes FROM sources WHERE id = ?", byName["extensions_custom.conf"].SourceID).Scan(&notes)
	if want := "Asterisk refuses this configuration as it stands: extensions_custom.conf line 1: [from-internal](+) adds to no [from-internal] read before it"; !strings.Contains(notes, want) {
		t.Errorf("notes %q lack %q", notes, want)
	}
}
