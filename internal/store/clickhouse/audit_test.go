package clickhouse

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// testAuditTrail: two writers (two open cases, as two analysts' commands
// or workbenches) append at the same time; each keeps a chain of its own
// and the whole verifies. Then the trail is tampered with on the server
// (an entry deleted, an entry's content changed, a head rewound) and each
// is named.
func testAuditTrail(t *testing.T, c *chkit.Cluster) {
	ctx := context.Background()
	url := c.URL("trail")
	first, err := Open(ctx, url, c.Name, true)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	if check, es, err := first.AuditTrail(ctx); err != nil || len(es) != 0 || !check.OK {
		t.Fatalf("a case that never recorded: %v entries, %+v, %v", len(es), check, err)
	}
	second, err := Open(ctx, url, c.Name, false)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	// one entry first, so that both writers' chains follow it
	if _, err := first.AppendAudit(ctx, store.AuditEntry{Analyst: "asha", Action: "import"}); err != nil {
		t.Fatal(err)
	}
	const each = 12
	var wg sync.WaitGroup
	errs := make(chan error, 2*each)
	for w, st := range []*Store{first, second} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				if _, err := st.AppendAudit(ctx, store.AuditEntry{Analyst: fmt.Sprint("analyst", w), Action: fmt.Sprint("run ", i)}); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	check, es, err := second.AuditTrail(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !check.OK || check.Entries != 1+2*each || check.Chains != 2 || len(check.Head) != 64 {
		t.Fatalf("two writers at once: %+v", check)
	}
	byChain := map[string]int{}
	for _, e := range es {
		byChain[e.Chain]++
	}
	if byChain[es[0].Chain] != 1+each || len(byChain) != 2 {
		t.Fatalf("entries per chain %v, want %d and %d", byChain, 1+each, each)
	}
	// the second writer's chain began after the first entry: it follows it
	for _, e := range es {
		if e.Chain != es[0].Chain && e.Seq == 1 && e.PrevSHA256 == store.GenesisSHA256 {
			t.Errorf("the second chain starts from the genesis, not from the trail it found: %+v", e)
		}
	}

	mutate := func(q string) {
		t.Helper()
		if err := first.home.Exec(ctx, first.sql(q)); err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(time.Minute); ; {
			var pending uint64
			if err := first.home.QueryRow(ctx, `SELECT count() FROM system.mutations WHERE database = 'trail' AND table = 'audit' AND is_done = 0`).Scan(&pending); err != nil {
				t.Fatal(err)
			}
			if pending == 0 {
				return
			}
			if time.Now().After(deadline) {
				t.Fatal("the mutation did not finish")
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	other := ""
	for ch := range byChain {
		if ch != es[0].Chain {
			other = ch
		}
	}
	mutate(fmt.Sprintf(`ALTER TABLE {db}.audit UPDATE action = 'hunt' WHERE chain = '%s' AND seq = 4`, other))
	if check, _, _ := first.AuditTrail(ctx); check.OK || check.BadChain != other || *check.FirstBad != 4 || !strings.Contains(check.Reason, "altered") {
		t.Errorf("an entry's action changed on the server: %+v", check)
	}
	mutate(fmt.Sprintf(`ALTER TABLE {db}.audit DELETE WHERE chain = '%s' AND seq = 7`, es[0].Chain))
	chains := []string{es[0].Chain, other}
	if chains[1] < chains[0] {
		chains[0], chains[1] = chains[1], chains[0]
	}
	if check, _, _ := first.AuditTrail(ctx); check.OK || check.BadChain != chains[0] {
		t.Errorf("an entry deleted on the server: %+v (want chain %s named first)", check, chains[0])
	}
	// on a case of its own: a head rewound on the server is seen
	third, err := Open(ctx, c.URL("trail2"), c.Name, true)
	if err != nil {
		t.Fatal(err)
	}
	defer third.Close()
	for _, action := range []string{"persona", "hunt"} {
		if _, err := third.AppendAudit(ctx, store.AuditEntry{Analyst: "asha", Action: action}); err != nil {
			t.Fatal(err)
		}
	}
	check, es, err = third.AuditTrail(ctx)
	if err != nil || !check.OK || len(es) != 2 || es[0].PrevSHA256 != store.GenesisSHA256 || es[1].PrevSHA256 != es[0].EntrySHA256 {
		t.Fatalf("a third case's trail: %+v %+v %v", check, es, err)
	}
	if err := third.SetInfo(ctx, headPrefix+es[0].Chain, "1 "+es[0].EntrySHA256); err != nil {
		t.Fatal(err)
	}
	if check, _, _ := third.AuditTrail(ctx); check.OK || *check.FirstBad != 2 || !strings.Contains(check.Reason, "not its last entry") {
		t.Errorf("a rewound head: %+v", check)
	}
}
