package table

import (
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
)

// numbersDB holds a table n(id, v, label) with v = (id*37) % rows, so that
// the order by v differs from the order by id and ties never occur.
func numbersDB(t testing.TB, rows int) *sql.DB {
	t.Helper()
	st, err := store.Create(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	db := st.DB()
	if _, err := db.Exec(`CREATE TABLE n(id INTEGER PRIMARY KEY, v INTEGER NOT NULL, label TEXT NOT NULL);
		CREATE INDEX n_v ON n(v);
		WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i < ?)
		INSERT INTO n SELECT i, (i*37) % ?, 'row ' || i FROM c`, rows, rows); err != nil {
		t.Fatal(err)
	}
	return db
}

func numbersSource(db *sql.DB) *SQLSource {
	return &SQLSource{DB: db, From: "n", ID: "id", Cols: []SQLColumn{
		{Column: Column{Title: "id", Right: true, Sortable: true}, Expr: "id"},
		{Column: Column{Title: "v", Right: true, Sortable: true}, Expr: "v"},
		{Column: Column{Title: "label", Sortable: true}, Expr: "label", Filter: true},
	}}
}

// run delivers cmd's messages (and those they lead to) to m.
func run(m *Model, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	msg := cmd()
	switch msg := msg.(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			run(m, c)
		}
	case nil:
	default:
		run(m, m.Update(msg))
	}
}

// Scrolling through every row of a 20,000-row table by keyset pages visits
// each row once, in order, and never holds more than the window.
func TestScrollVisitsEveryRowInOrder(t *testing.T) {
	const rows = 20000
	m := New(numbersSource(numbersDB(t, rows)), uitest.Styles(), Options{})
	m.SetSize(80, 24)
	run(m, m.Init())
	seen := 0
	for i := 0; i < rows; i++ {
		r, ok := m.Selected()
		if !ok {
			t.Fatalf("no selection at %d", i)
		}
		if want := fmt.Sprint(i + 1); r.Cells[0] != want {
			t.Fatalf("row %d shows id %s", i+1, r.Cells[0])
		}
		seen++
		if len(m.rows) > m.maxWindow() {
			t.Fatalf("window holds %d rows", len(m.rows))
		}
		run(m, m.Update(uitest.Key("down")))
	}
	if seen != rows || !m.atEnd {
		t.Fatalf("seen %d rows, at end %v", seen, m.atEnd)
	}
	if !strings.Contains(m.View(), "row 20,000 of 20,000") {
		t.Fatalf("footer: %q", m.footer())
	}
}

// G jumps to the last row without reading the rows before it; scrolling up
// from there goes back through the previous pages in order.
func TestJumpToEndAndScrollBack(t *testing.T) {
	const rows = 5000
	m := New(numbersSource(numbersDB(t, rows)), uitest.Styles(), Options{})
	m.SetSize(80, 24)
	run(m, m.Init())
	run(m, m.Update(uitest.Key("G")))
	r, _ := m.Selected()
	if r.Cells[0] != "5000" {
		t.Fatalf("G selected id %s", r.Cells[0])
	}
	for i := rows; i >= 1; i-- {
		r, _ := m.Selected()
		if r.Cells[0] != fmt.Sprint(i) {
			t.Fatalf("scrolling up: want id %d, got %s", i, r.Cells[0])
		}
		run(m, m.Update(uitest.Key("up")))
	}
}

// Sorting runs in the source and the keyset follows the sort column.
func TestSortByOtherColumnAndFilter(t *testing.T) {
	const rows = 1000
	m := New(numbersSource(numbersDB(t, rows)), uitest.Styles(), Options{})
	m.SetSize(80, 24)
	run(m, m.Init())
	run(m, m.Update(uitest.Key("s"))) // sort by v ascending
	for want := 0; want < rows; want++ {
		r, _ := m.Selected()
		if r.Cells[1] != fmt.Sprint(want) {
			t.Fatalf("sorted by v: want %d, got %s", want, r.Cells[1])
		}
		run(m, m.Update(uitest.Key("down")))
	}
	run(m, m.Update(uitest.Key("S"))) // descending
	if r, _ := m.Selected(); r.Cells[1] != fmt.Sprint(rows-1) {
		t.Fatalf("descending starts at %s", r.Cells[1])
	}
	// filter: labels containing "row 99" are 99, 990..999
	run(m, m.Update(uitest.Key("/")))
	for _, c := range "row 99" {
		m.Update(uitest.Key(string(c)))
	}
	m.filterSeq++
	run(m, m.Update(filterTickMsg{id: m.id, seq: m.filterSeq}))
	if len(m.rows) != 11 || m.count != 11 {
		t.Fatalf("filter left %d rows (count %d), want 11", len(m.rows), m.count)
	}
	run(m, m.Update(uitest.Key("esc")))
	if m.filter != "" || len(m.rows) != 200 {
		t.Fatalf("esc should clear the filter: filter %q rows %d", m.filter, len(m.rows))
	}
}

// Export writes every matching row, not the loaded page, in the table's
// order, as CSV or JSON.
func TestExportWritesAllRows(t *testing.T) {
	const rows = 3000
	src := numbersSource(numbersDB(t, rows))
	dir := t.TempDir()
	req := PageRequest{Sort: 1}
	n, err := Export(context.Background(), src, src.Columns(), req, filepath.Join(dir, "all.csv"), nil)
	if err != nil || n != rows {
		t.Fatalf("csv: %d rows, %v", n, err)
	}
	f, _ := os.Open(filepath.Join(dir, "all.csv"))
	cr := csv.NewReader(f)
	cr.Comment = '#'
	recs, err := cr.ReadAll()
	f.Close()
	if err != nil || len(recs) != rows+1 || recs[0][1] != "v" || recs[1][1] != "0" || recs[rows][1] != fmt.Sprint(rows-1) {
		t.Fatalf("csv content: %d records, first %v, %v", len(recs), recs[0], err)
	}
	req.Filter = "row 12"
	n, err = Export(context.Background(), src, src.Columns(), req, filepath.Join(dir, "some.json"), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "some.json"))
	var doc struct {
		Rows []map[string]any `json:"rows"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("json: %v\n%s", err, b)
	}
	objs := doc.Rows
	// 12, 120..129, 1200..1299
	if n != 111 || len(objs) != 111 || !strings.HasPrefix(objs[0]["label"].(string), "row 12") {
		t.Fatalf("json: %d rows, first %v", len(objs), objs[0])
	}
}

func TestDefuseFormula(t *testing.T) {
	for in, want := range map[string]string{"=cmd|' /C calc'!A0": "'=cmd|' /C calc'!A0", "-5": "-5", "+44 20": "'+44 20", "@SUM(A1)": "'@SUM(A1)", "plain": "plain"} {
		if got := defuseFormula(in); got != want {
			t.Errorf("defuseFormula(%q) = %q, want %q", in, got, want)
		}
	}
}

// The view fits the width given, marks the selected row without relying on
// colour, and shows cells inert.
func TestViewFitsAndIsInert(t *testing.T) {
	src := &SliceSource{Cols: []Column{{Title: "name"}, {Title: "n", Right: true}}, Rows: []Row{
		{Cells: []string{"evil\x1b[2J", "2"}}, {Cells: []string{strings.Repeat("x", 200), "10"}},
	}}
	m := New(src, uitest.Styles(), Options{})
	m.SetSize(40, 6)
	run(m, m.Init())
	v := m.View()
	for i, line := range strings.Split(v, "\n") {
		if w := lipgloss.Width(line); w > 40 {
			t.Errorf("line %d is %d wide", i, w)
		}
	}
	if !strings.Contains(v, `evil\x1b[2J`) || strings.Contains(v, "\x1b[2J") {
		t.Fatalf("cell not inert:\n%s", v)
	}
	if !strings.Contains(v, "▸evil") {
		t.Fatalf("selected row not marked:\n%s", v)
	}
	run(m, m.Update(uitest.Key("s"))) // numeric sort on n: 2 before 10
	if r, _ := m.Selected(); r.Cells[1] != "2" {
		t.Fatalf("numeric sort put %s first", r.Cells[1])
	}
}

// Rendering a page never changes the rows a source holds: a backslash is
// escaped once however many times the page is fetched.
func TestFetchLeavesSourceRowsAlone(t *testing.T) {
	src := &SliceSource{Cols: []Column{{Title: "path"}}, Rows: []Row{{Cells: []string{`C:\evidence`}}}}
	m := New(src, uitest.Styles(), Options{})
	m.SetSize(40, 6)
	for i := 0; i < 3; i++ {
		run(m, m.Reload())
	}
	if r, _ := m.Selected(); r.Cells[0] != `C:\\evidence` || src.Rows[0].Cells[0] != `C:\evidence` {
		t.Fatalf("shown %q, source now holds %q", r.Cells[0], src.Rows[0].Cells[0])
	}
}
