package casework

import (
	"context"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
)

// Locator is what the location analyses (Location, Colocate, ColocateTop,
// Scenes, ExportLocation) ask of a case: a Case with its cell sites and
// the records by cell. A local case and a case on ClickHouse both answer
// it, with the same numbers.
type Locator interface {
	Case
	cellSites
	Sources(ctx context.Context) ([]store.Source, error)
	CellRefs(ctx context.Context, ids []int64) ([]store.CellRef, error)
	SitesOf(ctx context.Context, cells []store.CellRef) (map[int64][]store.Site, error)
	CoverageOf(ctx context.Context, sub int64) (store.Coverage, error)
	LocationRecords(ctx context.Context, sub int64, from, to int64) ([]store.LocRecord, error)
	RecordsInCells(ctx context.Context, cells []int64, from, to int64) ([]store.CellRecord, error)
	ResolveCells(ctx context.Context, specs []analysis.CellSpec) (ids []int64, unknown []string, err error)
	Layers(ctx context.Context) ([]store.Layer, error)
}

var _ Locator = (*store.Store)(nil)
