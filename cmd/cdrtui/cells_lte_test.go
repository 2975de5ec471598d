package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A T-Mobile return whose LTE records give their location as "1st LTE
// Site ID" and "1st LTE Sector ID" and whose GSM records as "1st LAC" and
// "1st Cell ID" (testdata/operators/tmobile_cdr_lte.csv), with no MCC and
// MNC columns, placed on cell-site lists through the CLI once --plmn names
// the serving network. Worked out by hand: line 2 is eNodeB 1201 sector 2,
// ECI 1201×256 + 2 = 307458, cell 310-260-307458 (key 310-260-?-307458,
// the LTE list's alt key); line 3 is 307459; line 4 is GSM cell
// 310-260-13411-30551, on the GSM list; line 5 sector 999 is no local
// cell id of eNodeB 1202: no cell. The lists hold 307458, 307459 and
// 13411-30551: 3 of 4 records placed, 3 of 3 cells used. Without --plmn
// the LTE records have no cell and the GSM record names no network: 0 of
// 4 placed (the IMSI's home network is never taken for the serving one).
func TestCellsCommandPlacesTMobileLTE(t *testing.T) {
	dir := t.TempDir()
	lte := filepath.Join(dir, "sites.csv")
	os.WriteFile(lte, []byte("eNodeB ID,Cell ID,MCC,MNC,TAC,Latitude,Longitude\n"+
		"1201,2,310,260,13411,47.6062,-122.3321\n1201,3,310,260,13411,47.6063,-122.3322\n"), 0o444)
	gsm := filepath.Join(dir, "gsm.csv")
	os.WriteFile(gsm, []byte("MCC,MNC,LAC,CI,Latitude,Longitude\n310,260,13411,30551,47.6062,-122.3321\n"), 0o444)
	file := filepath.Join("..", "..", "internal", "store", "testdata", "operators", "tmobile_cdr_lte.csv")
	for _, c := range []struct {
		name   string
		flags  []string
		format string
		placed string
	}{
		{"plmn", []string{"--plmn", "310-260"}, "LTE cell = site×256 + sector (network 310-260 from --plmn)",
			"placed: 3 of 4 records (75.0%), 3 of 3 cells used"},
		{"none", nil, "LTE cell = site×256 + sector (no network: no cell without --plmn)",
			"placed: 0 of 4 records"},
	} {
		t.Run(c.name, func(t *testing.T) {
			casePath := filepath.Join(dir, c.name+".db")
			out := runOK(t, append([]string{"import", casePath, file, "--country", "US"}, c.flags...)...)
			if !strings.Contains(out, c.format) {
				t.Errorf("import does not say how LTE cells are composed (%q):\n%s", c.format, out)
			}
			var o, e bytes.Buffer
			if code := run([]string{"cells", casePath, lte, gsm}, &o, &e); code != 0 || !strings.Contains(o.String(), c.placed) {
				t.Errorf("cells: exit %d, want %q:\n%s%s", code, c.placed, o.String(), e.String())
			}
		})
	}
}
