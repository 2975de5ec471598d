package asterisk_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/testkit"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
)

// The Log and Modems views honour the time scope as the calls do, and say
// it: two calls on dongle0, the 18th and the 19th, and a log line on each
// day; scoped to the 19th, the log lists the 19th's line alone and the
// modem one call (by hand), each view naming the scope.
func TestAsteriskLogAndModemsFollowTheTimeScope(t *testing.T) {
	root := t.TempDir()
	call := func(day, id string) string {
		return `"","9876500001","9123000000","from-pbx","""Boss"" <9876500001>","SIP/pbx-0000000` + id + `","Dongle/dongle0-010000000` + id + `","Dial","Dongle/dongle0/9123000000,60","2024-03-` + day + ` 10:00:00","2024-03-` + day + ` 10:00:05","2024-03-` + day + ` 10:01:05",65,60,"ANSWERED","DOCUMENTATION","17107` + id + `.1",""` + "\n"
	}
	files := map[string]string{
		"var/log/asterisk/cdr-csv/Master.csv": call("18", "1") + call("19", "2"),
		"var/log/asterisk/messages": "[Mar 18 10:00:01] VERBOSE[100][C-00000001] pbx.c: -- Executing [s@eighteenth:1] Dial\n" +
			"[Mar 19 10:00:01] VERBOSE[100][C-00000002] pbx.c: -- Executing [s@nineteenth:1] Dial\n",
		"etc/asterisk/dongle.conf": "[dongle0]\nimei=356938035643809\nimsi=404100000000001\nexten=+919800000001\n",
	}
	testkit.WriteTree(t, root, files)
	st, _ := uitest.Case(t, root)
	env := uitest.Env(t, st)
	day := time.Date(2024, 3, 19, 0, 0, 0, 0, time.UTC).Unix()
	env.Scope = casework.TimeScope{From: day, To: day + 86400}
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.Press(tm, "7")
	uitest.WaitFor(t, tm, "1 of 2 calls")
	uitest.Press(tm, "L")
	uitest.WaitFor(t, tm, "in scope 2024-03-19 00:00 – 2024-03-20 00:00", "row 1 of 1", "s@nineteenth:1")
	uitest.Press(tm, "M")
	uitest.WaitFor(t, tm, "Calls and IMEI records in scope 2024-03-19 00:00 – 2024-03-20 00:00", "dongle0")
	fm := uitest.Quit(t, tm)
	// dongle0's row: one call of 60 s billed, the 19th's
	var row []string
	for _, l := range strings.Split(ansi.Strip(fm.View()), "\n") {
		if f := strings.Fields(strings.TrimPrefix(l, "▸")); len(f) > 6 && f[0] == "dongle0" {
			row = f
		}
	}
	if row == nil || row[4] != "1" || row[5] != "1.0" || !strings.HasPrefix(row[6], "2024-03") {
		t.Errorf("dongle0 in the scope: %q\n%s", row, fm.View())
	}
}

// The Modems view's "IMEI seen in" follows the time scope as its calls
// do: dongle0's IMEI 356938035643809 is in 919800000001's IPDR record of
// the 18th and in 919800000002's two of the 19th (once written without
// its check digit). Scoped to the 19th the column says "1: 919800000002"
// (the whole case would say 2) and the list behind it holds that
// subscriber's 2 records.
func TestAsteriskModemsIMEISeenInFollowsTheTimeScope(t *testing.T) {
	root := t.TempDir()
	call := `"","9876500001","9123000000","from-pbx","""Boss"" <9876500001>","SIP/pbx-00000002","Dongle/dongle0-0100000002","Dial","Dongle/dongle0/9123000000,60","2024-03-19 10:00:00","2024-03-19 10:00:05","2024-03-19 10:01:05",65,60,"ANSWERED","DOCUMENTATION","1710700002.1",""` + "\n"
	testkit.WriteTree(t, root, map[string]string{
		"var/log/asterisk/cdr-csv/Master.csv": call,
		"etc/asterisk/dongle.conf":            "[dongle0]\nimei=356938035643809\nimsi=404100000000001\nexten=+919800000001\n",
	})
	ipdr := filepath.Join(t.TempDir(), "ipdr.csv")
	os.WriteFile(ipdr, []byte("MSISDN,IMEI,Destination IP,Start Time\n"+
		"919800000001,356938035643809,1.2.3.4,2024-03-18 10:00:00\n"+
		"919800000002,356938035643809,1.2.3.4,2024-03-19 09:00:00\n"+
		"919800000002,35693803564380,1.2.3.4,2024-03-19 23:59:59\n"), 0o644)
	st, _ := uitest.Case(t, root, ipdr)
	env := uitest.Env(t, st)
	day := time.Date(2024, 3, 19, 0, 0, 0, 0, time.UTC).Unix()
	env.Scope = casework.TimeScope{From: day, To: day + 86400}
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.Press(tm, "7")
	uitest.WaitFor(t, tm, "1 of 1 call")
	uitest.Press(tm, "M")
	uitest.WaitFor(t, tm, "Calls and IMEI records in scope 2024-03-19 00:00 – 2024-03-20 00:00", "dongle0")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "IMEI 356938035643809 of dongle0", "1 subscriber in the time scope carry it", "919800000002")
	fm := uitest.Quit(t, tm)
	screen := ansi.Strip(fm.View())
	// 919800000002's records as the two forms of the IMEI wrote them, one
	// each; the 18th's subscriber (the modem's own number) is not listed
	var rows []string
	for _, l := range strings.Split(screen, "\n") {
		if f := strings.Fields(strings.TrimPrefix(l, "▸")); len(f) > 2 && strings.HasPrefix(f[0], "91980000000") {
			rows = append(rows, f[0]+" "+f[1]+" "+f[2])
		}
	}
	if len(rows) != 2 || rows[0] != "919800000002 ipdr 1" || rows[1] != "919800000002 ipdr 1" {
		t.Errorf("919800000002's records in scope %q, want one per form of the IMEI:\n%s", rows, screen)
	}
}
