package hunt_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
)

// The scenes form at 80x24 reads whole: each empty line shows one way of
// writing a scene (the two on one line were cut mid-number,
// "22.5726,88.3…"), the form's keys fit ("esc leave the f…"), the keys
// under the pane are the form's (they said "enter hunt"), and ctrl+d with
// two scenes says why it removes none (it did nothing).
func TestHuntScenesFormReadsWholeAt80(t *testing.T) {
	st, _ := uitest.TextCase(t, "cdr.csv", scenesCDR)
	env := uitest.Env(t, st)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.WaitFor(t, tm, "919714499701")
	uitest.Type(tm, "5")
	uitest.WaitFor(t, tm, "Server hunt")
	uitest.Type(tm, "t")
	// (the cursor is drawn over the focused line's first letter)
	uitest.WaitFor(t, tm, "ELL[,CELL…]@2024-03-18T10:00..2024-03-18T11:00",
		"Scene 2   22.5726,88.3639~500m@2024-03-18T10:00..2024-03-18T11:00",
		"ctrl+d remove · esc leave", "enter find …")
	uitest.Press(tm, "ctrl+d")
	uitest.WaitFor(t, tm, "2 scenes at least: clear this one to write another")
	uitest.Press(tm, "ctrl+n")
	uitest.WaitFor(t, tm, "Scene 3", "ELL[,CELL…]@")
	uitest.Press(tm, "ctrl+d") // scene 3 goes; the cursor on scene 2
	uitest.Press(tm, "ctrl+d") // two left: refused again
	uitest.WaitFor(t, tm, "2 scenes at least")
	uitest.Press(tm, "esc") // the form lets the keyboard go
	uitest.Quit(t, tm)
}

// ? lists the scenes form's keys (ctrl+n and ctrl+d were in no help).
func TestHuntScenesKeysInHelp(t *testing.T) {
	st, _ := uitest.TextCase(t, "cdr.csv", scenesCDR)
	env := uitest.Env(t, st)
	for _, p := range ui.Panes(env) {
		if p.ID() != "hunt" {
			continue
		}
		var keys []string
		for _, g := range p.KeyMap().FullHelp() {
			for _, b := range g {
				keys = append(keys, b.Help().Key)
			}
		}
		all := " " + strings.Join(keys, " ") + " "
		for _, k := range []string{"ctrl+n", "ctrl+d", "t"} {
			if !strings.Contains(all, " "+k+" ") {
				t.Errorf("the Hunt pane's help lacks %s: %s", k, all)
			}
		}
	}
}

// The result says what each scene held, as `cdrtui scenes` does, and
// warns of a scene naming a cell the case does not hold (a mistyped cell
// only made the ranking shorter, without a word).
func TestHuntScenesSayWhatEachHeld(t *testing.T) {
	st, _ := uitest.TextCase(t, "cdr.csv", scenesCDR)
	env := uitest.Env(t, st)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	// C1 on the 18th, 09:00-11:00: four records of three subscribers
	runTwoScenes(t, tm, "404-10-7301-12345@2024-03-18T09:00..2024-03-18T11:00", "404-10-7301-99999@2024-03-19T11:00..2024-03-19T13:00")
	uitest.WaitFor(t, tm, "3 subscribers at 1 or more of 2 scenes", "1: 4 records, 3 subscribers · 2: 0 records, 0 subscribers",
		"scene 2: the case holds no cell 404-10-7301-99999", "scene 2: no record in its cells and window")
	uitest.Press(tm, "esc", "esc")
	uitest.Quit(t, tm)
}

// A point scene that finds no cell says why in the pane as in `cdrtui
// scenes` (here the case has no cell positions): it showed only "no record
// in its cells and window", read as "nobody was there".
func TestHuntScenesPointNote(t *testing.T) {
	st, _ := uitest.TextCase(t, "cdr.csv", scenesCDR)
	env := uitest.Env(t, st)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	runTwoScenes(t, tm, "404-10-7301-12345@2024-03-18T09:00..2024-03-18T11:00", "22.5726,88.3639~500m@2024-03-18T09:00..2024-03-18T11:00")
	uitest.WaitFor(t, tm, "scene 2: no cell of the case has a position")
	uitest.Press(tm, "esc", "esc")
	uitest.Quit(t, tm)
}

// runTwoScenes opens the Hunt pane's scenes form on the scenes case, types
// two scenes, sets the minimum to 1 and runs them.
func runTwoScenes(t *testing.T, tm *teatest.TestModel, first, second string) {
	t.Helper()
	uitest.WaitFor(t, tm, "919714499701")
	uitest.Type(tm, "5")
	uitest.WaitFor(t, tm, "Server hunt")
	uitest.Type(tm, "t")
	uitest.WaitFor(t, tm, "Scene 1")
	uitest.Type(tm, first)
	uitest.Press(tm, "tab")
	uitest.Type(tm, second)
	uitest.Press(tm, "tab", "backspace")
	uitest.Type(tm, "1")
	uitest.Press(tm, "enter")
}
