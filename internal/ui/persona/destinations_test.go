package persona_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
	"github.com/cdrtui/cdrtui/internal/ui/persona"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Persona → Destinations lists every destination, not the top 25: the
// count says 40 and the last (fewest records) is reachable.
func TestPersonaDestinationsComplete(t *testing.T) {
	rows := []string{"MSISDN,DESTIP,DESTPORT,START"}
	for i := range 40 {
		for j := 0; j <= i; j++ { // destination i has i+1 records
			rows = append(rows, fmt.Sprintf("%s,10.0.%d.1,443,2018-06-03 %02d:%02d:%02d", subA, i, j%24, i, j/24))
		}
	}
	st, _ := uitest.TextCase(t, "ipdr.csv", strings.Join(rows, "\n")+"\n")
	env := uitest.Env(t, st)
	tm := teatest.NewTestModel(t, ui.New(env, []uikit.Pane{persona.New(env)}), teatest.WithInitialTermSize(100, 30))
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: subA})
	uitest.WaitFor(t, tm, "Destinations 40", "820")
	uitest.Press(tm, "V", "G") // destinations, last row
	uitest.WaitFor(t, tm, "row 40 of 40", "10.0.0.1:443")
	uitest.Quit(t, tm)
}
