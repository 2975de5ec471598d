package ui

import (
	"github.com/cdrtui/cdrtui/internal/ui/correlation"
	"github.com/cdrtui/cdrtui/internal/ui/hunt"
	"github.com/cdrtui/cdrtui/internal/ui/overview"
	"github.com/cdrtui/cdrtui/internal/ui/placeholder"
	"github.com/cdrtui/cdrtui/internal/ui/simbox"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Panes returns the workbench's panes in their fixed order: Overview,
// Persona, Correlation, Trends, Hunt, SIM-box, Asterisk.
func Panes(env *uikit.Env) []uikit.Pane {
	st := env.Styles
	return []uikit.Pane{
		overview.New(env),
		placeholder.New(st, "persona", "Persona",
			"for the focused subscriber: applications by destination port (Table III of the paper) with a bar chart",
			"devices (IMEI, IMSI) with first and last seen, handset or SIM changes flagged",
			"cells, top destinations (opt-in reverse DNS), activity by hour of day",
			"drill-down to the records with source file and line"),
		correlation.New(env),
		placeholder.New(st, "trends", "Trends",
			"WhatsApp (or any application) use in three-hour bins, by weekday and by date",
			"a weekday × three-hour heatmap and the list of connections; A and B side by side"),
		hunt.New(env),
		simbox.New(env),
		placeholder.New(st, "asterisk", "Asterisk",
			"artefacts of a seized PBX: Master.csv calls, the messages log, dongle.conf modems",
			"calls per day and month, heatmaps, top recipients, modems joined to their calls"),
	}
}
