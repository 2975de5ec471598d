package asterisk_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
)

// In a time scope (T) the calls listed are those the header counts: the
// list held every call of the case ("122 of 731 calls" above rows from
// before the scope). The scope is the first day of three; the count is
// SQL's over the calls' wall clocks.
func TestAsteriskCallsFollowTheTimeScope(t *testing.T) {
	st, _, truth := freePBXCase(t, 3)
	var first, inScope int64
	if err := st.DB().QueryRow(`SELECT min(start + wall_offset) FROM ast_calls`).Scan(&first); err != nil {
		t.Fatal(err)
	}
	day := first - first%86400
	if err := st.DB().QueryRow(`SELECT count(*) FROM ast_calls WHERE start + wall_offset >= ? AND start + wall_offset < ?`, day, day+86400).Scan(&inScope); err != nil {
		t.Fatal(err)
	}
	total := int64(len(truth.Asterisk.CallsTruth))
	env := uitest.Env(t, st)
	env.Scope = casework.TimeScope{From: day, To: day + 86400}
	rep, err := casework.Asterisk(context.Background(), st, casework.AsteriskOptions{Filter: env.Scope.PBX(store.PBXFilter{})})
	if err != nil || rep.Calls != inScope || inScope == 0 || inScope == total {
		t.Fatalf("fixture: %d calls in the scope by SQL, %d by the report, of %d (%v)", inScope, rep.Calls, total, err)
	}
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.Press(tm, "7", "c")
	uitest.WaitFor(t, tm, fmt.Sprintf("%d of %d calls", inScope, total), fmt.Sprintf("row 1 of %d", inScope))
	uitest.Quit(t, tm)
}
