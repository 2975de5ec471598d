package simbox_test

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

// generatedEnv imports a small generated voice case (plain SIM-boxes, no
// mimicry) and builds the workbench's environment with a fixed colour
// profile.
func generatedEnv(t *testing.T) (*uikit.Env, *gen.Truth) {
	t.Helper()
	dir := t.TempDir()
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Days, cfg.Records, cfg.Pairs = 9, 4, 0, 0
	cfg.VoiceSubscribers, cfg.SimBoxes, cfg.Mimicry = 60, 6, 0
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
		default:
			tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)})
		}
	}
}

// The pane at 80x24 inside the real workbench: the ranked SIMs with the
// flagged count of casework.SimBox, the slider recounting it, a SIM's
// breakdown, the records behind a feature with their file and line, and
// the cell view.
func TestSimBoxPane(t *testing.T) {
	env, truth := generatedEnv(t)
	rep, err := casework.SimBox(context.Background(), env.Store, casework.SimBoxRules{Config: analysis.DefaultSimBoxConfig(), Origin: "defaults"})
	if err != nil {
		t.Fatal(err)
	}
	top := rep.Subscribers[0]
	if top.Score != 100 || rep.Flagged != 6 {
		t.Fatalf("fixture: top score %g, %d flagged; want the 6 SIM-boxes at 100", top.Score, rep.Flagged)
	}
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	press(tm, "6")
	waitFor(t, tm, fmt.Sprintf("%d SIMs with voice records", len(rep.Subscribers)), "50/100 · ◆ 6 flagged", top.MSISDN, "◆ yes")

	// The slider: down 25 (five "[" presses) and the count follows.
	press(tm, "[", "[", "[", "[", "[")
	waitFor(t, tm, fmt.Sprintf("25/100 · ◆ %d flagged", rep.FlaggedAt(25)))
	press(tm, "-")
	waitFor(t, tm, fmt.Sprintf("24/100 · ◆ %d flagged", rep.FlaggedAt(24)))
	press(tm, "0") // back to the rule book's threshold
	waitFor(t, tm, "50/100 · ◆ 6 flagged")

	// The breakdown of the top SIM, then the records behind night_calls
	// (the tenth feature).
	press(tm, "enter")
	waitFor(t, tm, "feature breakdown", "SIM "+top.MSISDN, "cell_crowding", "✓ yes")
	press(tm, "j", "j", "j", "j", "j", "j", "j", "j", "j", "enter")
	waitFor(t, tm, "records behind night_calls", fmt.Sprintf("row 1 of %d", top.Features.NightCalls), "read from ")

	// Back to the list, then the cells: a box's cell leads.
	press(tm, "esc", "esc", "c")
	waitFor(t, tm, "Suspects based", truth.SimBoxes[0].Cell)
	press(tm, "q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}
