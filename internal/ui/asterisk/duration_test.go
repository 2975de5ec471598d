package asterisk_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
)

// Issabel's CDR Report export gives talk time only: the calls list shows
// each call's unknown duration as —, its talk time as written (125, 0,
// 3725), and the header counts the 3 calls with talk time only, at 80x24.
func TestAsteriskUnknownDurationShownUnknown(t *testing.T) {
	st, err := store.Create(filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Import(context.Background(), []string{filepath.Join("..", "..", "store", "testdata", "operators", "issabel_cdr_report.csv")}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	env := uitest.Env(t, st)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.Press(tm, "7", "c")
	uitest.WaitFor(t, tm, "3 with talk time only", "201           —   125 ANSWERED", "0449876543    —     0 NO ANSWER", "204           —  3725 ANSWERED")
	uitest.Quit(t, tm)
}
