package calls_test

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/calls"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Contacts computed for a subscriber no longer in focus are never shown:
// X's (who called 919800000009) arrive after Y's (who called
// 919800000008) were shown, and Y's stay.
func TestCallsSupersededNeverShown(t *testing.T) {
	const cdr = `MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION
919714499703,VOICE_OUT,919800000009,18/03/2024,23:00:00,60
919714499703,VOICE_OUT,919800000009,19/03/2024,10:00:00,60
919812345678,VOICE_OUT,919800000008,19/03/2024,11:00:00,7
`
	st, _ := uitest.TextCase(t, "cdr.csv", cdr)
	p := calls.New(uitest.Env(t, st))
	p.SetSize(120, 30)
	uitest.Drain(p.Update, p.Init())
	uitest.Superseded(t, p.Update, p.View,
		func() tea.Cmd { return p.Update(uikit.FocusMsg{A: "919714499703"}) },
		func() tea.Cmd { return p.Update(uikit.FocusMsg{A: "919812345678"}) },
		[]string{"919800000008"}, []string{"919800000009"})
}
