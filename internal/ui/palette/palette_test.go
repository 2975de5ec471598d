package palette

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Counts in the palette's lines carry thousands separators, as in the
// panes; a number found as another party says where it leads.
func TestLabelsFormatCounts(t *testing.T) {
	m := New(&uikit.Env{Styles: uitest.Styles()}, nil)
	m.SetSize(120, 20)
	m.hits = []store.PaletteHit{
		{Kind: "subscriber", Value: "919115016182", MSISDN: "919115016182", Records: 4970},
		{Kind: "ip", Value: "157.240.1.10", Records: 12345, Detail: "2 subscribers"},
		{Kind: "party", Value: "919812345678", MSISDN: "919714499703", Records: 2, Detail: "2 calls with 919714499703"},
	}
	m.refresh()
	view := ansi.Strip(m.View())
	for _, want := range []string{"MSISDN  919115016182 · 4,970 records → persona", "IP      157.240.1.10 · 12,345 records, 2 subscribers → hunt",
		"number  919812345678 · no subscriber: other party in 2 calls with 919714499703 → persona of 919714499703"} {
		if !strings.Contains(view, want) {
			t.Errorf("no %q in\n%s", want, view)
		}
	}
}
