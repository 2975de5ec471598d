package asterisk_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
)

// A Kamailio acc export whose answered INVITE c4 has no BYE: the calls
// list shows its unknown talk time as — (and its unknown duration), the
// ended call's 150 s and the busy call's 0 as written, and the header
// counts the call without talk time, at 80x24; the dashboard's talk time
// per recipient says the call without it is left out.
func TestAsteriskUnknownTalkTimeShownUnknown(t *testing.T) {
	dir := t.TempDir()
	acc := testkit.AccWithoutBye(t, dir, "0445550000")
	st, err := store.Create(filepath.Join(dir, "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Import(context.Background(), []string{acc}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	env := uitest.Env(t, st)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.Press(tm, "7", "c")
	uitest.WaitFor(t, tm, "1 without talk time", "0441234567  150   150 200 OK", "0449876543    —     0 486 Busy Here", "0445550000    —     — 200 OK")
	// the dashboard's recipients: 0441234567 2m30s, the unknown left out
	uitest.Press(tm, "d", "n", "n")
	uitest.WaitFor(t, tm, "Talk time per recipient, all 3 · 1 call without talk time left out", " 1 0441234567         2m30s    1 call ", " 2 0445550000            0s    1 call (1 unknown)")
	uitest.Quit(t, tm)
}
