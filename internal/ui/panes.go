package ui

import (
	"github.com/cdrtui/cdrtui/internal/ui/correlation"
	"github.com/cdrtui/cdrtui/internal/ui/hunt"
	"github.com/cdrtui/cdrtui/internal/ui/overview"
	"github.com/cdrtui/cdrtui/internal/ui/persona"
	"github.com/cdrtui/cdrtui/internal/ui/placeholder"
	"github.com/cdrtui/cdrtui/internal/ui/simbox"
	"github.com/cdrtui/cdrtui/internal/ui/trends"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Panes returns the workbench's panes in their fixed order: Overview,
// Persona, Correlation, Trends, Hunt, SIM-box, Asterisk.
func Panes(env *uikit.Env) []uikit.Pane {
	st := env.Styles
	return []uikit.Pane{
		overview.New(env),
		persona.New(env),
		correlation.New(env),
		trends.New(env),
		hunt.New(env),
		simbox.New(env),
		placeholder.New(st, "asterisk", "Asterisk",
			"artefacts of a seized PBX: Master.csv calls, the messages log, dongle.conf modems",
			"calls per day and month, heatmaps, top recipients, modems joined to their calls"),
	}
}
