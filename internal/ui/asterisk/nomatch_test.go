package asterisk_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
)

// A calls filter that matches nothing says so: the list said "no PBX calls
// in this case: cdrtui import …" above a case of hundreds of calls. The
// result shown is in the audit trail with the filter it was computed with
// (its parameters were {}: a filtered result could not be told from the
// whole case's).
func TestAsteriskFilterMatchingNothingSaysSo(t *testing.T) {
	st, _, truth := freePBXCase(t, 3)
	env := uitest.Env(t, st)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.Press(tm, "7", "c", "f")
	uitest.WaitFor(t, tm, "number")
	uitest.Press(tm, "tab", "tab")
	uitest.Type(tm, "=cmd|")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, fmt.Sprintf("0 of %d calls", len(truth.Asterisk.CallsTruth)), "no call matches the filter")
	// the filtered result is recorded with its filter; the whole case's
	// result before it is recorded too unless the filter superseded its
	// work before it was shown (a busy machine), when it is never shown
	const filtered = `{"number":"=cmd|"}`
	var params []string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		es, err := st.AuditEntries(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		params = params[:0]
		for _, e := range es {
			if e.Action == "pane asterisk" {
				params = append(params, e.Params)
			}
		}
		if len(params) > 0 && params[len(params)-1] == filtered {
			break
		}
	}
	switch {
	case len(params) == 2 && params[0] == "{}" && params[1] == filtered:
	case len(params) == 1 && params[0] == filtered:
	default:
		t.Errorf("pane asterisk entries' parameters: %q, want [{} %s] or [%s]", params, filtered, filtered)
	}
	uitest.Press(tm, "esc")
	uitest.WaitFor(t, tm, fmt.Sprintf("Asterisk %d calls", len(truth.Asterisk.CallsTruth)))
	uitest.Quit(t, tm)
}
