package asterisk

import (
	"strings"
	"testing"
)

// A route whose trunk a variable names shows it resolved and as written,
// and on a line of its own where the variable is set, a file beside the
// route's own by its base name (the "at" line above names the directory)
// so that it fits 80 columns; one written as it is shows the trunk only.
func TestRouteTrunkLineWrittenAndResolved(t *testing.T) {
	id := func(s ...string) string { return strings.Join(s, "") }
	got := routeTrunkLine("SIP/carrierB", "SIP/${TRUNK}/${EXTEN:1}", id, id)
	if want := "trunk SIP/carrierB · written SIP/${TRUNK}/${EXTEN:1}"; got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if got := routeTrunkLine("SIP/carrier", "", id, id); got != "trunk SIP/carrier" {
		t.Errorf("plain trunk %q", got)
	}
	vars := "DIALOUT = SIP/carrierA (/img/etc/asterisk/extensions_custom.conf:2); also set to SIP/carrierC (/img/old/extensions_old.conf:2): which Asterisk reads last is not decided here"
	got = routeVarsLine(vars, "/img/etc/asterisk/extensions_additional.conf:9", id)
	if want := "set DIALOUT = SIP/carrierA (extensions_custom.conf:2); also set to SIP/carrierC (/img/old/extensions_old.conf:2): which Asterisk reads last is not decided here"; got != want {
		t.Errorf("vars line %q\nwant %q", got, want)
	}
	if got := routeVarsLine("", "/img/etc/asterisk/extensions.conf:3", id); got != "" {
		t.Errorf("no variable: %q", got)
	}
}
