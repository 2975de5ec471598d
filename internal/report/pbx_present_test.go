package report

import (
	"context"
	"testing"

	"github.com/cdrtui/cdrtui/internal/store"
)

// The report's PBX section is present for a case whose only PBX calls are
// another switch's (CUCM, Kamailio, 3CX), as for Asterisk and FreeSWITCH:
// before, such a case's calls were left out of the report.
func TestPBXSectionForEverySwitch(t *testing.T) {
	for kind, want := range map[string]bool{
		"asterisk-cdr": true, "freeswitch-cdr": true, "cucm-cdr": true, "kamailio-acc": true, "3cx-cdr": true,
		"voice": false, "asterisk-log": false,
	} {
		b := &builder{summary: &store.Summary{Records: map[string]int64{kind: 3}}}
		if got := hasPBX(context.Background(), b); got != want {
			t.Errorf("%s: PBX section present %v, want %v", kind, got, want)
		}
	}
}
