package clickhouse

import (
	"context"
	"testing"

	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// testOlderCase: a case made before the cell-site tables existed gets
// them when opened, and then holds no sites: no cell is placed, and the
// persona's coverage counts every record and places none.
func testOlderCase(t *testing.T, c *chkit.Cluster, local *store.Store) {
	ctx := context.Background()
	s := openCluster(t, c, "generated", false)
	for _, table := range []string{"cell_sites", "map_layers"} {
		if err := s.home.Exec(ctx, "DROP TABLE "+s.target.Database+"."+table); err != nil {
			t.Fatal(err)
		}
	}
	again := openCluster(t, c, "generated", false)
	var n uint64
	if err := again.home.QueryRow(ctx, `SELECT count() FROM system.tables WHERE database = 'generated' AND name IN ('cell_sites', 'map_layers')`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("the cell-site tables after opening: %d, %v", n, err)
	}
	if rows, keys, err := again.CellSiteCount(ctx); err != nil || rows != 0 || keys != 0 {
		t.Fatalf("cell sites of a case without them: %d %d %v", rows, keys, err)
	}
	want, err := local.CoverageOf(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	got, err := again.CoverageOf(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got != want || got.Records == 0 || got.Cells == 0 || got.Placed != 0 {
		t.Fatalf("coverage on the cluster %+v, want %+v (no site: nothing placed)", got, want)
	}
}
