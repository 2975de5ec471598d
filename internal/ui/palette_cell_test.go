package ui

import (
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
)

// A cell found in the palette is hunted as that one cell even when it holds
// spaces or commas (evidence writes "LAC 7301, CI 2103"): the hunt split it
// into three cells, found nothing and said the case holds no such cell.
func TestPaletteHuntsACellWithSpacesWhole(t *testing.T) {
	st, _ := uitest.TextCase(t, "ipdr.csv", "MSISDN,DESTIP,DESTPORT,START,CELL_ID\n"+
		"919800000001,157.240.1.1,5222,2024-03-19 10:00:00,\"LAC 7301, CI 2103\"\n"+
		"919800000002,157.240.1.1,5222,2024-03-19 11:00:00,LAC 7302\n")
	env := uitest.Env(t, st)
	tm := teatest.NewTestModel(t, New(env, Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.WaitFor(t, tm, "Subscribers")
	uitest.Press(tm, ":")
	uitest.Type(tm, "LAC 7301")
	uitest.WaitFor(t, tm, "LAC 7301, CI 2103")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "1 subscriber · 1 record", "919800000001")
	uitest.Quit(t, tm)
}
