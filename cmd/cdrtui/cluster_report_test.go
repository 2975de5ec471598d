package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	ch "github.com/ClickHouse/clickhouse-go/v2"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/report"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/store/clickhouse"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// setApart are the figures that say when or how a case was read, not what
// it holds: a source's import time, the port dictionary's storing time, a
// note's making time and a hunt's access path. They differ between two
// imports of the same evidence by design.
var setApart = map[string]bool{"imported_at": true, "stored_at": true, "created_at": true, "access": true}

func scrub(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if setApart[k] {
				delete(x, k)
				continue
			}
			x[k] = scrub(e)
		}
	case []any:
		for i, e := range x {
			x[i] = scrub(e)
		}
	}
	return v
}

// figures is a report block's sections' figures by id, the audit
// section's set apart (each case has its own trail), scrubbed.
func figures(t *testing.T, blk map[string]any) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, s := range blk["report"].(map[string]any)["sections"].([]any) {
		m := s.(map[string]any)
		if m["kind"] == "audit" {
			continue
		}
		b, _ := json.MarshalIndent(scrub(m["data"]), "", " ")
		out[m["id"].(string)] = string(b)
	}
	return out
}

// TestClickHouseReport: the generated case imported into a local case and
// into a two-shard cluster, with the same saved hunt and note; cdrtui
// report with every flag it takes gives the same figures on both (the
// case section's import times, the dictionary's and the note's times and
// the hunt's access set apart; the audit sections differ: each case has
// its own trail), the same tables, rows and traced records (file:line
// samples and counts), the queries differing only in their SQL; each
// ClickHouse trace query, run through the driver, lists the records of
// the row's figure; the report is recorded in the cluster's trail with its
// file's SHA-256; report --verify proves it against the cluster.
func TestClickHouseReport(t *testing.T) {
	c := chkit.Start(t)
	dir := t.TempDir()
	evidence := filepath.Join(dir, "evidence")
	runOK(t, "gen", evidence, "--seed", "5", "--subscribers", "30", "--days", "7", "--records", "6000", "--voice", "40", "--simboxes", "3", "--asterisk")
	truth, err := gen.ReadTruth(filepath.Join(evidence, gen.TruthFile))
	if err != nil {
		t.Fatal(err)
	}
	local := filepath.Join(dir, "case.db")
	runOK(t, "import", local, evidence)
	url := c.URL("report")
	runOK(t, "import", "--cluster", c.Name, url, evidence)
	a, b, sim := truth.Pairs[0].A, truth.Pairs[0].B, truth.SimBoxes[0].MSISDN
	for _, cs := range [][]string{{local}, {"--cluster", c.Name, url}} {
		runOK(t, append(append([]string{"hunt"}, cs...), "--dest", "0.0.0.0/0", "--port", "443", "--save", "web")...)
		runOK(t, append(append([]string{"note"}, cs...), "add", "subscriber", a, "first pair", "--tag", "suspect")...)
	}
	outDir := filepath.Join(dir, "reports")
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		t.Fatal(err)
	}
	flags := []string{"--subscriber", a + "," + b, "--subscriber", sim, "--window", "120s", "--top", "5", "--app", "WhatsApp", "--analyst", "lead"}
	made := func(name string, caseArgs ...string) []string {
		var outs, args []string
		for _, ext := range []string{".html", ".pdf", ".xlsx"} {
			outs = append(outs, filepath.Join(outDir, name+ext))
			args = append(args, "--out", outs[len(outs)-1])
		}
		began := time.Now()
		got := runOK(t, append(append(append([]string{"report"}, caseArgs...), flags...), args...)...)
		t.Logf("report %s (three formats): %v", name, time.Since(began).Round(time.Millisecond))
		if !strings.Contains(got, "report written to") || !strings.Contains(got, "figures sha256") {
			t.Fatalf("report: %s", got)
		}
		return outs
	}
	lo := made("local", local)
	co := made("cluster", "--cluster", c.Name, url)

	lb, cb := block(t, lo[0]), block(t, co[0])
	lf, cf := figures(t, lb), figures(t, cb)
	if len(lf) < 8 {
		t.Fatalf("local report has %d sections: %v", len(lf), lf)
	}
	for id, want := range lf {
		if got, ok := cf[id]; !ok || got != want {
			t.Errorf("section %s on the cluster:\n%s\nwant:\n%s", id, got, want)
		}
	}
	for id := range cf {
		if _, ok := lf[id]; !ok {
			t.Errorf("the cluster's report has section %s, the local one not", id)
		}
	}
	// the parameters the report carries: the case as a command takes it
	// (the cluster's URL with its cluster, no password), the rest equal
	lp := lb["report"].(map[string]any)["params"].(map[string]any)
	cp := cb["report"].(map[string]any)["params"].(map[string]any)
	if cp["case"] != url+"?cluster="+c.Name || lp["case"] != local {
		t.Errorf("the reports name their cases %v and %v", lp["case"], cp["case"])
	}
	delete(lp, "case")
	delete(cp, "case")
	if !reflect.DeepEqual(lp, cp) {
		t.Errorf("parameters: local %v, cluster %v", lp, cp)
	}

	// recorded in the cluster's trail, with the file's SHA-256; verified
	ctx := context.Background()
	st, err := clickhouse.Open(ctx, url, c.Name, false)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	check, es, err := st.AuditTrail(ctx)
	if err != nil || !check.OK {
		t.Fatalf("the cluster's trail: %+v %v", check, err)
	}
	recorded := map[string]bool{}
	for _, e := range es {
		if e.Action == "report" {
			var p map[string]any
			json.Unmarshal([]byte(e.Params), &p)
			recorded[p["out"].(string)] = true
			doc, err := os.ReadFile(p["out"].(string))
			if err != nil || e.ResultSHA256 != casework.ResultHash(doc) || e.Analyst != "lead" {
				t.Errorf("audit entry %s/%d: %s %s (%v)", e.Chain, e.Seq, e.Params, e.ResultSHA256, err)
			}
		}
	}
	for _, out := range co {
		if !recorded[out] {
			t.Errorf("%s is not in the cluster's trail", out)
		}
	}
	for _, out := range co {
		got := runOK(t, "report", "--verify", out, "--cluster", c.Name, url)
		if !strings.Contains(got, "every figure matches") {
			t.Errorf("verify %s on the cluster: %s", out, got)
		}
	}
	// --sections and --json, on the cluster
	part := filepath.Join(outDir, "part.html")
	runOK(t, "report", "--cluster", c.Name, url, "--subscriber", a, "--sections", "persona,trends", "--top", "5", "--app", "WhatsApp", "--out", part)
	if fs := figures(t, block(t, part)); len(fs) != 4 || fs["persona "+a] != lf["persona "+a] || fs["trends "+a] != lf["trends "+a] {
		t.Errorf("--sections persona,trends on the cluster: %v", keys(fs))
	}
	var verdict struct {
		OK      bool
		Figures int
	}
	if err := json.Unmarshal([]byte(runOK(t, "report", "--verify", part, "--json", "--cluster", c.Name, url)), &verdict); err != nil || !verdict.OK || verdict.Figures == 0 {
		t.Errorf("verify --json: %+v %v", verdict, err)
	}

	// the tables: the same rows and records, the queries in each case's SQL
	lst, err := store.OpenReadOnly(local)
	if err != nil {
		t.Fatal(err)
	}
	defer lst.Close()
	p := report.Params{Subscribers: []string{a, b, sim}, WindowS: 120, Top: 5, App: "WhatsApp"}
	p.Case = local
	lr, err := report.Build(ctx, lst, p, "lead", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	p.Case = st.CaseArg()
	cr, err := report.Build(ctx, st, p, "lead", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(lr.Sections) != len(cr.Sections) {
		t.Fatalf("%d sections locally, %d on the cluster", len(lr.Sections), len(cr.Sections))
	}
	for i, ls := range lr.Sections {
		cs := cr.Sections[i]
		if ls.ID != cs.ID || ls.Kind == "audit" {
			continue
		}
		// the commands the text gives name each its case
		lt := strings.Split(strings.ReplaceAll(strings.Join(ls.Text, "\n"), local, "CASE"), "\n")
		ct := strings.Split(strings.NewReplacer(report.ShellQuote(st.CaseArg()), "CASE", st.CaseArg(), "CASE").Replace(strings.Join(cs.Text, "\n")), "\n")
		if !reflect.DeepEqual(lt, ct) {
			t.Errorf("%s: text\n%q\nwant\n%q", ls.ID, ct, lt)
		}
		if len(ls.Tables) != len(cs.Tables) {
			t.Errorf("%s: %d tables on the cluster, %d locally", ls.ID, len(cs.Tables), len(ls.Tables))
			continue
		}
		for k, ltb := range ls.Tables {
			ctb := cs.Tables[k]
			// set apart: when each case imported a source, when the note
			// was made in each
			for name, col := range map[string]int{"Sources (each file hashed as read; never written to)": 5, "Bookmarks": 1} {
				if ltb.Name == name {
					for _, rows := range [][][]report.Cell{ltb.Rows, ctb.Rows} {
						for _, row := range rows {
							row[col] = report.Cell{}
						}
					}
				}
			}
			if !reflect.DeepEqual(ltb.Rows, ctb.Rows) || ltb.Name != ctb.Name || len(ltb.Traces) != len(ctb.Traces) {
				t.Errorf("%s %s: rows\n%v\nwant\n%v", ls.ID, ltb.Name, ctb.Rows, ltb.Rows)
				continue
			}
			for r, ltr := range ltb.Traces {
				ctr := ctb.Traces[r]
				if ltr.Total != ctr.Total || !reflect.DeepEqual(ltr.Sample, ctr.Sample) {
					t.Errorf("%s %s row %d: traced %d %v on the cluster, %d %v locally", ls.ID, ltb.Name, r, ctr.Total, ctr.Sample, ltr.Total, ltr.Sample)
				}
				if strings.HasPrefix(ltr.Query, "sqlite3 ") != strings.HasPrefix(ctr.Query, "clickhouse-client ") {
					t.Errorf("%s %s row %d: queries %s and %s", ls.ID, ltb.Name, r, ltr.Query, ctr.Query)
				}
			}
		}
	}
	ran := runTraces(t, c, cr)
	t.Logf("%d trace queries run on the cluster", ran)
	if ran < 40 {
		t.Errorf("only %d trace queries run", ran)
	}

	// a figure changed on the cluster is found
	runOK(t, "note", "--cluster", c.Name, url, "remove", "1")
	var o, e strings.Builder
	if code := run([]string{"report", "--verify", co[0], "--cluster", c.Name, url}, &o, &e); code == 0 || !strings.Contains(o.String(), "DIFFERS") {
		t.Errorf("verify after a note removed: exit %d: %s %s", code, o.String(), e.String())
	}
	// refused: --cluster with a local case; a database holding no case.
	// The user named in the URL is not printed in the report.
	for _, args := range [][]string{
		{"report", "--cluster", c.Name, local, "--out", filepath.Join(outDir, "x.html")},
		{"report", "--cluster", c.Name, c.URL("nocase"), "--out", filepath.Join(outDir, "x.html")},
		{"report", "--verify", co[0], "--cluster", c.Name, c.URL("nocase")},
	} {
		var o, e strings.Builder
		if code := run(args, &o, &e); code == 0 || e.Len() == 0 || strings.Contains(e.String(), "not yet available") {
			t.Errorf("cdrtui %s: exit %d: %s", strings.Join(args, " "), code, e.String())
		}
	}
	withUser := strings.Replace(url, "clickhouse://", "clickhouse://default@", 1)
	named := filepath.Join(outDir, "named.html")
	if out := runOK(t, "report", "--cluster", c.Name, withUser, "--sections", "notes", "--out", named); strings.Contains(out, "default@") {
		t.Errorf("the report command prints the user: %s", out)
	}
	if doc, _ := os.ReadFile(named); strings.Contains(string(doc), "default@") || !strings.Contains(string(doc), "report?cluster="+c.Name) {
		t.Errorf("the report names its case with the user, or without its cluster")
	}

	// the printed command line runs as it is, through a shell
	if bin, err := exec.LookPath("clickhouse-client"); err != nil {
		t.Log("clickhouse-client is not installed: the printed command line is not run through a shell (the driver ran every query above)")
	} else {
		q := firstTrace(cr, "Cells")
		out, err := exec.Command("sh", "-c", strings.Replace(q.Query, "clickhouse-client", bin, 1)+" | wc -l").CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) != fmt.Sprint(q.Total) {
			t.Errorf("%s: %s %v, want %d lines", q.Query, out, err, q.Total)
		}
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func firstTrace(r *report.Report, table string) report.Trace {
	for _, s := range r.Sections {
		for _, tb := range s.Tables {
			if tb.Name == table && len(tb.Traces) > 0 {
				return tb.Traces[0]
			}
		}
	}
	return report.Trace{}
}

// unquote reads back the SQL of a printed trace command (report.ShellQuote).
func unquote(q string) string {
	if strings.HasPrefix(q, `"`) {
		return strings.Trim(q, `"`)
	}
	if strings.HasPrefix(q, "'") {
		return strings.ReplaceAll(strings.TrimSuffix(strings.TrimPrefix(q, "'"), "'"), `'"'"'`, "'")
	}
	return q
}

// figureOf is the figure a traced row states (the columns its records add
// up to), or -1 where the trace lists more than one figure's records.
func figureOf(table string, row []report.Cell) float64 {
	switch {
	case table == "Applications by destination port (Table III)":
		return row[1].N
	case table == "Handsets (IMEI) and SIMs (IMSI)":
		return row[2].N
	case table == "Cells":
		return row[1].N + row[2].N
	case strings.HasPrefix(table, "Destinations"):
		return row[3].N
	case table == "Hours of the wall clock (data records per hour)", table == "Three-hour intervals", table == "Weekdays", table == "Dates":
		return row[1].N
	}
	return -1
}

// runTraces runs every ClickHouse trace query of r through the driver on
// the cluster's first server: it lists as many records as the trace says
// (and as the row's figure, where the row states one), the first of them
// the trace's sample.
func runTraces(t *testing.T, c *chkit.Cluster, r *report.Report) int {
	t.Helper()
	conn, err := ch.Open(&ch.Options{Addr: []string{c.Servers[0].Addr()}})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctx := context.Background()
	prefix := fmt.Sprintf("clickhouse-client --host 127.0.0.1 --port %d --query ", c.Servers[0].Port)
	ran := 0
	for _, s := range r.Sections {
		for _, tb := range s.Tables {
			for i, tr := range tb.Traces {
				if tr.Query == "" || strings.HasPrefix(tr.Query, "cdrtui ") {
					continue // a cdrtui command (correlate --list, hunt --rerun)
				}
				if !strings.HasPrefix(tr.Query, prefix) {
					t.Errorf("%s %s: trace %s", s.ID, tb.Name, tr.Query)
					continue
				}
				q := unquote(strings.TrimPrefix(tr.Query, prefix))
				rows, err := conn.Query(ctx, q)
				if err != nil {
					t.Errorf("%s %s: %v\n%s", s.ID, tb.Name, err, q)
					continue
				}
				var n int64
				var first []string
				cols := rows.Columns()
				vals := make([]any, len(cols))
				for k, ct := range rows.ColumnTypes() {
					vals[k] = reflect.New(ct.ScanType()).Interface()
				}
				for rows.Next() {
					n++
					if err := rows.Scan(vals...); err != nil {
						t.Fatalf("%s: %v", q, err)
					}
					if len(first) < len(tr.Sample) && cols[0] == "source" {
						first = append(first, fmt.Sprintf("%v:%v", reflect.ValueOf(vals[0]).Elem(), reflect.ValueOf(vals[1]).Elem()))
					}
				}
				if err := rows.Err(); err != nil {
					t.Errorf("%s: %v", q, err)
				}
				rows.Close()
				ran++
				if n != tr.Total {
					t.Errorf("%s %s row %d: the query lists %d records, the trace says %d: %s", s.ID, tb.Name, i, n, tr.Total, q)
				}
				if f := figureOf(tb.Name, tb.Rows[i]); f >= 0 && float64(n) != f {
					t.Errorf("%s %s row %d: the query lists %d records, the row states %v", s.ID, tb.Name, i, n, f)
				}
				if cols[0] == "source" && !reflect.DeepEqual(first, tr.Sample) {
					t.Errorf("%s %s row %d: the query's first records %v, the trace's sample %v", s.ID, tb.Name, i, first, tr.Sample)
				}
			}
		}
	}
	return ran
}
