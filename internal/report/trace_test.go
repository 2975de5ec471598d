package report

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
)

// A traced row's query lists as many records as the row's figure, with a
// sample of file:line: the persona's applications (frequency), handsets
// and SIMs, cells (data and voice records) and destinations.
func TestTracesListTheFiguresRecords(t *testing.T) {
	dir := t.TempDir()
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Subscribers, cfg.Records, cfg.Days, cfg.VoiceSubscribers, cfg.SimBoxes = 9, 30, 3000, 5, 20, 2
	truth, err := gen.Generate(filepath.Join(dir, "evidence"), cfg)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Create(filepath.Join(dir, "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if _, err := st.Import(ctx, []string{filepath.Join(dir, "evidence")}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	a := truth.Pairs[0].A
	r, err := Build(ctx, st, Params{Case: "case.db", Subscribers: []string{a}, Sections: []string{"persona", "simbox"}}, "t", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, s := range r.Sections {
		for _, tb := range s.Tables {
			if s.Kind != "persona" {
				continue
			}
			// the column(s) whose sum the trace lists
			cols := map[string][]int{"Applications by destination port (Table III)": {1}, "Handsets (IMEI) and SIMs (IMSI)": {2}, "Cells": {1, 2}}
			c, ok := cols[tb.Name]
			if !ok && strings.HasPrefix(tb.Name, "Destinations") {
				c, ok = []int{3}, true
			}
			if !ok {
				continue
			}
			for i, row := range tb.Rows {
				want := 0.0
				for _, k := range c {
					want += row[k].N
				}
				if tr := tb.Traces[i]; tr.Total != int64(want) || len(tr.Sample) == 0 || tr.Query == "" {
					t.Errorf("%s %s: %v records, trace lists %d (%v)", tb.Name, row[0].S, want, tr.Total, tr.Sample)
				}
				checked++
			}
		}
	}
	if checked < 5 {
		t.Fatal("no application row checked")
	}
}

// The persona's hours and the trends' intervals, weekdays and dates each
// trace their own records: the row's query counts exactly the row's
// figure (the query runs SQLite's strftime on the readable view; the
// figures come from the hour counts), and the rows of each table add up
// to the trend's total. Half of the subscriber's records in operator A's
// file write its number without the country code: the traces list the
// subscriber's records however the number was written, as the figures
// count them.
func TestTimeTablesTraceTheirRecords(t *testing.T) {
	dir := t.TempDir()
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Subscribers, cfg.Records, cfg.Days, cfg.VoiceSubscribers, cfg.SimBoxes = 9, 30, 3000, 9, 0, 0
	truth, err := gen.Generate(filepath.Join(dir, "evidence"), cfg)
	if err != nil {
		t.Fatal(err)
	}
	a := truth.Pairs[0].A
	ipdrA := filepath.Join(dir, "evidence", "operator_a_ipdr.csv")
	raw, err := os.ReadFile(ipdrA)
	if err != nil {
		t.Fatal(err)
	}
	lines, national := strings.Split(string(raw), "\n"), 0
	for i, l := range lines {
		if strings.HasPrefix(l, a+",") && i%2 == 0 {
			lines[i], national = strings.TrimPrefix(l, "91"), national+1
		}
	}
	if national < 10 || !strings.HasPrefix(a, "91") {
		t.Fatalf("%s: %d lines written without the country code", a, national)
	}
	if err := os.WriteFile(ipdrA, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := store.Create(filepath.Join(dir, "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	if _, err := st.Import(ctx, []string{filepath.Join(dir, "evidence")}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	var as int
	if err := st.DB().QueryRow("SELECT count(*) FROM ipdr_readable WHERE subscriber = ? AND msisdn <> subscriber", a).Scan(&as); err != nil || as != national {
		t.Fatalf("%d records of %s written otherwise (%v), want %d", as, a, err, national)
	}
	r, err := Build(ctx, st, Params{Case: "case.db", Subscribers: []string{a}, Sections: []string{"persona", "trends"}, App: "WhatsApp"}, "t", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	checked := map[string]int{}
	sums := map[string]int64{}
	var trendTotal, personaTotal int64
	for _, s := range r.Sections {
		for _, tb := range s.Tables {
			switch tb.Name {
			case "Hours of the wall clock (data records per hour)", "Three-hour intervals", "Weekdays", "Dates":
			default:
				continue
			}
			if len(tb.Traces) != len(tb.Rows) {
				t.Fatalf("%s: %d rows, %d traces", tb.Name, len(tb.Rows), len(tb.Traces))
			}
			for i, row := range tb.Rows {
				tr := tb.Traces[i]
				if tr.Total != int64(row[1].N) || (tr.Total > 0 && len(tr.Sample) == 0) || !strings.HasPrefix(tr.Query, "sqlite3 ") {
					t.Errorf("%s %s: %v records, trace lists %d (%v) %s", tb.Name, row[0].S, row[1].N, tr.Total, tr.Sample, tr.Query)
				}
				// the query the reader runs counts the same records
				q := strings.TrimPrefix(tr.Query, "sqlite3 case.db ")
				if strings.HasPrefix(q, `"`) {
					q = strings.Trim(q, `"`)
				} else {
					q = strings.ReplaceAll(strings.Trim(q, "'"), `'"'"'`, "'")
				}
				var n int64
				if err := st.DB().QueryRow("SELECT count(*) FROM (" + q + ")").Scan(&n); err != nil || n != int64(row[1].N) {
					t.Errorf("%s %s: the row's query counts %d (%v), the row says %v: %s", tb.Name, row[0].S, n, err, row[1].N, q)
				}
				sums[tb.Name] += tr.Total
				checked[tb.Name]++
			}
		}
	}
	for _, s := range r.Sections {
		switch s.Kind {
		case "persona":
			b, _ := json.Marshal(s.Data)
			var p struct{ Total int64 }
			json.Unmarshal(b, &p)
			personaTotal = p.Total
		case "trends":
			b, _ := json.Marshal(s.Data)
			var tr struct{ Total int64 }
			json.Unmarshal(b, &tr)
			trendTotal = tr.Total
		}
	}
	if checked["Hours of the wall clock (data records per hour)"] == 0 || checked["Three-hour intervals"] != 8 || checked["Weekdays"] != 7 || checked["Dates"] < 2 {
		t.Fatalf("tables checked %v", checked)
	}
	if trendTotal == 0 || sums["Three-hour intervals"] != trendTotal || sums["Weekdays"] != trendTotal || sums["Dates"] != trendTotal {
		t.Errorf("trend total %d, traced %v", trendTotal, sums)
	}
	if personaTotal == 0 || sums["Hours of the wall clock (data records per hour)"] != personaTotal {
		t.Errorf("persona total %d, hours traced %d", personaTotal, sums["Hours of the wall clock (data records per hour)"])
	}
}
