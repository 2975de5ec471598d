package clickhouse

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// The complete sources are written into the questions once read, and an
// import through the same case makes its sources visible at once.
func TestClickHouseCompleteSourcesCached(t *testing.T) {
	c := chkit.Start(t)
	first, t1 := completeEvidence(t, 1, 3, 4000, 20)
	second, t2 := completeEvidence(t, 2, 3, 4000, 20)
	s := openCluster(t, c, "cached", true)
	dataRecords := func() int64 { return visibleDataRecords(t, s) }
	if n := dataRecords(); n != 0 {
		t.Fatalf("an empty case shows %d data records", n)
	}
	if v := s.visible(); v != "source_id IN (-1)" {
		t.Fatalf("an empty case's condition once read: %q", v)
	}
	importInto := func(dir string) { importEvidence(t, s, dir) }
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

// A case open in one process sees a source another process imports into
// it without being opened again: the list of complete sources it keeps is
// checked against source_complete (its rows, their ids' sum and largest)
// once its check interval has passed, and read again when they changed;
// inside the interval it is trusted, with no question asked.
func TestClickHouseCompleteSourcesOtherImport(t *testing.T) {
	c := chkit.Start(t)
	ctx := context.Background()
	first, t1 := completeEvidence(t, 3, 2, 3000, 10)
	second, t2 := completeEvidence(t, 4, 2, 3000, 10)
	importer := openCluster(t, c, "others", true)
	importInto := func(dir string) { importEvidence(t, importer, dir) }
	importInto(first)
	reader := openCluster(t, c, "others", false)  // the workbench open on the case
	waiting := openCluster(t, c, "others", false) // another, with the default interval
	dataRecords := func(s *Store) int64 { return visibleDataRecords(t, s) }
	reader.complete.every = time.Hour
	for _, s := range []*Store{reader, waiting} {
		if n := dataRecords(s); n != int64(t1.IPDRRecords) {
			t.Fatalf("before the other import: %d data records, want %d", n, t1.IPDRRecords)
		}
	}
	before, _ := reader.completeIDs()
	importInto(second)
	both := int64(t1.IPDRRecords + t2.IPDRRecords)
	// inside its interval the list is trusted: the new source is not
	// seen yet, and source_complete was not asked
	checked := reader.complete.checked
	if n := dataRecords(reader); n != int64(t1.IPDRRecords) {
		t.Fatalf("inside the interval: %d data records, want the list read before (%d)", n, t1.IPDRRecords)
	}
	if reader.complete.checked != checked {
		t.Fatal("source_complete was asked inside the interval")
	}
	// once it has passed, the next question sees the other import
	reader.complete.every = -1
	if n := dataRecords(reader); n != both {
		t.Fatalf("after the other import, the interval passed: %d data records, want %d", n, both)
	}
	after, ok := reader.completeIDs()
	if !ok || len(after) <= len(before) {
		t.Fatalf("complete sources %v after the other import, %v before", after, before)
	}
	sum, err := reader.Summary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Sources) != len(after) {
		t.Fatalf("the summary lists %d sources, the complete ones are %v", len(sum.Sources), after)
	}
	// nothing changed since: checked, not read again
	if n := dataRecords(reader); n != both {
		t.Fatalf("checked again: %d data records, want %d", n, both)
	}
	// with the default interval, the other import is seen within it
	// (waited for: at most ten seconds)
	for i := 0; dataRecords(waiting) != both; i++ {
		if i == 100 {
			t.Fatalf("the case with the default interval (%s) did not see the other import in ten seconds", completeCheck)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// completeEvidence generates a small evidence set of 30 subscribers.
func completeEvidence(t *testing.T, seed int64, days, records, voice int) (string, *gen.Truth) {
	t.Helper()
	cfg := gen.DefaultConfig()
	cfg.Seed, cfg.Subscribers, cfg.Days, cfg.Records, cfg.VoiceSubscribers = seed, 30, days, records, voice
	dir := filepath.Join(t.TempDir(), "evidence")
	truth, err := gen.Generate(dir, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return dir, truth
}

// importEvidence imports dir into s, every file without an error.
func importEvidence(t *testing.T, s *Store, dir string) {
	t.Helper()
	res, err := s.Import(context.Background(), []string{dir}, store.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if r.Error != "" {
			t.Fatalf("%s: %s", r.Path, r.Error)
		}
	}
}

// visibleDataRecords counts the data records of s's complete sources.
func visibleDataRecords(t *testing.T, s *Store) int64 {
	t.Helper()
	var n int64
	err := s.each(context.Background(), `SELECT count() FROM {ipdr} WHERE {visible}`, func(sc scanner) error {
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
