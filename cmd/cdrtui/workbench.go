package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
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
	if cluster, url, ok := clusterWorkbenchArgs(args); ok {
		return runClusterWorkbench(url, cluster, stderr)
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

// clusterWorkbenchArgs reads the workbench's arguments for a case on
// ClickHouse: the URL and --cluster NAME (or --cluster=NAME), in any
// order; ok is false when no clickhouse:// URL is named.
func clusterWorkbenchArgs(args []string) (cluster, url string, ok bool) {
	var rest []string
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case (a == "--cluster" || a == "-cluster") && i+1 < len(args):
			cluster = args[i+1]
			i++
		case strings.HasPrefix(a, "--cluster="):
			cluster = strings.TrimPrefix(a, "--cluster=")
		default:
			rest = append(rest, a)
		}
	}
	if len(rest) != 1 || !isClusterCase(rest[0]) {
		return "", "", false
	}
	return cluster, rest[0], true
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
