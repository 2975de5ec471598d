package store

import (
	"fmt"
	"strings"
	"testing"
)

// gridPage is a portal's call records saved as .xls from a grid with a
// fixed header, as jqGrid draws one: the header row in a table of its own
// (ui-jqgrid-htable), the records in the next table (ui-jqgrid-btable)
// with no header row, its first row an empty sizing row (jqgfirstrow).
// rows are the records' cells, each row's <td>s.
func gridPage(rows ...string) string {
	return `<html><head><meta charset="utf-8"></head><body><div class="ui-jqgrid">
<table class="ui-jqgrid-htable"><thead><tr class="ui-jqgrid-labels"><th>Party A</th><th>Party B</th><th>Start</th><th>Call Duration</th><th>Usage Type</th><th>Cell</th></tr></thead></table>
<table class="ui-jqgrid-btable"><tbody><tr class="jqgfirstrow"><td></td><td></td><td></td><td></td><td></td><td></td></tr>
` + strings.Join(rows, "\n") + `
</tbody></table></div></body></html>`
}

var gridRows = []string{
	`<tr><td>8801711000001</td><td>8801811000002</td><td>2023-11-05 10:15:22</td><td>45</td><td>MOC</td><td>470-01-1234-5678</td></tr>`,
	`<tr><td>8801711000001</td><td>8801911000003</td><td>2023-11-05 11:00:01</td><td>120</td><td>MTC</td><td>470-01-1234-5679</td></tr>`,
}

// The header table and the table of records after it are read as one
// source, "tables 1 and 2": the header on line 1, the sizing row line 2,
// the records lines 3 and 4 (row n of table 2 is line n+1), the format
// saying so; the preview lists them as the import reads them. Before,
// table 1 was "nothing imported: no data rows" and table 2 refused as an
// unknown layout.
func TestImportHTMLHeaderTableJoined(t *testing.T) {
	path := writePage(t, t.TempDir(), "cdr.xls", gridPage(gridRows...))
	pv, err := PreviewImport(t.Context(), []string{path}, ImportOptions{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(pv.Entries) != 1 || pv.Entries[0].Sheet != "tables 1 and 2" || pv.Entries[0].Problem != "" || pv.Entries[0].Kind != "voice" {
		t.Errorf("preview: %+v", pv.Entries)
	}
	st := openTemp(t)
	results, err := st.Import(t.Context(), []string{path}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 1 {
		t.Fatalf("%d results, want the two tables as one: %+v", len(results), results)
	}
	res := results[0]
	if res.Error != "" || res.Sheet != "tables 1 and 2" || res.Rows != 2 || res.Rejected != 0 || res.SheetLabel() != "[tables 1 and 2]" {
		t.Fatalf("%+v", res)
	}
	if !strings.Contains(res.Format, "the records of table 2 under the header row of table 1 before it") || !strings.Contains(res.Format, "line n+1 is row n of table 2") || strings.Contains(res.Format, "line = row") || strings.Contains(pv.Entries[0].Format, "line = row") {
		t.Errorf("format: %s", res.Format)
	}
	want := []string{
		"3 8801711000001 8801811000002 VOICE_OUT 2023-11-05 10:15:22 45 470-01-1234-5678",
		"4 8801711000001 8801911000003 VOICE_IN 2023-11-05 11:00:01 120 470-01-1234-5679",
	}
	if got := voiceRows(t, st); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("records:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A table of records that does not fit the header table before it stays
// refused, saying why it was not read under that header: a row wider than
// the header (which value is under which column is not known), or rows as
// wide whose values are not what the header names (the start column
// holding the usage type: the columns of another layout).
func TestImportHTMLHeaderTableNotJoined(t *testing.T) {
	for _, c := range []struct {
		name, row, why string
	}{
		{"wider", `<tr><td>8801711000001</td><td>8801811000002</td><td>2023-11-05 10:15:22</td><td>45</td><td>MOC</td><td>470-01-1234-5678</td><td>Gulshan 1</td></tr>`,
			"that header has 6 columns and this table's row 2 has 7, so which value is under which column is not known"},
		{"shifted", `<tr><td>8801711000001</td><td>8801811000002</td><td>MOC</td><td>2023-11-05 10:15:22</td><td>45</td><td>470-01-1234-5678</td></tr>`,
			"its row 2 does not fit that header"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := writePage(t, t.TempDir(), "cdr.xls", gridPage(c.row, c.row))
			st := openTemp(t)
			results, err := st.Import(t.Context(), []string{path}, ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(results) != 2 || results[1].Sheet != "table 2" || results[1].Rows != 0 {
				t.Fatalf("%+v", results)
			}
			got := results[1].Skipped
			if !strings.Contains(got, "unknown layout") || !strings.Contains(got, "not read under the header of table 1 before it") || !strings.Contains(got, c.why) {
				t.Errorf("table 2: %q, want the reason %q", got, c.why)
			}
		})
	}
}

// A joined table whose first 256 KB leave the date order open (every day
// of 01/11/2023 to 12/11/2023 reads either way) is read once more to
// settle it: its own text, the header table's and the records', never the
// page's HTML. 13/11/2023 in its last row settles day first.
func TestImportHTMLHeaderTableDateOrderReadAgain(t *testing.T) {
	const n = 3300 // about 280 KB of text, past the head detection reads
	rows := make([]string, 0, n+1)
	for i := range n {
		rows = append(rows, fmt.Sprintf(`<tr><td>8801711000001</td><td>8801811000002</td><td>%02d/11/2023 10:%02d:%02d</td><td>45</td><td>MOC</td><td>470-01-1234-5678</td></tr>`, i%12+1, i/60%60, i%60))
	}
	rows = append(rows, `<tr><td>8801711000001</td><td>8801911000003</td><td>13/11/2023 11:00:01</td><td>120</td><td>MTC</td><td>470-01-1234-5679</td></tr>`)
	path := writePage(t, t.TempDir(), "cdr.xls", gridPage(rows...))
	st := openTemp(t)
	results, err := st.Import(t.Context(), []string{path}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 1 || results[0].Sheet != "tables 1 and 2" || results[0].Rows != n+1 || results[0].Rejected != 0 {
		t.Fatalf("%+v", results)
	}
	var last string
	if err := st.DB().QueryRow(`SELECT start_wall FROM voice_readable ORDER BY line DESC LIMIT 1`).Scan(&last); err != nil {
		t.Fatal(err)
	}
	if last != "2023-11-13 11:00:01" {
		t.Errorf("last record at %s, want 2023-11-13 11:00:01 (day first)", last)
	}
}
