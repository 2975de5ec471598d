package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/casekit"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// smallGen is a generated case small enough for a UI test.
func smallGen() gen.Config {
	c := gen.DefaultConfig()
	c.Seed, c.Subscribers, c.Records, c.VoiceSubscribers, c.SimBoxes = 11, 30, 4000, 60, 2
	return c
}

func shellOn(t *testing.T, opts ShellOptions, w, h int) *teatest.TestModel {
	t.Helper()
	if opts.Styles == nil {
		opts.Styles = uitest.Styles()
	}
	if opts.RecentFile == "" {
		opts.RecentFile = filepath.Join(t.TempDir(), "config", "cdrtui", "recent.json")
	}
	s := NewShell(opts)
	t.Cleanup(s.Close)
	return teatest.NewTestModel(t, s, teatest.WithInitialTermSize(w, h))
}

func quitShell(t *testing.T, tm *teatest.TestModel) *Shell {
	t.Helper()
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	return tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Shell)
}

// The start screen creates a case, remembers it in the configuration
// directory (never beside the case), O returns to it from the workbench
// and enter reopens the case from the recent list.
func TestStartScreenCreateRecentReopen(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "cfg", "recent.json")
	dir := t.TempDir()
	casePath := filepath.Join(dir, "op-nightjar.db")
	tm := shellOn(t, ShellOptions{RecentFile: cfg}, 80, 24)
	uitest.WaitFor(t, tm, "Recent cases: none yet", "n new case", "d demo")

	uitest.Press(tm, "n")
	uitest.WaitFor(t, tm, "Create a case file")
	uitest.Type(tm, strings.TrimSuffix(casePath, ".db")) // .db is added
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "1 Overview", "op-nightjar.db · A —")
	if _, err := os.Stat(casePath); err != nil {
		t.Fatalf("case not created: %v", err)
	}
	recent, err := casework.LoadRecent(cfg)
	if err != nil || len(recent) != 1 || recent[0].Path != casePath {
		t.Fatalf("recent %+v %v, want %s", recent, err, casePath)
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 3 { // the case and its -wal/-shm only
		t.Fatalf("files beside the case: %v", entries)
	}

	uitest.Press(tm, "O")
	uitest.WaitForText(t, tm, "Recent cases", "▸ ", "path: "+casePath)
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "Case no records")

	// an existing file is never overwritten by "create"
	uitest.Press(tm, "O")
	uitest.WaitFor(t, tm, "Recent cases")
	uitest.Press(tm, "n")
	uitest.Type(tm, casePath)
	uitest.Press(tm, "enter")
	// the error names the temporary path first, so where its line wraps
	// at 80 columns depends on the directory's random name ("already" and
	// "exists" fell on two lines one run in thirty): read it unwrapped
	uitest.WaitForText(t, tm, "already exists")
	// and a path that is no case is refused
	uitest.Press(tm, "o")
	uitest.Type(tm, filepath.Join(dir, "missing.db"))
	uitest.Press(tm, "enter")
	uitest.WaitForText(t, tm, "no case file at")
	s := quitShell(t, tm)
	if s.wb != nil {
		t.Fatal("a workbench is open after a failed open")
	}
}

// The demo opens from the start screen and says it is the demo.
func TestStartScreenDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the demo case")
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	tm := shellOn(t, ShellOptions{}, 120, 40)
	uitest.WaitFor(t, tm, "d demo")
	uitest.Press(tm, "d")
	uitest.WaitFor(t, tm, "DEMO demo.db", "Overview")
	quitShell(t, tm)
}

// The palette finds a subscriber by an MSISDN written with +, spaces and
// dashes, by an IMEI without its check digit and by IMSI; an IP address
// and a cell lead to the hunt; a file name to the sources; and commands
// run by name.
func TestPaletteFindsAndGoes(t *testing.T) {
	st, _, _ := casekit.SharedCase(t, smallGen())
	db := st.DB()
	var msisdn, imei, imsi, ip, cell, other, otherIMSI string
	if err := db.QueryRow(`SELECT s.msisdn, d.imei, d.imsi FROM subscribers s JOIN subscriber_devices sd ON sd.subscriber_id = s.id
		JOIN devices d ON d.id = sd.device_id WHERE sd.kind = 'ipdr' AND length(d.imei) = 15 AND length(d.imsi) = 15
		ORDER BY s.data_records DESC LIMIT 1`).Scan(&msisdn, &imei, &imsi); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT s.msisdn, d.imsi FROM subscribers s JOIN subscriber_devices sd ON sd.subscriber_id = s.id
		JOIN devices d ON d.id = sd.device_id WHERE s.msisdn <> ? AND length(d.imsi) = 15 LIMIT 1`, msisdn).Scan(&other, &otherIMSI); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT dest_ip FROM ipdr WHERE dest_ip IS NOT NULL GROUP BY dest_ip ORDER BY count(*) DESC LIMIT 1`).Scan(&ip); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT c.cell FROM cells c JOIN ipdr r ON r.cell_id = c.id GROUP BY c.id ORDER BY count(*) DESC LIMIT 1`).Scan(&cell); err != nil {
		t.Fatal(err)
	}
	tm := shellOn(t, ShellOptions{Store: st}, 100, 30)
	uitest.WaitFor(t, tm, "Overview", "Subscribers")

	written := "+" + msisdn[:2] + " " + msisdn[2:7] + "-" + msisdn[7:]
	uitest.Press(tm, ":")
	uitest.WaitFor(t, tm, "Palette")
	uitest.Type(tm, written)
	uitest.WaitFor(t, tm, "MSISDN  "+msisdn)
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "[2 Persona]", "Persona "+msisdn)

	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlK}) // the palette's other key
	uitest.Type(tm, imei[:14])
	uitest.WaitFor(t, tm, "IMEI    "+imei, "used by "+msisdn)
	uitest.Press(tm, "esc")
	uitest.Press(tm, ":")
	uitest.Type(tm, imsi)
	uitest.WaitFor(t, tm, "IMSI    "+imsi)
	uitest.Press(tm, "esc")
	uitest.Press(tm, ":")
	uitest.Type(tm, otherIMSI)
	uitest.WaitFor(t, tm, "IMSI    "+otherIMSI)
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlB}) // as B
	uitest.WaitFor(t, tm, "B = "+other+" (found by IMSI")

	uitest.Press(tm, ":")
	uitest.Type(tm, ip)
	uitest.WaitFor(t, tm, "IP      "+ip)
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "[5 Hunt]", ip)

	uitest.Press(tm, ":")
	uitest.Type(tm, cell)
	uitest.WaitFor(t, tm, "cell    "+cell)
	uitest.Press(tm, "esc")

	uitest.Press(tm, ":")
	uitest.Type(tm, "voice_cdr")
	uitest.WaitFor(t, tm, "file    ")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "[1 Overview]", "Sources", "voice_cdr.tsv")

	uitest.Press(tm, ":")
	uitest.Type(tm, "go to trends")
	uitest.WaitFor(t, tm, "Go to Trends  (4)")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "[4 Trends]")
	s := quitShell(t, tm)
	if s.wb.active != 3 || s.wb.focusA != msisdn || s.wb.focusB != other {
		t.Fatalf("active %d focus A %q B %q", s.wb.active, s.wb.focusA, s.wb.focusB)
	}
}

// Import inside: the picker chooses a directory, the layouts are shown
// before anything runs, the import runs in the background with the panes
// answering, and they show the new records when it lands.
func TestImportInside(t *testing.T) {
	evidence := filepath.Join(t.TempDir(), "evidence")
	if _, err := gen.Generate(evidence, smallGen()); err != nil {
		t.Fatal(err)
	}
	st, err := casework.CreateCase(filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	tm := shellOn(t, ShellOptions{Store: st, ImportDir: evidence}, 100, 30)
	uitest.WaitFor(t, tm, "Case no records")
	uitest.Press(tm, "I")
	uitest.WaitFor(t, tm, "Import into case.db", "operator_a_ipdr.csv", "voice_cdr.tsv")
	uitest.Press(tm, ".") // this folder
	uitest.WaitFor(t, tm, "chosen (1): evidence")
	uitest.Press(tm, "tab")
	uitest.WaitFor(t, tm, "Detected layouts: 3 files to import", "ipdr, delimiter comma", "voice, delimiter tab")
	before, _ := st.Summary(context.Background())
	if len(before.Sources) != 0 {
		t.Fatal("the preview imported something")
	}
	uitest.Press(tm, "enter")
	// 4.6 s under the race detector on a quiet machine: more than ten on a
	// busy one (a CI run's race stage did not see it end in ten)
	uitest.WaitWithin(t, tm, time.Minute, "Import finished", "3 files imported")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "3 sources", "import done")
	s := quitShell(t, tm)
	if s.impOn {
		t.Fatal("the dialog is still shown")
	}
	sum, err := store.Open(st.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer sum.Close()
	got, _ := sum.Summary(context.Background())
	if len(got.Sources) != 3 || got.Records["ipdr"] == 0 || got.Records["voice"] == 0 {
		t.Fatalf("after the import: %+v", got.Records)
	}
}

// Mouse: a click on a tab switches panes; a click on a row moves the
// cursor; a click on a column header sorts by it; the wheel scrolls.
func TestMouse(t *testing.T) {
	st, _, truth := casekit.SharedCase(t, smallGen())
	tm := shellOn(t, ShellOptions{Store: st}, 120, 30)
	uitest.WaitFor(t, tm, "row 1 of", "sort Records▼")
	// overview: tab line, 3 header lines, then the table's header on line 4
	// the subscribers in MSISDN order, and the one with the most records
	var byMSISDN []string
	rows, err := st.DB().Query(`SELECT msisdn FROM subscribers ORDER BY msisdn LIMIT 3`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			t.Fatal(err)
		}
		byMSISDN = append(byMSISDN, m)
	}
	rows.Close()
	var top string
	if err := st.DB().QueryRow(`SELECT msisdn FROM subscribers ORDER BY data_records + voice_records DESC LIMIT 1`).Scan(&top); err != nil {
		t.Fatal(err)
	}
	if len(byMSISDN) != 3 || top == byMSISDN[0] {
		t.Fatalf("the fixture changed: %q, top %s", byMSISDN, top)
	}
	tm.Send(tea.MouseMsg{X: 3, Y: 4, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft}) // MSISDN header
	// the sorted list has landed when its first row is selected
	uitest.WaitFor(t, tm, "sort MSISDN▲", "▸"+byMSISDN[0])
	tm.Send(tea.MouseMsg{X: 3, Y: 7, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft}) // third row
	uitest.WaitFor(t, tm, "row 3 of", "▸"+byMSISDN[2])
	tm.Send(tea.MouseMsg{X: 3, Y: 8, Action: tea.MouseActionPress, Button: tea.MouseButtonWheelDown})
	uitest.WaitFor(t, tm, "row 6 of")
	// the tab of the fourth pane, where the padded tab line draws it
	// " [1 Overview] " 14 cells, " 2 Persona " 11, " 3 Correlation " 15: Trends from 40
	tm.Send(tea.MouseMsg{X: 43, Y: 0, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	uitest.WaitFor(t, tm, "[4 Trends]")

	// sliders: the SIM-box threshold (pane line 1: "threshold - " then the
	// track), the correlation window (its first step is 1 s)
	uitest.Press(tm, "6")
	uitest.WaitFor(t, tm, "50/100")
	tm.Send(tea.MouseMsg{X: 12, Y: 2, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	uitest.WaitFor(t, tm, " 0/100")
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: truth.Pairs[0].A})
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleB, MSISDN: truth.Pairs[0].B, Open: "correlation"})
	uitest.WaitFor(t, tm, "window 3m")
	tm.Send(tea.MouseMsg{X: 17, Y: 2, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	uitest.WaitFor(t, tm, "window 1s")
	s := quitShell(t, tm)
	if s.wb.active != 2 {
		t.Fatalf("active %d", s.wb.active)
	}
}

// The time scope (T) narrows the panes: the Trends pane's total for A
// changes to the records in the scope, the number the CLI's trends prints
// (both call casework.BuildTrendIn) and the one SQL counts here; the status
// line shows the scope; T then ctrl+x clears it and the whole-case total
// comes back.
func TestTimeScopeInPanes(t *testing.T) {
	st, _, truth := casekit.SharedCase(t, smallGen())
	a := truth.Pairs[0].A
	ctx := context.Background()
	dict, info, err := casework.PortDictionaryInfo(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	ts, err := casework.ParseTimeScope("2024-03-20 06:00", "2024-03-24")
	if err != nil {
		t.Fatal(err)
	}
	who := casework.TrendScope{MSISDNs: []string{a}}
	whole, err := casework.BuildTrend(ctx, st, dict, info, who, "WhatsApp")
	if err != nil {
		t.Fatal(err)
	}
	scoped, err := casework.BuildTrendIn(ctx, st, dict, info, who, "WhatsApp", ts)
	if err != nil {
		t.Fatal(err)
	}
	var bySQL int64
	if err := st.DB().QueryRow(`SELECT count(*) FROM ipdr WHERE subscriber_id = (SELECT id FROM subscribers WHERE msisdn = ?)
		AND (dest_port = 4244 OR dest_port BETWEEN 5222 AND 5223 OR dest_port = 5228 OR dest_port = 5242)
		AND start + wall_offset >= ? AND start + wall_offset < ?`, a, ts.From, ts.To).Scan(&bySQL); err != nil {
		t.Fatal(err)
	}
	if scoped.Total != bySQL || scoped.Total == whole.Total || bySQL == 0 {
		t.Fatalf("scoped total %d, SQL %d, whole case %d", scoped.Total, bySQL, whole.Total)
	}
	tm := shellOn(t, ShellOptions{Store: st}, 120, 40)
	uitest.WaitFor(t, tm, "Overview")
	tm.Send(uikitFocus(a))
	uitest.Press(tm, "4")
	uitest.WaitFor(t, tm, fmt.Sprintf("A %s %s", a, thousands(whole.Total)))
	uitest.Press(tm, "T")
	uitest.WaitFor(t, tm, "Time scope", "from:")
	uitest.Type(tm, "2024-03-20 06:00")
	uitest.Press(tm, "tab")
	uitest.Type(tm, "2024-03-24")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "⏱ 2024-03-20 06:00 – 2024-03-25 00:00", fmt.Sprintf("A %s %s", a, thousands(scoped.Total)))
	// the Overview says what the scope holds beside its whole-case lists
	var ipdrIn int64
	if err := st.DB().QueryRow(`SELECT count(*) FROM ipdr WHERE start + wall_offset >= ? AND start + wall_offset < ?`, ts.From, ts.To).Scan(&ipdrIn); err != nil {
		t.Fatal(err)
	}
	uitest.Press(tm, "1")
	uitest.WaitFor(t, tm, "(whole case)", fmt.Sprintf("in the time scope: %s ipdr", thousands(ipdrIn)))
	uitest.Press(tm, "4")
	// Persona too: its data records are those in the scope
	var personaSQL int64
	if err := st.DB().QueryRow(`SELECT count(*) FROM ipdr WHERE subscriber_id = (SELECT id FROM subscribers WHERE msisdn = ?)
		AND start + wall_offset >= ? AND start + wall_offset < ?`, a, ts.From, ts.To).Scan(&personaSQL); err != nil {
		t.Fatal(err)
	}
	uitest.Press(tm, "2")
	uitest.WaitFor(t, tm, fmt.Sprintf("Persona %s · %s data records", a, thousands(personaSQL)))
	uitest.Press(tm, "4")
	uitest.Press(tm, "T", "ctrl+x")
	uitest.WaitFor(t, tm, "time scope cleared", fmt.Sprintf("A %s %s", a, thousands(whole.Total)))
	s := quitShell(t, tm)
	if s.env.Scope.Set() || s.wb.active != 3 || s.wb.focusA != a {
		t.Fatalf("after clearing: scope %+v, pane %d, A %q", s.env.Scope, s.wb.active, s.wb.focusA)
	}
}

func uikitFocus(msisdn string) tea.Msg {
	return uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: msisdn}
}

func thousands(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// A file whose clocks name an ambiguous zone (IST) is shown as refused in
// the preview until a zone is given there (z, as --tz), and then imports.
func TestImportInsideZone(t *testing.T) {
	dir := t.TempDir()
	body := "MSISDN,DESTIP,DESTPORT,START\n" +
		"919800000001,157.240.1.1,5222,18/03/2024 10:15:02 IST\n" +
		"919800000002,157.240.1.2,443,19/03/2024 22:05:00 IST\n"
	if err := os.WriteFile(filepath.Join(dir, "ist.csv"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := casework.CreateCase(filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	tm := shellOn(t, ShellOptions{Store: st, ImportDir: dir}, 100, 30)
	uitest.WaitFor(t, tm, "Case no records")
	uitest.Press(tm, "I")
	uitest.WaitFor(t, tm, "ist.csv")
	uitest.Press(tm, "enter") // the file
	uitest.WaitFor(t, tm, "0 files to import", "--tz", "zone: as written")
	uitest.Press(tm, "z")
	uitest.Type(tm, "Asia/Kolkata")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "1 file to import", "zone: Asia/Kolkata")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "Import finished", "1 file imported, 2 rows")
	quitShell(t, tm)
	var zone string
	if err := st.DB().QueryRow(`SELECT tz FROM sources`).Scan(&zone); err != nil || zone != "Asia/Kolkata" {
		t.Fatalf("source zone %q %v", zone, err)
	}
}
