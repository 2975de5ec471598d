package casework

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
)

// huntSwitchCSV is a Sprint return whose cell 2083 stands on two switches
// (NEID 210 repoll 17, NEID 211 repoll 3): two cells, each kept with its
// switch; cell 512 stands on one.
const huntSwitchCSV = "Calling Number,Called Number,Dialed Digits,Mobile Role,Start Date,End Date,Duration (Sec),NEID,Repoll Number,First Cell,Last Cell\n" +
	"8165550001,8165550102,8165550102,Outgoing,06/13/2025 14:02:10,06/13/2025 14:03:15,65,210,17,2083,2083\n" +
	"8165550001,8165550103,8165550103,Outgoing,06/13/2025 15:00:00,06/13/2025 15:00:30,30,211,3,2083,2083\n" +
	"8165550001,8165550104,8165550104,Outgoing,06/13/2025 16:00:00,06/13/2025 16:00:10,10,211,3,512,512\n"

func huntSwitchCase(t *testing.T) *store.Store {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "sprint.csv")
	if err := os.WriteFile(path, []byte(huntSwitchCSV), 0o444); err != nil {
		t.Fatal(err)
	}
	st, err := store.Create(filepath.Join(dir, "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	res, err := st.Import(context.Background(), []string{path}, store.ImportOptions{Country: "US"})
	if err != nil || len(res) != 1 || res[0].Rows != 3 || res[0].Error != "" {
		t.Fatalf("import %+v %v", res, err)
	}
	return st
}

// A hunt for the bare cell 2083 matches no cell (2083 on switch 210 and on
// switch 211 are two cells, and the hunt is not widened to both), but it
// does not answer a bare "nobody": it names the two cells of that number.
// 4000 is no cell at all and stays a plain unknown cell; 512 on one switch
// is named alone.
func TestHuntBareCellOfSwitchCells(t *testing.T) {
	st := huntSwitchCase(t)
	ctx := context.Background()
	res, err := Hunt(ctx, st, mustParse(t, analysis.HuntForm{Cells: "2083, 4000, 512"}))
	if err != nil {
		t.Fatal(err)
	}
	if res.CellsMatched != 0 || len(res.Subscribers) != 0 || res.Records != 0 {
		t.Errorf("hunt widened: %d cells matched, %d subscribers, %d records", res.CellsMatched, len(res.Subscribers), res.Records)
	}
	if !slices.Equal(res.UnknownCells, []string{"2083", "4000", "512"}) || !slices.Equal(res.UnknownNotSwitch(), []string{"4000"}) {
		t.Errorf("unknown %v, not switch %v", res.UnknownCells, res.UnknownNotSwitch())
	}
	if len(res.SwitchCells) != 2 {
		t.Fatalf("switch cells %+v, want 2083's two and 512's one", res.SwitchCells)
	}
	want := "2083 matches no cell as written; it is the cell number of 2 CDMA cells, each unique only on its switch: " +
		"2083 (switch 210, repoll 17), 2083 (switch 211, repoll 3) — hunt by one of them, in double quotes"
	if got := res.SwitchCells[0].Message(); got != want {
		t.Errorf("message\n%s\nwant\n%s", got, want)
	}
	want = "512 matches no cell as written; it is the cell number of 1 CDMA cell, unique only on its switch: " +
		"512 (switch 211, repoll 3) — hunt by it, in double quotes"
	if got := res.SwitchCells[1].Message(); got != want {
		t.Errorf("message\n%s\nwant\n%s", got, want)
	}
	var report strings.Builder
	if err := HuntReport(&report, "case.db", res, time.Unix(0, 0)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(report.String(), "Cells named that the case does not hold: 4000.\n2083 matches no cell as written; it is the cell number of 2 CDMA cells") {
		t.Errorf("statements report:\n%s", report.String())
	}

	// the cell as written (in quotes, as it holds spaces and a comma) is
	// one cell, and needs no hint
	res, err = Hunt(ctx, st, mustParse(t, analysis.HuntForm{Cells: `"2083 (switch 211, repoll 3)"`}))
	if err != nil {
		t.Fatal(err)
	}
	if res.CellsMatched != 1 || len(res.UnknownCells) != 0 || len(res.SwitchCells) != 0 {
		t.Errorf("written cell: matched %d, unknown %v, switch cells %+v", res.CellsMatched, res.UnknownCells, res.SwitchCells)
	}
}
