package clickhouse

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// The complete sources are written into the questions once read, and an
// import through the same case makes its sources visible at once.
func TestClickHouseCompleteSourcesCached(t *testing.T) {
	c := chkit.Start(t)
	ctx := context.Background()
	evidence := func(seed int64) (string, *gen.Truth) {
		cfg := gen.DefaultConfig()
		cfg.Seed, cfg.Subscribers, cfg.Days, cfg.Records, cfg.VoiceSubscribers = seed, 30, 3, 4000, 20
		dir := filepath.Join(t.TempDir(), "evidence")
		truth, err := gen.Generate(dir, cfg)
		if err != nil {
			t.Fatal(err)
		}
		return dir, truth
	}
	first, t1 := evidence(1)
	second, t2 := evidence(2)
	s := openCluster(t, c, "cached", true)
	dataRecords := func() int64 {
		var n int64
		err := s.each(ctx, `SELECT count() FROM {ipdr} WHERE {visible}`, func(sc scanner) error {
			var u uint64
			err := sc.Scan(&u)
			n = int64(u)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := dataRecords(); n != 0 {
		t.Fatalf("an empty case shows %d data records", n)
	}
	if v := s.visible(); v != "source_id IN (-1)" {
		t.Fatalf("an empty case's condition once read: %q", v)
	}
	importInto := func(dir string) {
		res, err := s.Import(ctx, []string{dir}, store.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			if r.Error != "" {
				t.Fatalf("%s: %s", r.Path, r.Error)
			}
		}
	}
	importInto(first)
	if _, ok := s.completeIDs(); ok {
		t.Fatal("the list of complete sources was kept through an import that marked sources complete")
	}
	if n := dataRecords(); n != int64(t1.IPDRRecords) {
		t.Fatalf("after the first import: %d data records, want %d", n, t1.IPDRRecords)
	}
	ids, ok := s.completeIDs()
	if !ok || len(ids) == 0 || !strings.HasPrefix(s.visible(), "source_id IN ("+idList(ids[:1])) {
		t.Fatalf("after a question the complete sources are not written into the next: %v %v %q", ids, ok, s.visible())
	}
	importInto(second)
	if n := dataRecords(); n != int64(t1.IPDRRecords+t2.IPDRRecords) {
		t.Fatalf("after the second import through the same case: %d data records, want %d", n, t1.IPDRRecords+t2.IPDRRecords)
	}
	more, _ := s.completeIDs()
	if len(more) <= len(ids) {
		t.Fatalf("complete sources %v after the second import, %v before", more, ids)
	}
}
