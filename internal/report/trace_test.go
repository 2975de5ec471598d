package report

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
)

// A traced row's query lists as many records as the row's figure: each
// application of the persona (its frequency), with a sample of file:line.
func TestTracesListTheFiguresRecords(t *testing.T) {
	dir := t.TempDir()
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Subscribers, cfg.Records, cfg.Days, cfg.VoiceSubscribers, cfg.SimBoxes = 9, 30, 3000, 5, 20, 2
	truth, err := gen.Generate(filepath.Join(dir, "evidence"), cfg)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(filepath.Join(dir, "case.db"))
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
			if s.Kind != "persona" || tb.Name != "Applications by destination port (Table III)" {
				continue
			}
			for i, row := range tb.Rows {
				if tr := tb.Traces[i]; tr.Total != int64(row[1].N) || len(tr.Sample) == 0 || tr.Query == "" {
					t.Errorf("%s: %v records, trace lists %d (%v)", row[0].S, row[1].N, tr.Total, tr.Sample)
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Fatal("no application row checked")
	}
}
