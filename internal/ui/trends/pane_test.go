package trends_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
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
	dir := t.TempDir()
	path := filepath.Join(dir, "ipdr.csv")
	if err := os.WriteFile(path, []byte(strings.Join(fixture, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(filepath.Join(dir, "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()
	if res, err := st.Import(ctx, []string{path}, store.ImportOptions{}); err != nil || res[0].Error != "" {
		t.Fatalf("import: %v %+v", err, res)
	}
	ports, err := casework.PortDictionary(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return &uikit.Env{Store: st, Styles: uikit.NewStyles(r, uikit.DefaultPalette()), Ports: ports,
		ExportDir: filepath.Join(dir, "exports"), Context: ctx}
}

func waitFor(t *testing.T, tm *teatest.TestModel, want ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		for _, w := range want {
			if !bytes.Contains(b, []byte(w)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

func send(tm *teatest.TestModel, keys ...string) {
	for _, k := range keys {
		switch k {
		case "enter":
			tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
		case "esc":
			tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
		default:
			tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)})
		}
	}
}

// The real workbench at 80x24: A's WhatsApp by interval and weekday, A and
// B side by side, the whole case, the dates, the connections with file and
// line, another application, and the paper's CSV saved.
func TestTrendsInWorkbench(t *testing.T) {
	env := fixtureEnv(t)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleB, MSISDN: subB})
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: subA, Open: "trends"})
	waitFor(t, tm, "Trends WhatsApp", "A 919800000001 4", "Three-hour intervals", "00-03 2 │", "03-06 1 │", "21-24 1 │",
		"Sun 3 │", "Mon 1 │", "Weekday × interval")
	send(tm, "o") // A vs B
	waitFor(t, tm, "B 919800000002 2", "same scale for A and B")
	send(tm, "o") // whole case
	waitFor(t, tm, "whole case 6", "00-03 3 │", "21-24 2 │")
	send(tm, "v") // dates
	waitFor(t, tm, "2018-06-03 Sun", "2018-06-05 Tue", "row 1 of 4")
	send(tm, "j", "enter") // connections of Monday 2018-06-04
	waitFor(t, tm, "connections to WhatsApp on 2018-06-04", "2018-06-04 00:00:01", "ipdr.csv", "row 1 of 2")
	send(tm, "esc")
	waitFor(t, tm, "6 connections to WhatsApp", "row 1 of 6")
	send(tm, "x")
	waitFor(t, tm, "saved exports/trends-interva")
	send(tm, "a", "/", "h", "t", "t", "p", "s", "enter") // filter the applications
	waitFor(t, tm, "row 1 of 1")
	send(tm, "enter") // pick Web (HTTPS)
	waitFor(t, tm, "Trends Web (HTTPS)", "whole case 3")
	send(tm, "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	files, _ := filepath.Glob(filepath.Join(env.ExportDir, "trends-intervals-case-WhatsApp-*.csv"))
	if len(files) != 1 {
		t.Fatalf("exports %v", files)
	}
	b, _ := os.ReadFile(files[0])
	want := "interval,all WhatsApp\n00-03,3\n03-06,1\n06-09,0\n09-12,0\n12-15,0\n15-18,0\n18-21,0\n21-24,2\ntotal,6\n"
	if string(b) != want {
		t.Fatalf("intervals CSV:\n%s\nwant:\n%s", b, want)
	}
}

// A set of MSISDNs typed in the pane is counted together; keys typed
// there never reach the workbench.
func TestTrendsSet(t *testing.T) {
	env := fixtureEnv(t)
	tm := teatest.NewTestModel(t, ui.New(env, []uikit.Pane{trends.New(env)}), teatest.WithInitialTermSize(80, 24))
	waitFor(t, tm, "No subscriber in focus")
	send(tm, "m")
	for _, r := range subA + "," + subB + "q" {
		send(tm, string(r))
	}
	send(tm, "enter")
	waitFor(t, tm, "no such subscriber")
	send(tm, "m")
	tm.Send(tea.KeyMsg{Type: tea.KeyBackspace})
	send(tm, "enter")
	waitFor(t, tm, "set of 2 6", "00-03 3 │")
	send(tm, "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// Every size draws within its bounds in every view.
func TestTrendsSizes(t *testing.T) {
	env := fixtureEnv(t)
	p := trends.New(env)
	drain(p, p.Update(uikit.FocusMsg{A: subA, B: subB}))
	for _, keys := range []string{"", "o", "v", "v", "o"} {
		for _, k := range keys {
			drain(p, p.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{k}}))
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

// drain runs cmd and feeds its messages back to the pane until nothing is
// left (ticks of spinners and debounces are not expected here).
func drain(p *trends.Pane, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		if batch, ok := msg.(tea.BatchMsg); ok {
			queue = append(queue, batch...)
			continue
		}
		if msg != nil {
			queue = append(queue, p.Update(msg))
		}
	}
}
