package report

import (
	"context"
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
