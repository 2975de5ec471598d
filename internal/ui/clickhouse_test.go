package ui

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/table"
)

// TestClickHouseWorkbench opens the workbench on a case on a two-shard
// ClickHouse cluster and on a local case of the same evidence: the
// Overview's figures (span and counts) and the Persona of a subscriber
// (every line of the pane) are the same on both; the Overview lists the
// busiest subscriber first with the local case's figures; the panes not
// on ClickHouse yet say so in one line (the Calls and Network panes are:
// TestClickHouseCallsAndNetworkPanes).
func TestClickHouseWorkbench(t *testing.T) {
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Subscribers, cfg.Days, cfg.Records, cfg.VoiceSubscribers, cfg.SimBoxes = 42, 40, 7, 20_000, 60, 6
	tw := newTwins(t, "wb", cfg, false)
	truth, local, ch, c := tw.truth, tw.local, tw.ch, tw.c
	ctx := context.Background()
	msisdn := truth.Subscribers[0].MSISDN

	// each workbench: the Overview's header, then the Persona of msisdn
	// opened from the palette, both as on screen at 80x24
	look := func(opts ShellOptions, drillDown ...string) (overview, persona, whole string) {
		tm := shellOn(t, opts, 80, 24)
		uitest.WaitFor(t, tm, "[1 Overview]", "Case ", " → ")
		uitest.Press(tm, ":")
		uitest.WaitFor(t, tm, "Palette")
		uitest.Type(tm, msisdn)
		uitest.WaitFor(t, tm, "MSISDN  "+msisdn)
		uitest.Press(tm, "enter")
		// the header comes with the result, the table's rows a frame or
		// more later, and enter on a table without rows opens nothing (CI
		// once pressed it in between): both in one wait, as the renderer
		// does not draw a line again that has not changed
		uitest.WaitFor(t, tm, "[2 Persona]", "Persona "+msisdn+" · ", " data records · ", "peak ", "row 1 of ")
		if len(drillDown) > 0 { // the records behind the busiest application, once loaded
			uitest.Press(tm, "enter")
			uitest.WaitFor(t, tm, drillDown...)
		}
		s := quitShell(t, tm)
		whole = s.View()
		persona = body(whole)
		s.wb.active = 0
		overview = header(s.View())
		return overview, persona, whole
	}
	wantOverview, wantPersona, _ := look(ShellOptions{Store: local})
	gotOverview, gotPersona, _ := look(ShellOptions{Case: ch})
	_, wantDrill, wantWhole := look(ShellOptions{Store: local}, "Time (wall clock)", "row 1 of ")
	// the cluster's drill-down is waited for by the local one's row count
	// (an earlier frame, the Persona's own table, also says "row 1 of")
	rows := regexp.MustCompile(`row 1 of [0-9,]+`).FindString(wantWhole)
	if rows == "" {
		t.Fatalf("the local drill-down names no row count:\n%s", wantWhole)
	}
	_, gotDrill, _ := look(ShellOptions{Case: ch}, "Time (wall clock)", rows)
	if !strings.Contains(wantDrill, "Time (wall clock)") {
		t.Fatalf("the local drill-down shows no records:\n%s", wantDrill)
	}
	if gotDrill != wantDrill {
		t.Errorf("the records behind the busiest application on the cluster:\n%s\nwant (the local case):\n%s", gotDrill, wantDrill)
	}
	if !strings.Contains(wantOverview, "ipdr") {
		t.Fatalf("the local Overview's header shows no ipdr count:\n%s", wantOverview)
	}
	if gotOverview != wantOverview {
		t.Errorf("Overview on the cluster:\n%s\nwant (the local case):\n%s", gotOverview, wantOverview)
	}
	if !strings.Contains(wantPersona, msisdn) || !strings.Contains(wantPersona, "Applications") {
		t.Fatalf("the local Persona is not of %s:\n%s", msisdn, wantPersona)
	}
	if gotPersona != wantPersona {
		g, w := strings.Split(gotPersona, "\n"), strings.Split(wantPersona, "\n")
		for i := range min(len(g), len(w)) {
			if g[i] != w[i] {
				t.Errorf("Persona on the cluster, line %d:\n%q\nwant (the local case):\n%q", i, g[i], w[i])
			}
		}
		if len(g) != len(w) {
			t.Errorf("Persona on the cluster: %d lines, want %d", len(g), len(w))
		}
	}

	// the records behind the first feature of the highest-scored SIM
	simbox := func(opts ShellOptions) string {
		tm := shellOn(t, opts, 80, 24)
		uitest.WaitFor(t, tm, "[1 Overview]")
		uitest.Press(tm, "6")
		uitest.WaitFor(t, tm, "[6 SIM-box]", "flagged", "FLAGGED at") // the list loaded, its first SIM selected
		uitest.Press(tm, "enter")
		uitest.WaitFor(t, tm, "Feature")
		uitest.Press(tm, "enter")
		uitest.WaitFor(t, tm, "Wall clock", "row 1 of ")
		return body(quitShell(t, tm).View())
	}
	wantSIM, gotSIM := simbox(ShellOptions{Store: local}), simbox(ShellOptions{Case: ch})
	if gotSIM != wantSIM {
		t.Errorf("the records behind a SIM-box feature on the cluster:\n%s\nwant (the local case):\n%s", gotSIM, wantSIM)
	}

	// the Overview lists the subscribers, busiest first, with the local
	// case's counts; the panes not on ClickHouse
	// yet say so; the status line names the URL
	var busiest int64
	if err := local.DB().QueryRowContext(ctx, `SELECT id FROM subscribers ORDER BY data_records + voice_records DESC, id LIMIT 1`).Scan(&busiest); err != nil {
		t.Fatal(err)
	}
	top, err := local.SubscriberTotalsOf(ctx, busiest)
	if err != nil {
		t.Fatal(err)
	}
	tm := shellOn(t, ShellOptions{Case: ch}, 80, 24)
	uitest.WaitFor(t, tm, "[1 Overview]", top.MSISDN, c.URL("wb"))
	uitest.Press(tm, "7")
	uitest.WaitFor(t, tm, "no PBX artefacts in this case") // the Asterisk pane, over the case's PBX artefacts: none
	for _, k := range []string{"8", "9", "0"} {
		uitest.Press(tm, k)
	}
	s := quitShell(t, tm)
	s.wb.active = 0
	// (every column, every order: TestClickHouseOverviewList)
	wantRow := []string{"▸" + top.MSISDN, table.Thousands(top.DataRecords + top.VoiceRecords), table.Thousands(top.DataRecords), table.Thousands(top.VoiceRecords)}
	found := false
	for _, l := range strings.Split(s.View(), "\n") {
		if f := strings.Fields(l); len(f) >= 4 && f[0] == wantRow[0] {
			found = true
			if got := strings.Join(f[:4], " "); got != strings.Join(wantRow, " ") {
				t.Errorf("the busiest subscriber on the cluster's Overview: %q, want %q", got, strings.Join(wantRow, " "))
			}
		}
	}
	if !found {
		t.Errorf("the Overview on the cluster does not list %s first:\n%s", top.MSISDN, s.View())
	}
	for _, title := range []string{"Asterisk"} { // Location: TestClickHouseLocationPane; Calls, Network: TestClickHouseCallsAndNetworkPanes
		s.wb.active = 6
		if v := s.View(); !strings.Contains(v, title) || !strings.Contains(v, "no PBX artefacts in this case") { // the case holds none
			t.Errorf("pane %s on the cluster:\n%s", title, v)
		}
	}

	// what the workbenches showed is in each case's trail alike: every
	// persona shown on the local case was recorded on the cluster too,
	// with the same parameters, in a trail that verifies (the result
	// hashes differ when the two cases stored their port dictionaries in
	// different seconds: the persona names when)
	trailOf := func(tr interface {
		AuditTrail(context.Context) (store.AuditCheck, []store.AuditEntry, error)
	}) (store.AuditCheck, map[string]bool) {
		check, es, err := tr.AuditTrail(ctx)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, e := range es {
			if e.Action == "pane persona" {
				seen[e.Params] = len(e.ResultSHA256) == 64
			}
		}
		return check, seen
	}
	_, wantShown := trailOf(local)
	if len(wantShown) == 0 {
		t.Fatal("the local workbench recorded no persona")
	}
	var gotShown map[string]bool
	var check store.AuditCheck
	for range 600 { // the trail is written off the UI goroutine, and outlives the workbench
		if check, gotShown = trailOf(ch); len(gotShown) >= len(wantShown) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	for k := range wantShown {
		if !gotShown[k] {
			t.Errorf("the cluster's trail lacks the persona shown locally: %s (it has %v)", k, gotShown)
		}
	}
	if !check.OK || check.Chains != 1 { // one open case: one writer, one chain
		t.Errorf("the cluster's trail after the workbenches: %+v", check)
	}

	// on the cluster case: a bookmark (m) kept and listed (N), the report
	// (R) written and recorded in the cluster's trail, a hunt run, saved
	// under a name (w) and listed among the saved hunts (o)
	home := t.TempDir() // a ClickHouse case's exports go to ~/cdrtui-exports
	t.Setenv("HOME", home)
	tm = shellOn(t, ShellOptions{Case: ch}, 80, 24)
	uitest.WaitFor(t, tm, "[1 Overview]", top.MSISDN)
	uitest.Press(tm, "m")
	uitest.WaitFor(t, tm, "Bookmark", "item", "subscriber")
	uitest.Type(tm, "busiest on the cluster")
	uitest.Press(tm, "tab")
	uitest.Type(tm, "lead")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "bookmarked as note #1")
	uitest.Press(tm, "N")
	uitest.WaitFor(t, tm, "Notes", "1 of 1", "busiest on the cluster")
	uitest.Press(tm, "esc")
	uitest.Press(tm, "R")
	uitest.WaitFor(t, tm, "Report", "of clickhouse://", "make the report")
	uitest.Press(tm, "up") // to [ make the report ]
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "report written to")
	uitest.Press(tm, "5")
	uitest.WaitFor(t, tm, "Server hunt")
	uitest.Type(tm, "f"+truth.Hunt.DestIP)
	uitest.WaitFor(t, tm, "✓ "+truth.Hunt.DestIP)
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "Statement")
	uitest.Press(tm, "w")
	uitest.Type(tm, "cluster visitors")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, `saved as "cluster visitors"`)
	uitest.Press(tm, "o")
	uitest.WaitFor(t, tm, "cluster visitors", "to "+truth.Hunt.DestIP)
	quitShell(t, tm)
	if ns, err := ch.Notes(ctx, "lead"); err != nil || len(ns) != 1 || ns[0].Body != "busiest on the cluster" || ns[0].Pane != "overview" {
		t.Errorf("the cluster case's notes: %+v %v", ns, err)
	}
	if h, err := ch.SavedHunt(ctx, "cluster visitors"); err != nil || h.Subscribers == 0 {
		t.Errorf("the cluster case's saved hunt: %+v %v", h, err)
	}
	reports, _ := filepath.Glob(filepath.Join(home, "cdrtui-exports", "report-*.html"))
	if len(reports) != 1 {
		t.Fatalf("the workbench's report on the cluster: %v", reports)
	}
	doc, err := os.ReadFile(reports[0])
	if err != nil {
		t.Fatal(err)
	}
	if _, es, err := ch.AuditTrail(ctx); err != nil || !slices.ContainsFunc(es, func(e store.AuditEntry) bool {
		return e.Action == "report" && e.ResultSHA256 == casework.ResultHash(doc) && strings.Contains(e.Params, reports[0])
	}) {
		t.Errorf("the workbench's report is not in the cluster's trail (%v)", err)
	}
	if !strings.Contains(string(doc), "clickhouse-client --host ") || !strings.Contains(string(doc), "Case clickhouse://") {
		t.Errorf("the workbench's report on the cluster does not give its queries for clickhouse-client")
	}

	// a shard stopped: the SIM-box pane (every SIM, on both shards) says
	// so on the message line, at once, and the workbench still answers
	tm = shellOn(t, ShellOptions{Case: ch}, 80, 24)
	uitest.WaitFor(t, tm, "[1 Overview]", top.MSISDN)
	c.Servers[1].Kill()
	uitest.Press(tm, "6")
	uitest.WaitFor(t, tm, "[6 SIM-box]", "does not answer")
	uitest.Press(tm, "2")
	uitest.WaitFor(t, tm, "[2 Persona]")
	quitShell(t, tm)
	if err := c.Servers[1].Restart(); err != nil {
		t.Fatal(err)
	}
}

// body is a screen without its status and help lines (the status line
// names the case: a file, a URL).
func body(view string) string {
	lines := strings.Split(view, "\n")
	return strings.Join(lines[:len(lines)-2], "\n")
}

// header is the Overview's header: the tab line, the case's span and its
// counts, up to the list's title.
func header(view string) string {
	var out []string
	for _, l := range strings.Split(view, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "Subscribers") {
			break
		}
		out = append(out, strings.TrimRight(l, " "))
	}
	return strings.Join(out, "\n")
}
