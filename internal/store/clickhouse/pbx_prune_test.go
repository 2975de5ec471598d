package clickhouse

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// TestClickHousePBXPrune imports a seized PBX's files one at a time (a
// generation each): once a generation is complete, those older than the
// one before it are gone from every PBX table and from pbx_sources, the
// one before it is whole (a reader that took it before the new one was
// complete copies it after, with the report it gave), and the report is
// the local case's after every step.
func TestClickHousePBXPrune(t *testing.T) {
	c := chkit.Start(t)
	ctx := context.Background()
	local := newLocalCase(t)
	s := openCluster(t, c, "pbxprune", true)
	files := []string{
		testkit.Corpus(t, "bugadm-telephonyswitching/Master.csv"),
		testkit.Corpus(t, "bugadm-telephonyswitching/100.csv"),
		testkit.Corpus(t, "bugadm-telephonyswitching/messages.head"),
		testkit.Corpus(t, "kaitocross-phonewave-asterisk-conf/sip.conf"),
	}
	// rows counts generation g's rows in every PBX table and pbx_sources,
	// once the deletions asked for are done (waited for: ten seconds)
	rows := func(g int64) int64 {
		for i := 0; ; i++ {
			var pending uint64
			if err := s.home.QueryRow(ctx, `SELECT count() FROM system.mutations WHERE database = ? AND is_done = 0`, s.target.Database).Scan(&pending); err != nil {
				t.Fatal(err)
			}
			if pending == 0 {
				break
			}
			if i == 100 {
				t.Fatalf("%d deletions not done in ten seconds", pending)
			}
			time.Sleep(100 * time.Millisecond)
		}
		var n int64
		for _, table := range append(append([]string{}, store.PBXTables...), "pbx_sources") {
			var k uint64
			if err := s.home.QueryRow(ctx, s.sql(`SELECT count() FROM {db}.`+table+` WHERE gen = ?`), g).Scan(&k); err != nil {
				t.Fatal(err)
			}
			n += int64(k)
		}
		return n
	}
	var gens []int64
	written := map[int64]int64{} // each generation's rows once complete
	reports := map[int64]string{}
	for i, f := range files {
		if _, err := local.Import(ctx, []string{f}, store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Import(ctx, []string{f}, store.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		g, err := s.pbxGen(ctx)
		if err != nil || (len(gens) > 0 && g <= gens[len(gens)-1]) {
			t.Fatalf("import %d made generation %d after %v (%v)", i+1, g, gens, err)
		}
		gens = append(gens, g)
		written[g] = rows(g)
		if written[g] == 0 {
			t.Fatalf("generation %d holds no rows", g)
		}
		pbx, err := s.PBX(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := asteriskJSON(t, local)
		if got := asteriskJSON(t, pbx); got != want {
			t.Fatalf("after import %d the report on the cluster:\n%s\nwant (the local case):\n%s", i+1, got, want)
		}
		reports[g] = want
		for j, old := range gens[:len(gens)-1] {
			n := rows(old)
			switch {
			case j < len(gens)-2 && n != 0:
				t.Errorf("after import %d generation %d (older than the one before the current) keeps %d rows", i+1, old, n)
			case j == len(gens)-2 && n != written[old]:
				t.Errorf("after import %d the generation before the current (%d) holds %d rows, %d when written", i+1, old, n, written[old])
			}
		}
		if len(gens) >= 2 { // a reader that took the one before copies it now
			prev := gens[len(gens)-2]
			st, err := store.Create(filepath.Join(t.TempDir(), "reader.db"))
			if err != nil {
				t.Fatal(err)
			}
			if err := s.fillMirror(ctx, st, prev); err != nil {
				t.Fatalf("a reader copying generation %d after %d is complete: %v", prev, g, err)
			}
			if got := asteriskJSON(t, st); got != reports[prev] {
				t.Errorf("a reader's copy of generation %d after %d is complete:\n%s\nwant (as it was):\n%s", prev, g, got, reports[prev])
			}
			st.Close()
		}
	}
	if len(gens) != 4 {
		t.Fatalf("generations %v", gens)
	}
}
