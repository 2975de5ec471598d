package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// layoutFile is a published cell-site layout of the store's test data
// (internal/store/testdata/cellsites, README there).
func layoutFile(name string) string {
	return filepath.Join("..", "..", "internal", "store", "testdata", "cellsites", name)
}

// cdrtui cells on published layouts, through the CLI: a Network Signal
// Guru cell file refused without --plmn (exit 1, the message naming the
// flag), read with it; Orange Liberia's 4G table keyed by eNodeB and
// cell; Ofcom's Sitefinder refused as naming no cell; each run's coverage
// line counted by hand from the eight records: four in NSG cells (one on
// the row refused as swapped), four in Orange cells (one, 618-07-101-1,
// no such cell: the local cell id of eNodeB 1201 read as a CI).
func TestCellsCommandPublishedLayouts(t *testing.T) {
	dir := t.TempDir()
	cdr := filepath.Join(dir, "cdr.csv")
	var b strings.Builder
	b.WriteString("MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION,CELL_ID\n")
	for i, c := range strings.Fields("2620209C4101 2620209C4102 2620209C4201 262-02-1234-10240769 618-07-101-307457 61807004B102 618-07-101-307459 618-07-101-1") {
		b.WriteString("919714499703,VOICE_OUT,919812345678,18/03/2024,1" + string(rune('0'+i)) + ":00:00,60," + c + "\n")
	}
	os.WriteFile(cdr, []byte(b.String()), 0o444)
	casePath := filepath.Join(dir, "case.db")
	runOK(t, "import", casePath, cdr)

	cells := func(args ...string) (int, string) {
		var out, errOut bytes.Buffer
		code := run(append([]string{"cells", casePath}, args...), &out, &errOut)
		return code, out.String() + errOut.String()
	}
	code, out := cells(layoutFile("nsg_celldb.csv"))
	if code != 1 || !strings.Contains(out, "is a cell identity with no MCC and MNC (name the network with --plmn MCC-MNC)") ||
		!strings.Contains(out, "1 of 1 files could not be imported or imported nothing") {
		t.Errorf("NSG without --plmn: exit %d:\n%s", code, out)
	}
	code, out = cells(layoutFile("nsg_celldb.csv"), "--plmn", "262-02")
	if code != 0 || !strings.Contains(out, "nsg_celldb.csv: 4 cell sites, 1 rejected; cell-site list (ci=ECellID, lat=Latitude, lon=Longitude, azimuth=Azimuth)") ||
		!strings.Contains(out, "placed: 3 of 8 records (37.5%), 3 of 8 cells used") {
		t.Errorf("NSG with --plmn 262-02: exit %d:\n%s", code, out)
	}
	code, out = cells(layoutFile("orange_lr_4g.csv"))
	if code != 0 || !strings.Contains(out, "orange_lr_4g.csv: 3 cell sites, 2 rejected;") || !strings.Contains(out, "enodeb=eNodeB ID") ||
		!strings.Contains(out, "placed: 6 of 8 records (75.0%), 6 of 8 cells used") {
		t.Errorf("Orange 4G: exit %d:\n%s", code, out)
	}
	code, out = cells(layoutFile("cellref.txt"), layoutFile("ericsson_rogers.tsv"))
	if code != 0 || !strings.Contains(out, "cellref.txt: 2 cell sites, 3 rejected; cellref (sites and cells in tables of their own, joined by site id)") ||
		!strings.Contains(out, "ericsson_rogers.tsv: 2 cell sites, 1 rejected;") || !strings.Contains(out, "the case holds 11 cell-site rows for 11 cells") {
		t.Errorf("cellref and Ericsson cell data: exit %d:\n%s", code, out)
	}
	code, out = cells(layoutFile("sitefinder.csv"))
	if code != 1 || !strings.Contains(out, `its columns "Sitelat" and "Sitelng" name a position but none names a cell`) ||
		!strings.Contains(out, "placed: 6 of 8 records") {
		t.Errorf("Sitefinder: exit %d:\n%s", code, out)
	}
}
