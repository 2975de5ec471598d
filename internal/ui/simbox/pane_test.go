package simbox_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// generatedEnv imports a small generated voice case (plain SIM-boxes, no
// mimicry) and builds the workbench's environment with a fixed colour
// profile.
func generatedEnv(t *testing.T) (*uikit.Env, *gen.Truth) {
	t.Helper()
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Days, cfg.Records, cfg.Pairs = 9, 4, 0, 0
	cfg.VoiceSubscribers, cfg.SimBoxes, cfg.Mimicry = 60, 6, 0
	st, _, truth := casekit.GeneratedCase(t, cfg)
	return uitest.Env(t, st), truth
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
	uitest.Press(tm, "6")
	uitest.WaitFor(t, tm, fmt.Sprintf("%d SIMs with voice records", len(rep.Subscribers)), "50/100 · ◆ 6 flagged", top.MSISDN, "◆ yes")

	// The slider: down 25 (five "[" presses) and the count follows.
	uitest.Press(tm, "[", "[", "[", "[", "[")
	uitest.WaitFor(t, tm, fmt.Sprintf("25/100 · ◆ %d flagged", rep.FlaggedAt(25)))
	uitest.Press(tm, "-")
	uitest.WaitFor(t, tm, fmt.Sprintf("24/100 · ◆ %d flagged", rep.FlaggedAt(24)))
	uitest.Press(tm, "r") // back to the rule book's threshold
	uitest.WaitFor(t, tm, "50/100 · ◆ 6 flagged")

	// The breakdown of the top SIM, then the records behind night_calls
	// (the tenth feature).
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "feature breakdown", "SIM "+top.MSISDN, "cell_crowding", "✓ yes")
	uitest.Press(tm, "j", "j", "j", "j", "j", "j", "j", "j", "j", "enter")
	uitest.WaitFor(t, tm, "records behind night_calls", fmt.Sprintf("row 1 of %d", top.Features.NightCalls), "read from ")

	// Back to the list, then the cells: a box's cell leads.
	uitest.Press(tm, "esc", "esc", "c")
	uitest.WaitFor(t, tm, "Suspects based", truth.SimBoxes[0].Cell)
	uitest.Quit(t, tm)
}

// Moving the threshold rebuilds the tables in the background; the SIM the
// analyst had selected stays selected.
func TestSimBoxSliderKeepsSelection(t *testing.T) {
	env, _ := generatedEnv(t)
	rep, err := casework.SimBox(context.Background(), env.Store, casework.SimBoxRules{Config: analysis.DefaultSimBoxConfig(), Origin: "defaults"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Subscribers) < 7 || rep.FlaggedAt(50) >= 7 {
		t.Fatalf("fixture: %d SIMs, %d flagged at 50; want a seventh SIM unflagged", len(rep.Subscribers), rep.FlaggedAt(50))
	}
	fourth, seventh := rep.Subscribers[3].MSISDN, rep.Subscribers[6].MSISDN
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.Press(tm, "6")
	uitest.WaitFor(t, tm, "50/100 · ◆", rep.Subscribers[0].MSISDN)
	uitest.Press(tm, "j", "j", "j")
	uitest.WaitFor(t, tm, "row 4 of")
	// Down to 0: every SIM is flagged once the tables are rebuilt, the
	// seventh's row too.
	uitest.Press(tm, "[", "[", "[", "[", "[", "[", "[", "[", "[", "[")
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		for _, line := range bytes.FieldsFunc(b, func(r rune) bool { return r == '\n' || r == '\r' }) {
			if bytes.Contains(line, []byte(seventh)) && bytes.Contains(line, []byte("◆ yes")) {
				return true
			}
		}
		return false
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "feature breakdown", "SIM "+fourth)
	uitest.Quit(t, tm)
}
