package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
)

// A folder holding an operator's records and its cell-site list, imported
// inside the workbench: the preview shows the list as cell-site reference
// data to import (before, it was refused naming cdrtui cells: the
// workbench needed the shell for it), the import reads both, the list's
// two sites land in cell_sites under a source of kind cells, and the
// audit trail records the run with cells on, as import --cells.
func TestImportInsideCellSites(t *testing.T) {
	dir, st := importDir(t, "ipdr.csv", "MSISDN,Destination IP,Destination Port,Start Time,Cell ID\n"+
		"919812345678,157.240.1.35,443,2024-03-18 10:00:00,404-45-7301-12345\n")
	sites := "Cell ID,LAC,MCC,MNC,Latitude,Longitude,Azimuth,Address\n" +
		"12345,7301,404,45,12.9716,77.5946,120,MG Road\n" +
		"12346,7301,404,45,12.9720,77.5950,240,Brigade Road\n"
	if err := os.WriteFile(filepath.Join(dir, "sites.csv"), []byte(sites), 0o444); err != nil {
		t.Fatal(err)
	}
	tm := shellOn(t, ShellOptions{Store: st, ImportDir: dir}, 80, 24)
	uitest.WaitFor(t, tm, "Case no records", "no subscribers yet: I imports evidence")
	uitest.Press(tm, "I")
	uitest.WaitFor(t, tm, "sites.csv")
	uitest.Press(tm, ".")
	uitest.Press(tm, "tab")
	uitest.WaitFor(t, tm, "2 files to import", "cell-site reference data")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "Import finished", "2 files imported, 1 rows, 2 cell sites")
	quitShell(t, tm)
	var n int
	if err := st.DB().QueryRowContext(context.Background(), `SELECT count(*) FROM cell_sites c JOIN sources s ON s.id = c.source_id WHERE s.kind = 'cells'`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("cell sites from the list: %d (%v)", n, err)
	}
	entries, err := st.AuditEntries(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range entries {
		found = found || e.Action == "import" && strings.Contains(e.Params, `"cells":true`)
	}
	if !found {
		t.Errorf("no import with cells in the audit trail: %+v", entries)
	}
}
