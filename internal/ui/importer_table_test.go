package ui

import (
	"context"
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
)

// The import dialog's preview reads an HTML page saved as .xls as the
// import does: its tables, each named as its source will be ("cdr.xls
// [table 2]"), the banner table shown as holding none; the import then
// reads the records of the data table.
func TestImportInsideHTMLTable(t *testing.T) {
	dir, st := importDir(t, "cdr.xls", `<html><head><meta charset="utf-8"></head><body>
<table><tr><td>CDR of 8801711000001</td></tr></table>
<table><tr><th>Party A</th><th>Party B</th><th>Start</th><th>Call Duration</th><th>Usage Type</th></tr>
<tr><td>8801711000001</td><td>8801811000002</td><td>2023-11-05 10:15:22</td><td>45</td><td>MOC</td></tr>
<tr><td>8801711000001</td><td>8801911000003</td><td>2023-11-05 11:00:01</td><td>120</td><td>MTC</td></tr></table></body></html>`)
	tm := shellOn(t, ShellOptions{Store: st, ImportDir: dir}, 80, 24)
	uitest.WaitFor(t, tm, "Case no records")
	uitest.Press(tm, "I")
	uitest.WaitFor(t, tm, "cdr.xls")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "1 source to import, 1 not", "cdr.xls [table 2]", "table 2 (2 of 2) of an HTML page", "cdr.xls [table 1]")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "Import finished", "cdr.xls [table 2]")
	quitShell(t, tm)
	var n int
	if err := st.DB().QueryRowContext(context.Background(), "SELECT count(*) FROM voice WHERE duration IN (45, 120)").Scan(&n); err != nil || n != 2 {
		t.Fatalf("%d calls (%v), want 2", n, err)
	}
}
