package ui

import (
	"github.com/cdrtui/cdrtui/internal/ui/asterisk"
	"github.com/cdrtui/cdrtui/internal/ui/calls"
	"github.com/cdrtui/cdrtui/internal/ui/correlation"
	"github.com/cdrtui/cdrtui/internal/ui/hunt"
	"github.com/cdrtui/cdrtui/internal/ui/network"
	"github.com/cdrtui/cdrtui/internal/ui/overview"
	"github.com/cdrtui/cdrtui/internal/ui/persona"
	"github.com/cdrtui/cdrtui/internal/ui/simbox"
	"github.com/cdrtui/cdrtui/internal/ui/trends"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Panes returns the workbench's panes in their fixed order: Overview,
// Persona, Correlation, Trends, Hunt, SIM-box, Asterisk.
func Panes(env *uikit.Env) []uikit.Pane {
	return []uikit.Pane{
		overview.New(env),
		persona.New(env),
		correlation.New(env),
		trends.New(env),
		hunt.New(env),
		simbox.New(env),
		asterisk.New(env),
		calls.New(env),   // 9 once Location (8) is in
		network.New(env), // 0: the tenth pane (after 8 Location, 9 Calls)
	}
}
