package clickhouse

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// testNotesAtOnce: two analysts add notes at the same moment; every note
// gets a number of its own, 1 to n, and each is listed once, under the
// number its writer was given.
func testNotesAtOnce(t *testing.T, c *chkit.Cluster) {
	ctx := context.Background()
	url := c.URL("notes")
	first, err := Open(ctx, url, c.Name, true)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	second, err := Open(ctx, url, c.Name, false)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	const each = 8
	given := make([][]int64, 2)
	var wg sync.WaitGroup
	for w, st := range []*Store{first, second} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				id, err := st.AddNote(ctx, store.Note{Analyst: fmt.Sprint("analyst", w), Kind: "subscriber", Target: fmt.Sprintf("9190000%d%02d", w, i)})
				if err != nil {
					t.Error(err)
					return
				}
				given[w] = append(given[w], id)
			}
		}()
	}
	wg.Wait()
	ns, err := first.Notes(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(ns) != 2*each {
		t.Fatalf("%d notes listed, want %d: %+v", len(ns), 2*each, ns)
	}
	byID := map[int64]string{}
	for i, n := range ns {
		if n.ID != int64(i+1) {
			t.Errorf("note %d has number %d: want 1 to %d in order", i, n.ID, 2*each)
		}
		byID[n.ID] = n.Target
	}
	for w, ids := range given {
		for i, id := range ids {
			if want := fmt.Sprintf("9190000%d%02d", w, i); byID[id] != want {
				t.Errorf("writer %d's note %d was given number %d, which lists %q", w, i, id, byID[id])
			}
		}
	}
	if err := second.RemoveNote(ctx, 3); err != nil {
		t.Fatal(err)
	}
	if _, err := first.Note(ctx, 3); err != store.ErrNoNote {
		t.Errorf("a removed note: %v", err)
	}
	if err := first.RemoveNote(ctx, 3); err != store.ErrNoNote {
		t.Errorf("removing it again: %v", err)
	}
	id, err := first.AddNote(ctx, store.Note{Kind: "subscriber", Target: "x"})
	if err != nil || id != 2*each+1 {
		t.Errorf("a note after a removal: number %d (%v), want %d (numbers are not reused)", id, err, 2*each+1)
	}
}
