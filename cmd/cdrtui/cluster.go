package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/store/clickhouse"
)

// A case named clickhouse://HOST:9000/DATABASE lives on a ClickHouse
// server or cluster (internal/store/clickhouse); --cluster NAME names the
// cluster whose shards hold its records.

func clusterFlag(fs *flag.FlagSet) *string {
	return fs.String("cluster", "", "with a clickhouse:// case: the cluster (remote_servers) whose shards hold the records (default: the server named alone)")
}

func isClusterCase(arg string) bool { return clickhouse.IsURL(arg) }

// clusterImportHeapLimit is the soft memory limit of an import into a
// ClickHouse case, and clusterImportPageCacheKiB the page cache of its
// staging case's connections (read once, in order): what keeps cdrtui's
// RSS under 200 MB whatever the size of the files.
const (
	clusterImportHeapLimit    = 120 << 20
	clusterImportPageCacheKiB = 4000
)

// importCluster imports paths into the ClickHouse case at url.
func importCluster(url, cluster string, paths, args []string, opts store.ImportOptions, asJSON bool, stdout, stderr io.Writer) error {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(clusterImportHeapLimit)
	}
	store.PageCacheKiB = clusterImportPageCacheKiB
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	st, err := clickhouse.Open(ctx, url, cluster, true)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := casework.PortDictionary(ctx, st); err != nil {
		return err
	}
	bar := newProgressBar(stderr)
	opts.Progress = bar.update
	began := time.Now()
	results, err := st.Import(ctx, paths, opts)
	bar.done()
	if len(results) > 0 && !caseFailed(err) {
		recordFilesRun(context.Background(), st, "import", args, paths, map[string]any{"files": results}, stderr)
	}
	if errors.Is(err, context.Canceled) {
		importOutcome(results, nil, time.Since(began), asJSON, stdout)
		return errors.New("interrupted: the files listed as imported are in the case, whole; the one being copied when interrupted is not visible (it is marked complete only once whole)")
	}
	return importOutcome(results, err, time.Since(began), asJSON, stdout)
}

// openCase opens a case for an analysis written against casework.Case:
// a ClickHouse case when casePath is a clickhouse:// URL, else the local
// case (local is then the same case, for what only a local case has: the
// SQLite file itself).
func openCase(casePath, cluster string, stderr io.Writer) (st casework.Case, local *store.Store, err error) {
	if !isClusterCase(casePath) {
		if cluster != "" {
			return nil, nil, fmt.Errorf("%w: --cluster goes with a clickhouse:// case", errUsage)
		}
		local, err := openReading(casePath, stderr)
		return local, local, err
	}
	ch, err := clickhouse.Open(context.Background(), casePath, cluster, false)
	if err != nil {
		return nil, nil, err
	}
	return ch, nil, nil
}

// openCaseWithPorts is openWithPorts for a casework.Case.
func openCaseWithPorts(ctx context.Context, casePath, cluster string, portFiles []string, write bool, stderr io.Writer) (casework.Case, *store.Store, *analysis.Dictionary, casework.DictionaryInfo, error) {
	if !isClusterCase(casePath) {
		if cluster != "" {
			return nil, nil, nil, casework.DictionaryInfo{}, fmt.Errorf("%w: --cluster goes with a clickhouse:// case", errUsage)
		}
		st, d, info, err := openWithPorts(ctx, casePath, portFiles, write, stderr)
		return st, st, d, info, err
	}
	st, _, err := openCase(casePath, cluster, stderr)
	if err != nil {
		return nil, nil, nil, casework.DictionaryInfo{}, err
	}
	d, info, err := casework.DictionaryFor(ctx, st, portFiles) // files given: kept in the case, as locally
	if err != nil {
		st.Close()
		return nil, nil, nil, casework.DictionaryInfo{}, err
	}
	return st, nil, d, info, nil
}

// errLocalOnly says a command or view does not yet work on a ClickHouse
// case.
var errLocalOnly = errors.New("not yet available on a ClickHouse case (import, summary, asterisk, persona, trends, contacts, correlate, simbox, hunt, calls, common, devices, silences, chains, international, graph, cells, location, colocate, scenes, note, audit, ports, report and upgrade are); import the evidence into a local case for it")

// localOnly refuses a clickhouse:// case where only a local case works.
func localOnly(path string) error {
	if isClusterCase(path) {
		return fmt.Errorf("%s: %w", clickhouseName(path), errLocalOnly)
	}
	return nil
}

// clickhouseName is a case URL without its password.
func clickhouseName(raw string) string {
	t, err := clickhouse.ParseURL(raw, "")
	if err != nil {
		return "clickhouse://…"
	}
	return t.String()
}
