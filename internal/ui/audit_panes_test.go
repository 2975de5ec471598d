package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// The persona a pane shows is an analysis run: it is in the trail with the
// subscriber and the hash of the persona shown (what `cdrtui persona CASE
// A --top -1 --json` prints, computed here by casework directly); showing
// it again on the same focus records nothing more.
func TestPanePersonaRecorded(t *testing.T) {
	env := fixtureEnv(t)
	tm := teatest.NewTestModel(t, New(env, Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.WaitFor(t, tm, "447700900123")
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: "447700900123", Open: "persona"})
	uitest.WaitFor(t, tm, "[2 Persona]")
	var es []store.AuditEntry
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline) && len(es) == 0; time.Sleep(20 * time.Millisecond) {
		es = trailOf(t, env)
	}
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: "447700900123", Open: "persona"})
	time.Sleep(200 * time.Millisecond)
	finalModel(t, tm)
	es = trailOf(t, env)
	info, err := casework.DescribeDictionary(context.Background(), env.Store, env.Ports)
	if err != nil {
		t.Fatal(err)
	}
	p, err := casework.BuildPersona(context.Background(), env.Store, env.Ports, info, "447700900123", casework.PersonaOptions{Destinations: -1})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 1 || es[0].Action != "pane persona" || es[0].Params != `{"msisdn":"447700900123"}` || es[0].ResultSHA256 != casework.ResultHash(p) {
		t.Fatalf("trail %+v", es)
	}
}

// A case that cannot record (read-only medium) is said once on the status
// line, not at every result; a busy case is an error each time.
func TestPaneResultsNotRecordedSaidOnce(t *testing.T) {
	env := fixtureEnv(t)
	m := New(env, Panes(env))
	ro := auditFailedMsg{err: &store.NotRecordedError{Why: "the file is read-only"}}
	m.memoryMsg(ro)
	if m.status != "pane results are not recorded: the case cannot record in its audit trail: the file is read-only" {
		t.Fatalf("status %q", m.status)
	}
	m.status = ""
	m.memoryMsg(ro)
	if m.status != "" {
		t.Fatalf("said twice: %q", m.status)
	}
	m.memoryMsg(auditFailedMsg{err: &store.CaseBusyError{Case: "case.db"}})
	if m.lastErr == nil {
		t.Fatal("a busy case was not said")
	}
}

// A pane's result computed in the case-wide time scope (T) names that
// scope in its parameters, in RFC 3339 with its zone: 1710000000 is
// 2024-03-09 16:00:00 UTC, 1710086400 a day later.
func TestPaneResultNamesTheTimeScope(t *testing.T) {
	env := fixtureEnv(t)
	env.Scope = casework.TimeScope{From: 1710000000, To: 1710086400}
	m := New(env, Panes(env))
	cmd := m.record(uikit.AuditMsg{Action: "pane persona", Params: map[string]any{"msisdn": "447700900123"}, Result: "x"})
	if cmd == nil {
		t.Fatal("nothing recorded")
	}
	cmd()
	es := trailOf(t, env)
	scope := `"time_scope":{"clock":"wall clock as written in the evidence; to excluded","from":"2024-03-09T16:00:00Z","to":"2024-03-10T16:00:00Z"}`
	if len(es) != 1 || !strings.Contains(es[0].Params, scope) || !strings.Contains(es[0].Params, `"msisdn":"447700900123"`) {
		t.Fatalf("trail %+v", es)
	}
}

// The Location, Calls and Network panes record what they show, as every
// other pane does: each result shown is one entry, its hash that of what
// the CLI twin's --json prints (computed here by casework directly with
// the defaults the pane and the command share).
func TestNewPanesRecordTheirResults(t *testing.T) {
	env := fixtureEnv(t)
	tm := teatest.NewTestModel(t, New(env, Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.WaitFor(t, tm, "447700900123")
	const a = "447700900123"
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: a, Open: "location"})
	uitest.WaitFor(t, tm, "[8 Location]")
	uitest.Press(tm, "9") // a pane computes for the focus when it is shown
	uitest.WaitFor(t, tm, "[9 Calls]")
	uitest.Press(tm, "0")
	uitest.WaitFor(t, tm, "[0 Network]")
	want := []string{"pane location", "pane calls contacts", "pane network"}
	byAction := map[string][]store.AuditEntry{}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		byAction = map[string][]store.AuditEntry{}
		for _, e := range trailOf(t, env) {
			byAction[e.Action] = append(byAction[e.Action], e)
		}
		if len(byAction[want[0]]) > 0 && len(byAction[want[1]]) > 0 && len(byAction[want[2]]) > 0 {
			break
		}
	}
	finalModel(t, tm)
	ctx := context.Background()
	loc, err := casework.Location(ctx, env.Store, a, casework.DefaultLocationParams())
	if err != nil {
		t.Fatal(err)
	}
	calls, err := casework.Calls(ctx, env.Store, a, casework.TimeScope{})
	if err != nil {
		t.Fatal(err)
	}
	g, err := casework.BuildGraphIn(ctx, env.Store, env.Ports, a, casework.DefaultGraphOptions(), casework.TimeScope{})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		action, params string
		result         any
	}{
		{"pane location", `{"day":"09-17","msisdn":"447700900123","night":"22-06"}`, loc},
		{"pane calls contacts", `{"a":"447700900123","b":""}`, calls},
		{"pane network", `{"center":"447700900123","hops":` + fmt.Sprint(g.Hops) + `}`, g},
	}
	for _, c := range checks {
		es := byAction[c.action]
		if len(es) != 1 || es[0].Params != c.params || es[0].ResultSHA256 != casework.ResultHash(c.result) {
			t.Errorf("%s: trail %+v, want params %s and result %s", c.action, es, c.params, casework.ResultHash(c.result))
		}
	}
}
