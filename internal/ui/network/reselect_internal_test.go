package network

import (
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// The groups of network_test's cliques, {01,02,03} and {05,06,07} joined
// by 04 (03–04–05); a lone pair 08–09; 99 calling 10 and 20, each with
// three numbers of its own (10 and 20 broker 18 pairs each, 99 16: the
// centre 99 is the graph's third number).
const cliquesCSV = `MSISDN,B_NUMBER,CALL_TYPE,CALL_DATE,CALL_TIME,DURATION,CELL_ID
919800000001,919800000002,VOICE_OUT,2024-03-13,10:00:00,60,X
919800000001,919800000003,VOICE_OUT,2024-03-13,10:05:00,60,X
919800000002,919800000003,VOICE_OUT,2024-03-13,10:10:00,60,X
919800000003,919800000004,VOICE_OUT,2024-03-13,10:15:00,60,X
919800000004,919800000005,VOICE_OUT,2024-03-13,10:20:00,60,X
919800000005,919800000006,VOICE_OUT,2024-03-13,10:25:00,60,X
919800000005,919800000007,VOICE_OUT,2024-03-13,10:30:00,60,X
919800000006,919800000007,SMS_OUT,2024-03-13,10:35:00,0,X
919800000008,919800000009,VOICE_OUT,2024-03-13,11:00:00,60,X
919800000099,919800000010,VOICE_OUT,2024-03-13,12:00:00,60,X
919800000099,919800000020,VOICE_OUT,2024-03-13,12:01:00,60,X
919800000010,919800000011,VOICE_OUT,2024-03-13,12:05:00,60,X
919800000010,919800000012,VOICE_OUT,2024-03-13,12:06:00,60,X
919800000010,919800000013,VOICE_OUT,2024-03-13,12:07:00,60,X
919800000020,919800000021,VOICE_OUT,2024-03-13,12:08:00,60,X
919800000020,919800000022,VOICE_OUT,2024-03-13,12:09:00,60,X
919800000020,919800000023,VOICE_OUT,2024-03-13,12:10:00,60,X
`

func reselectPane(t *testing.T, a string) *Pane {
	t.Helper()
	st, _ := uitest.TextCase(t, "calls.csv", cliquesCSV)
	p := New(uitest.Env(t, st))
	p.SetSize(100, 24)
	uitest.Drain(p.Update, p.Update(uikit.FocusMsg{A: a}))
	return p
}

func (p *Pane) pressKeys(keys ...string) {
	for _, k := range keys {
		uitest.Drain(p.Update, p.Update(uitest.Key(k)))
	}
}

// A smaller graph arriving while the selection is on a number of the
// larger one drawn before (a new A, fewer hops) used to read the old
// layout's spot in the new graph: index out of range, the workbench
// killed (seen in tmux: 0 Network after A changed to a subscriber with
// two numbers around it).
func TestNetworkSmallerGraphKeepsSelectionInRange(t *testing.T) {
	p := reselectPane(t, "919800000099") // 99, 10, 20 and their six
	if len(p.graph.Nodes) != 9 {
		t.Fatalf("around 99: %d numbers, want 9", len(p.graph.Nodes))
	}
	// the centre (the first spot) must lie past the second number of the
	// graph, out of the next graph's range
	if i := p.lo.spots[0].node; i < 2 {
		t.Fatalf("the centre is number %d of the graph: the test needs it past 1", i)
	}
	p.sel = 0
	uitest.Drain(p.Update, p.Update(uikit.FocusMsg{A: "919800000008"}))
	if len(p.graph.Nodes) != 2 {
		t.Fatalf("around 08: %d numbers, want 2", len(p.graph.Nodes))
	}
	if got := p.selected(); got != "919800000008" {
		t.Errorf("the selection went to %q, want the centre", got)
	}
}

// Re-centring on the selected number leaves the selection on it (the new
// centre), not on whatever number took the old spot's index.
func TestNetworkRecentreSelectsTheNewCentre(t *testing.T) {
	p := reselectPane(t, "919800000001")
	for k, s := range p.lo.spots {
		if p.graph.Nodes[s.node].ID == "919800000004" {
			p.sel = k
		}
	}
	p.pressKeys("enter")
	if p.center != "919800000004" {
		t.Fatalf("enter re-centred on %q", p.center)
	}
	if got := p.selected(); got != "919800000004" {
		t.Errorf("after re-centring on 919800000004 the selection is %q", got)
	}
	if v := p.View(); !strings.Contains(v, "[◉") {
		t.Errorf("the centre is not the one bracketed:\n%s", v)
	}
}

// The list beside the drawing marks the selected number with a glyph, not
// only a colour (NO_COLOR terminals showed no selection in the list).
func TestNetworkListMarksTheSelection(t *testing.T) {
	p := reselectPane(t, "919800000001")
	if v := p.View(); !strings.Contains(v, "◉▸919800000001") {
		t.Errorf("the centre, selected, is not marked in the list:\n%s", v)
	}
	for k, s := range p.lo.spots {
		if p.graph.Nodes[s.node].ID == "919800000004" {
			p.sel = k
		}
	}
	if v := p.View(); !strings.Contains(v, " ▸919800000004") || strings.Contains(v, "◉▸") {
		t.Errorf("04 selected is not the one marked in the list:\n%s", v)
	}
}

// The export's message says the folder as well as the files.
func TestNetworkExportSaysWhere(t *testing.T) {
	p := reselectPane(t, "919800000001")
	var said string
	for _, m := range uitest.Collect(p.Update(savedMsg{paths: []string{"/cases/x/cdrtui-exports/network-1.graphml", "/cases/x/cdrtui-exports/network-1.csv"}})) {
		if s, ok := m.(uikit.StatusMsg); ok {
			said = s.Text
		}
	}
	if !strings.Contains(said, "network-1.graphml, network-1.csv in /cases/x/cdrtui-exports") {
		t.Errorf("the export said %q", said)
	}
}
