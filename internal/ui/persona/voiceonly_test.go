package persona_test

import (
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/testkit"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
	"github.com/cdrtui/cdrtui/internal/ui/persona"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// A subscriber with voice records only has no hours of data use: the
// strip says so instead of "peak 00:00 (0)".
func TestPersonaVoiceOnlyHours(t *testing.T) {
	st, _ := uitest.Case(t, filepath.Join(testkit.RepoRoot(t), "testdata", "layouts", "voice_mdy.tsv"))
	env := uitest.Env(t, st)
	tm := teatest.NewTestModel(t, ui.New(env, []uikit.Pane{persona.New(env)}), teatest.WithInitialTermSize(100, 30))
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: "601234583"})
	uitest.WaitFor(t, tm, "no data record in any hour", "601234583")
	uitest.Quit(t, tm)
	b, _ := io.ReadAll(tm.FinalOutput(t))
	if strings.Contains(string(b), "peak 00:00-00:59 (0)") {
		t.Fatal("a voice-only subscriber is said to peak at midnight with no records")
	}
}

// At 80 columns the note goes over the strip's two lines rather than
// being cut ("no data record in any ho…").
func TestPersonaVoiceOnlyHoursAt80(t *testing.T) {
	st, _ := uitest.Case(t, filepath.Join(testkit.RepoRoot(t), "testdata", "layouts", "voice_mdy.tsv"))
	env := uitest.Env(t, st)
	tm := teatest.NewTestModel(t, ui.New(env, []uikit.Pane{persona.New(env)}), teatest.WithInitialTermSize(80, 24))
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: "601234583"})
	uitest.WaitFor(t, tm, "601234583", " no data record", " in any hour")
	uitest.Quit(t, tm)
}
