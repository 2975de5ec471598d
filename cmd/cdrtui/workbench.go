package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/charmbracelet/lipgloss"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/ui"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// runWorkbench opens a case (the demo case when none is named) in the
// terminal workbench.
func runWorkbench(args []string, stdout, stderr io.Writer) error {
	var casePath string
	switch len(args) {
	case 0:
		fmt.Fprintln(stderr, "opening the built-in demo case (built once into "+casework.DemoDir()+")")
		p, err := casework.EnsureDemo(context.Background(), false)
		if err != nil {
			return err
		}
		casePath = p
	case 1:
		casePath = args[0]
	default:
		return fmt.Errorf("%w: unknown command %q (cdrtui --help lists them)", errUsage, args[0])
	}
	st, err := openExisting(casePath, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	defer warn(st, stderr) // again once the workbench's screen is gone (a damaged case, say)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ports, err := casework.PortDictionary(ctx, st)
	if err != nil {
		return err
	}
	renderer := lipgloss.NewRenderer(os.Stdout)
	env := &uikit.Env{
		Store:     st,
		Styles:    uikit.NewStyles(renderer, uikit.DefaultPalette()),
		Ports:     ports,
		ExportDir: casework.ExportDir(st),
		Context:   ctx,
	}
	return ui.Run(ctx, env, ui.Panes(env))
}
