package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// TestClickHouseImportWorkbooks: an Excel 97-2003 workbook and an HTML
// table saved as .xls imported into a ClickHouse case give the sources a
// local case gets: each sheet or table its own source, named as in a
// local case, the same rows; the notes sheet is not imported on either;
// and the subscriber's calls are the same.
func TestClickHouseImportWorkbooks(t *testing.T) {
	c := chkit.Start(t)
	dir := t.TempDir()
	ev := filepath.Join(dir, "evidence")
	if err := os.Mkdir(ev, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(ev, "calls.xls"), xlsCDR().File(), 0o444); err != nil {
		t.Fatal(err)
	}
	writeFile(t, ev, "page.xls", `<html><body><table>
<tr><th>Target No</th><th>Call Type</th><th>B Party No</th><th>Date</th><th>Time</th><th>Duration</th></tr>
<tr><td>919812345678</td><td>OUT</td><td>919811122233</td><td>25/11/2023</td><td>10:15:22</td><td>45</td></tr>
<tr><td>919812345678</td><td>IN</td><td>919811199988</td><td>25/11/2023</td><td>11:00:01</td><td>120</td></tr>
</table></body></html>`)
	local := filepath.Join(dir, "case.db")
	runOK(t, "import", local, ev)
	url := c.URL("books")
	runOK(t, "import", "--cluster", c.Name, url, ev)

	type source struct {
		Path, Sheet, Kind string
		Rows              int64
	}
	sources := func(out string) []source {
		var v struct {
			Sources []source `json:"sources"`
			Records map[string]int64
		}
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatal(err)
		}
		return v.Sources
	}
	want := sources(runOK(t, "summary", "--json", local))
	got := sources(runOK(t, "summary", "--json", "--cluster", c.Name, url))
	if len(want) != 2 || len(got) != 2 {
		t.Fatalf("sources: local %+v, cluster %+v; want two each (the calls sheet and the page's table)", want, got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("source %d on the cluster: %+v, want %+v", i, got[i], want[i])
		}
	}
	rows := map[string]int64{}
	for _, s := range got {
		rows[filepath.Base(s.Path)] = s.Rows
	}
	if rows["calls.xls [sheet CDR]"] != 3 || rows["page.xls [table 1]"] != 2 {
		t.Errorf("rows by source: %v, want calls.xls [sheet CDR] 3, page.xls [table 1] 2", rows)
	}
	wantCalls := caseField.ReplaceAllString(runOK(t, "calls", "--json", local, "919812345678"), `"case": ""`)
	gotCalls := caseField.ReplaceAllString(runOK(t, "calls", "--json", "--cluster", c.Name, url, "919812345678"), `"case": ""`)
	if gotCalls != wantCalls || !strings.Contains(gotCalls, "919811122233") || !strings.Contains(gotCalls, "919900000001") {
		t.Errorf("calls --json on the cluster:\n%s\nwant:\n%s", gotCalls, wantCalls)
	}
}
