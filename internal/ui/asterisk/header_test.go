package asterisk_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/asterisk"
)

// At 80 columns what the case holds wraps between its items (the SIP
// peers and the calls' dates were cut with "…"); the pane draws exactly
// its height, the view tabs below the wrapped lines.
func TestAsteriskHeaderWraps(t *testing.T) {
	env, _ := imageEnv(t)
	p := asterisk.New(env)
	p.SetSize(80, 21)
	uitest.Drain(p.Update, p.Init())
	view := ansi.Strip(p.View())
	lines := strings.Split(view, "\n")
	if len(lines) != 21 {
		t.Fatalf("%d lines drawn in 21", len(lines))
	}
	head := strings.Join(lines[:3], "\n")
	for _, want := range []string{"zone Asia/Kolkata", "SIP peer", " → "} {
		if !strings.Contains(head, want) {
			t.Errorf("no %q in the header:\n%s", want, view)
		}
	}
	if strings.Contains(lines[0], "…") || !strings.Contains(view, "artefacts") {
		t.Errorf("header:\n%s", view)
	}
}
