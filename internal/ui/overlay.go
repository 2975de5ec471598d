package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/ui/palette"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// overlays are what the root draws in place of the pane: the palette and
// the time-scope dialog. At most one is open.
type overlays struct {
	pal   *palette.Model
	scope *scopeDialog
	note  string // the background import's state, set by the shell
}

func (m *Model) overlayOpen() bool { return m.pal != nil || m.scope != nil }

// update is Update for the shell, which holds the model itself.
func (m *Model) update(msg tea.Msg) tea.Cmd {
	_, cmd := m.Update(msg)
	return cmd
}

// overlayUpdate takes the messages that belong to an open overlay: its
// search results and the mouse.
func (m *Model) overlayUpdate(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case palette.ChosenMsg:
		m.pal = nil
		return m.act(msg.Item), true
	case palette.CloseMsg:
		m.pal = nil
		return nil, true
	case tea.MouseMsg:
		if m.pal != nil {
			msg.Y--
			return m.pal.Update(msg), true
		}
		if m.scope != nil {
			return nil, true
		}
	}
	if cmd, ok := m.handleCommandMsg(msg); ok {
		return cmd, true
	}
	if palette.Handles(msg) {
		if m.pal != nil {
			return m.pal.Update(msg), true
		}
		return nil, true
	}
	return nil, false
}

// overlayKey opens an overlay, or asks the shell for its screens, on the
// root's keys for them.
func (m *Model) overlayKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, m.keys.Palette):
		return m.openPalette(), true
	case key.Matches(msg, m.keys.TimeScope):
		m.scope = newScopeDialog(m.env.Styles, m.env.Scope)
		return m.scope.from.Focus(), true
	case key.Matches(msg, m.keys.Import):
		return func() tea.Msg { return importDialogMsg{} }, true
	case key.Matches(msg, m.keys.OpenCase):
		return func() tea.Msg { return startScreenMsg{} }, true
	}
	return nil, false
}

func (m *Model) overlayInput(msg tea.KeyMsg) tea.Cmd {
	if m.pal != nil {
		// closed at once, so that the next key (typed before a message
		// could come back) reaches the workbench
		switch msg.Type {
		case tea.KeyEsc:
			m.pal = nil
			return nil
		case tea.KeyEnter:
			it, ok := m.pal.Selected()
			m.pal = nil
			if !ok {
				return nil
			}
			return m.act(it)
		case tea.KeyCtrlB: // a subscriber found becomes B
			it, ok := m.pal.Selected()
			if !ok || it.Hit == nil || it.Hit.MSISDN == "" {
				return nil
			}
			m.pal = nil
			h := it.Hit
			return tea.Batch(uikit.RequestFocus(uikit.RoleB, h.MSISDN, ""),
				uikit.Status(fmt.Sprintf("B = %s (found by %s %s)", h.MSISDN, palette.KindName(h.Kind), h.Value)))
		}
		return m.pal.Update(msg)
	}
	done, cmd := m.scope.update(msg)
	if done != nil {
		m.scope = nil
		if *done == m.env.Scope {
			return cmd
		}
		sc := *done
		return tea.Batch(cmd, func() tea.Msg { return scopeMsg{scope: sc} })
	}
	return cmd
}

func (m *Model) overlayView(pane func() string) string {
	h := max(1, m.height-2-strings.Count(m.helpView(), "\n")-1)
	switch {
	case m.pal != nil:
		m.pal.SetSize(m.width, h)
		return m.pal.View()
	case m.scope != nil:
		return uikit.FitBlock(m.scope.view(), m.width, h)
	}
	return pane()
}

func (m *Model) openPalette() tea.Cmd {
	m.pal = palette.New(m.env, m.commands())
	m.pal.SetSize(m.width, m.height-3)
	return m.pal.Init()
}

// commands are every command of the workbench and of each pane, by name:
// going to a pane, the root's own, and each key of each pane's full help
// (run on that pane).
func (m *Model) commands() []palette.Command {
	var out []palette.Command
	msgCmd := func(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }
	for i, p := range m.panes {
		out = append(out, palette.Command{Name: "Go to " + p.Title(), Keys: paneDigit(i), Run: msgCmd(gotoPaneMsg{pane: i})})
	}
	out = append(out,
		palette.Command{Name: "Time scope: set or clear", Keys: "T", Run: msgCmd(openScopeMsg{})},
		palette.Command{Name: "Import evidence (files or a directory)", Keys: "I", Run: msgCmd(importDialogMsg{})},
		palette.Command{Name: "Start screen: open or create a case", Keys: "O", Run: msgCmd(startScreenMsg{})},
		palette.Command{Name: "Help: every key", Keys: "?", Run: msgCmd(toggleHelpMsg{})},
		palette.Command{Name: "Quit", Keys: "q", Run: tea.Quit},
	)
	if m.focusA != "" {
		out = append(out, palette.Command{Name: "Clear B (compare A with nobody)", Run: uikit.RequestFocus(uikit.RoleB, "", "")})
	}
	for i, p := range m.panes {
		seen := map[string]bool{}
		now := modeKeys(p.KeyMap())
		for _, group := range p.KeyMap().FullHelp() {
			for _, b := range group {
				h := b.Help()
				if len(b.Keys()) == 0 || h.Desc == "" || seen[h.Desc] || moves[b.Keys()[0]] {
					continue
				}
				if d, mode := now[b.Keys()[0]]; mode && d != h.Desc {
					continue // the key does something else in the pane's present view
				}
				seen[h.Desc] = true
				out = append(out, palette.Command{Name: p.Title() + ": " + h.Desc, Keys: h.Key,
					Run: msgCmd(paneKeyMsg{pane: i, key: keyOf(b.Keys()[0])})})
			}
		}
	}
	return out
}

// modeKeys are the keys a pane's full help binds to more than one action
// (enter opens a Persona in the Overview's subscribers and a source's
// rejected lines in its sources; the Hunt's enter runs the form, opens a
// subscriber's records, reruns a saved hunt), each with the action its
// short help, which follows the pane's present view, gives it ("" when
// the short help names none). A palette command is the key sent to the
// pane as it is: one of these keys is offered only for that action,
// never under the name of another view's.
func modeKeys(km help.KeyMap) map[string]string {
	descs := map[string]map[string]bool{}
	for _, group := range km.FullHelp() {
		for _, b := range group {
			if len(b.Keys()) == 0 || b.Help().Desc == "" {
				continue
			}
			k := b.Keys()[0]
			if descs[k] == nil {
				descs[k] = map[string]bool{}
			}
			descs[k][b.Help().Desc] = true
		}
	}
	out := map[string]string{}
	for k, ds := range descs {
		if len(ds) > 1 {
			out[k] = ""
		}
	}
	for _, b := range km.ShortHelp() {
		if len(b.Keys()) == 0 {
			continue
		}
		if _, ok := out[b.Keys()[0]]; ok {
			out[b.Keys()[0]] = b.Help().Desc
		}
	}
	return out
}

// moves are the keys that only move the cursor: not worth a command.
var moves = map[string]bool{"up": true, "down": true, "left": true, "right": true, "pgup": true, "pgdown": true, "home": true, "end": true}

// Messages of the palette's commands, handled by the root.
type (
	gotoPaneMsg struct{ pane int }
	paneKeyMsg  struct {
		pane int
		key  tea.KeyMsg
	}
	openScopeMsg  struct{}
	toggleHelpMsg struct{}
)

// keyOf is the key message a binding's key name stands for.
func keyOf(name string) tea.KeyMsg {
	names := map[string]tea.KeyType{"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight, "home": tea.KeyHome, "end": tea.KeyEnd,
		"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "backspace": tea.KeyBackspace, "delete": tea.KeyDelete, " ": tea.KeySpace}
	if t, ok := names[name]; ok {
		return tea.KeyMsg{Type: t}
	}
	for t, n := range ctrlKeys {
		if n == name {
			return tea.KeyMsg{Type: t}
		}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name)}
}

var ctrlKeys = map[tea.KeyType]string{tea.KeyCtrlA: "ctrl+a", tea.KeyCtrlB: "ctrl+b", tea.KeyCtrlD: "ctrl+d", tea.KeyCtrlE: "ctrl+e",
	tea.KeyCtrlF: "ctrl+f", tea.KeyCtrlK: "ctrl+k", tea.KeyCtrlL: "ctrl+l", tea.KeyCtrlN: "ctrl+n", tea.KeyCtrlP: "ctrl+p",
	tea.KeyCtrlR: "ctrl+r", tea.KeyCtrlS: "ctrl+s", tea.KeyCtrlU: "ctrl+u", tea.KeyCtrlW: "ctrl+w", tea.KeyCtrlX: "ctrl+x"}

// act does what the palette's item stands for.
func (m *Model) act(it palette.Item) tea.Cmd {
	if it.Command != nil {
		return it.Command.Run
	}
	h := it.Hit
	switch h.Kind {
	case "subscriber", "imsi", "imei":
		return tea.Batch(uikit.RequestFocus(uikit.RoleA, h.MSISDN, "persona"),
			uikit.Status(fmt.Sprintf("A = %s (found by %s %s)", h.MSISDN, palette.KindName(h.Kind), h.Value)))
	case "party":
		return tea.Batch(uikit.RequestFocus(uikit.RoleA, h.MSISDN, "persona"),
			uikit.Status(fmt.Sprintf("A = %s (%s is the other party in %s)", h.MSISDN, h.Value, h.Detail)))
	case "pbx":
		i := m.paneIndex("asterisk")
		if i < 0 {
			return uikit.Fail(fmt.Errorf("no Asterisk pane"))
		}
		return tea.Batch(m.switchTo(i), func() tea.Msg { return uikit.PBXCallsMsg{Number: h.Value, Keyed: h.Keyed} })
	case "ip":
		return m.hunt(analysis.HuntForm{Dests: h.Value})
	case "cell":
		return m.hunt(analysis.HuntForm{Cells: quoteCell(h.Value)})
	case "source":
		return tea.Batch(m.switchTo(m.paneIndex("overview")), func() tea.Msg { return uikit.ShowSourceMsg{ID: h.ID, Path: h.Value} })
	}
	return nil
}

// quoteCell writes a cell found in the case as the hunt's Cells field
// reads it: one cell, even when it holds a space, a comma or a semicolon
// (the field splits a pasted list on those), in double quotes.
func quoteCell(cell string) string {
	if !strings.ContainsAny(cell, " \t,;\"") {
		return cell
	}
	return `"` + strings.ReplaceAll(cell, `"`, `""`) + `"`
}

func (m *Model) hunt(form analysis.HuntForm) tea.Cmd {
	i := m.paneIndex("hunt")
	if i < 0 {
		return uikit.Fail(fmt.Errorf("no Hunt pane"))
	}
	return tea.Batch(m.switchTo(i), func() tea.Msg { return uikit.HuntMsg{Form: form} })
}

func (m *Model) paneIndex(id string) int {
	for i, p := range m.panes {
		if p.ID() == id {
			return i
		}
	}
	return -1
}

// handleCommandMsg runs the palette's commands that act on the root.
func (m *Model) handleCommandMsg(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case gotoPaneMsg:
		return m.switchTo(msg.pane), true
	case paneKeyMsg:
		return tea.Batch(m.switchTo(msg.pane), func() tea.Msg { return msg.key }), true
	case openScopeMsg:
		m.scope = newScopeDialog(m.env.Styles, m.env.Scope)
		return m.scope.from.Focus(), true
	case toggleHelpMsg:
		m.showHelp = !m.showHelp
		m.layout()
		return nil, true
	}
	return nil, false
}

// scopeDialog sets the case-wide time scope.
type scopeDialog struct {
	st       *uikit.Styles
	cur      casework.TimeScope
	from, to textinput.Model
	err      string
}

func newScopeDialog(st *uikit.Styles, cur casework.TimeScope) *scopeDialog {
	d := &scopeDialog{st: st, cur: cur, from: textinput.New(), to: textinput.New()}
	d.from.Prompt, d.to.Prompt = "from: ", "to:   "
	d.from.Placeholder, d.to.Placeholder = "2024-03-18 or 2024-03-18 10:00 (empty: open)", "2024-03-24 (a date includes its whole day)"
	if cur.From != 0 {
		d.from.SetValue(strings.TrimSuffix(casework.TimeScope{From: cur.From}.String(), " – end"))
	}
	if cur.To != 0 {
		d.to.SetValue(strings.TrimPrefix(casework.TimeScope{To: cur.To}.String(), "start – "))
	}
	return d
}

// update returns the scope to apply when the dialog closes (nil while open).
func (d *scopeDialog) update(msg tea.KeyMsg) (*casework.TimeScope, tea.Cmd) {
	switch msg.String() {
	case "esc":
		return &d.cur, nil // nothing changes
	case "ctrl+x":
		return &casework.TimeScope{}, nil
	case "tab", "shift+tab", "up", "down":
		if d.from.Focused() {
			d.from.Blur()
			return nil, d.to.Focus()
		}
		d.to.Blur()
		return nil, d.from.Focus()
	case "enter":
		sc, err := casework.ParseTimeScope(d.from.Value(), d.to.Value())
		if err != nil {
			d.err = err.Error()
			return nil, nil
		}
		return &sc, nil // the shell says so in the status line
	}
	var cmd tea.Cmd
	if d.from.Focused() {
		d.from, cmd = d.from.Update(msg)
	} else {
		d.to, cmd = d.to.Update(msg)
	}
	return nil, cmd
}

func (d *scopeDialog) view() string {
	st := d.st
	var b strings.Builder
	b.WriteString(st.Title.Render("Time scope") + st.Muted.Render(" · every pane and every figure, on the wall clock of the evidence") + "\n\n")
	b.WriteString(d.from.View() + "\n" + d.to.View() + "\n\n")
	if d.err != "" {
		b.WriteString(st.Bad.Render("error: "+inert.String(d.err)) + "\n")
	}
	b.WriteString(st.Key.Render("enter") + st.Muted.Render(" apply (both empty: whole case) · ") + st.Key.Render("tab") +
		st.Muted.Render(" next field\n") + st.Key.Render("ctrl+x") + st.Muted.Render(" clear · ") + st.Key.Render("esc") + st.Muted.Render(" cancel"))
	return b.String()
}

// clickTab switches to the tab under a click on the tab line.
func (m *Model) clickTab(msg tea.MouseMsg) tea.Cmd {
	if msg.Action != tea.MouseActionPress || msg.Button != tea.MouseButtonLeft {
		return nil
	}
	x := 0
	for i, w := range m.tabWidths() {
		if msg.X >= x && msg.X < x+w {
			return m.switchTo(i)
		}
		x += w
	}
	return nil
}
