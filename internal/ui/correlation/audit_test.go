package correlation_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
	"github.com/cdrtui/cdrtui/internal/ui/correlation"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Opening the pair records nothing; moving the window records the window
// and the hash of the correlation now shown (the one correlate --json
// prints at that window).
func TestWindowChangeRecorded(t *testing.T) {
	env := correlation.FixtureEnv(t)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: correlation.FixtureA})
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleB, MSISDN: correlation.FixtureB, Open: "correlation"})
	uitest.WaitFor(t, tm, "window 3m", "7 matches")
	ctx := context.Background()
	if es, _ := env.Store.AuditEntries(ctx); len(es) != 0 {
		t.Fatalf("opening the pair recorded %+v", es)
	}
	uitest.Press(tm, "[")
	uitest.WaitFor(t, tm, "window 2m", "6 matches")
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if es, _ := env.Store.AuditEntries(ctx); len(es) > 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	uitest.Quit(t, tm)
	es, err := env.Store.AuditEntries(ctx)
	if err != nil || len(es) != 1 {
		t.Fatalf("trail %+v %v", es, err)
	}
	pair, err := casework.LoadPair(ctx, env.Store, env.Ports, correlation.FixtureA, correlation.FixtureB, casework.Match("app"))
	if err != nil {
		t.Fatal(err)
	}
	e := es[0]
	if e.Action != "pane correlation window" || !strings.Contains(e.Params, `"window_s":120`) || e.ResultSHA256 != casework.ResultHash(pair.At(120)) {
		t.Fatalf("entry %+v", e)
	}
}
