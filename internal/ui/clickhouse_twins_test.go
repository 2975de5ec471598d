package ui

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/cdrtui/cdrtui/internal/gen"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/store/clickhouse"
	"github.com/cdrtui/cdrtui/internal/testkit/chkit"
)

// twins is one generated case's evidence imported twice: into a local
// case and into a database of a two-shard ClickHouse cluster started for
// the test. The ClickHouse pane tests open the workbench on each and
// compare the screens.
type twins struct {
	dir   string // the evidence
	truth *gen.Truth
	local *store.Store
	ch    *clickhouse.Store
	c     *chkit.Cluster
}

// newTwins starts the cluster, writes the case of cfg and imports it into
// both cases (database names the cluster's); with sites, the generated
// operator site list and cell-tower file are imported into both too.
func newTwins(t *testing.T, database string, cfg gen.Config, sites bool) twins {
	t.Helper()
	c := chkit.Start(t)
	dir := filepath.Join(t.TempDir(), "evidence")
	truth, err := gen.Generate(dir, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	local, err := store.Create(filepath.Join(t.TempDir(), "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := local.Import(ctx, []string{dir}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	ch, err := clickhouse.Open(ctx, c.URL(database), c.Name, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ch.Import(ctx, []string{dir}, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if sites {
		files := []string{filepath.Join(dir, gen.FileOperatorSites), filepath.Join(dir, gen.FileCellTowers)}
		if _, err := local.ImportCells(ctx, files, store.CellImportOptions{}); err != nil {
			t.Fatal(err)
		}
		if res, err := ch.ImportSites(ctx, files, store.CellImportOptions{}, nil); err != nil || len(res) != 2 || res[0].Rows == 0 {
			t.Fatalf("cell sites on the cluster: %+v %v", res, err)
		}
	}
	return twins{dir: dir, truth: truth, local: local, ch: ch, c: c}
}
