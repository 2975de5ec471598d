// Package start is the workbench's start screen: the recent cases, opening
// a case file by path, creating a case, and the built-in demo. It asks the
// shell to open a case with an OpenMsg and does no I/O on the case itself.
package start

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// OpenMsg asks the shell to open (or, with Create, create) the case at
// Path, or the demo case when Demo is set.
type OpenMsg struct {
	Path   string
	Create bool
	Demo   bool
}

// mode is what the screen is doing: listing, or taking a path.
type mode int

const (
	listing mode = iota
	enterOpen
	enterCreate
)

// Model is the start screen.
type Model struct {
	styles  *uikit.Styles
	recent  []casework.RecentCase
	loadErr error
	cursor  int
	mode    mode
	input   textinput.Model
	err     string
	busy    string // "opening …" while the shell works
	width   int
	height  int
	now     func() time.Time
}

// New returns the start screen over the recent cases (newest first) and the
// error reading them, if any.
func New(styles *uikit.Styles, recent []casework.RecentCase, loadErr error) *Model {
	in := textinput.New()
	in.Prompt = "path: "
	in.CharLimit = 4096
	return &Model{styles: styles, recent: recent, loadErr: loadErr, input: in, width: 80, height: 24, now: time.Now}
}

// SetSize gives the screen the terminal's size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.input.Width = max(10, w-10)
}

// SetError shows why the last open failed, and ends the busy state.
func (m *Model) SetError(err error) {
	m.busy = ""
	if err != nil {
		m.err = err.Error()
	}
}

// Editing reports that the path field has the keyboard.
func (m *Model) Editing() bool { return m.mode != listing }

var (
	keyOpen   = key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open a case file"))
	keyCreate = key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new case"))
	keyDemo   = key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "demo case"))
	keyEnter  = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open"))
	keyUp     = key.NewBinding(key.WithKeys("up", "k"))
	keyDown   = key.NewBinding(key.WithKeys("down", "j"))
	keyEsc    = key.NewBinding(key.WithKeys("esc"))
	keyQuit   = key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit"))
)

// Update handles keys and clicks.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		if m.busy != "" {
			if msg.Type == tea.KeyCtrlC {
				return tea.Quit
			}
			return nil
		}
		if m.mode != listing {
			return m.updateInput(msg)
		}
		m.err = ""
		switch {
		case key.Matches(msg, keyQuit):
			return tea.Quit
		case key.Matches(msg, keyUp):
			m.cursor = max(0, m.cursor-1)
		case key.Matches(msg, keyDown):
			m.cursor = min(max(0, len(m.recent)-1), m.cursor+1)
		case key.Matches(msg, keyEnter):
			if m.cursor < len(m.recent) {
				r := m.recent[m.cursor]
				return m.open(OpenMsg{Path: r.Path, Demo: r.Demo})
			}
		case key.Matches(msg, keyOpen):
			return m.ask(enterOpen)
		case key.Matches(msg, keyCreate):
			return m.ask(enterCreate)
		case key.Matches(msg, keyDemo):
			return m.open(OpenMsg{Demo: true})
		}
	case tea.MouseMsg:
		if msg.Action == tea.MouseActionPress && msg.Button == tea.MouseButtonLeft && m.mode == listing {
			if i := msg.Y - listTop; i >= 0 && i < len(m.recent) {
				if m.cursor == i {
					return m.open(OpenMsg{Path: m.recent[i].Path, Demo: m.recent[i].Demo})
				}
				m.cursor = i
			}
		}
		if msg.Action == tea.MouseActionPress && msg.Button == tea.MouseButtonWheelDown {
			m.cursor = min(max(0, len(m.recent)-1), m.cursor+1)
		}
		if msg.Action == tea.MouseActionPress && msg.Button == tea.MouseButtonWheelUp {
			m.cursor = max(0, m.cursor-1)
		}
	}
	return nil
}

func (m *Model) ask(md mode) tea.Cmd {
	m.mode = md
	m.err = ""
	m.input.SetValue("")
	if md == enterCreate {
		m.input.Placeholder = "/cases/op-nightjar/case.db"
	} else {
		m.input.Placeholder = "a case file (.db)"
	}
	return m.input.Focus()
}

func (m *Model) updateInput(msg tea.KeyMsg) tea.Cmd {
	switch msg.Type {
	case tea.KeyEsc:
		m.mode = listing
		m.input.Blur()
		return nil
	case tea.KeyCtrlC:
		return tea.Quit
	case tea.KeyEnter:
		path := expandHome(strings.TrimSpace(m.input.Value()))
		if path == "" {
			m.err = "type a path"
			return nil
		}
		create := m.mode == enterCreate
		if create && filepath.Ext(path) == "" {
			path += ".db"
		}
		m.mode = listing
		m.input.Blur()
		return m.open(OpenMsg{Path: path, Create: create})
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return cmd
}

func (m *Model) open(req OpenMsg) tea.Cmd {
	switch {
	case req.Demo:
		m.busy = "building or opening the demo case (the first time takes a few seconds) …"
	case req.Create:
		m.busy = "creating " + req.Path + " …"
	default:
		m.busy = "opening " + req.Path + " …"
	}
	return func() tea.Msg { return req }
}

// listTop is the screen line of the first recent case.
const listTop = 3

// View draws the screen.
func (m *Model) View() string {
	st := m.styles
	var b strings.Builder
	b.WriteString(st.Title.Render("cdrtui") + st.Muted.Render(" · a workbench for telecom evidence") + "\n\n")
	switch {
	case m.loadErr != nil:
		b.WriteString(st.Bad.Render("the list of recent cases could not be read: "+inert.String(m.loadErr.Error())) + "\n")
	case len(m.recent) == 0:
		b.WriteString(st.Muted.Render(ansi.Wrap("Recent cases: none yet. Open a case file (o), create one (n) or try the demo (d).", max(20, m.width), " ")) + "\n")
	default:
		b.WriteString(st.Subtitle.Render("Recent cases") + "\n")
	}
	rows := max(1, m.height-listTop-6)
	first := 0
	if m.cursor >= rows {
		first = m.cursor - rows + 1
	}
	for i := first; i < len(m.recent) && i < first+rows; i++ {
		r := m.recent[i]
		label := inert.String(filepath.Base(r.Path))
		if r.Demo {
			label += " (demo)"
		}
		when := r.Opened.Local().Format("2006-01-02 15:04")
		line := fmt.Sprintf("%s  %-24s %s", when, label, st.Muted.Render(fitLeft(inert.String(filepath.Dir(r.Path)), max(10, m.width-48))))
		if i == m.cursor {
			b.WriteString(st.Selected.Render("▸ "+line) + "\n")
		} else {
			b.WriteString("  " + line + "\n")
		}
	}
	if m.cursor < len(m.recent) && m.mode == listing {
		// the whole path of the case under the cursor, wrapped, never cut
		for _, l := range chunk("path: "+inert.String(m.recent[m.cursor].Path), max(10, m.width)) {
			b.WriteString(st.Muted.Render(l) + "\n")
		}
	}
	b.WriteString("\n")
	switch {
	case m.busy != "":
		b.WriteString(st.Warn.Render(inert.String(m.busy)) + "\n")
	case m.mode == enterOpen:
		b.WriteString(st.InputLabel.Render("Open a case file") + "\n" + m.input.View() + "\n")
		b.WriteString(st.Muted.Render("enter open · esc back (evidence files are imported from inside a case: I)") + "\n")
	case m.mode == enterCreate:
		b.WriteString(st.InputLabel.Render("Create a case file") + "\n" + m.input.View() + "\n")
		b.WriteString(st.Muted.Render("enter create · esc back") + "\n")
	}
	if m.err != "" {
		b.WriteString(st.Bad.Width(max(10, m.width)).Render("error: "+inert.String(m.err)) + "\n")
	}
	b.WriteString("\n" + st.Key.Render("enter") + st.Muted.Render(" open recent · ") +
		st.Key.Render("o") + st.Muted.Render(" open a case file · ") +
		st.Key.Render("n") + st.Muted.Render(" new case · ") +
		st.Key.Render("d") + st.Muted.Render(" demo · ") +
		st.Key.Render("q") + st.Muted.Render(" quit"))
	return uikit.FitBlock(b.String(), m.width, m.height)
}

func expandHome(p string) string {
	if p == "~" || strings.HasPrefix(p, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, strings.TrimPrefix(p, "~"))
		}
	}
	return p
}

// chunk cuts s into lines of at most w runes.
func chunk(s string, w int) []string {
	r := []rune(s)
	var out []string
	for len(r) > w {
		out = append(out, string(r[:w]))
		r = r[w:]
	}
	return append(out, string(r))
}

// fitLeft keeps the end of s (the part of a directory that tells cases
// apart) in w cells, with an ellipsis in front when cut.
func fitLeft(s string, w int) string {
	r := []rune(s)
	if len(r) <= w {
		return s
	}
	return "…" + string(r[len(r)-w+1:])
}
