package asterisk_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// imageEnv generates a small case with the seized PBX's image, imports it
// and builds the workbench's environment with a fixed colour profile.
func imageEnv(t *testing.T) (*uikit.Env, *gen.Truth) {
	t.Helper()
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Days, cfg.Records, cfg.Pairs = 21, 5, 0, 0
	cfg.VoiceSubscribers, cfg.SimBoxes, cfg.AsteriskImage = 30, 4, true
	st, _, truth := casekit.GeneratedCase(t, cfg)
	return uitest.Env(t, st), truth
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
	uitest.Press(tm, "7")
	uitest.WaitFor(t, tm, fmt.Sprintf("%d calls", at.Calls), "zone Asia/Kolkata", "dongle.conf", "localtime")
	uitest.Press(tm, "G") // the tree's end: the call records and logs
	uitest.WaitFor(t, tm, "Master.csv", "100.csv", "messages.1.gz", "asterisk-log")

	// Modems: the first one's IMEI, then the subscribers whose voice
	// records carried it.
	m := at.Modems[0]
	uitest.Press(tm, "M")
	uitest.WaitFor(t, tm, m.IMEI, at.Modems[3].IMEI)
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "IMEI "+m.IMEI+" of "+m.Name, m.SeenIn[0], "voice")
	uitest.Press(tm, "esc")

	// The dashboard: days, heatmap by count then by talk time, recipients.
	uitest.Press(tm, "d")
	uitest.WaitFor(t, tm, "Calls per day, "+truth.Start.Format("2006-01-02"))
	uitest.Press(tm, "n")
	uitest.WaitFor(t, tm, "Weekday × hour by calls")
	uitest.Press(tm, "u")
	uitest.WaitFor(t, tm, "by talk time (billsec)")
	uitest.Press(tm, "n")
	uitest.WaitFor(t, tm, "Talk time per recipient, top 10", at.Top[0].Number)
	uitest.Press(tm, "t")
	uitest.WaitFor(t, tm, "top 20")

	// Calls filtered to the first modem: its count, from the form.
	uitest.Press(tm, "c", "f", "tab", "tab", "tab", "tab")
	uitest.Type(tm, m.Name)
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, fmt.Sprintf("%d of %d calls", m.Calls, at.Calls), fmt.Sprintf("row 1 of %d", m.Calls))

	// The log around the first of them, and that entry in its file.
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "±5 min around the call of "+m.First.Format("2006-01-02 15:04:05"), "Called Dongle/"+m.Name)
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "✓ sha256 matches the case", "var/log/asterisk/messages")
	uitest.Press(tm, "/")
	uitest.Type(tm, "Line busy")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "“Line busy” on line")
	uitest.Quit(t, tm)
}

// The FreePBX variant at 80x24: the header counts the directions, the
// dashboard's directions page names the peer and setting that decided,
// the clock check and the queue.
func TestAsteriskPaneDirections(t *testing.T) {
	st, _, truth := freePBXCase(t, 4)
	env := uitest.Env(t, st)
	dirs := map[string]int{}
	for _, c := range truth.Asterisk.CallsTruth {
		dirs[c.Direction]++
	}
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.Press(tm, "7")
	uitest.WaitFor(t, tm, fmt.Sprintf("in %d out %d int %d", dirs["inbound"], dirs["outbound"], dirs["internal"]))
	uitest.Press(tm, "d", "n", "n", "n")
	uitest.WaitFor(t, tm, "Directions: inbound", "arrived on SIP/sipus1, a trunk:", "[sipus1] context=from-trunk")
	for i := 0; i < 60; i++ {
		uitest.Press(tm, "down")
	}
	uitest.WaitFor(t, tm, "CDR clock", "agrees: the uniqueids", "Queues (queue_log)", "400: ")
	uitest.Quit(t, tm)
}

// A CDR read in the wrong zone is flagged in the header, at 80x24 too.
func TestAsteriskPaneClockWarning(t *testing.T) {
	st, evidence, _ := freePBXCase(t, 2)
	// The same image again under another root, without cdr.conf: its
	// Master.csv is then read in the host's zone, six hours off.
	other := t.TempDir()
	if err := os.CopyFS(other, os.DirFS(filepath.Join(evidence, gen.ImageDir))); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(other, "etc/asterisk/cdr.conf"))
	os.Remove(filepath.Join(other, "var/log/asterisk/full"))
	// A leading blank line gives the copy its own SHA-256 (a file already in
	// the case is skipped); its calls are copies, but its clock is checked.
	os.WriteFile(filepath.Join(other, "var/log/asterisk/cdr-csv/Master.csv"), append([]byte("\n"), mustRead(t, filepath.Join(other, "var/log/asterisk/cdr-csv/Master.csv"))...), 0o644)
	if _, err := st.Import(context.Background(), []string{other}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	env := uitest.Env(t, st)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.Press(tm, "7")
	uitest.WaitFor(t, tm, "⚠ CDR clock off")
	uitest.Quit(t, tm)
}

func mustRead(t *testing.T, p string) []byte {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// freePBXCase generates the FreePBX variant of the seized PBX alone (seed
// 4, the given days) and imports it.
func freePBXCase(t *testing.T, days int) (*store.Store, string, *gen.Truth) {
	t.Helper()
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Days, cfg.Records, cfg.Pairs, cfg.VoiceSubscribers, cfg.SimBoxes = 4, days, 0, 0, 0, 0
	cfg.AsteriskImage, cfg.PBX = true, gen.PBXFreePBX
	return casekit.GeneratedCase(t, cfg)
}
