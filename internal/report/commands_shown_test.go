package report

import (
	"bytes"
	"html"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cdrtui/cdrtui/internal/inert"
)

// A command line the report prints pastes as written when it holds a
// backslash (a Windows path, a cell written LAC\CI): evidence text is
// shown inert, which doubles a backslash, and a reproducing command shown
// so reads another path or another value. Commands are shown as written
// (inert.Command) in the HTML, the PDF's text and the workbook, unless
// they hold what acts on a terminal, which stays escaped.
func TestCommandsShownAsWritten(t *testing.T) {
	dir := t.TempDir()
	// a case whose path holds a backslash, and a cell written with one
	casePath := filepath.Join(dir, `cases\x.db`)
	if out, err := exec.Command("sqlite3", casePath, `CREATE TABLE c(cell); INSERT INTO c VALUES ('404\7301'), ('4047301'), ('404\\7301');`).CombinedOutput(); err != nil {
		t.Fatalf("sqlite3: %v %s", err, out)
	}
	query := "sqlite3 " + ShellQuote(casePath) + " " + ShellQuote(`SELECT count(*) FROM c WHERE cell = '404\7301'`)
	r := &Report{Title: "t", Params: Params{Case: casePath}, Sections: []Section{{ID: "x", Kind: "x", Title: "x", Data: 1,
		Command: "cdrtui persona " + ShellQuote(casePath) + " 919800000001",
		Tables: []Table{{Name: "cells", Columns: []Column{{"cell", Text}}, Rows: [][]Cell{{txt(`404\7301`)}, {txt("\x1b[2J")}},
			Traces: []Trace{{Total: 1, Query: query}, {Total: 1, Query: "sqlite3 x.db 'SELECT 1' \x1b[2J"}}}}}}}

	var h bytes.Buffer
	if err := WriteHTML(&h, r); err != nil {
		t.Fatal(err)
	}
	page := h.String()
	shown := func(prefix string) string {
		i := strings.Index(page, prefix)
		if i < 0 {
			t.Fatalf("no %q in the page", prefix)
		}
		rest := page[i+len(prefix):]
		return html.UnescapeString(rest[:strings.Index(rest, "</code>")])
	}
	if got, want := shown("Reproduce: <code>"), r.Sections[0].Command; got != want {
		t.Errorf("reproduce shown %q, want %q", got, want)
	}
	// the trace's query, pasted into a shell, counts the one record
	pasted := shown("; all: <code>")
	if pasted != query {
		t.Errorf("query shown %q, want %q", pasted, query)
	}
	if out, err := exec.Command("sh", "-c", pasted).Output(); err != nil || strings.TrimSpace(string(out)) != "1" {
		t.Errorf("the pasted query %s gave %q (%v), want 1", pasted, out, err)
	}
	// the evidence value itself is still shown inert, and a command with
	// an escape is escaped, not shown raw
	if !strings.Contains(page, `404\\7301</td>`) || strings.Contains(page, "\x1b") || !strings.Contains(page, `\x1b[2J</code>`) {
		t.Errorf("inert text lost in the page")
	}

	var x bytes.Buffer
	if err := WriteXLSX(&x, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&x)
	if err != nil {
		t.Fatal(err)
	}
	var found, reproduce bool
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet)
		for _, row := range rows {
			for _, c := range row {
				found = found || c == query
				reproduce = reproduce || c == r.Sections[0].Command
				if strings.HasPrefix(c, "cdrtui ") && strings.Contains(c, `cases\\x.db`) {
					t.Errorf("workbook cell with a doubled backslash: %q", c)
				}
			}
		}
	}
	if !found || !reproduce {
		t.Errorf("the workbook does not hold the query (%v) and the reproducing command (%v) as written", found, reproduce)
	}
	if got := inert.Command("a\\b"); got != `a\b` {
		t.Errorf("inert.Command(a\\b) = %q", got)
	}
}
