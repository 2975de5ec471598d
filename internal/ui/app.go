// Package ui is the workbench: a Bubble Tea root model that owns layout,
// focus and key routing, and hosts the panes (each a small model in its own
// package behind uikit.Pane).
package ui

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/notes"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Model is the root model.
type Model struct {
	env      *uikit.Env
	panes    []uikit.Pane
	active   int
	width    int
	height   int
	keys     rootKeys
	help     help.Model
	showHelp bool
	helpTop  int // first line of the full help shown
	spinner  spinner.Model
	busy     map[string]int
	focusA   string
	focusB   string
	status   string // the last message, on its own line until the next key
	lastErr  error  // the last error, likewise
	summary  *store.Summary
	// Panes start and learn of focus changes only when shown: a pane the
	// analyst never opens costs nothing, and a focus change does not set
	// six panes computing on a ten-million-row case at once.
	started  []bool
	focusGen uint64        // bumped at every focus change
	focusOf  []uint64      // the focus generation each pane has seen
	overlays               // the palette and the time-scope dialog (h17b)
	overlay  notes.Overlay // bookmark, Notes or report, over the panes (memory.go)
	audit    auditMemory   // what the trail last got per action (memory.go)
	visits   []uint64      // showings of each pane, for suspending hidden ones (hidden.go)
}

// New returns the root model over the given panes, shown in that order.
func New(env *uikit.Env, panes []uikit.Pane) *Model {
	h := help.New()
	h.Styles.ShortKey = env.Styles.Key
	h.Styles.FullKey = env.Styles.Key
	h.Styles.ShortDesc = env.Styles.Muted
	h.Styles.FullDesc = env.Styles.Muted
	h.Styles.ShortSeparator = env.Styles.Muted
	h.Styles.FullSeparator = env.Styles.Muted
	sp := spinner.New(spinner.WithSpinner(spinner.MiniDot))
	return &Model{env: env, panes: panes, keys: newRootKeys(len(panes)), help: h, spinner: sp,
		busy: map[string]int{}, width: 80, height: 24,
		started: make([]bool, len(panes)), focusOf: make([]uint64, len(panes))}
}

type summaryMsg struct {
	sum *store.Summary
	err error
}

// Init loads the case summary for the status line and starts the first
// pane; the others start when first shown.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(m.loadSummary(), m.show(m.active), m.caseWarnings())
}

// show starts pane i if it never ran, and tells it of a focus change it
// has not seen yet.
func (m *Model) show(i int) tea.Cmd {
	p := m.panes[i]
	var cmds []tea.Cmd
	if !m.started[i] {
		m.started[i] = true
		cmds = append(cmds, p.Init())
	}
	if m.focusOf[i] != m.focusGen {
		m.focusOf[i] = m.focusGen
		cmds = append(cmds, p.Update(uikit.FocusMsg{A: m.focusA, B: m.focusB}))
	}
	return tea.Batch(cmds...)
}

func (m *Model) loadSummary() tea.Cmd {
	st, ctx := m.env.Case, m.env.Context
	return func() tea.Msg {
		sum, err := st.Summary(ctx)
		return summaryMsg{sum: sum, err: err}
	}
}

// Update routes messages: keys and mouse to the active pane (after the
// root's own keys), everything else to every pane.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if cmd, ok := m.overlayUpdate(msg); ok {
		return m, cmd
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		return m, nil
	case tea.KeyMsg:
		return m, m.handleKey(msg)
	case tea.MouseMsg:
		if m.overlay != nil {
			return m, nil
		}
		if msg.Y == 0 {
			return m, m.clickTab(msg)
		}
		msg.Y-- // below the tab line
		return m, m.activePane().Update(msg)
	case uikit.RequestFocusMsg:
		return m, m.setFocus(msg)
	case uikit.StatusMsg:
		m.status, m.lastErr = msg.Text, nil
		m.layout()
		return m, nil
	case uikit.ErrorMsg:
		m.lastErr = msg.Err
		m.layout()
		return m, nil
	case uikit.BusyMsg:
		return m, m.setBusy(msg)
	case spinner.TickMsg:
		if !m.isBusy() {
			return m, nil
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd
	case hiddenMsg:
		m.hidden(msg)
		return m, nil
	case summaryMsg:
		if msg.err != nil {
			m.lastErr = msg.err
			m.layout()
		}
		m.summary = msg.sum
		return m, nil
	}
	if cmd, ok := m.memoryMsg(msg); ok {
		return m, cmd
	}
	if cmd, ok := m.warningsMsg(msg); ok {
		return m, cmd
	}
	if m.overlay != nil {
		cmd := m.overlay.Update(msg)
		m.overlayDone()
		return m, tea.Batch(cmd, m.broadcast(msg))
	}
	return m, m.broadcast(msg)
}

func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(m.panes))
	for _, p := range m.panes {
		cmds = append(cmds, p.Update(msg))
	}
	return tea.Batch(cmds...)
}

func (m *Model) activePane() uikit.Pane { return m.panes[m.active] }

func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	if m.overlayOpen() && msg.Type != tea.KeyCtrlC {
		return m.overlayInput(msg)
	}
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste && !m.activePane().Editing() {
		// Keys typed faster than a read (or sent by tmux) arrive as one
		// message: take them one by one, so that "/abc" opens the filter
		// and then types "abc" into it.
		cmds := make([]tea.Cmd, 0, len(msg.Runes))
		for i, r := range msg.Runes {
			if m.overlayOpen() {
				rest := tea.KeyMsg{Type: tea.KeyRunes, Runes: msg.Runes[i:]}
				return tea.Batch(append(cmds, m.handleKey(rest))...)
			}
			if m.activePane().Editing() {
				rest := tea.KeyMsg{Type: tea.KeyRunes, Runes: msg.Runes[i:]}
				return tea.Batch(append(cmds, m.activePane().Update(rest))...)
			}
			cmds = append(cmds, m.handleKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}))
		}
		return tea.Batch(cmds...)
	}
	if key.Matches(msg, m.keys.ForceQuit) {
		return tea.Quit
	}
	if m.overlay != nil {
		cmd := m.overlay.Update(msg)
		m.overlayDone()
		return cmd
	}
	if m.status != "" || m.lastErr != nil {
		// a message stays until the next key, then leaves its line to help
		m.status, m.lastErr = "", nil
		m.layout()
	}
	if m.showHelp {
		if cmd, done := m.helpKey(msg); done {
			return cmd
		}
	}
	p := m.activePane()
	if p.Editing() {
		return p.Update(msg)
	}
	for _, r := range m.keys.reserved() {
		if key.Matches(msg, r) {
			return nil // global, for a feature still to come: never a pane's
		}
	}
	switch {
	case key.Matches(msg, m.keys.Quit):
		return tea.Quit
	case key.Matches(msg, m.keys.Help):
		m.showHelp, m.helpTop = true, 0
		m.layout()
		return nil
	case key.Matches(msg, m.keys.Next):
		return m.switchTo((m.active + 1) % len(m.panes))
	case key.Matches(msg, m.keys.Prev):
		return m.switchTo((m.active + len(m.panes) - 1) % len(m.panes))
	case key.Matches(msg, m.keys.Jump):
		if n := paneIndex(msg.Runes[0]); n >= 0 && n < len(m.panes) {
			return m.switchTo(n)
		}
		return nil
	}
	if cmd, ok := m.memoryKey(msg); ok {
		return cmd
	}
	if cmd, ok := m.overlayKey(msg); ok {
		return cmd
	}
	return p.Update(msg)
}

func (m *Model) switchTo(i int) tea.Cmd {
	left := m.active
	m.active = i
	m.layout()
	if left == i {
		return m.show(i)
	}
	return tea.Batch(m.leave(left), m.visit(i), m.show(i))
}

func (m *Model) setFocus(req uikit.RequestFocusMsg) tea.Cmd {
	if req.Role == uikit.RoleB && req.MSISDN != "" && req.MSISDN == m.focusA {
		m.lastErr = fmt.Errorf("%s is already A: B must be another subscriber", req.MSISDN)
		return nil
	}
	if req.Role == uikit.RoleA && req.MSISDN == m.focusB {
		m.focusB = "" // A and B are never the same subscriber
	}
	if req.Role == uikit.RoleB {
		m.focusB = req.MSISDN
	} else {
		m.focusA = req.MSISDN
	}
	m.focusGen++
	if req.Open != "" {
		for i, p := range m.panes {
			if p.ID() == req.Open {
				return m.switchTo(i)
			}
		}
	}
	return m.show(m.active)
}

// setBusy counts a key's computations under way.
func (m *Model) setBusy(msg uikit.BusyMsg) tea.Cmd {
	// A pane starts work with tea.Batch(Busy(key, true), work): the two
	// run concurrently, so a fast job's end may arrive before its start.
	// The count per key may then go below zero for a moment (an end
	// waiting for its start); only keys above zero are running work.
	idle := !m.isBusy()
	if msg.Busy {
		m.busy[msg.Key]++
	} else {
		m.busy[msg.Key]--
	}
	if m.busy[msg.Key] == 0 {
		delete(m.busy, msg.Key)
	}
	if idle && m.isBusy() {
		return m.spinner.Tick
	}
	return nil
}

// isBusy reports whether any work started has not ended.
func (m *Model) isBusy() bool {
	for _, n := range m.busy {
		if n > 0 {
			return true
		}
	}
	return false
}

// layout gives the active pane the space between the tab line and the
// status and bottom lines. Every pane gets the size, so a switch is
// instant.
func (m *Model) layout() {
	h := m.paneHeight()
	for _, p := range m.panes {
		p.SetSize(m.width, h)
	}
	if m.overlay != nil {
		m.overlay.SetSize(m.width, max(h, 1))
	}
}

// paneHeight is the room between the tab line and the status line and the
// bottom (message or help) lines.
func (m *Model) paneHeight() int {
	return max(1, m.height-2-lipgloss.Height(m.bottomView()))
}

// View draws the tab line, the active pane, the status line and help.
func (m *Model) View() string {
	if m.width < 20 || m.height < 8 {
		// wrapped: on a terminal this small one line would cut the sizes off
		return strings.Join(uikit.WrapWords(fmt.Sprintf("cdrtui needs at least 20×8; the terminal is %d×%d", m.width, m.height), m.width), "\n")
	}
	paneHeight := m.paneHeight()
	body := m.overlayView(m.activePane().View)
	if m.overlay != nil {
		body = m.overlay.View()
	}
	if m.showHelp {
		body = m.helpPage()
	}
	pane := lipgloss.NewStyle().MaxWidth(m.width).MaxHeight(paneHeight).Render(body)
	if gap := paneHeight - lipgloss.Height(pane); gap > 0 {
		pane += strings.Repeat("\n", gap)
	}
	return strings.Join([]string{m.tabsView(), pane, m.statusView(), m.bottomView()}, "\n")
}

func (m *Model) statusView() string {
	st := m.env.Styles
	var counts []string
	if m.summary != nil {
		// the records analysts count; configuration keys, log entries and
		// shell history are in the Overview and the Asterisk pane
		for _, k := range uikit.KindCounts(m.summary.Records) {
			if k.Record {
				counts = append(counts, fmt.Sprintf("%s %s", humanCount(k.Count), k.Label))
			}
		}
	}
	a, b := m.focusA, m.focusB
	if a == "" {
		a = "—"
	}
	focus := "A " + inert.String(a)
	if b != "" {
		focus += "  B " + inert.String(b)
	}
	// the time scope is never cut (its end cut to "– 2024-03-22" reads as
	// a day it excludes): when it does not fit whole it is shortened to
	// its days and hours without the year, then to a mark that T names it
	scopes := []string{""}
	if m.env.Scope.Set() {
		full := m.env.Scope.String()
		scopes = []string{full, shortScope(full), "scoped (T)"}
	}
	// A and B always show whole: the counts (in the Overview too) give
	// way first
	name := st.StatusKey.Render(inert.String(caseName(m.env)))
	if m.env.Demo {
		name = st.Warn.Render("DEMO") + " " + name
	}
	var line string
	for _, scope := range scopes {
		tail := []string{focus}
		if scope != "" {
			tail = append(tail, st.Warn.Render("⏱ "+scope))
		}
		if m.note != "" {
			tail = append(tail, inert.String(m.note))
		}
		if m.isBusy() {
			tail = append(tail, m.spinner.View()+" working")
		}
		for n := len(counts); n >= 0; n-- {
			line = strings.Join(append(append([]string{name}, counts[:n]...), tail...), " · ")
			if lipgloss.Width(line) <= m.width {
				return lipgloss.NewStyle().MaxWidth(m.width).Render(st.Status.Render(line))
			}
		}
	}
	return lipgloss.NewStyle().MaxWidth(m.width).Render(st.Status.Render(line))
}

// shortScope writes a time scope without its years and the spaces around
// its dash: "2024-03-20 00:00 – 2024-03-22 00:00" as "03-20 00:00–03-22 00:00".
func shortScope(s string) string {
	return yearPrefix.ReplaceAllString(strings.Replace(s, " – ", "–", 1), "")
}

var yearPrefix = regexp.MustCompile(`\b[0-9]{4}-`)

// bottomView is the last message, whole (wrapped, at most a third of the
// screen), on its own line until the next key; else the short help.
func (m *Model) bottomView() string {
	st := m.env.Styles
	var text string
	switch {
	case m.lastErr != nil:
		text = st.StatusErr.Render("error: " + inert.String(m.lastErr.Error()))
	case m.status != "":
		text = st.Text.Render("» " + inert.String(m.status))
	default:
		return m.helpView()
	}
	lines := strings.Split(lipgloss.NewStyle().Width(max(10, m.width)).Render(text), "\n")
	if limit := max(1, m.height/3); len(lines) > limit {
		lines = lines[:limit]
		lines[limit-1] = uikit.FitLine(lines[limit-1]+" …", m.width)
	}
	return strings.Join(lines, "\n")
}

func (m *Model) helpView() string {
	if m.overlay != nil { // the overlay draws its own keys
		m.help.Width = m.width
		return m.help.ShortHelpView([]key.Binding{m.keys.ForceQuit})
	}
	km := combinedKeys{pane: m.activePane().KeyMap(), root: m.keys}
	m.help.Width = m.width
	if m.showHelp {
		return m.help.ShortHelpView([]key.Binding{
			key.NewBinding(key.WithKeys("up"), key.WithHelp("↑/↓", "scroll")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("? esc", "close help"))})
	}
	return shortHelpLine(&m.help, km, m.width)
}

// humanCount writes 1234567 as 1.2M, 40000 as 40k.
func humanCount(n int64) string {
	switch {
	case n >= 1_000_000:
		return fmt.Sprintf("%.1fM", float64(n)/1e6)
	case n >= 10_000:
		return fmt.Sprintf("%dk", n/1000)
	}
	return table.Thousands(n)
}

// Run starts the workbench on a terminal and blocks until the analyst quits.
func Run(ctx context.Context, env *uikit.Env, panes []uikit.Pane, opts ...tea.ProgramOption) error {
	opts = append([]tea.ProgramOption{tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithContext(ctx)}, opts...)
	_, err := tea.NewProgram(New(env, panes), opts...).Run()
	return err
}
