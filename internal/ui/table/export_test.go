package table

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
)

// fakeCase is a case of two sources.
type fakeCase struct{}

func (fakeCase) Path() string { return "/cases/op-falcon.db" }
func (fakeCase) Sources(context.Context) ([]store.Source, error) {
	return []store.Source{{Path: "ipdr.csv", SHA256: "aa11"}, {Path: "cdr.csv", SHA256: "bb22"}}, nil
}

// An export is data: the count shown as "194,987" is the number 194987,
// a typed value (a bar drawn as glyphs) is written as its value, text
// stays text, an empty number is null; and the file says what it is of:
// the case, its sources' SHA-256, the parameters, filter, order and time.
func TestExportIsTypedDataWithMeta(t *testing.T) {
	src := &SliceSource{Cols: []Column{{Title: "MSISDN", Sortable: true}, {Title: "Records", Right: true, Sortable: true},
		{Title: "Score", Right: true}, {Title: "Flag"}, {Title: "Usage %", Right: true}, {Title: "Bytes", Right: true}},
		Rows: []Row{
			{Cells: []string{"919812345678", "194,987", "████████ 100", "◆ yes", "12.5%", ""}, Values: []any{nil, nil, 100.0, true}},
			{Cells: []string{"=cmd|' /C calc'!A0", "7", "██ 25", "", "0.5%", "1,234,567"}, Values: []any{nil, nil, 25.0, false}},
		}}
	m := New(src, uitest.Styles(), Options{Name: "persona-apps", Case: fakeCase{}})
	m.SetExportInfo("applications of 919812345678", func() Params { return Params{{"A", "919812345678"}, {"window", "180s"}} })
	req := PageRequest{Sort: 1, Desc: true, Filter: "9"}
	dir := t.TempDir()
	for _, name := range []string{"x.json", "x.csv"} {
		md := m.meta(req)
		if err := md.fillCase(context.Background(), fakeCase{}); err != nil {
			t.Fatal(err)
		}
		if _, err := Export(context.Background(), src, src.Columns(), PageRequest{Sort: 1, Desc: true}, filepath.Join(dir, name), md); err != nil {
			t.Fatal(err)
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, "x.json"))
	var doc struct {
		Meta struct {
			Of      string            `json:"of"`
			Case    string            `json:"case"`
			Sources []MetaSource      `json:"sources"`
			Params  map[string]string `json:"parameters"`
			Sort    string            `json:"sort"`
			At      string            `json:"exported_at"`
		} `json:"meta"`
		Rows     []map[string]any `json:"rows"`
		RowCount int              `json:"row_count"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	if doc.Meta.Of != "applications of 919812345678" || doc.Meta.Case != "/cases/op-falcon.db" || len(doc.Meta.Sources) != 2 ||
		doc.Meta.Sources[1].SHA256 != "bb22" || doc.Meta.Params["window"] != "180s" || doc.Meta.Sort != "Records descending" || doc.Meta.At == "" || doc.RowCount != 2 {
		t.Fatalf("meta: %+v\n%s", doc.Meta, b)
	}
	r := doc.Rows[0]
	if r["MSISDN"] != "919812345678" || r["Records"] != 194987.0 || r["Score"] != 100.0 || r["Flag"] != true || r["Usage %"] != 12.5 || r["Bytes"] != nil {
		t.Fatalf("row 1: %#v", r)
	}
	if doc.Rows[1]["Bytes"] != 1234567.0 {
		t.Fatalf("row 2: %#v", doc.Rows[1])
	}
	text, _ := os.ReadFile(filepath.Join(dir, "x.csv"))
	for _, want := range []string{"# cdrtui export of: applications of 919812345678\n", "# case: /cases/op-falcon.db\n", "# source: aa11  ipdr.csv\n", "# window: 180s\n", "# sort: Records descending\n", "# exported at: "} {
		if !strings.Contains(string(text), want) {
			t.Errorf("csv header lacks %q:\n%s", want, text)
		}
	}
	cr := csv.NewReader(strings.NewReader(string(text)))
	cr.Comment = '#'
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[1], "|") != "919812345678|194987|100|true|12.5|" || strings.Join(recs[2], "|") != "'=cmd|' /C calc'!A0|7|25|false|0.5|1234567" {
		t.Fatalf("csv rows:\n%q\n%q", recs[1], recs[2])
	}
}

// Scrolling sideways keeps the first column (the row's key) in view, and
// a hint shown for an empty list is wrapped, not cut.
func TestFrozenFirstColumnAndWrappedHint(t *testing.T) {
	cols := []Column{{Title: "MSISDN"}}
	cells := []string{"919812345678"}
	for i := range 12 {
		cols = append(cols, Column{Title: "column" + string(rune('A'+i)), Right: true})
		cells = append(cells, "1000"+string(rune('0'+i%10)))
	}
	m := New(&SliceSource{Cols: cols, Rows: []Row{{Cells: cells}}}, uitest.Styles(), Options{})
	m.SetSize(40, 6)
	run(m, m.Init())
	for range 5 {
		run(m, m.Update(uitest.Key("right")))
	}
	v := m.View()
	if !strings.Contains(v, "MSISDN") || !strings.Contains(v, "919812345678") || !strings.Contains(v, "columnF") || strings.Contains(v, "columnA") {
		t.Fatalf("after scrolling right five columns:\n%s", v)
	}
	hint := "no hunt yet: press f, name a destination, a port or a cell, and press enter"
	e := New(&SliceSource{Cols: cols}, uitest.Styles(), Options{Empty: hint})
	e.SetSize(40, 8)
	run(e, e.Init())
	if got := strings.Join(strings.Fields(e.View()), " "); !strings.Contains(got, hint) {
		t.Fatalf("hint cut:\n%s", e.View())
	}
}

// A refresh that brings rows before the first one leaves a table that was
// at its top at its top (the Pairs of a wider window must not open in the
// middle), while a row chosen further down stays chosen.
func TestRefreshKeepsTheTop(t *testing.T) {
	rows := func(ids ...int) []Row {
		var out []Row
		for _, id := range ids {
			out = append(out, Row{Cells: []string{string(rune('a' + id))}, ID: id})
		}
		return out
	}
	cols := []Column{{Title: "x", Sortable: true}}
	m := New(&SliceSource{Cols: cols, Rows: rows(5, 6, 7)}, uitest.Styles(), Options{})
	m.SetSize(40, 10)
	run(m, m.Init())
	run(m, m.Refresh(&SliceSource{Cols: cols, Rows: rows(1, 2, 3, 4, 5, 6, 7)}))
	if r, _ := m.Selected(); r.ID != 1 {
		t.Fatalf("after new rows before the first, the cursor is on %v", r.ID)
	}
	run(m, m.Update(uitest.Key("down")))
	run(m, m.Update(uitest.Key("down")))
	run(m, m.Refresh(&SliceSource{Cols: cols, Rows: rows(0, 1, 2, 3, 4, 5, 6, 7)}))
	if r, _ := m.Selected(); r.ID != 3 {
		t.Fatalf("a chosen row was not kept: on %v", r.ID)
	}
}

// A list whose first column is "#" (the SIM-box ranking, the sources)
// exports a header a reader skipping "#" lines still reads: it was
// "#,MSISDN,…", skipped with the comments, so the first row became the
// header.
func TestExportCSVHeaderNotAComment(t *testing.T) {
	src := &SliceSource{Cols: []Column{{Title: "#", Right: true}, {Title: "MSISDN"}},
		Rows: []Row{{Cells: []string{"1", "919812345678"}}, {Cells: []string{"2", "919812345679"}}}}
	path := filepath.Join(t.TempDir(), "x.csv")
	if _, err := Export(context.Background(), src, src.Columns(), PageRequest{}, path, &Meta{Of: "ranking"}); err != nil {
		t.Fatal(err)
	}
	text, _ := os.ReadFile(path)
	cr := csv.NewReader(strings.NewReader(string(text)))
	cr.Comment = '#'
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || strings.Join(recs[0], "|") != "No.|MSISDN" || strings.Join(recs[1], "|") != "1|919812345678" {
		t.Fatalf("read with # as comments: %q\n%s", recs, text)
	}
}
