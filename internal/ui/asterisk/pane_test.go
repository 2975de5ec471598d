package asterisk_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// imageEnv generates a small case with the seized PBX's image, imports it
// and builds the workbench's environment with a fixed colour profile.
func imageEnv(t *testing.T) (*uikit.Env, *gen.Truth) {
	t.Helper()
	dir := t.TempDir()
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Days, cfg.Records, cfg.Pairs = 21, 5, 0, 0
	cfg.VoiceSubscribers, cfg.SimBoxes, cfg.AsteriskImage = 30, 4, true
	truth, err := gen.Generate(filepath.Join(dir, "evidence"), cfg)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(filepath.Join(dir, "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Import(context.Background(), []string{filepath.Join(dir, "evidence")}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return &uikit.Env{Store: st, Styles: uikit.NewStyles(r, uikit.DefaultPalette()), Ports: analysis.DefaultDictionary(),
		ExportDir: filepath.Join(dir, "exports"), Context: context.Background()}, truth
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

func press(tm *teatest.TestModel, keys ...string) {
	for _, k := range keys {
		switch k {
		case "enter":
			tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
		case "esc":
			tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
		case "tab":
			tm.Send(tea.KeyMsg{Type: tea.KeyTab})
		default:
			tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)})
		}
	}
}

// The pane at 80x24 inside the real workbench: the artefact tree, the
// modems with the subscribers their IMEIs were seen with, the dashboard's
// charts and their keys, the calls filtered to one modem, the log around a
// call and the raw viewer with its hash check and search.
func TestAsteriskPane(t *testing.T) {
	env, truth := imageEnv(t)
	at := truth.Asterisk
	rep, err := casework.Asterisk(context.Background(), env.Store, casework.AsteriskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Calls != int64(at.Calls) || len(at.Modems[0].SeenIn) == 0 {
		t.Fatalf("fixture: %d calls (truth %d), modem 0 seen in %v", rep.Calls, at.Calls, at.Modems[0].SeenIn)
	}
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	press(tm, "7")
	waitFor(t, tm, fmt.Sprintf("%d calls", at.Calls), "zone Asia/Kolkata", "dongle.conf", "localtime")
	press(tm, "G") // the tree's end: the call records and logs
	waitFor(t, tm, "Master.csv", "100.csv", "messages.1.gz", "asterisk-log")

	// Modems: the first one's IMEI, then the subscribers whose voice
	// records carried it.
	m := at.Modems[0]
	press(tm, "m")
	waitFor(t, tm, m.IMEI, at.Modems[3].IMEI)
	press(tm, "enter")
	waitFor(t, tm, "IMEI "+m.IMEI+" of "+m.Name, m.SeenIn[0], "voice")
	press(tm, "esc")

	// The dashboard: days, heatmap by count then by talk time, recipients.
	press(tm, "d")
	waitFor(t, tm, "Calls per day, "+truth.Start.Format("2006-01-02"))
	press(tm, "n")
	waitFor(t, tm, "Weekday × hour by calls")
	press(tm, "u")
	waitFor(t, tm, "by talk time (billsec)")
	press(tm, "n")
	waitFor(t, tm, "Talk time per recipient, top 10", at.Top[0].Number)
	press(tm, "t")
	waitFor(t, tm, "top 20")

	// Calls filtered to the first modem: its count, from the form.
	press(tm, "c", "f", "tab", "tab", "tab", "tab")
	for _, r := range m.Name {
		press(tm, string(r))
	}
	press(tm, "enter")
	waitFor(t, tm, fmt.Sprintf("%d of %d calls", m.Calls, at.Calls), fmt.Sprintf("row 1 of %d", m.Calls))

	// The log around the first of them, and that entry in its file.
	press(tm, "enter")
	waitFor(t, tm, "±5 min around the call of "+m.First.Format("2006-01-02 15:04:05"), "Called Dongle/"+m.Name)
	press(tm, "enter")
	waitFor(t, tm, "✓ sha256 matches the case", "var/log/asterisk/messages")
	press(tm, "/")
	for _, r := range "Line busy" {
		press(tm, string(r))
	}
	press(tm, "enter")
	waitFor(t, tm, "“Line busy” on line")
	press(tm, "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}
