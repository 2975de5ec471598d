package casework

import (
	"testing"

	"github.com/cdrtui/cdrtui/internal/store"
)

// CELSentence is the one wording of what a case's CEL holds: counts with
// their nouns agreeing (one event, one call, one further occurrence), in
// thousands, the further occurrences said only when there are some.
func TestCELSentence(t *testing.T) {
	for _, c := range []struct {
		in   store.CELSummary
		want string
	}{
		{store.CELSummary{Events: 16, Calls: 2, CallsWithCDR: 1, Copies: 1},
			"16 events of 2 calls (linkedids), 1 tied to a call record by linkedid or uniqueid; 1 further occurrence of these events (the same event in another source, or a repeated row) counted once"},
		{store.CELSummary{Events: 16, Calls: 2, CallsWithCDR: 1},
			"16 events of 2 calls (linkedids), 1 tied to a call record by linkedid or uniqueid"},
		{store.CELSummary{Events: 1, Calls: 1},
			"1 event of 1 call (a linkedid), 0 tied to a call record by linkedid or uniqueid"},
		{store.CELSummary{Events: 1234567, Calls: 4321, CallsWithCDR: 1000, Copies: 2500},
			"1,234,567 events of 4,321 calls (linkedids), 1,000 tied to a call record by linkedid or uniqueid; 2,500 further occurrences of these events (the same event in another source, or a repeated row) counted once"},
	} {
		if got := CELSentence(c.in); got != c.want {
			t.Errorf("CELSentence(%+v):\n%s\nwant:\n%s", c.in, got, c.want)
		}
	}
}
