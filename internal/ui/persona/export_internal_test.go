package persona

import (
	"testing"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/ui/table"
)

// The applications' export is data, not the screen: the confidence is its
// word (the glyphs ●●○ stay on screen) and the unknown ports' row says
// nothing in "May also be" (it held the screen's hint "enter: list them").
func TestAppsExportIsData(t *testing.T) {
	src := appSource(&casework.Persona{Total: 10,
		Apps:         []analysis.AppUse{{App: "WhatsApp", Count: 4, Percent: 40, Confidence: "medium", Mixed: true}},
		UnknownPorts: []analysis.PortUse{{Port: 12345, Count: 1, Percent: 10}}, UnknownTotal: 1})
	want := [][]any{{"WhatsApp", "4", "40.00", "medium (mixed)", "", ""}, {"? 1 unknown ports", "1", "10.00", "none", "", ""}}
	if len(src.Rows) != len(want) {
		t.Fatalf("%d rows", len(src.Rows))
	}
	for i, r := range src.Rows {
		for j, c := range src.Cols {
			got := table.ExportValue(r, j, c)
			if s, ok := got.(interface{ String() string }); ok {
				got = s.String()
			}
			if got != want[i][j] {
				t.Errorf("row %d %s: %#v, want %#v", i, c.Title, got, want[i][j])
			}
		}
	}
}
