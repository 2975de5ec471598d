package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/inert"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// plain is the screen without styling, its lines joined by spaces once
// trimmed, so a wrapped message reads as one text.
func plain(view string) string {
	var words []string
	for _, l := range strings.Split(ansi.Strip(view), "\n") {
		words = append(words, strings.Fields(l)...)
	}
	return strings.Join(words, " ")
}

// At 80×24 with A and B set, an export's confirmation (a long path) and an
// error are shown whole on a line of their own, stay until the next key,
// and do not follow the analyst into another pane.
func TestMessagesHaveTheirOwnLine(t *testing.T) {
	env := fixtureEnv(t)
	m := New(env, Panes(env))
	m.Init()
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m.Update(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: "447700900123"})
	m.Update(uikit.RequestFocusMsg{Role: uikit.RoleB, MSISDN: "447700900124"})
	msg := "exported 194,987 rows to /cases/operation-falcon/cdrtui-exports/persona-447700900123-destinations-20240319-101500.csv"
	m.Update(uikit.StatusMsg{Text: msg})
	view := m.View()
	if !strings.Contains(squeeze(view), squeeze(msg)) {
		t.Fatalf("the message is not shown whole:\n%s", view)
	}
	if n := len(strings.Split(view, "\n")); n != 24 {
		t.Fatalf("%d lines", n)
	}
	for i, l := range strings.Split(view, "\n") {
		if w := ansi.StringWidth(l); w > 80 {
			t.Fatalf("line %d is %d wide", i, w)
		}
	}
	m.Update(uitest.Key("2")) // another pane: the message is gone
	if strings.Contains(plain(m.View()), "exported 194,987") {
		t.Fatalf("the message lingers in another pane:\n%s", m.View())
	}
	m.Update(uikit.ErrorMsg{Err: errString("reverse DNS of 34 destinations failed: the case is read-only and nothing was kept")})
	if !strings.Contains(plain(m.View()), "error: reverse DNS of 34 destinations failed: the case is read-only and nothing was kept") {
		t.Fatalf("the error is not shown whole:\n%s", m.View())
	}
	m.Update(uitest.Key("j"))
	if strings.Contains(plain(m.View()), "reverse DNS of 34") {
		t.Fatal("the error stays after a key")
	}
}

// squeeze drops styling and every space: a message wrapped anywhere
// still reads whole.
func squeeze(s string) string {
	return strings.Join(strings.Fields(ansi.Strip(s)), "")
}

type errString string

func (e errString) Error() string { return string(e) }

// ? shows every key of the pane in front, of every list and of the
// workbench, nothing cut: at 80×24 and 120×40 the pages scrolled through
// hold every binding's key and description.
func TestFullHelpShowsEveryKey(t *testing.T) {
	env := fixtureEnv(t)
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for pane := range 7 {
			m := New(env, Panes(env))
			m.Init()
			m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			m.Update(uitest.Key(string(rune('1' + pane))))
			m.Update(uitest.Key("?"))
			var seen strings.Builder
			for range 20 {
				seen.WriteString(plain(m.View()) + "\n")
				m.Update(uitest.Key("pgdown"))
			}
			text := seen.String()
			if strings.Contains(text, "…") {
				t.Errorf("%dx%d pane %d: help is cut", size[0], size[1], pane+1)
			}
			var want []string
			for _, g := range m.activePane().KeyMap().FullHelp() {
				for _, b := range g {
					want = append(want, b.Help().Desc)
				}
			}
			for _, b := range m.keys.global() {
				want = append(want, b.Help().Desc)
			}
			for _, d := range want {
				if !strings.Contains(text, plain(d)) {
					t.Errorf("%dx%d pane %d: help lacks %q", size[0], size[1], pane+1, d)
				}
			}
			m.Update(uitest.Key("esc"))
			if m.showHelp {
				t.Fatal("esc did not close the help")
			}
		}
	}
}

// A source's details (its path, its SHA-256) are shown whole at 80×24,
// wrapped rather than cut.
func TestSourceDetailsWhole(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "seized disk image of the suspect's laptop", "Users", "analyst", "Desktop", "operator returns")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "ipdr_export_for_case_2024_0193_part_1_of_3.csv")
	if err := os.WriteFile(path, []byte("MSISDN,DESTIP,DESTPORT,START\n919800000001,157.240.1.1,5222,2024-03-19 10:00:00\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	st, _ := uitest.Case(t, path)
	env := uitest.Env(t, st)
	m := New(env, Panes(env))
	settleModel(m, m.Init())
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	_, cmd := m.Update(uitest.Key("v"))
	settleModel(m, cmd)
	_, cmd = m.Update(uitest.Key("G"))
	settleModel(m, cmd)
	_, cmd = m.Update(uitest.Key("i"))
	settleModel(m, cmd)
	sum, err := env.Store.Summary(env.Context)
	if err != nil {
		t.Fatal(err)
	}
	last := sum.Sources[len(sum.Sources)-1]
	view := squeeze(m.View())
	if !strings.Contains(view, squeeze(inert.String(last.Path))) || !strings.Contains(view, last.SHA256) {
		t.Fatalf("source %s (%s) not shown whole:\n%s", last.Path, last.SHA256, m.View())
	}
}

// settleModel runs cmd and what follows from it through m, as the
// program's loop would, for the messages the tests need (pages, counts).
func settleModel(m *Model, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0 && n < 500; n++ {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		if b, ok := msg.(tea.BatchMsg); ok {
			queue = append(queue, b...)
			continue
		}
		if _, tick := msg.(spinner.TickMsg); tick || msg == nil {
			continue
		}
		_, next := m.Update(msg)
		queue = append(queue, next)
	}
}
