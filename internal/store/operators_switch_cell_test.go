package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/analysis"
)

// A CDMA cell number is unique only on its switch (Sprint's key: NEID
// "which network element handled the call", Repoll Number "which phone
// switch"; Verizon's Network Element Name). Cell 2083 written on NEID 210
// and on NEID 211 is two cells, each kept as written with its switch and
// keyed by both; a hunt for the bare "2083" names no cell of the case
// (it would be either), and a row whose switch is empty has no cell.
func TestSprintVerizonCellsKeyedBySwitch(t *testing.T) {
	files := map[string]string{
		"sprint.csv": "Calling Number,Called Number,Dialed Digits,Mobile Role,Start Date,End Date,Duration (Sec),NEID,Repoll Number,First Cell,Last Cell\n" +
			"8165550001,8165550102,8165550102,Outgoing,06/13/2025 14:02:10,06/13/2025 14:03:15,65,210,17,2083,2083\n" +
			"8165550001,8165550103,8165550103,Outgoing,06/13/2025 15:00:00,06/13/2025 15:00:30,30,211,17,2083,2083\n" +
			"8165550001,8165550104,8165550104,Outgoing,06/13/2025 16:00:00,06/13/2025 16:00:10,10,,,2083,2083\n",
		"verizon.csv": "Network Element Name,Mobile Directory Number,Dialed Digit Number,Call Direction,Seizure Dt Tm,Seizure Duration,First Serving Cell Site,First Serving Cell Face,Last Serving Cell Site,Last Serving Cell Face,Calling Party Number\n" +
			"Pleasanton_2,7076700001,4155500003,1,8/17/2025 16:02,120,335,3,335,3,7076700001\n" +
			"Fresno_1,7076700001,4155500005,1,8/18/2025 09:40,30,335,3,335,3,7076700001\n",
	}
	want := map[string][]string{
		"sprint.csv": {
			"2083 (switch 210, repoll 17)|cdma:210:17:2083|CDMA",
			"2083 (switch 211, repoll 17)|cdma:211:17:2083|CDMA",
		},
		"verizon.csv": {
			"335 (switch Fresno_1)|cdma:FRESNO_1::335|CDMA",
			"335 (switch Pleasanton_2)|cdma:PLEASANTON_2::335|CDMA",
		},
	}
	for name, text := range files {
		st := openTemp(t)
		p := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(p, []byte(text), 0o444); err != nil {
			t.Fatal(err)
		}
		res := importOne(t, st, p, ImportOptions{Country: "US"})
		rows := strings.Count(text, "\n") - 1
		if res.Error != "" || res.Rows != int64(rows) {
			t.Fatalf("%s: %+v", name, res)
		}
		got := readRows(t, st, "SELECT cell, cell_key, generation FROM cells ORDER BY cell")
		if strings.Join(got, "\n") != strings.Join(want[name], "\n") {
			t.Errorf("%s cells:\n%s\nwant:\n%s", name, strings.Join(got, "\n"), strings.Join(want[name], "\n"))
		}
		bare := strings.SplitN(want[name][0], " ", 2)[0]
		n, unknown, err := st.HuntCells(context.Background(), []analysis.CellSpec{{Text: bare}})
		if err != nil || n != 0 || len(unknown) != 1 {
			t.Errorf("%s: hunt for bare %q matched %d cells (unknown %v, %v), want none", name, bare, n, unknown, err)
		}
		written := strings.SplitN(want[name][1], "|", 2)[0]
		if n, _, err := st.HuntCells(context.Background(), []analysis.CellSpec{{Text: written}}); err != nil || n != 1 {
			t.Errorf("%s: hunt for %q matched %d cells (%v), want 1", name, written, n, err)
		}
	}
	st := openTemp(t)
	p := filepath.Join(t.TempDir(), "sprint.csv")
	if err := os.WriteFile(p, []byte(files["sprint.csv"]), 0o444); err != nil {
		t.Fatal(err)
	}
	importOne(t, st, p, ImportOptions{Country: "US"})
	got := readRows(t, st, "SELECT v.line, coalesce(c.cell, '') FROM voice v LEFT JOIN cells c ON c.id = v.cell_id ORDER BY v.line")
	if strings.Join(got, ";") != "2|2083 (switch 210, repoll 17);3|2083 (switch 211, repoll 17);4|" {
		t.Errorf("records' cells %v", got)
	}
	rej := readRows(t, st, rejectsQuery)
	if len(rej) != 1 || !strings.HasPrefix(rej[0], `4|field|`) || !strings.Contains(rej[0], `cell "2083" has no switch on its row (NEID, Repoll Number)`) {
		t.Errorf("rejects %v, want line 4's cell refused for want of its switch", rej)
	}
}
