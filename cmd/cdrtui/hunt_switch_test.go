package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// huntSwitchSprint: cell 2083 on NEID 210 (repoll 17) and on NEID 211
// (repoll 3), two cells of one number.
const huntSwitchSprint = "Calling Number,Called Number,Dialed Digits,Mobile Role,Start Date,End Date,Duration (Sec),NEID,Repoll Number,First Cell,Last Cell\n" +
	"8165550001,8165550102,8165550102,Outgoing,06/13/2025 14:02:10,06/13/2025 14:03:15,65,210,17,2083,2083\n" +
	"8165550001,8165550103,8165550103,Outgoing,06/13/2025 15:00:00,06/13/2025 15:00:30,30,211,3,2083,2083\n"

func huntSwitchCLICase(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	ev := filepath.Join(dir, "sprint.csv")
	if err := os.WriteFile(ev, []byte(huntSwitchSprint), 0o444); err != nil {
		t.Fatal(err)
	}
	casePath := filepath.Join(dir, "case.db")
	var o, e bytes.Buffer
	if code := run([]string{"import", "--country", "US", casePath, ev}, &o, &e); code != 0 {
		t.Fatalf("import: %d %s", code, e.String())
	}
	return casePath
}

// Tower-dump scenes read their cells as the hunt does: a scene at the bare
// 2083 names the two cells of that number, in the text and in --json, and
// holds no record (it is not widened to them).
func TestScenesCommandBareSwitchCell(t *testing.T) {
	casePath := huntSwitchCLICase(t)
	scenes := []string{"scenes", casePath, "--scene", "2083@2025-06-13..2025-06-14", "--scene", "4000@2025-06-13..2025-06-14"}
	var o, e bytes.Buffer
	if code := run(scenes, &o, &e); code != 0 {
		t.Fatalf("scenes: %d %s", code, e.String())
	}
	want := "scene 1: 2025-06-13T00:00:00 .. 2025-06-15T00:00:00, 0 cells, 0 records of 0 subscribers\n" +
		"  warning: 2083 matches no cell as written; it is the cell number of 2 CDMA cells, each unique only on its switch: " +
		"2083 (switch 210, repoll 17), 2083 (switch 211, repoll 3) — hunt by one of them, in double quotes\n"
	if out := o.String(); !strings.Contains(out, want) || !strings.Contains(out, "  not in the case: 4000\n") || strings.Contains(out, "not in the case: 2083") {
		t.Errorf("scenes output:\n%s\nwant it to hold:\n%s", out, want)
	}
	o.Reset()
	if code := run(append(scenes, "--json"), &o, &e); code != 0 {
		t.Fatalf("scenes --json: %d %s", code, e.String())
	}
	var got struct {
		Scenes []struct {
			SwitchCells []struct {
				Cell  string   `json:"cell"`
				Cells []string `json:"cells"`
			} `json:"switch_cells"`
		} `json:"scenes"`
	}
	if err := json.Unmarshal(o.Bytes(), &got); err != nil || len(got.Scenes) != 2 || len(got.Scenes[0].SwitchCells) != 1 ||
		strings.Join(got.Scenes[0].SwitchCells[0].Cells, "|") != "2083 (switch 210, repoll 17)|2083 (switch 211, repoll 3)" ||
		len(got.Scenes[1].SwitchCells) != 0 {
		t.Errorf("scenes json %+v %v\n%s", got, err, o.String())
	}
}

// A hunt for the bare cell 2083 of a Sprint case says that 2083 is the
// number of two cells, one per switch, and names them, in the text and in
// --json; it is not a bare "found 0 subscribers", nor widened to both.
func TestHuntCommandBareSwitchCell(t *testing.T) {
	casePath := huntSwitchCLICase(t)
	out, errOut, code := runHuntCLI(t, casePath, "--cell", "2083,4000")
	if code != 0 {
		t.Fatalf("hunt: %d %s", code, errOut)
	}
	for _, want := range []string{
		"found 0 subscribers, 0 records, 0 bytes",
		"warning: the case holds no cell 4000\n",
		"warning: 2083 matches no cell as written; it is the cell number of 2 CDMA cells, each unique only on its switch: " +
			"2083 (switch 210, repoll 17), 2083 (switch 211, repoll 3) — hunt by one of them, in double quotes\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("hunt output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "no cell 2083") || strings.Contains(out, "4000 matches") {
		t.Errorf("hunt output mixes the unknown and the switch cells:\n%s", out)
	}

	out, errOut, code = runHuntCLI(t, casePath, "--cell", "2083", "--json")
	if code != 0 {
		t.Fatalf("hunt --json: %d %s", code, errOut)
	}
	var got struct {
		CellsMatched int      `json:"cells_matched"`
		UnknownCells []string `json:"unknown_cells"`
		SwitchCells  []struct {
			Cell  string   `json:"cell"`
			Cells []string `json:"cells"`
		} `json:"switch_cells"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if got.CellsMatched != 0 || strings.Join(got.UnknownCells, "|") != "2083" || len(got.SwitchCells) != 1 ||
		got.SwitchCells[0].Cell != "2083" ||
		strings.Join(got.SwitchCells[0].Cells, "|") != "2083 (switch 210, repoll 17)|2083 (switch 211, repoll 3)" {
		t.Errorf("json %+v", got)
	}

	// the written cell, in quotes, is hunted with no warning
	out, errOut, code = runHuntCLI(t, casePath, "--cell", `"2083 (switch 211, repoll 3)"`)
	if code != 0 || strings.Contains(out, "warning") {
		t.Errorf("hunt by the written cell: %d %s\n%s", code, errOut, out)
	}
}
