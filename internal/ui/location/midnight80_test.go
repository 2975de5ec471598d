package location_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/evidence"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// A stay that crosses midnight keeps the timeline's columns at 80x24: on
// the 19th A stays at C2 10:00–10:30, moves to C1 (10.28 km) and stays
// there from 23:00 to 02:00 on the 20th. Each line's "▪ at" / "→ to"
// starts in the same column; the day the stay ended follows the columns.
func TestLocationTimelineStayPastMidnightAt80(t *testing.T) {
	tm := timelineAt80(t, `MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION,CELL_ID
919714499703,VOICE_OUT,919812345678,19/03/2024,10:00:00,60,404-10-7301-22222
919714499703,VOICE_OUT,919812345678,19/03/2024,10:30:00,60,404-10-7301-22222
919714499703,VOICE_OUT,919812345678,19/03/2024,23:00:00,60,404-10-7301-12345
919714499703,VOICE_OUT,919812345678,20/03/2024,02:00:00,60,404-10-7301-12345
`)
	uitest.WaitFor(t, tm, "[Timeline]", "2024-03-19: 2 stays, 1 move", "10:00:00–10:30:00")
	screen := ansi.Strip(uitest.Quit(t, tm).View())
	var cols []int
	var rows []string
	for _, l := range strings.Split(screen, "\n") {
		for _, mark := range []string{" ▪ at ", " → to "} {
			if i := strings.Index(l, mark); i >= 0 {
				cols = append(cols, ansi.StringWidth(l[:i]))
				rows = append(rows, l)
			}
		}
	}
	want := []string{
		"10:00:00–10:30:00 ▪ at 404-10-7301-22222      2 rec",
		"10:30:00→23:00:00 → to 404-10-7301-12345   10.28 km     1 km/h", // 10.28 km in 12.5 h
		"23:00:00–02:00:00 ▪ at 404-10-7301-12345      2 rec  ended 2024-03-20",
	}
	if len(rows) != 3 || cols[0] != cols[1] || cols[1] != cols[2] {
		t.Fatalf("timeline columns %v:\n%s", cols, strings.Join(rows, "\n"))
	}
	for i, w := range want {
		if !strings.Contains(rows[i], w) {
			t.Errorf("line %d %q, want %q", i+1, rows[i], w)
		}
	}
}

// A move that left on the previous day says the day it left: on the 19th
// A is at C2 until 23:44:52, and next seen at C1 at 10:25:07 on the 20th.
// The 20th's timeline opens with that move; its times alone
// ("23:44:52→10:25:07") would read as one day, so the day it left
// (month-day, the year being the shown day's) follows the columns, as the
// day a stay ended does.
func TestLocationTimelineMoveFromPreviousDayAt80(t *testing.T) {
	tm := timelineAt80(t, `MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION,CELL_ID
919714499703,VOICE_OUT,919812345678,19/03/2024,10:00:00,60,404-10-7301-22222
919714499703,VOICE_OUT,919812345678,19/03/2024,23:44:52,60,404-10-7301-22222
919714499703,VOICE_OUT,919812345678,20/03/2024,10:25:07,60,404-10-7301-12345
`)
	uitest.WaitFor(t, tm, "[Timeline]", "2024-03-19: 1 stay, 0 moves")
	uitest.Press(tm, "]")
	uitest.WaitFor(t, tm, "2024-03-20: 1 stay, 1 move", "23:44:52→10:25:07")
	screen := ansi.Strip(uitest.Quit(t, tm).View())
	var cols []int
	var rows []string
	for _, l := range strings.Split(screen, "\n") {
		for _, mark := range []string{" ▪ at ", " → to "} {
			if i := strings.Index(l, mark); i >= 0 {
				cols = append(cols, ansi.StringWidth(l[:i]))
				rows = append(rows, l)
			}
		}
	}
	want := []string{
		"23:44:52→10:25:07 → to 404-10-7301-12345   10.28 km     1 km/h  left 03-19", // 10.28 km in 10 h 40 min 15 s
		"10:25:07–10:25:07 ▪ at 404-10-7301-12345      1 rec",
	}
	if len(rows) != 2 || cols[0] != cols[1] {
		t.Fatalf("timeline columns %v:\n%s", cols, strings.Join(rows, "\n"))
	}
	for i, w := range want {
		if !strings.Contains(rows[i], w) {
			t.Errorf("line %d %q, want %q", i+1, rows[i], w)
		}
	}
}

// timelineAt80 is the Location pane's timeline at 80x24 on a case of the
// voice records cdr gives (A is 919714499703) and the three cells of
// sites, showing 2024-03-19.
func timelineAt80(t *testing.T, cdr string) *teatest.TestModel {
	t.Helper()
	st, _ := uitest.TextCase(t, "cdr.csv", cdr)
	p := filepath.Join(t.TempDir(), "sites.csv")
	os.WriteFile(p, []byte(sites), 0o444)
	if res, err := st.ImportCells(context.Background(), []string{p}, store.CellImportOptions{Sites: evidence.SiteOptions{}}); err != nil || res[0].Rows != 3 {
		t.Fatalf("%+v %v", res, err)
	}
	e := uitest.CaseEnv(t, st)
	tm := teatest.NewTestModel(t, ui.New(e, ui.Panes(e)), teatest.WithInitialTermSize(80, 24))
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: "919714499703", Open: "location"})
	uitest.WaitFor(t, tm, "[Map]", "day 2024-03-19")
	uitest.Press(tm, "v")
	return tm
}
