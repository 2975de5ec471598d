package trends_test

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
	"github.com/cdrtui/cdrtui/internal/ui/trends"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

const (
	subA = "919800000001"
	subB = "919800000002"
)

// A's WhatsApp: 02:59:59 and 00:00:00 (00-03), 03:00:00 (03-06),
// 23:59:59 (21-24) on Sunday 2018-06-03 and Monday 2018-06-04; B's: Monday
// 00:00:01 and Wednesday 21:00:00. A also has three HTTPS records.
var fixture = []string{
	"MSISDN,DESTIP,DESTPORT,START,CELL_ID",
	subA + ",157.240.1.1,5222,2018-06-03 02:59:59,C1",
	subA + ",157.240.1.1,5223,2018-06-03 03:00:00,C1",
	subA + ",157.240.1.2,5228,2018-06-03 23:59:59,C2",
	subA + ",157.240.1.1,5222,2018-06-04 00:00:00,C2",
	subA + ",142.250.1.1,443,2018-06-04 10:00:00,C2",
	subA + ",142.250.1.1,443,2018-06-04 10:05:00,C2",
	subA + ",142.250.1.1,443,2018-06-05 11:00:00,C3",
	subB + ",157.240.1.9,5222,2018-06-04 00:00:01,C1",
	subB + ",157.240.1.9,5222,2018-06-06 21:00:00,C1",
}

func fixtureEnv(t *testing.T) *uikit.Env {
	t.Helper()
	st, _ := uitest.TextCase(t, "ipdr.csv", strings.Join(fixture, "\n")+"\n")
	return uitest.CaseEnv(t, st)
}

// The real workbench at 80x24: A's WhatsApp by interval and weekday, A and
// B side by side, the whole case, the dates, the connections with file and
// line, another application, and the paper's CSV saved.
func TestTrendsInWorkbench(t *testing.T) {
	env := fixtureEnv(t)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleB, MSISDN: subB})
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: subA, Open: "trends"})
	uitest.WaitFor(t, tm, "Trends WhatsApp", "A 919800000001 4", "Three-hour intervals", "00-03 2 │", "03-06 1 │", "21-24 1 │",
		"Sun 3 │", "Mon 1 │", "Weekday × interval")
	uitest.Press(tm, "o") // A vs B
	uitest.WaitFor(t, tm, "B 919800000002 2", "same scale for A and B")
	uitest.Press(tm, "o") // whole case
	uitest.WaitFor(t, tm, "whole case 6", "00-03 3 │", "21-24 2 │")
	uitest.Press(tm, "v") // dates
	uitest.WaitFor(t, tm, "2018-06-03 Sun", "2018-06-05 Tue", "row 1 of 4")
	uitest.Press(tm, "j", "enter") // connections of Monday 2018-06-04
	uitest.WaitFor(t, tm, "connections to WhatsApp on 2018-06-04", "2018-06-04 00:00:01", "ipdr.csv", "row 1 of 2")
	uitest.Press(tm, "esc")
	uitest.WaitFor(t, tm, "6 connections to WhatsApp · E: save as text", "row 1 of 6")
	uitest.Press(tm, "C", "e") // the charts' export: the paper's intervals
	// the status line may be cut short while a spinner shares it; the file
	// itself is checked after the run
	uitest.WaitFor(t, tm, "saved exports/")
	uitest.Press(tm, "p", "/", "h", "t", "t", "p", "s", "enter") // filter the applications
	uitest.WaitFor(t, tm, "row 1 of 1")
	uitest.Press(tm, "enter") // pick Web (HTTPS)
	uitest.WaitFor(t, tm, "Trends Web (HTTPS)", "whole case 3")
	uitest.Quit(t, tm)

	files, _ := filepath.Glob(filepath.Join(env.ExportDir, "trends-intervals-case-WhatsApp-*.csv"))
	if len(files) != 1 {
		t.Fatalf("exports %v", files)
	}
	b, _ := os.ReadFile(files[0])
	// the "# " lines every cdrtui CSV export begins with, then the paper's
	// file: A's four and B's two by interval
	meta, data, _ := strings.Cut(string(b), "interval,")
	want := "all WhatsApp\n00-03,3\n03-06,1\n06-09,0\n09-12,0\n12-15,0\n15-18,0\n18-21,0\n21-24,2\ntotal,6\n"
	if data != want {
		t.Fatalf("intervals CSV:\n%s\nwant:\ninterval,%s", b, want)
	}
	sum := sha256.Sum256([]byte(strings.Join(fixture, "\n") + "\n"))
	for _, line := range []string{
		"# cdrtui export of: trends: WhatsApp by three-hour interval of the wall clock as written in the evidence\n# case: " + env.Case.Path() + "\n",
		"# source: " + hex.EncodeToString(sum[:]) + "  ",
		"# command: the Trends pane\n# scope: all\n# app: WhatsApp\n# ports: ",
		"# time scope: none (every record)\n# exported at: 20",
	} {
		if !strings.Contains(meta, line) {
			t.Errorf("intervals CSV lacks %q:\n%s", line, b)
		}
	}
	if !strings.HasPrefix(meta, "# ") || !strings.HasSuffix(meta, "\n") || strings.Count(meta, "\n") != strings.Count(meta, "# ") {
		t.Errorf("intervals CSV does not begin with \"# \" lines only:\n%s", b)
	}
}

// A set of MSISDNs typed in the pane is counted together; keys typed
// there never reach the workbench.
func TestTrendsSet(t *testing.T) {
	env := fixtureEnv(t)
	tm := teatest.NewTestModel(t, ui.New(env, []uikit.Pane{trends.New(env)}), teatest.WithInitialTermSize(80, 24))
	uitest.WaitFor(t, tm, "No subscriber in focus")
	uitest.Press(tm, "M")
	uitest.Type(tm, subA+","+subB+"q")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "no such subscriber")
	uitest.Press(tm, "M", "backspace", "enter")
	uitest.WaitFor(t, tm, "set of 2 6", "00-03 3 │")
	uitest.Quit(t, tm)
}

// Every size draws within its bounds in every view.
func TestTrendsSizes(t *testing.T) {
	env := fixtureEnv(t)
	p := trends.New(env)
	uitest.Drain(p.Update, p.Update(uikit.FocusMsg{A: subA, B: subB}))
	for _, keys := range []string{"", "o", "v", "v", "o"} {
		for _, k := range keys {
			uitest.Drain(p.Update, p.Update(uitest.Key(string(k))))
		}
		for _, size := range [][2]int{{80, 21}, {250, 67}, {40, 10}} {
			p.SetSize(size[0], size[1])
			lines := strings.Split(p.View(), "\n")
			if len(lines) != size[1] {
				t.Errorf("keys %q %dx%d: %d lines", keys, size[0], size[1], len(lines))
			}
			for i, l := range lines {
				if w := lipgloss.Width(l); w > size[0] {
					t.Errorf("keys %q %dx%d: line %d is %d wide: %q", keys, size[0], size[1], i, w, l)
				}
			}
		}
	}
}

// An application with no port of its own (Apple push: only an alternative
// reading of ports given to others) reads "(ports none)", not "(ports )",
// and the note saying why nothing is counted is read whole at 80 columns.
func TestTrendsAppWithoutPorts(t *testing.T) {
	env := fixtureEnv(t)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: subA, Open: "trends"})
	uitest.WaitFor(t, tm, "Trends WhatsApp")
	uitest.Press(tm, "p", "/", "A", "P", "N", "s", "enter")
	uitest.WaitFor(t, tm, "row 1 of 1")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "Trends Apple push (APNs) (ports none)", "so no record is counted")
	uitest.Quit(t, tm)
}
