package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/store/clickhouse"
)

// Location on a ClickHouse case: the cell sites and base layers are
// imported into its small tables (cdrtui cells), and location, colocate
// and scenes ask the same questions of it as of a local case.

var _ casework.Locator = (*clickhouse.Store)(nil)

// openLocator opens a case for the location analyses: a ClickHouse case
// when casePath is a clickhouse:// URL, else the local case (then local
// too, for its audit trail).
func openLocator(casePath, cluster string, stderr io.Writer) (casework.Locator, *store.Store, error) {
	st, local, err := openCase(casePath, cluster, stderr)
	if err != nil {
		return nil, nil, err
	}
	loc, ok := st.(casework.Locator)
	if !ok {
		st.Close()
		return nil, nil, errors.New("this case has no cell sites to ask") // no such case today
	}
	return loc, local, nil
}

// siteCounts is what cdrtui cells says of a case after an import.
type siteCounts interface {
	CellSiteCount(ctx context.Context) (rows, keys int64, err error)
	CoverageOf(ctx context.Context, sub int64) (store.Coverage, error)
}

// cellsCluster imports cell-site files and base layers into the
// ClickHouse case at url.
func cellsCluster(url, cluster string, files []string, opts store.CellImportOptions, layers []string) ([]store.FileResult, siteCounts, func(), error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	st, err := clickhouse.Open(ctx, url, cluster, true)
	if err != nil {
		return nil, nil, func() {}, err
	}
	results, err := st.ImportSites(ctx, files, opts, layers)
	if errors.Is(err, context.Canceled) {
		err = fmt.Errorf("interrupted: the files listed as imported are in the case, whole; the one being copied when interrupted is not visible: %w", err)
	}
	return results, st, func() { st.Close() }, err
}
