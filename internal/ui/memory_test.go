package ui

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

func trailOf(t *testing.T, env *uikit.Env) []store.AuditEntry {
	t.Helper()
	es, err := env.Store.AuditEntries(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// m on a row of any pane keeps a note with its tags and place; N lists
// it; enter goes back to the pane and the row from another pane. Opening
// and browsing recorded nothing in the trail; the note did.
func TestBookmarkNotesAndJumpBack(t *testing.T) {
	env := fixtureEnv(t)
	tm := teatest.NewTestModel(t, New(env, Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.WaitFor(t, tm, "447700900123", "Records")
	uitest.Press(tm, "down", "v", "v") // browse: no record
	uitest.WaitFor(t, tm, "row 2 of")
	if n := len(trailOf(t, env)); n != 0 {
		t.Fatalf("opening and browsing recorded %d entries", n)
	}
	uitest.Press(tm, "m")
	uitest.WaitFor(t, tm, "Bookmark", "item", "subscriber")
	uitest.Type(tm, "second line of the list")
	uitest.Press(tm, "tab")
	uitest.Type(tm, "lead, uk")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "bookmarked as note #1")
	uitest.Press(tm, "3")
	uitest.WaitFor(t, tm, "[3 Correlation]")
	uitest.Press(tm, "N")
	uitest.WaitFor(t, tm, "Notes", "1 of 1", "second line of the list", "[lead, uk]")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "[1 Overview]", "back at subscriber", "row 2 of")
	m := finalModel(t, tm)
	if m.active != 0 {
		t.Fatalf("active pane %d after the jump", m.active)
	}
	ns, _ := env.Store.Notes(context.Background(), "uk")
	if len(ns) != 1 || ns[0].Pane != "overview" || ns[0].Kind != "subscriber" || ns[0].Analyst != casework.Analyst("") || ns[0].Body != "second line of the list" {
		t.Fatalf("notes %+v", ns)
	}
	var p uikit.Place
	if err := json.Unmarshal([]byte(ns[0].Place), &p); err != nil || p.Extra["table"] != "subscribers" || p.Target != ns[0].Target || p.Target == "" {
		t.Fatalf("place %q: %v", ns[0].Place, err)
	}
	if tr := trailOf(t, env); len(tr) != 1 || tr[0].Action != "note add" {
		t.Fatalf("trail %+v", tr)
	}
}

// The Notes view filters by tag (t) and removes a note (x, y).
func TestNotesViewTagFilterAndRemove(t *testing.T) {
	env := fixtureEnv(t)
	ctx := context.Background()
	for _, n := range []store.Note{
		{Kind: "subscriber", Target: "447700900123", Label: "447700900123", Tags: []string{"alpha"}, Body: "first"},
		{Kind: "record", Target: "ipdr 2", Label: "ipdr 2", Tags: []string{"beta"}, Body: "second"},
	} {
		if _, err := casework.AddNote(ctx, env.Store, n, time.Unix(1700000000, 0)); err != nil {
			t.Fatal(err)
		}
	}
	tm := teatest.NewTestModel(t, New(env, Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.WaitFor(t, tm, "447700900123")
	uitest.Press(tm, "N")
	uitest.WaitFor(t, tm, "2 of 2", "first", "second")
	uitest.Press(tm, "t", "t")
	uitest.WaitFor(t, tm, "1 of 2 · tag beta")
	uitest.Press(tm, "x")
	uitest.WaitFor(t, tm, "remove this note?")
	uitest.Press(tm, "y")
	uitest.WaitFor(t, tm, "note #2 removed")
	uitest.Press(tm, "esc")
	finalModel(t, tm)
	ns, _ := env.Store.Notes(ctx, "")
	if len(ns) != 1 || ns[0].Body != "first" {
		t.Fatalf("notes left %+v", ns)
	}
	tr := trailOf(t, env)
	if tr[len(tr)-1].Action != "note remove" {
		t.Fatalf("trail ends %+v", tr[len(tr)-1])
	}
}

// R makes the report from the workbench: the file is written where the
// dialog says and the trail records it with the file's hash.
func TestReportFromTheWorkbench(t *testing.T) {
	env := fixtureEnv(t)
	tm := teatest.NewTestModel(t, New(env, Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.WaitFor(t, tm, "447700900123")
	uitest.Press(tm, "enter") // A = the first subscriber
	uitest.WaitFor(t, tm, "A = ")
	uitest.Press(tm, "R")
	uitest.WaitFor(t, tm, "Report", "subscribers", "make the report")
	uitest.Press(tm, "up") // to [ make the report ]
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "report written to")
	finalModel(t, tm)
	entries, _ := os.ReadDir(env.ExportDir)
	if len(entries) != 1 || !strings.HasSuffix(entries[0].Name(), ".html") {
		t.Fatalf("exports %v", entries)
	}
	doc, _ := os.ReadFile(filepath.Join(env.ExportDir, entries[0].Name()))
	tr := trailOf(t, env)
	last := tr[len(tr)-1]
	if last.Action != "report" || last.ResultSHA256 != casework.ResultHash(doc) || !strings.Contains(last.Params, `"subscribers":["447700900`) {
		t.Fatalf("trail %+v", tr)
	}
}

// An export from a table is recorded with the table, the file and the
// SHA-256 of the file written.
func TestExportRecorded(t *testing.T) {
	env := fixtureEnv(t)
	tm := teatest.NewTestModel(t, New(env, Panes(env)), teatest.WithInitialTermSize(100, 30))
	uitest.WaitFor(t, tm, "447700900123")
	uitest.Press(tm, "e")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "exported")
	deadline := time.Now().Add(5 * time.Second)
	for len(trailOf(t, env)) == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	finalModel(t, tm)
	tr := trailOf(t, env)
	if len(tr) != 1 || tr[0].Action != "export" {
		t.Fatalf("trail %+v", tr)
	}
	var p struct{ Table, File string }
	json.Unmarshal([]byte(tr[0].Params), &p)
	doc, err := os.ReadFile(p.File)
	if err != nil || p.Table != "subscribers" || tr[0].ResultSHA256 != casework.ResultHash(doc) {
		t.Fatalf("entry %+v, file %s: %v", tr[0], p.File, err)
	}
}
