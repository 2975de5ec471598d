package clickhouse

import (
	"context"
	"reflect"
	"testing"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// TestLongIDListsInChunks checks the whole-case subscriber lists (the
// contacts ranking's, the SIM-box scoring's) when their ids are sent in
// several queries, as they are once a case's subscribers no longer fit in
// one query's text: with 7 ids a query the lists equal the local case's,
// in the same order.
func TestLongIDListsInChunks(t *testing.T) {
	c := chkit.Start(t)
	dir := smallCase(t)
	local := localCase(t, dir)
	ch := openCluster(t, c, "ids", true)
	ctx := context.Background()
	if _, err := ch.Import(ctx, []string{dir}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	was := idsPerQuery
	idsPerQuery = 7
	t.Cleanup(func() { idsPerQuery = was })

	want, err := local.DataSubscribers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ch.DataSubscribers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) <= 2*idsPerQuery || !reflect.DeepEqual(got, want) {
		t.Fatalf("data subscribers in chunks of %d: %d on the cluster, %d locally (want more than two chunks)\n%v\n%v", idsPerQuery, len(got), len(want), got, want)
	}
	night, err := analysis.DefaultSimBoxConfig().NightWindow()
	if err != nil {
		t.Fatal(err)
	}
	wantSIMs, err := local.SimBoxActivity(ctx, night)
	if err != nil {
		t.Fatal(err)
	}
	gotSIMs, err := ch.SimBoxActivity(ctx, night)
	if err != nil {
		t.Fatal(err)
	}
	named := func(acts []analysis.SIMActivity) map[string]bool {
		m := map[string]bool{}
		for _, a := range acts {
			m[a.MSISDN] = true
		}
		return m
	}
	if w, g := named(wantSIMs), named(gotSIMs); len(w) <= 2*idsPerQuery || !reflect.DeepEqual(g, w) {
		t.Fatalf("SIM-box SIMs named in chunks of %d: %d on the cluster, %d locally", idsPerQuery, len(g), len(w))
	}
}
