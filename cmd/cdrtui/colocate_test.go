package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// Three subscribers in the cells of locationSites: C1 (7301/12345), C2
// (7301/22222, 10.279 km east of C1). Worked by hand, within 15 minutes at
// the same site, A and B meet on the 18th (A 10:00 and 10:05, B 10:03 at
// C1) and the 19th (A 12:00, B 12:10 at C2); on the 20th they are 20
// minutes apart (a meeting within 25 minutes), on the 21st two minutes
// apart but in C1 and C2 (a meeting within 11 km). C meets A on the 18th.
const colocCDR = `MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION,CELL_ID
919714499701,VOICE_OUT,919812345678,18/03/2024,10:00:00,60,404-10-7301-12345
919714499701,VOICE_OUT,919812345678,18/03/2024,10:05:00,60,404-10-7301-12345
919714499701,VOICE_OUT,919812345678,19/03/2024,12:00:00,60,404-10-7301-22222
919714499701,VOICE_OUT,919812345678,20/03/2024,09:00:00,60,404-10-7301-12345
919714499701,VOICE_OUT,919812345678,21/03/2024,10:02:00,60,404-10-7301-12345
919714499702,VOICE_OUT,919812345678,18/03/2024,10:03:00,60,404-10-7301-12345
919714499702,VOICE_OUT,919812345678,19/03/2024,12:10:00,60,404-10-7301-22222
919714499702,VOICE_OUT,919812345678,20/03/2024,09:20:00,60,404-10-7301-12345
919714499702,VOICE_OUT,919812345678,21/03/2024,10:00:00,60,404-10-7301-22222
919714499703,VOICE_OUT,919812345678,18/03/2024,10:04:00,60,404-10-7301-12345
`

func colocCase(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	cdr, sites := filepath.Join(dir, "cdr.csv"), filepath.Join(dir, "sites.csv")
	os.WriteFile(cdr, []byte(colocCDR), 0o444)
	os.WriteFile(sites, []byte(locationSites), 0o444)
	casePath := filepath.Join(dir, "case.db")
	runOK(t, "import", casePath, cdr)
	runOK(t, "cells", casePath, sites, "--plmn", "404-10")
	return casePath
}

type colocJSON struct {
	A, B     string
	RadiusM  float64 `json:"radius_m"`
	WindowS  int64   `json:"window_s"`
	Expected float64
	Shifts   []int `json:"expected_by_shift"`
	Meetings []struct {
		At, End   string
		CellA     string  `json:"cell_a"`
		CellB     string  `json:"cell_b"`
		DistanceM float64 `json:"distance_m"`
		Records   []struct {
			Side, At, Cell, File string
			Line                 int64
		}
	}
}

func colocate(t *testing.T, args ...string) colocJSON {
	t.Helper()
	var v colocJSON
	out := runOK(t, append([]string{"colocate"}, append(args, "--json")...)...)
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return v
}

func meetingTimes(v colocJSON) []string {
	var out []string
	for _, m := range v.Meetings {
		out = append(out, m.At)
	}
	return out
}

// colocate A B --json: two meetings, with the records of both sides (file
// and line); chance by hand: B shifted by 1, 2, 3 days over the span of
// the 18th to the 21st meets A 0, 0 and 1 times (the 18th 10:03 lands on
// the 21st 10:03, a minute from A at C1): expected 1/3.
func TestColocateJSON(t *testing.T) {
	casePath := colocCase(t)
	v := colocate(t, casePath, "919714499701", "919714499702")
	if v.A != "919714499701" || v.B != "919714499702" || v.RadiusM != 0 || v.WindowS != 900 ||
		!reflect.DeepEqual(meetingTimes(v), []string{"2024-03-18T10:00:00", "2024-03-19T12:00:00"}) {
		t.Fatalf("%+v", v)
	}
	m := v.Meetings[0]
	if m.End != "2024-03-18T10:05:00" || m.CellA != "404-10-7301-12345" || m.CellB != "404-10-7301-12345" || m.DistanceM != 0 || len(m.Records) != 3 {
		t.Errorf("first meeting %+v", m)
	}
	lines := []int64{}
	for _, r := range m.Records {
		lines = append(lines, r.Line)
		if filepath.Base(r.File) != "cdr.csv" {
			t.Errorf("record %+v", r)
		}
	}
	if !reflect.DeepEqual(lines, []int64{2, 7, 3}) || m.Records[1].Side != "b" {
		t.Errorf("records of the first meeting: lines %v %+v", lines, m.Records)
	}
	if v.Expected != 0.333 || !reflect.DeepEqual(v.Shifts, []int{0, 0, 1}) {
		t.Errorf("expected %v by shifts %v", v.Expected, v.Shifts)
	}
	text := runOK(t, "colocate", casePath, "919714499701", "919714499702")
	if !strings.Contains(text, "within 15 min: 2 meetings; chance gives 0.33") || !strings.Contains(text, "cdr.csv:7") {
		t.Errorf("text:\n%s", text)
	}
}

// Every flag of colocate: --within (and --window), --radius, --from/--to,
// --top; and the refusals.
func TestColocateFlags(t *testing.T) {
	casePath := colocCase(t)
	a, b := "919714499701", "919714499702"
	if v := colocate(t, casePath, a, b, "--within", "25m"); v.WindowS != 1500 ||
		!reflect.DeepEqual(meetingTimes(v), []string{"2024-03-18T10:00:00", "2024-03-19T12:00:00", "2024-03-20T09:00:00"}) {
		t.Errorf("--within 25m: %+v", meetingTimes(v))
	}
	if v := colocate(t, casePath, a, b, "--window", "5m"); v.WindowS != 300 ||
		!reflect.DeepEqual(meetingTimes(v), []string{"2024-03-18T10:00:00"}) {
		t.Errorf("--window 5m: %+v", meetingTimes(v))
	}
	v := colocate(t, casePath, a, b, "--radius", "11km")
	if v.RadiusM != 11000 || !reflect.DeepEqual(meetingTimes(v), []string{"2024-03-18T10:00:00", "2024-03-19T12:00:00", "2024-03-21T10:00:00"}) {
		t.Errorf("--radius 11km: %+v", meetingTimes(v))
	} else if d := v.Meetings[2].DistanceM; d != 10279 {
		t.Errorf("C1 to C2: %v m, want 10,279 (by hand)", d)
	}
	if v := colocate(t, casePath, a, b, "--from", "2024-03-19", "--to", "2024-03-21"); !reflect.DeepEqual(meetingTimes(v), []string{"2024-03-19T12:00:00"}) {
		t.Errorf("--from/--to: %+v", meetingTimes(v))
	}
	// without B: who was most with A. B: 2 meetings, expected 1/3; C: 1
	// meeting (the 18th), expected 1/3 (C's 10:04 shifted 3 days meets A
	// on the 21st at 10:02)
	var top struct {
		A          string
		Candidates int
		Companions []struct {
			MSISDN           string
			Meetings         int
			Expected, Excess float64
			First            string
		}
	}
	out := runOK(t, "colocate", casePath, a, "--json")
	if err := json.Unmarshal([]byte(out), &top); err != nil {
		t.Fatal(err)
	}
	if top.A != a || top.Candidates != 2 || len(top.Companions) != 2 || top.Companions[0].MSISDN != b || top.Companions[0].Meetings != 2 ||
		top.Companions[0].Excess != 1.667 || top.Companions[1].MSISDN != "919714499703" || top.Companions[1].Expected != 0.333 ||
		top.Companions[1].First != "2024-03-18T10:00:00" {
		t.Errorf("companions: %s", out)
	}
	out = runOK(t, "colocate", casePath, a, "--top", "1", "--json")
	if err := json.Unmarshal([]byte(out), &top); err != nil || len(top.Companions) != 1 || top.Companions[0].MSISDN != b {
		t.Errorf("--top 1: %s", out)
	}
	if text := runOK(t, "colocate", casePath, a); !strings.Contains(text, "919714499702") || !strings.Contains(text, "EXCESS") {
		t.Errorf("text:\n%s", text)
	}
	for _, bad := range [][]string{{"--within", "0s"}, {"--radius", "far"}, {"--top", "0"}, {"--from", "never"}} {
		var o, e bytes.Buffer
		if code := run(append([]string{"colocate", casePath, a, b}, bad...), &o, &e); code != 2 {
			t.Errorf("%v: exit %d %s", bad, code, e.String())
		}
	}
	var o, e bytes.Buffer
	if code := run([]string{"colocate", casePath, a, a}, &o, &e); code != 1 || !strings.Contains(e.String(), "same subscriber") {
		t.Errorf("A = B: exit %d %s", code, e.String())
	}
	if code := run([]string{"colocate", casePath}, &o, &e); code != 2 {
		t.Errorf("no A: exit %d", code)
	}
}

// scenes: three scenes over the same case. Scene 1 is C1 on the 18th
// 09:00-11:00 (A twice, B, C), scene 2 C2 on the 19th 11:00-13:00 (A, B),
// scene 3 a point 0.001° from C2 with a radius of 500 m over the 21st
// (B). At --min 2: B (3 scenes, 3 records) then A (2 scenes, 3 records).
func TestScenesCommand(t *testing.T) {
	casePath := colocCase(t)
	scenes := []string{
		"--scene", "404100730112345@2024-03-18T09:00..2024-03-18T11:00",
		"--scene", "cells=404-10-7301-22222;from=2024-03-19 11:00;to=2024-03-19 13:00",
		"--scene", "22.5736,88.4639~500m@2024-03-21..2024-03-21",
	}
	type sub struct {
		MSISDN    string
		Scenes    int
		SceneList []int `json:"scene_list"`
		Records   int
		Evidence  []struct {
			Scene      int
			At, File   string
			Line       int64
			Cell, Kind string
		}
	}
	var v struct {
		Scenes []struct {
			From, To string
			Cells    []string
			Records  int
		}
		Min         int
		Subscribers []sub
	}
	out := runOK(t, append([]string{"scenes", casePath, "--json"}, scenes...)...)
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Scenes) != 3 || v.Scenes[0].Records != 4 || v.Scenes[1].Records != 2 || v.Scenes[2].Records != 1 ||
		!reflect.DeepEqual(v.Scenes[2].Cells, []string{"404-10-7301-22222"}) || v.Scenes[2].From != "2024-03-21T00:00:00" || v.Scenes[2].To != "2024-03-22T00:00:00" {
		t.Errorf("scenes: %+v", v.Scenes)
	}
	if v.Min != 2 || len(v.Subscribers) != 2 || v.Subscribers[0].MSISDN != "919714499702" || v.Subscribers[0].Scenes != 3 ||
		!reflect.DeepEqual(v.Subscribers[0].SceneList, []int{1, 2, 3}) || v.Subscribers[1].MSISDN != "919714499701" || v.Subscribers[1].Records != 3 {
		t.Fatalf("%s", out)
	}
	var lines []int64
	for _, e := range v.Subscribers[1].Evidence {
		lines = append(lines, e.Line)
	}
	if !reflect.DeepEqual(lines, []int64{2, 3, 4}) || v.Subscribers[1].Evidence[2].At != "2024-03-19T12:00:00" || v.Subscribers[1].Evidence[2].Scene != 2 {
		t.Errorf("A's evidence %+v", v.Subscribers[1].Evidence)
	}
	out = runOK(t, append([]string{"scenes", casePath, "--json", "--min", "1"}, scenes...)...)
	if err := json.Unmarshal([]byte(out), &v); err != nil || len(v.Subscribers) != 3 || v.Subscribers[2].MSISDN != "919714499703" {
		t.Errorf("--min 1: %s", out)
	}
	text := runOK(t, append([]string{"scenes", casePath}, scenes...)...)
	// JSON, text and pane number scenes alike, from 1: A's third record is
	// scene 2's (the 19th at 12:00), its first two scene 1's
	if !strings.Contains(text, "919714499702  3 scenes (1, 2, 3), 3 records") || !strings.Contains(text, "cdr.csv:8") ||
		!strings.Contains(text, "  scene 2  2024-03-19T12:00:00") || strings.Contains(text, "  scene 0  ") {
		t.Errorf("text:\n%s", text)
	}
	for _, bad := range [][]string{
		{"--scene", "404-10-7301-12345@2024-03-18..2024-03-18"}, // one scene
		append([]string{"--min", "4"}, scenes...),               // more than the scenes
		append([]string{"--min", "0"}, scenes...),
		{"--scene", "404-10-7301-12345@2024-03-18", "--scene", "404-10-7301-12345@2024-03-18..2024-03-19"}, // no ..
	} {
		var o, e bytes.Buffer
		if code := run(append([]string{"scenes", casePath}, bad...), &o, &e); code != 2 {
			t.Errorf("%v: exit %d %s", bad, code, e.String())
		}
	}
	many := []string{"scenes", casePath}
	for range 21 {
		many = append(many, "--scene", "404-10-7301-12345@2024-03-18..2024-03-18")
	}
	var o, e bytes.Buffer
	if code := run(many, &o, &e); code != 2 || !strings.Contains(e.String(), "2 to 20") {
		t.Errorf("21 scenes: exit %d %s", code, e.String())
	}
}

// persona --json says the share of the subscriber's records that could be
// placed, as location --json does: 8 of A's 9 records (the one in
// 404-10-5555-5 has no site), 0.8889; the text says it too.
func TestPersonaPlacedShare(t *testing.T) {
	casePath, _ := locationCase(t)
	var v struct {
		RecordsPlaced int64   `json:"records_placed"`
		PlacedShare   float64 `json:"placed_share"`
		CellSites     bool    `json:"case_has_cell_sites"`
	}
	out := runOK(t, "persona", casePath, "919714499703", "--json")
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if !v.CellSites || v.RecordsPlaced != 8 || v.PlacedShare != 0.8889 {
		t.Errorf("persona: %+v", v)
	}
	if loc := location(t, casePath, "919714499703"); loc.PlacedShare != v.PlacedShare {
		t.Errorf("location says %v, persona %v", loc.PlacedShare, v.PlacedShare)
	}
	if text := runOK(t, "persona", casePath, "919714499703"); !strings.Contains(text, "8 records placed (88.9%) by their cells") {
		t.Errorf("text:\n%s", text)
	}
}
