package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/store"
)

// storedAddress is the address of a case's cell-site row on the given line.
func storedAddress(t *testing.T, casePath string, line int) string {
	t.Helper()
	st, err := store.OpenReadOnly(casePath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var a string
	if err := st.DB().QueryRow("SELECT address FROM cell_sites WHERE line = ?", line).Scan(&a); err != nil {
		t.Fatalf("line %d: %v", line, err)
	}
	return a
}

// A cell-site list a spreadsheet saved in an 8-bit encoding has its
// addresses decoded as an operator table's text is (before, the raw bytes
// were stored: "Bogot\xe1" was no text at all); one whose bytes two
// encodings read differently is refused naming --encoding, which reads it;
// a name not known is a usage error.
func TestCellsEncodingFlag(t *testing.T) {
	runCells := func(args ...string) (string, string, int) {
		var out, errOut bytes.Buffer
		code := run(args, &out, &errOut)
		return out.String(), errOut.String(), code
	}
	dir := t.TempDir()
	head := "Cell ID,LAC,MCC,MNC,Latitude,Longitude,Azimuth,Address\n"
	co := writeFile(t, dir, "co.csv", head+"12345,501,732,101,4.6097,-74.0817,120,Calle 26 Bogot\xe1\n12346,501,732,101,4.6100,-74.0820,240,Ca\xf1o Cristales\n")
	coCase := filepath.Join(dir, "co.db")
	if out := runOK(t, "cells", coCase, co); !strings.Contains(out, "2 cell sites, 0 rejected") || !strings.Contains(out, "Windows-1252 (told from its bytes") {
		t.Errorf("format line: %s", out)
	}
	if got := storedAddress(t, coCase, 2); got != "Calle 26 Bogotá" {
		t.Errorf("line 2: %q", got)
	}
	if got := storedAddress(t, coCase, 3); got != "Caño Cristales" {
		t.Errorf("line 3: %q", got)
	}

	// Plzeň: 0xF2 is ň in Windows-1250, ò in Windows-1252
	cz := writeFile(t, dir, "cz.csv", head+"2001,30,230,1,49.7384,13.3736,90,N\xe1m\xecst\xed Republiky Plze\xf2\n")
	czCase := filepath.Join(dir, "cz.db")
	out, errOut, code := runCells("cells", czCase, cz)
	if code == 0 || !strings.Contains(out+errOut, "--encoding cp1252 or --encoding cp1250") {
		t.Fatalf("not refused: exit %d: %s %s", code, out, errOut)
	}
	if out := runOK(t, "cells", czCase, cz, "--encoding", "cp1250"); !strings.Contains(out, "1 cell site, 0 rejected") || !strings.Contains(out, "as --encoding cp1250 says") {
		t.Errorf("with --encoding: %s", out)
	}
	if got := storedAddress(t, czCase, 2); got != "Náměstí Republiky Plzeň" {
		t.Errorf("cz line 2: %q", got)
	}
	if _, errOut, code := runCells("cells", filepath.Join(dir, "x.db"), cz, "--encoding", "ebcdic"); code != 2 || !strings.Contains(errOut, "ebcdic") {
		t.Errorf("unknown encoding: exit %d: %s", code, errOut)
	}
}

// import --cells reads a cell-site list found beside the records (in a
// folder named to it) as cdrtui cells does, and the records' cell is
// placed by it; without --cells the list is passed over naming cdrtui
// cells and --cells, and nothing of it is in the case.
func TestImportCellsFlag(t *testing.T) {
	dir := t.TempDir()
	ev := filepath.Join(dir, "evidence")
	if err := os.Mkdir(ev, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, ev, "ipdr.csv", "MSISDN,Destination IP,Destination Port,Start Time,Cell ID\n"+
		"919812345678,157.240.1.35,443,2024-03-18 10:00:00,404-45-7301-12345\n")
	writeFile(t, ev, "sites.csv", "Cell ID,LAC,MCC,MNC,Latitude,Longitude,Azimuth,Address\n"+
		"12345,7301,404,45,12.9716,77.5946,120,MG Road\n")
	without := filepath.Join(dir, "without.db")
	if out := runOK(t, "import", without, ev); !strings.Contains(out, "cdrtui cells CASE.db FILE (or cdrtui import --cells)") {
		t.Errorf("without --cells: %s", out)
	}
	if got := storedSites(t, without); got != 0 {
		t.Errorf("without --cells: %d cell sites", got)
	}
	with := filepath.Join(dir, "with.db")
	out := runOK(t, "import", with, ev, "--cells", "--json")
	if !strings.Contains(out, `"kind": "cells"`) || !strings.Contains(out, `"kind": "ipdr"`) {
		t.Errorf("--cells: %s", out)
	}
	if got := storedSites(t, with); got != 1 {
		t.Errorf("--cells: %d cell sites", got)
	}
	if out := runOK(t, "location", with, "919812345678", "--json"); !strings.Contains(out, "12.9716") {
		t.Errorf("the record's cell not placed by the list: %s", out)
	}
}

// storedSites counts the cell sites of a case's cell-site sources.
func storedSites(t *testing.T, casePath string) int {
	t.Helper()
	st, err := store.OpenReadOnly(casePath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var n int
	if err := st.DB().QueryRow("SELECT count(*) FROM cell_sites c JOIN sources s ON s.id = c.source_id WHERE s.kind = 'cells'").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
