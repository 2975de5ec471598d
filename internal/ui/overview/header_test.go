package overview

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/testkit"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
)

// The case's counts are read whole on a narrow screen: they wrap between
// two counts, and the list starts below them (its header on the line
// after the header's last).
func TestHeaderCountsWrap(t *testing.T) {
	st, _ := uitest.TextCase(t, "ipdr.csv", "MSISDN,DESTPORT,START,CELL_ID\n"+
		"911000000001,5222,2024-03-19 10:00:00,C1\n911000000002,443,2024-03-19 11:00:00,C2\n")
	p := New(uitest.Env(t, st))
	p.SetSize(30, 20)
	uitest.Drain(func(m tea.Msg) tea.Cmd { return p.Update(m) }, p.Init())
	view := ansi.Strip(p.View())
	lines := strings.Split(view, "\n")
	for _, want := range []string{"2 ipdr", "2 subscribers", "2 cells", "1 source"} {
		if !strings.Contains(view, want) {
			t.Errorf("no %q in\n%s", want, view)
		}
	}
	h := p.headerHeight()
	if h < 4 || strings.Contains(strings.Join(lines[:h], "\n"), "…") {
		t.Fatalf("header of %d lines:\n%s", h, view)
	}
	if !strings.Contains(lines[h], "MSISDN") || !strings.Contains(lines[h-1], "Subscribers") {
		t.Errorf("the list does not start below the header (%d lines):\n%s", h, view)
	}
	if len(lines) != 20 {
		t.Errorf("%d lines drawn in 20", len(lines))
	}
}

// A case of a seized PBX's artefacts only (no data or voice records) does
// not say it holds no records: the header said "Case no records" above
// the PBX's calls and log entries it counted.
func TestHeaderPBXOnlyCase(t *testing.T) {
	st, _ := uitest.Case(t, testkit.Corpus(t, "fail2ban/asterisk"))
	p := New(uitest.Env(t, st))
	p.SetSize(80, 24)
	uitest.Drain(func(m tea.Msg) tea.Cmd { return p.Update(m) }, p.Init())
	view := ansi.Strip(p.View())
	if !strings.Contains(view, "log entries") || strings.Contains(view, "no records") || !strings.Contains(view, "Case no data or voice records") {
		t.Errorf("header of a PBX-only case:\n%s", view)
	}
}
