// Package palette is the workbench's command palette (: or ctrl+k): it
// finds anything in the case by what the analyst has in hand (an MSISDN in
// any form, an IMSI, an IMEI, an IP address, a cell, a file name) and runs
// any command of the workbench or of a pane by name. The root model gives
// it the commands and acts on the item chosen.
package palette

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Command is something the palette runs by name.
type Command struct {
	Name string // "Persona: export all rows"
	Keys string // the key that does the same ("e"), shown beside it
	Run  tea.Cmd
}

// Item is one line of the palette: a command, or a hit in the case.
type Item struct {
	Command *Command
	Hit     *store.PaletteHit
}

// ChosenMsg is the item the analyst chose; the root acts on it.
type ChosenMsg struct{ Item Item }

// CloseMsg says the palette was dismissed.
type CloseMsg struct{}

type hitsMsg struct {
	tag  uint64
	hits []store.PaletteHit
	err  error
}

type debounceMsg struct{ tag uint64 }

// Model is the palette.
type Model struct {
	env      *uikit.Env
	input    textinput.Model
	commands []Command
	hits     []store.PaletteHit
	items    []Item
	cursor   int
	err      error
	searched string // the text the hits are for
	ticket   uikit.Ticket
	searches uikit.Job
	width    int
	height   int
}

// New opens a palette over commands.
func New(env *uikit.Env, commands []Command) *Model {
	in := textinput.New()
	in.Prompt = ": "
	in.Placeholder = "MSISDN, IMSI, IMEI, IP, cell, file name, or a command"
	in.CharLimit = 256
	in.Focus()
	m := &Model{env: env, input: in, commands: commands, width: 80, height: 20}
	m.refresh()
	return m
}

// Init starts the cursor blinking.
func (m *Model) Init() tea.Cmd { return textinput.Blink }

// SetSize gives the palette its area.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.input.Width = max(10, w-4)
}

// Handles reports whether msg is the palette's own (a search result).
func Handles(msg tea.Msg) bool {
	switch msg.(type) {
	case hitsMsg, debounceMsg:
		return true
	}
	return false
}

// Update handles keys, clicks and search results.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case hitsMsg:
		if m.ticket.Current(msg.tag) {
			m.hits, m.err = msg.hits, msg.err
			m.refresh()
		}
		return nil
	case debounceMsg:
		if m.ticket.Current(msg.tag) {
			return m.search(msg.tag)
		}
		return nil
	case tea.MouseMsg:
		if msg.Action != tea.MouseActionPress {
			return nil
		}
		switch msg.Button {
		case tea.MouseButtonWheelDown:
			m.move(1)
		case tea.MouseButtonWheelUp:
			m.move(-1)
		case tea.MouseButtonLeft:
			if i := m.first() + msg.Y - listTop; msg.Y >= listTop && i < len(m.items) {
				m.cursor = i
				return m.choose()
			}
		}
		return nil
	case tea.KeyMsg:
		switch msg.String() {
		case "esc", "ctrl+c":
			return func() tea.Msg { return CloseMsg{} }
		case "enter":
			return m.choose()
		case "down", "ctrl+n", "tab":
			m.move(1)
			return nil
		case "up", "ctrl+p", "shift+tab":
			m.move(-1)
			return nil
		}
		before := m.input.Value()
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		if m.input.Value() != before {
			m.cursor = 0
			m.refresh()
			tag := m.ticket.Next()
			return tea.Batch(cmd, uikit.Debounce(120*time.Millisecond, debounceMsg{tag: tag}))
		}
		return cmd
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return cmd
}

func (m *Model) move(d int) {
	m.cursor = max(0, min(len(m.items)-1, m.cursor+d))
}

// Selected is the item under the cursor.
func (m *Model) Selected() (Item, bool) {
	if m.cursor >= len(m.items) {
		return Item{}, false
	}
	return m.items[m.cursor], true
}

func (m *Model) choose() tea.Cmd {
	if m.cursor >= len(m.items) {
		return nil
	}
	it := m.items[m.cursor]
	return func() tea.Msg { return ChosenMsg{Item: it} }
}

func (m *Model) search(tag uint64) tea.Cmd {
	text := strings.TrimSpace(m.input.Value())
	if text == "" {
		m.hits, m.err = nil, nil
		m.refresh()
		return nil
	}
	st, c := m.env.Store, m.env.Case
	// one search at a time: the one for what was typed before is cancelled
	return m.searches.Run(m.env.Context, func(ctx context.Context, _ uint64) tea.Msg {
		if st == nil { // a case on ClickHouse: its subscribers
			hits, err := casework.PaletteSubscribers(ctx, c, text, 8)
			return hitsMsg{tag: tag, hits: hits, err: err}
		}
		hits, err := st.PaletteSearch(ctx, text, 8)
		return hitsMsg{tag: tag, hits: hits, err: err}
	})
}

// refresh rebuilds the list: the hits in the case first (they are what was
// typed), then the commands whose name holds every word typed.
func (m *Model) refresh() {
	m.items = m.items[:0]
	for i := range m.hits {
		m.items = append(m.items, Item{Hit: &m.hits[i]})
	}
	words := strings.Fields(strings.ToLower(m.input.Value()))
	for i := range m.commands {
		name := strings.ToLower(m.commands[i].Name)
		ok := true
		for _, w := range words {
			if !strings.Contains(name, w) {
				ok = false
				break
			}
		}
		if ok {
			m.items = append(m.items, Item{Command: &m.commands[i]})
		}
	}
	m.cursor = min(m.cursor, max(0, len(m.items)-1))
}

// listTop is the line of the first item in the palette's view.
const listTop = 3

func (m *Model) rows() int { return max(1, m.height-listTop-1) }

func (m *Model) first() int {
	if m.cursor >= m.rows() {
		return m.cursor - m.rows() + 1
	}
	return 0
}

// View draws the palette.
func (m *Model) View() string {
	st := m.env.Styles
	var b strings.Builder
	b.WriteString(st.Title.Render("Palette") + st.Muted.Render(" · enter go (a subscriber: A) · ctrl+b as B · esc close") + "\n")
	b.WriteString(m.input.View() + "\n")
	status := ""
	switch {
	case m.err != nil:
		status = st.Bad.Render("error: " + inert.String(m.err.Error()))
	case strings.TrimSpace(m.input.Value()) != "" && len(m.hits) == 0:
		status = st.Muted.Render("nothing in the case matches (yet); commands below")
	default:
		status = st.Muted.Render(fmt.Sprintf("%d in the case · %d commands", len(m.hits), len(m.items)-len(m.hits)))
	}
	b.WriteString(status + "\n")
	first := m.first()
	for i := first; i < len(m.items) && i < first+m.rows(); i++ {
		line := m.label(m.items[i])
		if i == m.cursor {
			b.WriteString(st.Selected.Render("▸ "+line) + "\n")
		} else {
			b.WriteString("  " + line + "\n")
		}
	}
	return uikit.FitBlock(b.String(), m.width, m.height)
}

var kindNames = map[string]string{
	"subscriber": "MSISDN", "imsi": "IMSI", "imei": "IMEI", "party": "number", "pbx": "number", "ip": "IP", "cell": "cell", "source": "file",
}

// KindName is how the palette names a kind of hit (MSISDN, IMSI, IP …).
func KindName(kind string) string {
	if n, ok := kindNames[kind]; ok {
		return n
	}
	return kind
}

func (m *Model) label(it Item) string {
	if c := it.Command; c != nil {
		if c.Keys != "" {
			return fmt.Sprintf("%-7s %s  (%s)", "run", c.Name, c.Keys)
		}
		return fmt.Sprintf("%-7s %s", "run", c.Name)
	}
	h := it.Hit
	text := fmt.Sprintf("%-7s %s", kindNames[h.Kind], inert.String(h.Value))
	switch h.Kind {
	case "subscriber":
		text += fmt.Sprintf(" · %s records → persona", thousands(h.Records))
	case "imsi", "imei":
		text += fmt.Sprintf(" · %s, %s records → persona", inert.String(h.Detail), thousands(h.Records))
	case "party":
		text += fmt.Sprintf(" · no subscriber: other party in %s → persona of %s", inert.String(h.Detail), inert.String(h.MSISDN))
	case "pbx":
		text += fmt.Sprintf(" · no subscriber: in %s of seized PBXs → Asterisk calls", inert.String(h.Detail))
	case "ip":
		text += fmt.Sprintf(" · %s records, %s → hunt", thousands(h.Records), h.Detail)
	case "cell":
		text += fmt.Sprintf(" · %s records, %s → hunt", thousands(h.Records), h.Detail)
	case "source":
		text += fmt.Sprintf(" · %s, %s rows → sources", inert.String(h.Detail), thousands(h.Records))
	}
	return text
}

// Editing is always true: the palette's field has the keyboard.
func (m *Model) Editing() bool { return true }

// thousands writes n with thousands separators, as the panes do.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	if n < 0 {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
