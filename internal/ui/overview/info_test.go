package overview

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/testkit"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
)

// i on a source with no column mapping (an Asterisk configuration file)
// shows how it was read without a dangling separator: the line ended
// "6 sections, 38 keys ·".
func TestSourceInfoNoDanglingSeparator(t *testing.T) {
	st, _ := uitest.Case(t, testkit.Corpus(t, "bg111-asterisk-chan-dongle/dongle.conf"))
	p := New(uitest.Env(t, st))
	p.SetSize(80, 24)
	update := func(m tea.Msg) tea.Cmd { return p.Update(m) }
	uitest.Drain(update, p.Init())
	for _, k := range []string{"v", "i"} {
		uitest.Drain(update, p.Update(uitest.Key(k)))
	}
	view := ansi.Strip(p.View())
	var readAs string
	for _, l := range strings.Split(view, "\n") {
		if strings.HasPrefix(l, "read as ") {
			readAs = strings.TrimRight(l, " ")
		}
	}
	if !strings.Contains(readAs, "dongle.conf") || strings.HasSuffix(readAs, "·") {
		t.Errorf("read as line %q in\n%s", readAs, view)
	}
}
