package clickhouse

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// testAuditTrailLive: a writer shows, between writing an entry and its
// chain's head, an entry ahead of its head. A verifier reading the trail
// then (audit --verify while another analyst's workbench records) reads
// it again a moment later instead of calling the trail broken; an entry
// whose head never comes is still a fault.
func testAuditTrailLive(t *testing.T, c *chkit.Cluster) {
	ctx := context.Background()
	st, err := Open(ctx, c.URL("live"), c.Name, true)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	e, err := st.AppendAudit(ctx, store.AuditEntry{Analyst: "asha", Action: "import"})
	if err != nil {
		t.Fatal(err)
	}
	// the second entry of the chain, written as AppendAudit writes it, its
	// head only 300 ms later
	next := store.AuditEntry{Chain: e.Chain, Seq: 2, PrevSHA256: e.EntrySHA256, At: time.Now().UTC().Format(atLayout), Analyst: "asha", Action: "persona", Params: "{}"}
	next.EntrySHA256 = next.ContentHash()
	write := func(x store.AuditEntry) {
		b, err := st.home.PrepareBatch(ctx, st.sql(`INSERT INTO {db}.audit (chain, seq, at, analyst, action, params, result_sha256, prev_sha256, entry_sha256)`))
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Append(x.Chain, x.Seq, x.At, x.Analyst, x.Action, x.Params, x.ResultSHA256, x.PrevSHA256, x.EntrySHA256); err != nil {
			t.Fatal(err)
		}
		if err := b.Send(); err != nil {
			t.Fatal(err)
		}
	}
	write(next)
	headed := make(chan error, 1)
	go func() {
		time.Sleep(300 * time.Millisecond)
		headed <- st.setInfo(ctx, headPrefix+e.Chain, strconv.FormatInt(next.Seq, 10)+" "+next.EntrySHA256)
	}()
	check, es, err := st.AuditTrail(ctx)
	if err := <-headed; err != nil {
		t.Fatal(err)
	}
	if err != nil || !check.OK || len(es) != 2 {
		t.Fatalf("a trail read while its writer was between an entry and its head: %+v, %d entries, %v", check, len(es), err)
	}
	// an entry whose head never comes is reported
	third := store.AuditEntry{Chain: e.Chain, Seq: 3, PrevSHA256: next.EntrySHA256, At: time.Now().UTC().Format(atLayout), Analyst: "mallory", Action: "hunt", Params: "{}"}
	third.EntrySHA256 = third.ContentHash()
	write(third)
	if check, _, err := st.AuditTrail(ctx); err != nil || check.OK || check.BadChain != e.Chain {
		t.Fatalf("an entry added without its head: %+v, %v", check, err)
	}
}
