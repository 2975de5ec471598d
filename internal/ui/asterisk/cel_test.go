package asterisk_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/testkit"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
)

// The CEL view at 80x24 on testdata/asterisk-cel (an image of our own):
// the two calls with their counts (by hand: 16 events, 2 linkedids, the
// first 65.220 s from 10:00:00.000100 Europe/Berlin, 12 events, tied to its
// CDR by uniqueid), one call's events in order with the CDR named, an
// event opened in its file at its line, and a hostile caller name inert.
func TestAsteriskPaneCEL(t *testing.T) {
	root, _ := filepath.Abs("../../../testdata/asterisk-cel")
	st, _ := uitest.Case(t, root)
	env := uitest.Env(t, st)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.Press(tm, "7")
	uitest.WaitFor(t, tm, "C CEL")
	uitest.Press(tm, "C")
	uitest.WaitFor(t, tm, "16 events of 2 calls (linkedids), 1 tied to a call", "2024-03-01 10:00:00.000100", "65.220", "9.501")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "call 1709283600.1: 12 events, 2024-03-01, Europe/Berlin", "CDR 201 → 300 ANSWERED 60s, tied by uniqueid",
		"10:00:05.270000", "BRIDGE_ENTER", "LINKEDID_END", "row 1 of 12")
	uitest.Press(tm, "down", "down", "down", "down", "down", "enter")
	uitest.WaitFor(t, tm, "✓ sha256 matches the case", "cel-custom/Master.csv", "line 3 of 17")
	uitest.Press(tm, "esc")
	uitest.WaitFor(t, tm, "row 6 of 12")
	uitest.Press(tm, "esc")
	uitest.Press(tm, "down", "enter")
	uitest.WaitFor(t, tm, "call 1709287200.5: 4 events", "no call record carries its linkedid", `"\x1b[31mMallo`)
	fm := uitest.Quit(t, tm)
	if v := fm.View(); strings.Contains(v, "\x07") || strings.Contains(v, "\x1b]0;") {
		t.Errorf("a caller name's control bytes reached the screen:\n%q", v)
	}
}

// The same image with Master.csv's line 6 (BRIDGE_ENTER) repeated as line
// 18: the pane counts it once (16 events, 12 in the call, as without the
// repeat), says one further copy was counted once, and the event's
// file:line carries "+1 copy" (a terminal wide enough to show the column).
func TestAsteriskPaneCELCopy(t *testing.T) {
	st, _ := uitest.Case(t, testkit.CELImageWithRepeat(t))
	env := uitest.Env(t, st)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(240, 30))
	uitest.Press(tm, "7")
	uitest.WaitFor(t, tm, "C CEL")
	uitest.Press(tm, "C")
	uitest.WaitFor(t, tm, "Channel Event Logging: 16 events of 2 calls (linkedids), 1 tied to a call record by linkedid or uniqueid; 1 further occurrence of these events (the same event in another source, or a repeated row) counted once")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "call 1709283600.1: 12 events", "cel-custom/Master.csv:6 +1 copy", "row 1 of 12")
	uitest.Quit(t, tm)
}

// At 80x24 the CEL list's title wraps rather than losing its end, where
// the copies counted once are said, and the list keeps both calls in view;
// the header counts one call as one call.
func TestAsteriskPaneCELTitleWrapsAt80(t *testing.T) {
	st, _ := uitest.Case(t, testkit.CELImageWithRepeat(t))
	env := uitest.Env(t, st)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.Press(tm, "7")
	uitest.WaitFor(t, tm, "C CEL", "Asterisk 1 call (in 0 out 0 int 1)")
	uitest.Press(tm, "C")
	uitest.WaitFor(t, tm, "tied to a call", "counted once", "1709287200.5", "row 1 of 2")
	// the title's lines, from "Channel Event Logging" to the list's
	// header, are the one sentence (casework.CELSentence) with nothing cut
	var title []string
	for _, l := range strings.Split(ansi.Strip(uitest.Quit(t, tm).View()), "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "Channel Event Logging") || len(title) > 0 && !strings.HasPrefix(l, "First event") {
			title = append(title, l)
		}
		if strings.HasPrefix(l, "First event") {
			break
		}
	}
	want := "Channel Event Logging: 16 events of 2 calls (linkedids), 1 tied to a call record by linkedid or uniqueid; " +
		"1 further occurrence of these events (the same event in another source, or a repeated row) counted once"
	if got := strings.Join(title, " "); got != want || len(title) < 2 {
		t.Errorf("the CEL title at 80 columns, in %d lines:\n%s\nwant, wrapped:\n%s", len(title), strings.Join(title, "\n"), want)
	}
}

// A PBX image with no Channel Event Logging: the CEL view says so and
// where CEL would have come from, not "0 events of 0 calls".
func TestAsteriskPaneNoCEL(t *testing.T) {
	env, _ := imageEnv(t)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(120, 30))
	uitest.Press(tm, "7")
	uitest.WaitFor(t, tm, "C CEL")
	uitest.Press(tm, "C")
	uitest.WaitFor(t, tm, "no Channel Event Logging in this case (cel-custom/*.csv, a cel table export, master.db's cel table)")
	if v := uitest.Quit(t, tm).View(); strings.Contains(v, "0 events of 0 calls") {
		t.Errorf("the CEL view counts nothing:\n%s", v)
	}
}
