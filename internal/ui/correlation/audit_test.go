package correlation_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
	"github.com/cdrtui/cdrtui/internal/ui/correlation"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Opening the pair records the correlation shown and A's contacts;
// moving the window records A's contacts re-ranked and the window and the hash of the correlation
// now shown (the one correlate --json prints at that window). Showing the
// same figures again records nothing more.
func TestWindowChangeRecorded(t *testing.T) {
	env := correlation.FixtureEnv(t)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: correlation.FixtureA})
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleB, MSISDN: correlation.FixtureB, Open: "correlation"})
	uitest.WaitFor(t, tm, "window 3m", "7 matches")
	ctx := context.Background()
	waitEntries := func(n int) {
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			if es, _ := env.Store.AuditEntries(ctx); len(es) >= n {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitEntries(2)
	uitest.Press(tm, "[")
	uitest.WaitFor(t, tm, "window 2m", "6 matches")
	waitEntries(4)                                                                                       // the correlation and the contacts at 2 minutes
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleB, MSISDN: correlation.FixtureB, Open: "correlation"}) // the same pair again
	time.Sleep(200 * time.Millisecond)
	uitest.Quit(t, tm)
	es, err := env.Store.AuditEntries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pair, err := casework.LoadPair(ctx, env.Store, env.Ports, correlation.FixtureA, correlation.FixtureB, casework.Match("app"))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range es {
		got[e.Action] += e.Params + " " + e.ResultSHA256 + ";"
	}
	if len(es) != 4 || got["pane correlation"] != `{"a":"`+correlation.FixtureA+`","b":"`+correlation.FixtureB+`","match":"app","window_s":180} `+casework.ResultHash(pair.At(180))+";" ||
		!strings.Contains(got["pane contacts"], `"a":"`+correlation.FixtureA+`"`) {
		t.Fatalf("trail %+v", es)
	}
	if !strings.Contains(got["pane contacts"], `"window_s":120`) {
		t.Fatalf("contacts at 2 minutes not recorded: %+v", es)
	}
	var e store.AuditEntry
	for _, x := range es {
		if x.Action == "pane correlation window" {
			e = x
		}
	}
	if e.Action != "pane correlation window" || !strings.Contains(e.Params, `"window_s":120`) || e.ResultSHA256 != casework.ResultHash(pair.At(120)) {
		t.Fatalf("entry %+v", e)
	}
}
