package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A T-Mobile return whose LTE records give their location as "1st LTE
// Site ID" and "1st LTE Sector ID" (testdata/operators/tmobile_cdr_lte.csv),
// placed on a cell-site list keyed by eNodeB and cell, through the CLI.
// Worked out by hand: line 2 is eNodeB 1201 sector 2, ECI 1201×256 + 2 =
// 307458, network 310-260 from the IMSI 310260…, cell 310-260-307458
// (key 310-260-?-307458, the list's alt key); line 3 is 307459; line 4
// is a GSM cell 13411-30551 with no network (no key, not placed); line 5
// sector 999 is no local cell id of eNodeB 1202: no cell, and a field
// issue, never a guessed ECI. The list holds 307458 and 307459: 2 of 4
// records placed, 2 of 3 cells used. Before: the LTE records had no cell
// (0 of 4 placed).
func TestCellsCommandPlacesTMobileLTE(t *testing.T) {
	dir := t.TempDir()
	casePath := filepath.Join(dir, "case.db")
	out := runOK(t, "import", casePath, filepath.Join("..", "..", "internal", "store", "testdata", "operators", "tmobile_cdr_lte.csv"), "--country", "US")
	if !strings.Contains(out, "LTE cell = site×256 + sector (network from the IMSI)") {
		t.Errorf("import does not say how LTE cells are composed:\n%s", out)
	}
	sites := filepath.Join(dir, "sites.csv")
	os.WriteFile(sites, []byte("eNodeB ID,Cell ID,MCC,MNC,TAC,Latitude,Longitude\n"+
		"1201,2,310,260,13411,47.6062,-122.3321\n1201,3,310,260,13411,47.6063,-122.3322\n"), 0o444)
	var o, e bytes.Buffer
	if code := run([]string{"cells", casePath, sites}, &o, &e); code != 0 ||
		!strings.Contains(o.String(), "placed: 2 of 4 records (50.0%), 2 of 3 cells used") {
		t.Errorf("cells: exit %d:\n%s%s", code, o.String(), e.String())
	}
}
