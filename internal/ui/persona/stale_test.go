package persona_test

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/persona"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// A persona computed for a subscriber no longer in focus is never shown:
// A's (ten records) arrives after B's (three) was shown, and B's stays.
func TestPersonaSupersededNeverShown(t *testing.T) {
	const subB = "919800000002"
	rows := append(append([]string(nil), fixture...),
		subB+",404100000000002,352099001761500,157.240.1.1,5222,2018-06-03 02:00:00,C1,100",
		subB+",404100000000002,352099001761500,157.240.1.1,5222,2018-06-03 03:00:00,C1,100",
		subB+",404100000000002,352099001761500,157.240.1.1,5222,2018-06-03 04:00:00,C1,100")
	st, _ := uitest.TextCase(t, "ipdr.csv", strings.Join(rows, "\n")+"\n")
	p := persona.New(uitest.CaseEnv(t, st), persona.WithResolver(&resolver{}))
	p.SetSize(100, 30)
	uitest.Superseded(t, p.Update, p.View,
		func() tea.Cmd { return p.Update(uikit.FocusMsg{A: subA}) },
		func() tea.Cmd { return p.Update(uikit.FocusMsg{A: subB}) },
		[]string{"3 data records"}, []string{"10 data records"})
}
