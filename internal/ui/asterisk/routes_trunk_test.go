package asterisk

import (
	"strings"
	"testing"
)

// A route whose trunk a variable names shows it resolved, as written and
// where the variable is set; one written as it is shows the trunk only.
func TestRouteTrunkLineWrittenAndResolved(t *testing.T) {
	id := func(s ...string) string { return strings.Join(s, "") }
	got := routeTrunkLine("SIP/carrierB", "SIP/${TRUNK}/${EXTEN:1}", "TRUNK = carrierB (/img/etc/asterisk/globals_custom.conf:2)", id, id)
	if want := "trunk SIP/carrierB · written SIP/${TRUNK}/${EXTEN:1} · TRUNK = carrierB (/img/etc/asterisk/globals_custom.conf:2)"; got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if got := routeTrunkLine("SIP/carrier", "", "", id, id); got != "trunk SIP/carrier" {
		t.Errorf("plain trunk %q", got)
	}
}
