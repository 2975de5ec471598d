package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

type trailJSON struct {
	Entries []struct {
		Seq     int64
		Analyst string
		Action  string
		Params  string
	}
}

func trail(t *testing.T, casePath string) trailJSON {
	t.Helper()
	var tr trailJSON
	runJSON(t, []string{"audit", casePath, "--json"}, &tr)
	return tr
}

func TestNoteCommand(t *testing.T) {
	casePath, truth := reportCaseFile(t)
	a := truth.Pairs[0].A
	var n struct {
		ID      int64
		Analyst string
		Kind    string
		Target  string
		Tags    []string
		Note    string
	}
	runJSON(t, []string{"note", casePath, "add", "pair", a + " " + truth.Pairs[0].B, "talk", "nightly", "--tag", "Lead", "--tag", "whatsapp,night", "--analyst", "Insp. Rao", "--json"}, &n)
	if n.ID != 2 || n.Analyst != "Insp. Rao" || n.Kind != "pair" || n.Note != "talk nightly" || strings.Join(n.Tags, "|") != "Lead|whatsapp|night" {
		t.Fatalf("note %+v", n)
	}
	var list []struct {
		ID   int64
		Tags []string
	}
	runJSON(t, []string{"note", casePath, "list", "--tag", "lead", "--json"}, &list)
	if len(list) != 1 || list[0].ID != 2 {
		t.Fatalf("tagged lead: %+v", list)
	}
	runJSON(t, []string{"note", casePath, "list", "--json"}, &list)
	if len(list) != 2 {
		t.Fatalf("all notes: %+v", list)
	}
	if out := runOK(t, "note", casePath, "list"); !strings.Contains(out, "Insp. Rao") || !strings.Contains(out, "talk nightly") {
		t.Errorf("list:\n%s", out)
	}
	if out := runOK(t, "note", casePath, "remove", "#2", "--analyst", "Sgt. Das"); !strings.Contains(out, "note #2 removed") {
		t.Errorf("remove: %s", out)
	}
	tr := trail(t, casePath)
	last := tr.Entries[len(tr.Entries)-1]
	prev := tr.Entries[len(tr.Entries)-2]
	if last.Action != "note remove" || last.Analyst != "Sgt. Das" || prev.Action != "note add" || prev.Analyst != "Insp. Rao" {
		t.Errorf("trail ends %+v %+v", prev, last)
	}
	for _, args := range [][]string{
		{"note", casePath},
		{"note", casePath, "add", "subscriber"},
		{"note", casePath, "remove", "2"},
		{"note", casePath, "remove", "x"},
		{"note", casePath, "frob"},
		{"note", filepath.Join(t.TempDir(), "none.db"), "list"},
	} {
		var out, errOut bytes.Buffer
		if code := run(args, &out, &errOut); code == 0 {
			t.Errorf("%v exited 0", args)
		}
	}
}

// audit --verify --json says {entries, ok, first_bad}; after an entry is
// altered with raw SQL it names it and exits non-zero.
func TestAuditVerifyCommand(t *testing.T) {
	casePath, _ := reportCaseFile(t)
	var c struct {
		Entries  int    `json:"entries"`
		OK       bool   `json:"ok"`
		FirstBad *int64 `json:"first_bad"`
	}
	out := runOK(t, "audit", casePath, "--verify", "--json")
	var raw map[string]any
	json.Unmarshal([]byte(out), &raw)
	if v, ok := raw["first_bad"]; !ok || v != nil {
		t.Fatalf("first_bad of an unbroken trail: %v (%s)", v, out)
	}
	json.Unmarshal([]byte(out), &c)
	if !c.OK || c.Entries != 3 { // import, hunt, note
		t.Fatalf("%s", out)
	}
	if out := runOK(t, "audit", casePath, "--verify"); !strings.Contains(out, "unbroken: 3 entries") {
		t.Errorf("%s", out)
	}
	db, err := sql.Open("sqlite", casePath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE audit SET params = '{"args":["--dest","10.0.0.1"]}' WHERE seq = 2`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	var stdout, stderr bytes.Buffer
	code := run([]string{"audit", casePath, "--verify", "--json"}, &stdout, &stderr)
	c.FirstBad = nil
	json.Unmarshal(stdout.Bytes(), &c)
	if code == 0 || c.OK || c.FirstBad == nil || *c.FirstBad != 2 || c.Entries != 3 {
		t.Fatalf("exit %d: %s", code, stdout.String())
	}
	stdout.Reset()
	if code := run([]string{"audit", casePath}, &stdout, &stderr); code == 0 || !strings.Contains(stdout.String(), "BROKEN at entry 2") {
		t.Errorf("audit list of a broken trail: exit %d\n%s", code, stdout.String())
	}
	for _, args := range [][]string{{"audit"}, {"audit", casePath, "extra"}, {"audit", filepath.Join(t.TempDir(), "none.db")}} {
		if code := run(args, &stdout, &stderr); code == 0 {
			t.Errorf("%v exited 0", args)
		}
	}
}

// Opening and reading a case records nothing: summary, audit, note list
// and report --verify leave the trail as it was.
func TestReadingDoesNotGrowTheTrail(t *testing.T) {
	casePath, _ := reportCaseFile(t)
	out := filepath.Join(t.TempDir(), "r.html")
	runOK(t, "report", casePath, "--sections", "notes", "--out", out)
	before := len(trail(t, casePath).Entries)
	runOK(t, "summary", casePath)
	runOK(t, "summary", casePath, "--json")
	runOK(t, "audit", casePath, "--verify")
	runOK(t, "note", casePath, "list")
	runOK(t, "hunt", casePath, "--saved")
	runOK(t, "report", "--verify", out, casePath)
	if after := len(trail(t, casePath).Entries); after != before {
		t.Fatalf("reading grew the trail from %d to %d entries", before, after)
	}
}
