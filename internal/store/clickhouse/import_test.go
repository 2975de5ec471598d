package clickhouse

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"

	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// summaryJSON is a summary as --json prints it, with what names the case
// and when it was imported set apart (they differ by design).
func summaryJSON(t *testing.T, sum *store.Summary) string {
	t.Helper()
	sum.Path = ""
	for i := range sum.Sources {
		sum.Sources[i].ImportedAt = 0
	}
	b, err := json.MarshalIndent(sum, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// testImport: the generated case imported into the two-shard cluster
// holds what the same import holds locally (sources, hashes, rows,
// rejects, subscribers, cells, devices, span); both shards hold records;
// importing again adds nothing; an import interrupted before its sources
// are marked complete leaves nothing visible, and importing again after
// it gives the whole case once.
func testImport(t *testing.T, c *chkit.Cluster, dir string, local *store.Store) {
	ctx := context.Background()
	want, err := local.Summary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantJSON := summaryJSON(t, want)

	// interrupted: the first source's rows are written, its mark is not
	s := openCluster(t, c, "interrupted", true)
	beforeMark = func(int64) error { return errors.New("power cut") }
	_, err = s.Import(ctx, []string{dir}, store.ImportOptions{})
	beforeMark = nil
	if err == nil {
		t.Fatal("interrupted import gave no error")
	}
	sum, err := s.Summary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Sources) != 0 || sum.Subscribers != 0 || sum.FirstWall != "" {
		t.Fatalf("after an interrupted import the case shows %d sources, %d subscribers, first %q", len(sum.Sources), sum.Subscribers, sum.FirstWall)
	}
	var orphans uint64
	if err := s.home.QueryRow(ctx, s.sql(`SELECT count() FROM {ipdr}`)).Scan(&orphans); err != nil {
		t.Fatal(err)
	}
	if orphans == 0 {
		t.Fatal("the interruption came before any row was written: the test proves nothing")
	}
	res, err := s.Import(ctx, []string{dir}, store.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Error != "" {
			t.Fatalf("%s: %s", r.Path, r.Error)
		}
	}
	sum, err = s.Summary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := summaryJSON(t, sum); got != wantJSON {
		// ids of sources differ after an interrupted one: compare without
		for i := range sum.Sources {
			sum.Sources[i].ID = want.Sources[i].ID
		}
		if got := summaryJSON(t, sum); got != wantJSON {
			t.Fatalf("after resuming, summary\n%s\nwant\n%s", got, wantJSON)
		}
	}

	// straight into the cluster: the same summary, ids included
	s = openCluster(t, c, "generated", true)
	if _, err := s.Import(ctx, []string{dir}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	sum, err = s.Summary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := summaryJSON(t, sum); got != wantJSON {
		t.Fatalf("summary on the cluster\n%s\nwant\n%s", got, wantJSON)
	}
	for i, sh := range s.shards {
		var n uint64
		if err := sh.QueryRow(ctx, s.sql(`SELECT count() FROM {db}.ipdr_local`)).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			t.Errorf("shard %d holds no data records", i+1)
		}
	}

	// again: every file already in the case, nothing added
	res, err = s.Import(ctx, []string{dir}, store.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.SourceID != 0 && r.Skipped == "" {
			t.Errorf("%s imported a second time: %+v", r.Path, r)
		}
	}
	sum, err = s.Summary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := summaryJSON(t, sum); got != wantJSON {
		t.Fatalf("after importing again\n%s\nwant\n%s", got, wantJSON)
	}
}

// TestClickHouse runs every ClickHouse test against one cluster of two
// shards (started once: the servers take seconds to start).
func TestClickHouse(t *testing.T) {
	c := chkit.Start(t)
	dir := smallCase(t)
	local := localCase(t, dir)
	t.Run("import", func(t *testing.T) { testImport(t, c, dir, local) })
	t.Run("counts in a scope", func(t *testing.T) { testCountsIn(t, c, local) })
	t.Run("busiest subscribers", func(t *testing.T) { testBusiest(t, c, local) })
	t.Run("SIM-box evidence", func(t *testing.T) { testVoiceRecords(t, c, local) })
	t.Run("hunt form", func(t *testing.T) { testHuntForm(t, c, local) })
	t.Run("PBX artefacts kept beside operator records", func(t *testing.T) { testUnkept(t, c, dir) })
	t.Run("audit trail", func(t *testing.T) { testAuditTrail(t, c) })
	t.Run("audit trail read while written", func(t *testing.T) { testAuditTrailLive(t, c) })
	t.Run("notes at once", func(t *testing.T) { testNotesAtOnce(t, c) })
	t.Run("a case older than its cell-site tables", func(t *testing.T) { testOlderCase(t, c, local) })
	t.Run("overlap across imports", func(t *testing.T) { testOverlapAcrossImports(t, c, dir) })
	t.Run("shard down", func(t *testing.T) { testShardDown(t, c, dir, local) }) // last: it stops a shard
}

// testCountsIn: the Overview's figures in a time scope (records, the
// subscribers behind them, the first and last wall clock) are the local
// case's, for open and closed scopes and one that holds nothing.
func testCountsIn(t *testing.T, c *chkit.Cluster, local *store.Store) {
	ctx := context.Background()
	s := openCluster(t, c, "generated", false)
	day := func(d string) int64 {
		tm, err := time.Parse("2006-01-02 15:04", d)
		if err != nil {
			t.Fatal(err)
		}
		return tm.Unix()
	}
	for _, sc := range [][2]int64{
		{day("2024-03-19 00:00"), day("2024-03-21 00:00")},
		{day("2024-03-20 10:30"), 0},
		{0, day("2024-03-19 06:00")},
		{day("2030-01-01 00:00"), 0},
	} {
		want, err := local.CountsIn(ctx, sc[0], sc[1])
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.CountsIn(ctx, sc[0], sc[1])
		if err != nil {
			t.Fatal(err)
		}
		w, _ := json.Marshal(want)
		g, _ := json.Marshal(got)
		if string(g) != string(w) || got.First != want.First || got.Last != want.Last {
			t.Errorf("counts in %v on the cluster: %s, want %s", sc, g, w)
		}
		if sc[0] != day("2030-01-01 00:00") && want.Records["ipdr"] == 0 {
			t.Errorf("counts in %v: no data records locally: the test proves nothing", sc)
		}
	}
}

// testShardDown: with one shard stopped, the analyses and an import
// answer with an error naming the case, not a hang; once the shard is
// back, the case answers as before and an import interrupted by the
// stop completes when run again.
func testShardDown(t *testing.T, c *chkit.Cluster, dir string, local *store.Store) {
	// a hang guard only (never reached when the error comes as it should)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := openCluster(t, c, "generated", false)
	want, err := s.Summary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantJSON := summaryJSON(t, want)
	c.Servers[1].Kill()
	_, err = s.Summary(ctx)
	if err == nil {
		t.Fatal("summary with a shard down gave no error")
	}
	if ctx.Err() != nil {
		t.Fatalf("summary with a shard down hung: %v", err)
	}
	if !strings.Contains(err.Error(), "ClickHouse clickhouse://") {
		t.Errorf("the error does not say which case failed: %v", err)
	}
	if _, err := s.SimBoxActivity(ctx, analysis.ClockWindow{From: 0, To: 6 * 3600}); err == nil || ctx.Err() != nil {
		t.Fatalf("SIM-box features with a shard down: %v (context %v)", err, ctx.Err())
	}
	// a case cannot be opened for an import while a shard is down
	if _, err := Open(ctx, c.URL("restarted"), c.Name, true); err == nil || !strings.Contains(err.Error(), c.Servers[1].Addr()) {
		t.Fatalf("opening for an import with a shard down: %v, want an error naming the shard %s", err, c.Servers[1].Addr())
	}
	if !strings.Contains(err.Error(), "does not answer") {
		t.Errorf("the error does not say a shard is not answering: %v", err)
	}
	if err := c.Servers[1].Restart(); err != nil {
		t.Fatal(err)
	}
	sum, err := s.Summary(ctx)
	if err != nil {
		t.Fatalf("after the restart: %v", err)
	}
	if got := summaryJSON(t, sum); got != wantJSON {
		t.Fatalf("after the restart the summary is\n%s\nwant\n%s", got, wantJSON)
	}
	// an import interrupted by a shard's stop, then run again
	fresh := openCluster(t, c, "restarted", true)
	beforeMark = func(int64) error { c.Servers[1].Kill(); return nil }
	_, err = fresh.Import(ctx, []string{dir}, store.ImportOptions{})
	beforeMark = nil
	if err == nil {
		t.Fatal("import with a shard killed mid-way gave no error")
	}
	if err := c.Servers[1].Restart(); err != nil {
		t.Fatal(err)
	}
	fresh = openCluster(t, c, "restarted", false)
	if _, err := fresh.Import(ctx, []string{dir}, store.ImportOptions{}); err != nil {
		t.Fatalf("import after the restart: %v", err)
	}
	lw, err := local.Summary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sum, err = fresh.Summary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, wantLocal := summaryJSON(t, sum), summaryJSON(t, lw)
	if got != wantLocal {
		// the source ids of the interrupted attempt are skipped
		for i := range sum.Sources {
			sum.Sources[i].ID = lw.Sources[i].ID
		}
		if got = summaryJSON(t, sum); got != wantLocal {
			t.Fatalf("import resumed after the restart:\n%s\nwant\n%s", got, wantLocal)
		}
	}
}

// testBusiest: the Overview's subscriber list on the cluster: every
// subscriber with records, most first, each with the counts and first and
// last wall clock the local case keeps in its summary; a limit keeps the
// busiest.
func testBusiest(t *testing.T, c *chkit.Cluster, local *store.Store) {
	ctx := context.Background()
	s := openCluster(t, c, "generated", false)
	all, total, err := s.BusiestSubscribers(ctx, 1_000_000)
	if err != nil {
		t.Fatal(err)
	}
	var want int64
	if err := local.DB().QueryRowContext(ctx, `SELECT count(*) FROM subscribers WHERE data_records + voice_records > 0`).Scan(&want); err != nil {
		t.Fatal(err)
	}
	if total != want || int64(len(all)) != want || want == 0 {
		t.Fatalf("%d subscribers listed, %d counted; the local case has %d with records", len(all), total, want)
	}
	for i, got := range all {
		ref, err := local.SubscriberTotalsOf(ctx, got.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got != ref {
			t.Errorf("subscriber %d on the cluster: %+v, want %+v", got.ID, got, ref)
		}
		if i > 0 {
			p := all[i-1]
			if n, pn := got.DataRecords+got.VoiceRecords, p.DataRecords+p.VoiceRecords; n > pn || n == pn && got.ID < p.ID {
				t.Errorf("row %d (%d records, id %d) after row %d (%d records, id %d)", i, n, got.ID, i-1, pn, p.ID)
			}
		}
	}
	top, total, err := s.BusiestSubscribers(ctx, 5)
	if err != nil || total != want || len(top) != 5 || top[4] != all[4] {
		t.Fatalf("the 5 busiest: %+v (of %d), %v; want the first 5 of the whole list", top, total, err)
	}
}

// testVoiceRecords: the voice records behind each feature of the SIM-box
// scores (of every SIM the local case scores highest, and a few honest
// ones) are the local case's, record for record, with their count, at a
// limit and without.
func testVoiceRecords(t *testing.T, c *chkit.Cluster, local *store.Store) {
	ctx := context.Background()
	s := openCluster(t, c, "generated", false)
	cfg := analysis.DefaultSimBoxConfig()
	night, err := cfg.NightWindow()
	if err != nil {
		t.Fatal(err)
	}
	acts, err := local.SimBoxActivity(ctx, night)
	if err != nil {
		t.Fatal(err)
	}
	res := analysis.ScoreSimBoxes(acts, cfg)
	sims := res.Subscribers
	if len(sims) > 8 {
		sims = append(sims[:6:6], sims[len(sims)-2:]...)
	}
	compared := 0
	for _, sim := range sims {
		for _, feature := range []string{"night_calls", "night_distinct", "outgoing", "incoming", "sms", "top_cell_share", "cells"} {
			sel, err := casework.SimBoxSelection(sim, feature, cfg)
			if err != nil {
				t.Fatal(err)
			}
			for _, limit := range []int{5, 100_000} {
				want, wantN, err := local.VoiceRecords(ctx, sel, limit)
				if err != nil {
					t.Fatal(err)
				}
				got, gotN, err := s.VoiceRecords(ctx, sel, limit)
				if err != nil {
					t.Fatal(err)
				}
				w, _ := json.Marshal(want)
				g, _ := json.Marshal(got)
				if gotN != wantN || string(g) != string(w) {
					t.Fatalf("%s %s (limit %d) on the cluster: %d records\n%s\nwant %d\n%s", sim.MSISDN, feature, limit, gotN, g, wantN, w)
				}
				compared += len(want)
			}
		}
	}
	if compared == 0 {
		t.Fatal("no record behind any feature: the test proves nothing")
	}
}

// testHuntForm: the hunt form's placeholders (a destination, a cell) and
// its check of the cells typed (how many the case holds, which named
// exactly it does not) are the local case's.
func testHuntForm(t *testing.T, c *chkit.Cluster, local *store.Store) {
	ctx := context.Background()
	s := openCluster(t, c, "generated", false)
	want, err := local.HuntExamples(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.HuntExamples(ctx)
	if err != nil || got != want || want.Dest == "" || want.Cell == "" {
		t.Fatalf("hunt examples on the cluster: %+v, %v; want %+v", got, err, want)
	}
	var first, second string
	if err := local.DB().QueryRowContext(ctx, `SELECT min(cell), max(cell) FROM cells`).Scan(&first, &second); err != nil {
		t.Fatal(err)
	}
	for _, typed := range []string{first, first + "," + second, first[:len(first)-2] + "*", "999-99-1-1", first + ",999-99-1-1", "4*"} {
		specs, err := analysis.ParseHuntCells(typed)
		if err != nil {
			t.Fatal(err)
		}
		wn, wu, err := local.HuntCells(ctx, specs)
		if err != nil {
			t.Fatal(err)
		}
		gn, gu, err := s.HuntCells(ctx, specs)
		if err != nil || gn != wn || strings.Join(gu, ",") != strings.Join(wu, ",") {
			t.Errorf("hunt cells %q on the cluster: %d, unknown %v, %v; want %d, unknown %v", typed, gn, gu, err, wn, wu)
		}
		if typed == first && wn == 0 {
			t.Errorf("hunt cells %q: none locally: the test proves nothing", typed)
		}
	}
}
