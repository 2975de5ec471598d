package asterisk_test

import (
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/testkit"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
)

// When the log holds nothing near a call, the log view says so: the
// window is empty, not the case's log.
func TestLogAroundACallWithNoEntries(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"var/log/asterisk/cdr-csv/Master.csv": `"","9876500001","9123000000","from-pbx","""Boss"" <9876500001>","SIP/pbx-00000002","Dongle/dongle0-0100000002","Dial","Dongle/dongle0/9123000000,60","2024-03-18 23:30:00","2024-03-18 23:30:05","2024-03-18 23:30:20",20,15,"ANSWERED","DOCUMENTATION","1710786000.2",""` + "\n",
		"var/log/asterisk/messages":           "[Mar 18 10:00:00] VERBOSE[100][C-00000001] pbx.c: -- Executing [s@from-pbx:1] Dial\n",
	}
	testkit.WriteTree(t, root, files)
	st, _ := uitest.Case(t, root)
	env := uitest.Env(t, st)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(100, 30))
	uitest.Press(tm, "7")
	uitest.WaitFor(t, tm, "1 call")
	uitest.Press(tm, "c")
	uitest.WaitFor(t, tm, "9123000000")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "no log entries within ±5 minutes of this call")
	uitest.Press(tm, "esc")
	uitest.WaitFor(t, tm, "Executing [s@from-pbx:1]")
	uitest.Quit(t, tm)
}
