package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit"
)

// An image whose cel-custom/Master.csv repeats its line 6 (BRIDGE_ENTER
// of call 1709283600.1) as line 18: the event is counted once (16 events,
// 12 in the call, as without the repeat), and --linkedid, its --json and
// the summaries say where the copy is.
func TestAsteriskCELRepeatedRowCountsOnce(t *testing.T) {
	root := testkit.CELImageWithRepeat(t)
	casePath := filepath.Join(t.TempDir(), "case.db")
	runOK(t, "import", casePath, root)
	if out := runOK(t, "asterisk", casePath); !strings.Contains(out,
		"\nChannel Event Logging: 16 events of 2 calls (linkedids), 1 tied to a call record by linkedid or uniqueid; 1 further occurrence of these events (the same event in another source, or a repeated row) counted once (--cel lists the calls)\n") {
		t.Errorf("asterisk:\n%s", out)
	}
	out := runOK(t, "asterisk", casePath, "--cel")
	for _, s := range []string{
		"Channel Event Logging: 16 events of 2 calls (linkedids), 1 tied to a call record by linkedid or uniqueid; 1 further occurrence of these events (the same event in another source, or a repeated row) counted once (--linkedid lists where)\n",
		"1709283600.1  65.220   12      2",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("--cel lacks %q:\n%s", s, out)
		}
	}
	out = runOK(t, "asterisk", casePath, "--cel", "--linkedid", "1709283600.1")
	if !strings.Contains(out, "call 1709283600.1: 12 events") || !strings.Contains(out, "cel-custom/Master.csv:6 (also in ") ||
		!strings.Contains(out, "cel-custom/Master.csv:18)") || strings.Count(out, "BRIDGE_ENTER") != 1 {
		t.Errorf("--linkedid:\n%s", out)
	}
	st, err := store.Open(casePath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rep, err := casework.AsteriskCEL(context.Background(), st, casework.CELOptions{LinkedID: "1709283600.1"})
	if err != nil || rep.Events != 16 || rep.Copies != 1 || rep.Listed[0].Copies != 1 || len(rep.Call.Events) != 12 {
		t.Fatalf("%v %+v", err, rep)
	}
	got := decode(t, []byte(runOK(t, "asterisk", casePath, "--cel", "--json", "--linkedid", "1709283600.1"))).(map[string]any)
	evs := got["call"].(map[string]any)["events"].([]any)
	var also []any
	for _, e := range evs {
		if m := e.(map[string]any); m["event"] == "BRIDGE_ENTER" {
			also, _ = m["also_in"].([]any)
		}
	}
	if len(also) != 1 || also[0].(map[string]any)["line"] != float64(18) ||
		!strings.HasSuffix(also[0].(map[string]any)["source"].(string), "cel-custom/Master.csv") || got["copies"] != float64(1) {
		t.Errorf("JSON also_in %v copies %v", also, got["copies"])
	}
}
