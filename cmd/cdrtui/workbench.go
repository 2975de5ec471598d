package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"

	"github.com/charmbracelet/lipgloss"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// runWorkbench opens the workbench: on the start screen (recent cases,
// open, create, demo) when no case is named, else on the case named.
func runWorkbench(args []string, stdout, stderr io.Writer) error {
	boundMemory()
	if slices.ContainsFunc(args, isClusterCase) { // a case on ClickHouse
		fs := flag.NewFlagSet("cdrtui", flag.ContinueOnError)
		cluster := fs.String("cluster", "", "with a clickhouse:// case: the cluster (remote_servers) whose shards hold the records")
		pos, err := parseFlags(fs, args)
		if err != nil {
			return err
		}
		if len(pos) != 1 {
			return fmt.Errorf("%w: name one case: cdrtui clickhouse://HOST:9000/DATABASE [--cluster NAME]", errUsage)
		}
		return runClusterWorkbench(pos[0], *cluster, stderr)
	}
	if slices.ContainsFunc(args, func(a string) bool { return a == "--cluster" || strings.HasPrefix(a, "--cluster=") }) {
		return fmt.Errorf("%w: --cluster goes with a clickhouse:// case", errUsage)
	}
	var st *store.Store
	switch len(args) {
	case 0:
	case 1:
		var err error
		if err := casework.MustExist(args[0]); err != nil {
			return err
		}
		if st, err = store.Open(args[0]); err != nil {
			return err
		}
		// the workbench shows the case's warnings on its message line; what
		// is known of the case is said again once its screen is gone
		defer func() { printWarnings(st.Findings(), stderr) }()
	default:
		return fmt.Errorf("%w: unknown command %q (cdrtui --help lists them)", errUsage, args[0])
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	renderer := lipgloss.NewRenderer(os.Stdout)
	return ui.RunShell(ui.ShellOptions{
		Styles:     uikit.NewStyles(renderer, uikit.DefaultPalette()),
		Context:    ctx,
		RecentFile: casework.RecentFile(),
		Store:      st,
		Demo:       st != nil && isDemo(st.Path()),
	})
}

// isDemo reports whether path is the built-in demo case.
func isDemo(path string) bool {
	a, err1 := os.Stat(path)
	b, err2 := os.Stat(casework.DemoDir() + "/demo.db")
	return err1 == nil && err2 == nil && os.SameFile(a, b)
}

// workbenchHeapLimit is the Go heap the workbench keeps itself near: the
// garbage collector runs harder as the heap approaches it and hands freed
// memory back to the system, so that what a superseded or cancelled
// computation left behind does not stay in the process's resident memory.
// It is a soft limit: what is on screen is never dropped to keep it.
const workbenchHeapLimit = 160 << 20

// workbenchPageCacheKiB is the SQLite page cache of each of the
// workbench's connections to the case (the commands keep store's larger
// default): with four connections, 32 MB in all whatever the case's size.
const workbenchPageCacheKiB = 8000

// boundMemory sets the soft memory limit unless GOMEMLIMIT names one, and
// the page cache of the connections to open.
func boundMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(workbenchHeapLimit)
	}
	store.PageCacheKiB = workbenchPageCacheKiB
}

// runClusterWorkbench opens the workbench on a case on ClickHouse: the
// panes whose analyses work there (Overview, Persona, Correlation, Trends,
// Hunt, SIM-box); the others say in one line that they do not yet.
func runClusterWorkbench(url, cluster string, stderr io.Writer) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	st, _, err := openCase(url, cluster, stderr)
	if err != nil {
		return err
	}
	renderer := lipgloss.NewRenderer(os.Stdout)
	return ui.RunShell(ui.ShellOptions{
		Styles:     uikit.NewStyles(renderer, uikit.DefaultPalette()),
		Context:    ctx,
		RecentFile: casework.RecentFile(),
		Case:       st,
	})
}
