package ui

import (
	"github.com/cdrtui/cdrtui/internal/ui/asterisk"
	"github.com/cdrtui/cdrtui/internal/ui/calls"
	"github.com/cdrtui/cdrtui/internal/ui/correlation"
	"github.com/cdrtui/cdrtui/internal/ui/hunt"
	"github.com/cdrtui/cdrtui/internal/ui/location"
	"github.com/cdrtui/cdrtui/internal/ui/network"
	"github.com/cdrtui/cdrtui/internal/ui/overview"
	"github.com/cdrtui/cdrtui/internal/ui/persona"
	"github.com/cdrtui/cdrtui/internal/ui/simbox"
	"github.com/cdrtui/cdrtui/internal/ui/trends"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Panes returns the workbench's panes in their fixed order: Overview,
// Persona, Correlation, Trends, Hunt, SIM-box, Asterisk, Location, Calls
// and Network (keys 1 to 9, then 0).
//
// Every pane works on a case on ClickHouse (env.Store nil) too; there the
// Asterisk pane reads the case's PBX artefacts from their private SQLite
// copy (asteriskOn).
func Panes(env *uikit.Env) []uikit.Pane {
	pbx := asteriskOn
	if env.Local() {
		pbx = func(env *uikit.Env) uikit.Pane { return asterisk.New(env) }
	}
	return []uikit.Pane{
		overview.New(env),
		persona.New(env),
		correlation.New(env),
		trends.New(env),
		hunt.New(env),
		simbox.New(env),
		pbx(env),
		location.New(env), // 8
		calls.New(env),    // 9
		network.New(env),  // 0: the tenth pane
	}
}
