package calls_test

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

func generatedEnv(t *testing.T) (*uikit.Env, *gen.Truth) {
	t.Helper()
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Days, cfg.Records, cfg.Pairs, cfg.VoiceSubscribers, cfg.SimBoxes = 5, 14, 0, 0, 30, 0
	st, _, truth := casekit.GeneratedCase(t, cfg)
	return uitest.Env(t, st), truth
}

// The pane inside the real workbench at 80x24 and 200x50: it follows A and
// B, and each view shows its planted fact.
func TestCallsPaneViews(t *testing.T) {
	env, truth := generatedEnv(t)
	c := truth.Calls
	for _, size := range [][2]int{{80, 24}, {200, 50}} {
		tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(size[0], size[1]))
		tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleB, MSISDN: c.Group1[1]})
		tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: c.Group1[0], Open: "calls"})
		uitest.WaitFor(t, tm, "[contacts]", "contacts by calls", c.Group1[1])
		uitest.Press(tm, "v")
		uitest.WaitFor(t, tm, "[common]", "numbers common to", c.Group1Shared[0], c.Group1Shared[1])
		uitest.Press(tm, "v")
		uitest.WaitFor(t, tm, "[devices]", "handsets and SIMs of")
		uitest.Press(tm, "v", "v")
		uitest.WaitFor(t, tm, "[chains]", "relay chains", c.Chain.C)
		// Two typed groups: the broker links them.
		uitest.Press(tm, "M")
		uitest.Type(tm, strings.Join(c.Group1, ",")+";"+strings.Join(c.Group2, ","))
		uitest.Press(tm, "enter")
		uitest.WaitFor(t, tm, "[common]", "numbers linking", c.Broker)
		uitest.Press(tm, "esc")
		uitest.WaitFor(t, tm, "numbers common to")
		// A follows the focus: the silent member's silence, the traveller's calls abroad.
		uitest.Press(tm, "v", "v")
		tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: c.Silence.MSISDN})
		uitest.WaitFor(t, tm, "[silences]", "silences and bursts of "+c.Silence.MSISDN, "silence")
		uitest.Press(tm, "v", "v")
		tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: c.International.MSISDN})
		uitest.WaitFor(t, tm, "[international]", "+44", "roaming")
		uitest.Quit(t, tm)
	}
}

// a on a contact makes it A: the pane follows and lists the contact's own
// contacts; b makes it B and the common view compares the two.
func TestCallsPaneFocusVerbs(t *testing.T) {
	env, truth := generatedEnv(t)
	c := truth.Calls
	rep, err := casework.Calls(context.Background(), env.Store, c.Group1[0], casework.TimeScope{})
	if err != nil {
		t.Fatal(err)
	}
	var top analysis.CallContact // the first contact that is a subscriber of the case
	for _, k := range rep.Contacts {
		if rep.InCase[k.Key] {
			top = k
			break
		}
	}
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(100, 30))
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: c.Group1[0], Open: "calls"})
	uitest.WaitFor(t, tm, "contacts by calls of "+rep.MSISDN, top.Number)
	// the list keys are the list's: g goes back to the first row (M types subscribers)
	uitest.Press(tm, "j", "j")
	uitest.WaitFor(t, tm, "row 3 of")
	uitest.Press(tm, "g")
	uitest.WaitFor(t, tm, "row 1 of")
	uitest.Press(tm, "/")
	uitest.Type(tm, top.Number)
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "row 1 of 1")
	uitest.Press(tm, "b")
	uitest.WaitFor(t, tm, "B "+top.Key)
	uitest.Press(tm, "v")
	uitest.WaitFor(t, tm, "numbers common to "+rep.MSISDN+", "+top.Key)
	uitest.Press(tm, "V")
	uitest.WaitFor(t, tm, "[contacts]", "numbers matched by key")
	uitest.Press(tm, "/")
	uitest.Type(tm, top.Number)
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "row 1 of 1")
	// enter: the records behind the row, each with its file and line; esc: back.
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "records of "+rep.MSISDN+" with "+top.Key, "voice_cdr.tsv", "esc: back")
	uitest.Press(tm, "esc")
	uitest.WaitFor(t, tm, "▸"+top.Number+" yes")
	uitest.Press(tm, "a")
	uitest.WaitFor(t, tm, "contacts by calls of "+top.Key)
	uitest.Quit(t, tm)
}

// At 80 columns the note under the views (the silence threshold and its
// baseline, the chain's method) wraps instead of being cut.
func TestCallsPaneNoteWrapsAt80(t *testing.T) {
	env, truth := generatedEnv(t)
	c := truth.Calls
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: c.Silence.MSISDN, Open: "calls"})
	uitest.WaitFor(t, tm, "[contacts]")
	uitest.Press(tm, "v", "v", "v")
	uitest.WaitFor(t, tm, "[silences]", "at least 12 h)", "far above A's usual at that hour")
	uitest.Press(tm, "v")
	uitest.WaitFor(t, tm, "[chains]", "whole days (up to 28)")
	uitest.Quit(t, tm)
}
