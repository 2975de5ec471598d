package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// TestClickHouseImportCellsFlag: `cdrtui import --cells` into a ClickHouse
// case reads the cell-site list found among the evidence as into a local
// case: the list is a source of kind cells (its one site counted), the
// record's cell is placed at the list's position, and location --json
// prints the same on both; without --cells the list is refused on the
// cluster too, naming the command, and no site is kept.
func TestClickHouseImportCellsFlag(t *testing.T) {
	c := chkit.Start(t)
	dir := t.TempDir()
	ev := filepath.Join(dir, "evidence")
	if err := os.Mkdir(ev, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, ev, "ipdr.csv", "MSISDN,Destination IP,Destination Port,Start Time,Cell ID\n"+
		"919812345678,157.240.1.35,443,2024-03-18 10:00:00,404-45-7301-12345\n"+
		"919812345678,157.240.1.35,443,2024-03-18 11:00:00,404-45-7301-12346\n")
	writeFile(t, ev, "sites.csv", "Cell ID,LAC,MCC,MNC,Latitude,Longitude,Azimuth,Address\n"+
		"12345,7301,404,45,12.9716,77.5946,120,MG Road\n")

	without := c.URL("nocells")
	if out := runOK(t, "import", "--cluster", c.Name, without, ev); !strings.Contains(out, "cdrtui import --cells") {
		t.Errorf("without --cells on the cluster: the list is not refused naming the flag:\n%s", out)
	}
	if out := runOK(t, "summary", "--json", "--cluster", c.Name, without); strings.Contains(out, `"kind": "cells"`) || !strings.Contains(out, `"kind": "ipdr"`) {
		t.Errorf("without --cells on the cluster: a cell-site source was kept, or the records were not:\n%s", out)
	}

	local := filepath.Join(dir, "case.db")
	runOK(t, "import", local, ev, "--cells")
	url := c.URL("withcells")
	var o, e bytes.Buffer
	if code := run([]string{"import", "--cluster", c.Name, url, ev, "--cells", "--json"}, &o, &e); code != 0 {
		t.Fatalf("import --cells on the cluster: exit %d:\n%s%s", code, o.String(), e.String())
	}
	out := o.String()
	if !strings.Contains(out, `"kind": "cells"`) || !strings.Contains(out, `"kind": "ipdr"`) {
		t.Fatalf("import --cells on the cluster: no cells and ipdr sources:\n%s", out)
	}
	want := caseField.ReplaceAllString(runOK(t, "location", "--json", local, "919812345678"), `"case": ""`)
	got := caseField.ReplaceAllString(runOK(t, "location", "--json", "--cluster", c.Name, url, "919812345678"), `"case": ""`)
	if got != want {
		t.Fatalf("location --json on the cluster:\n%s\nwant (local):\n%s", got, want)
	}
	if !strings.Contains(got, "12.9716") || !strings.Contains(got, "77.5946") {
		t.Fatalf("location: the record's cell is not placed by the list:\n%s", got)
	}
	// again: both files already in the case, the site not counted twice
	again := runOK(t, "import", "--cluster", c.Name, url, ev, "--cells")
	if n := strings.Count(again, "already in the case as source"); n != 2 {
		t.Fatalf("import --cells again: %d files already in the case, want 2:\n%s", n, again)
	}
}
