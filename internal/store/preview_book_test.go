package store

import (
	"path/filepath"
	"strings"
	"testing"
)

// The preview reads a workbook's sheets as the import does (it used to
// refuse every .xlsx as "cdrtui reads delimited text"), and an HTML page's
// tables the same way, each cited as its source will be.
func TestPreviewBooks(t *testing.T) {
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "evidence.xlsx")
	writeWorkbook(t, xlsx)
	page := writePage(t, dir, "cdr.xls", `<html><body><table><tr><th>Party A</th><th>Party B</th><th>Start</th><th>Call Duration</th><th>Usage Type</th></tr>
<tr><td>8801711000001</td><td>8801811000002</td><td>2023-11-05 10:15:22</td><td>45</td><td>MOC</td></tr></table></body></html>`)
	pv, err := PreviewImport(t.Context(), []string{xlsx, page}, ImportOptions{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]PreviewEntry{}
	for _, e := range pv.Entries {
		got[e.Path] = e
	}
	if len(pv.Entries) != 4 {
		t.Fatalf("%d entries, want 4 (3 sheets, 1 table): %+v", len(pv.Entries), pv.Entries)
	}
	for path, kind := range map[string]string{xlsx + " [sheet IPDR]": "ipdr", xlsx + " [sheet Voice]": "voice", page + " [table 1]": "voice"} {
		if e := got[path]; e.Problem != "" || e.Kind != kind {
			t.Errorf("%s: %+v, want kind %s", path, e, kind)
		}
	}
	if e := got[xlsx+" [sheet Notes]"]; !strings.Contains(e.Problem, `sheet "Notes" holds no table cdrtui reads`) {
		t.Errorf("Notes: %+v", e)
	}
	if e := got[page+" [table 1]"]; !strings.Contains(e.Format, "table 1 (1 of 1) of an HTML page saved as a spreadsheet") {
		t.Errorf("page format %q", e.Format)
	}
	// each entry says which sheet or table it is of (the --json "sheet")
	for path, sheet := range map[string]string{xlsx + " [sheet IPDR]": "sheet IPDR", xlsx + " [sheet Notes]": "sheet Notes", page + " [table 1]": "table 1"} {
		if got[path].Sheet != sheet {
			t.Errorf("%s: sheet %q, want %q", path, got[path].Sheet, sheet)
		}
	}
}
