package ui

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/testkit"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// fixtureEnv builds a small case from the layout fixtures plus a file with
// hostile bytes in its name and in a rejected line, and the environment the
// workbench runs in, with a fixed colour profile.
func fixtureEnv(t *testing.T) *uikit.Env {
	t.Helper()
	layouts := filepath.Join(testkit.RepoRoot(t), "testdata", "layouts")
	hostile := filepath.Join(t.TempDir(), "evil\x1b]0;pwned\x07.csv")
	body := "MSISDN,DESTIP,DESTPORT,START\n" +
		"919800000001,157.240.1.1,5222,2024-03-19 10:00:00\n" +
		"91980\x1b[2J0000002,157.240.1.1,5222,2024-03-19 10:00:05\n"
	if err := os.WriteFile(hostile, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	st, _ := uitest.Case(t, filepath.Join(layouts, "operator_b.csv"), filepath.Join(layouts, "voice_mdy.tsv"), hostile)
	return uitest.Env(t, st)
}

func finalModel(t *testing.T, tm *teatest.TestModel) *Model {
	t.Helper()
	return uitest.Quit(t, tm).(*Model)
}

// The overview opens with the case's span and subscribers; digits and tab
// switch panes; enter focuses a subscriber for every pane.
func TestWorkbenchOverviewAndFocus(t *testing.T) {
	env := fixtureEnv(t)
	tm := teatest.NewTestModel(t, New(env, Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.WaitFor(t, tm, "Overview", "447700900123", "2011-09-22", "Records")

	// filter the subscriber table, then focus the only row left
	uitest.Type(tm, "/4477009001")
	uitest.WaitFor(t, tm, "/4477009001", "447700900124")
	uitest.Press(tm, "enter") // close the filter
	uitest.WaitFor(t, tm, "row 1 of 2", "filter “4477009001”")
	uitest.Press(tm, "enter") // focus A
	uitest.WaitFor(t, tm, "A = 4477009001")

	uitest.Press(tm, "3", "tab")
	m := finalModel(t, tm)
	if m.active != 3 {
		t.Fatalf("active pane %d, want 3 (digit 3 then tab)", m.active)
	}
	if !strings.HasPrefix(m.focusA, "4477009001") {
		t.Fatalf("focus A = %q", m.focusA)
	}
}

// Keys typed into a filter never reach the root: "q" and digits are text.
func TestFilterKeepsKeys(t *testing.T) {
	env := fixtureEnv(t)
	tm := teatest.NewTestModel(t, New(env, Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.WaitFor(t, tm, "447700900123")
	uitest.Type(tm, "/q3")
	uitest.WaitFor(t, tm, "/q3")
	uitest.Press(tm, "esc")
	m := finalModel(t, tm)
	if m.active != 0 {
		t.Fatalf("a digit typed in the filter switched to pane %d", m.active)
	}
}

// Hostile bytes from evidence (a file name, a rejected line) are drawn as
// visible escapes and never reach the terminal.
func TestHostileTextIsInert(t *testing.T) {
	env := fixtureEnv(t)
	tm := teatest.NewTestModel(t, New(env, Panes(env)), teatest.WithInitialTermSize(120, 30))
	uitest.WaitFor(t, tm, "447700900123")
	uitest.Press(tm, "v") // sources
	uitest.WaitFor(t, tm, `evil\x1b]0;pwned\x07.csv`)
	uitest.Press(tm, "G")     // last source: the hostile one
	uitest.Press(tm, "enter") // its rejected lines
	uitest.WaitFor(t, tm, `91980\x1b[2J0000002`)
	out := finalOutput(t, tm)
	for _, raw := range []string{"\x1b]0;pwned", "\x1b[2J0000002"} {
		if strings.Contains(out, raw) {
			t.Fatalf("raw escape sequence %q reached the terminal", raw)
		}
	}
}

func finalOutput(t *testing.T, tm *teatest.TestModel) string {
	t.Helper()
	uitest.Quit(t, tm)
	b, err := io.ReadAll(tm.FinalOutput(t))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Every resize redraws within the new size: no line is wider than the
// terminal at 80×24, and the large layout uses the width.
func TestResize(t *testing.T) {
	env := fixtureEnv(t)
	m := New(env, Panes(env))
	m.Init()
	for _, size := range [][2]int{{80, 24}, {250, 70}, {80, 24}, {40, 12}} {
		m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		view := m.View()
		lines := strings.Split(view, "\n")
		if len(lines) > size[1] {
			t.Errorf("%dx%d: %d lines", size[0], size[1], len(lines))
		}
		for i, l := range lines {
			if w := lipgloss.Width(l); w > size[0] {
				t.Errorf("%dx%d: line %d is %d wide: %q", size[0], size[1], i, w, l)
			}
		}
	}
}

// spyPane counts what the root tells it.
type spyPane struct {
	id           string
	inits, focus int
	lastA        string
}

func (p *spyPane) ID() string          { return p.id }
func (p *spyPane) Title() string       { return p.id }
func (p *spyPane) Init() tea.Cmd       { p.inits++; return nil }
func (p *spyPane) View() string        { return p.id }
func (p *spyPane) SetSize(int, int)    {}
func (p *spyPane) Editing() bool       { return false }
func (p *spyPane) KeyMap() help.KeyMap { return keyList{} }
func (p *spyPane) Update(msg tea.Msg) tea.Cmd {
	if f, ok := msg.(uikit.FocusMsg); ok {
		p.focus++
		p.lastA = f.A
	}
	return nil
}

type keyList struct{}

func (keyList) ShortHelp() []key.Binding  { return nil }
func (keyList) FullHelp() [][]key.Binding { return nil }

// A pane starts when first shown and hears of focus changes when shown,
// once per change, so hidden panes never compute.
func TestPanesStartAndFollowFocusWhenShown(t *testing.T) {
	env := fixtureEnv(t)
	a, b := &spyPane{id: "a"}, &spyPane{id: "b"}
	m := New(env, []uikit.Pane{a, b})
	m.Init()
	if a.inits != 1 || b.inits != 0 {
		t.Fatalf("after Init: a started %d, b started %d", a.inits, b.inits)
	}
	m.Update(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: "1"})
	m.Update(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: "2"})
	if a.focus != 2 || b.focus != 0 {
		t.Fatalf("focus messages: shown pane %d, hidden pane %d", a.focus, b.focus)
	}
	m.Update(uitest.Key("tab"))
	m.Update(uitest.Key("tab"))
	m.Update(uitest.Key("tab"))
	if b.inits != 1 || b.focus != 1 || b.lastA != "2" {
		t.Fatalf("after showing b: started %d, focus messages %d, A %q", b.inits, b.focus, b.lastA)
	}
}

// Keys that arrive in one read ("/4477" from a fast typist or tmux) act
// one by one: the slash opens the filter and the digits go into it.
func TestRunOfKeysActsOneByOne(t *testing.T) {
	env := fixtureEnv(t)
	tm := teatest.NewTestModel(t, New(env, Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.WaitFor(t, tm, "447700900123")
	uitest.Press(tm, "/4477009001")
	uitest.WaitFor(t, tm, "/4477009001", "447700900124")
	uitest.Press(tm, "enter")
	m := finalModel(t, tm)
	if m.active != 0 {
		t.Fatalf("digits of the filter switched to pane %d", m.active)
	}
}

// The running workbench redraws for a new size: from 250×70 down to 80×24
// the tab line falls back to a form that fits (with ten panes, the first
// titles that fit and numbers for the rest) and the subscribers stay shown.
func TestResizeWhileRunning(t *testing.T) {
	env := fixtureEnv(t)
	tm := teatest.NewTestModel(t, New(env, Panes(env)), teatest.WithInitialTermSize(250, 70))
	uitest.WaitFor(t, tm, " [1 Overview]  2 Persona  3 Correlation", "447700900123")
	tm.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	// every tab keeps a name at 80 columns: short ones beside the active
	// tab's full title (it once read "8 9 0")
	uitest.WaitFor(t, tm, "[1 Overview] 2 Persona 3 Corr 4 Trends 5 Hunt 6 SIM 7 PBX 8 Loc 9 Calls 0 Net")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("3")})
	uitest.WaitFor(t, tm, "1 Over 2 Persona [3 Correlation] 4 Trends 5 Hunt 6 SIM 7 PBX 8 Loc 9 Calls 0 Net")
	m := finalModel(t, tm)
	if m.width != 80 || m.height != 24 {
		t.Fatalf("model size %dx%d", m.width, m.height)
	}
}
