package network

import (
	"context"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
)

// SetBuild replaces the pane's graph builder (tests slow it down).
func SetBuild(p *Pane, f func(context.Context, casework.CallsCase, *analysis.Dictionary, string, casework.GraphOptions, casework.TimeScope) (*casework.Graph, error)) {
	p.build = f
}

// BuildCounts are the pane's builds: started, run to the end, cancelled
// by a newer one, skipped (superseded before they started).
type BuildCounts struct{ Started, Finished, Cancelled, Skipped int64 }

// Builds returns the pane's build counts.
func Builds(p *Pane) BuildCounts {
	b := p.builds
	return BuildCounts{b.started.Load(), b.finished.Load(), b.cancelled.Load(), b.skipped.Load()}
}
