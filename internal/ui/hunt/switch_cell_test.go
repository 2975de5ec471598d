package hunt_test

import (
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
)

// A Sprint return with cell 2083 on two switches: two cells.
const switchSprint = "Calling Number,Called Number,Dialed Digits,Mobile Role,Start Date,End Date,Duration (Sec),NEID,Repoll Number,First Cell,Last Cell\n" +
	"8165550001,8165550102,8165550102,Outgoing,06/13/2025 14:02:10,06/13/2025 14:03:15,65,210,17,2083,2083\n" +
	"8165550001,8165550103,8165550103,Outgoing,06/13/2025 15:00:00,06/13/2025 15:00:30,30,211,3,2083,2083\n"

// At 80x24, a hunt for the bare cell 2083 of that case says, under the
// hunt, that 2083 is the number of two CDMA cells and names both: the
// pane's "no subscriber found" alone would read as nobody was there.
func TestHuntPaneBareSwitchCell(t *testing.T) {
	st, res := uitest.TextCase(t, "sprint.csv", switchSprint)
	if res[0].Rows != 2 {
		t.Fatalf("import %+v", res)
	}
	env := uitest.Env(t, st)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.WaitFor(t, tm, "8165550001")
	uitest.Type(tm, "5")
	uitest.WaitFor(t, tm, "press f to write a hunt")
	uitest.Type(tm, "f")
	uitest.Press(tm, "tab")
	uitest.Press(tm, "tab")
	uitest.Type(tm, "2083")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "0 subscribers", "⚠ 2083 is no cell as written: the number of 2 CDMA cells, one per switch;",
		`hunt one "in quotes": 2083 (switch 210, repoll 17), 2083 (switch 211, repoll 3)`)
	uitest.Quit(t, tm)
}

// The scenes mode reads its cells as the hunt does: a scene at the bare
// 2083 says which two cells that number is, not only "0 records".
func TestHuntScenesBareSwitchCell(t *testing.T) {
	st, _ := uitest.TextCase(t, "sprint.csv", switchSprint)
	env := uitest.Env(t, st)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.WaitFor(t, tm, "8165550001")
	uitest.Type(tm, "5")
	uitest.WaitFor(t, tm, "Server hunt")
	uitest.Type(tm, "t")
	uitest.WaitFor(t, tm, "Tower-dump scenes", "Scene 1", "Scene 2")
	uitest.Type(tm, "2083@2025-06-13..2025-06-14")
	uitest.Press(tm, "tab")
	uitest.Type(tm, "4000@2025-06-13..2025-06-14")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "scene 1: 2083 is no cell as written: the number of 2 CDMA cells, one per switch;",
		`hunt one "in quotes": 2083 (switch 210, repoll 17), 2083 (switch 211, repoll 3)`, "scene 2: the case holds no cell 4000")
	uitest.Quit(t, tm)
}
