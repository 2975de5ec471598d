package store

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// FreePBX writes extensions_additional.conf's [globals] with its own
// values, then "#include globals_custom.conf", where an administrator
// overrides one: Asterisk reads the included lines after the ones above
// the #include, so they win. A route Dial(SIP/${TRUNK}/…) is shown as
// written and resolved, with where TRUNK is set. Values chosen here; by
// hand: TRUNK is carrierA at extensions_additional.conf line 2 and
// carrierB at globals_custom.conf line 2, read at line 4 of
// extensions_additional.conf, so carrierB; outrt-1's _9X. (line 8)
// strips 1 through SIP/carrierB, written SIP/${TRUNK}/${EXTEN:1}. DIALOUT
// is SIP/carrierB in extensions_additional.conf (line 3) and SIP/carrierA
// in extensions_custom.conf's own [globals] (line 2), which extensions.conf
// includes after it (line 2 against line 1): SIP/carrierA. A third value,
// SIP/carrierC in extensions_old.conf, which no file includes, is named
// beside it: no #include orders it, and it is not passed off as unused.
func TestGlobalVariableTrunkWrittenAndResolved(t *testing.T) {
	st, _ := importImageByName(t, map[string]string{
		"etc/asterisk/sip.conf": "[general]\n\n[carrierA]\ntype=peer\nhost=sip.carrier-a.example\n\n[carrierB]\ntype=peer\nhost=sip.carrier-b.example\n",
		"etc/asterisk/extensions_additional.conf": "[globals]\n" + // 1
			"TRUNK = carrierA\n" + // 2
			"DIALOUT = SIP/carrierB\n" + // 3
			"#include globals_custom.conf\n" + // 4
			"\n" + // 5
			";end of [globals]\n" + // 6
			"[outrt-1]\n" + // 7
			"exten => _9X.,1,Dial(SIP/${TRUNK}/${EXTEN:1},300)\n" + // 8
			"exten => _7X.,1,Dial(${DIALOUT}/${EXTEN:1},300)\n", // 9
		"etc/asterisk/globals_custom.conf":    "; moved to the new carrier\nTRUNK = carrierB\n",
		"etc/asterisk/extensions_custom.conf": "[globals]\nDIALOUT = SIP/carrierA\n",
		"etc/asterisk/extensions.conf":        "#include extensions_additional.conf\n#include extensions_custom.conf\n",
		"etc/asterisk/extensions_old.conf":    "[globals]\nDIALOUT = SIP/carrierC\n",
	})
	routes, err := st.PBXRoutes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	dir := regexp.MustCompile(`[^ (]*/etc/asterisk/`)
	var got []string
	for _, r := range routes {
		got = append(got, fmt.Sprintf("%s %d %s | %s | %s | %s", r.Pattern, r.Strip, r.Trunk, r.Written, dir.ReplaceAllString(r.Vars, ""), filepath.Base(r.Where)))
	}
	want := []string{
		"_9X. 1 SIP/carrierB | SIP/${TRUNK}/${EXTEN:1} | TRUNK = carrierB (globals_custom.conf:2) | extensions_additional.conf:8",
		"_7X. 1 SIP/carrierA | ${DIALOUT}/${EXTEN:1} | DIALOUT = SIP/carrierA (extensions_custom.conf:2); also set to SIP/carrierC (extensions_old.conf:2): which Asterisk reads last is not decided here | extensions_additional.conf:9",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("routes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
