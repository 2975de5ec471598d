package asterisk

import (
	"context"
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
)

// The report of a calls filter replaced by a newer one is never shown: the
// inbound calls' report arrives after the outbound calls' was shown, and
// that one stays (counts from the CLI's report, each filter apart).
func TestAsteriskSupersededNeverShown(t *testing.T) {
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Days, cfg.Records, cfg.Pairs, cfg.VoiceSubscribers, cfg.SimBoxes = 4, 3, 0, 0, 0, 0
	cfg.AsteriskImage, cfg.PBX = true, gen.PBXFreePBX
	st, _, _ := casekit.GeneratedCase(t, cfg)
	count := func(dir string) (int64, int64) {
		rep, err := casework.Asterisk(context.Background(), st, casework.AsteriskOptions{Filter: store.PBXFilter{Direction: dir}})
		if err != nil {
			t.Fatal(err)
		}
		var all int64
		for _, n := range rep.CallsByKind {
			all += n
		}
		return rep.Calls, all
	}
	in, all := count("inbound")
	out, _ := count("outbound")
	if in == out || in == 0 || out == 0 {
		t.Fatalf("fixture: %d inbound, %d outbound calls", in, out)
	}
	p := New(uitest.Env(t, st))
	p.SetSize(160, 40)
	uitest.Settle(p.Update, p.Init())
	uitest.Superseded(t, p.Update, p.View,
		func() tea.Cmd { return p.applyFilter(store.PBXFilter{Direction: "inbound"}) },
		func() tea.Cmd { return p.applyFilter(store.PBXFilter{Direction: "outbound"}) },
		[]string{fmt.Sprintf("%d of %d calls", out, all)}, []string{fmt.Sprintf("%d of %d calls", in, all)})
}
