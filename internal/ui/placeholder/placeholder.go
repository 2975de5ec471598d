// Package placeholder is a pane for analyses not built yet: it says what
// the pane will do, so the analyst never meets a blank screen.
package placeholder

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Pane describes a pane to come.
type Pane struct {
	st            *uikit.Styles
	id, title     string
	lines         []string
	note          string // the one line an unavailable pane shows
	width, height int
}

// Unavailable returns a pane that says, in one line, why its analysis is
// not available on this case (a case on ClickHouse), instead of failing.
func Unavailable(st *uikit.Styles, id, title, note string) *Pane {
	return &Pane{st: st, id: id, title: title, note: note}
}

// New returns a placeholder with the pane's id, title and what it will show.
func New(st *uikit.Styles, id, title string, lines ...string) *Pane {
	return &Pane{st: st, id: id, title: title, lines: lines}
}

func (p *Pane) ID() string             { return p.id }
func (p *Pane) Title() string          { return p.title }
func (p *Pane) Init() tea.Cmd          { return nil }
func (p *Pane) Update(tea.Msg) tea.Cmd { return nil }
func (p *Pane) SetSize(w, h int)       { p.width, p.height = w, h }
func (p *Pane) Editing() bool          { return false }
func (p *Pane) KeyMap() help.KeyMap    { return noKeys{} }

// View implements uikit.Pane.
func (p *Pane) View() string {
	var b strings.Builder
	b.WriteString(p.st.Title.Render(p.title) + "\n\n")
	if p.note != "" {
		b.WriteString(p.st.Muted.Render(p.note) + "\n")
		return uikit.FitBlock(b.String(), p.width, p.height)
	}
	b.WriteString(p.st.Muted.Render("This pane is not built yet. It will show:") + "\n")
	for _, l := range p.lines {
		b.WriteString("  • " + l + "\n")
	}
	return uikit.FitBlock(b.String(), p.width, p.height)
}

type noKeys struct{}

func (noKeys) ShortHelp() []key.Binding  { return nil }
func (noKeys) FullHelp() [][]key.Binding { return nil }
