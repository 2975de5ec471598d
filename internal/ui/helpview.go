package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// The full help (?) is a page in the pane's place: every key of the pane
// in front, of every list and of the workbench, in as many columns as fit,
// scrolled when it is longer than the screen. Nothing is cut.

// helpKey handles a key while the full help is shown: scrolling keys
// scroll it, ? esc and q close it; any other key closes it and acts.
func (m *Model) helpKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	page := max(1, m.paneHeight()-1)
	switch msg.String() {
	case "?", "esc", "q":
		m.showHelp = false
		m.layout()
		return nil, true
	case "up", "k":
		m.helpTop--
	case "down", "j":
		m.helpTop++
	case "pgup", "ctrl+b", "ctrl+u":
		m.helpTop -= page
	case "pgdown", "ctrl+f", "ctrl+d", " ":
		m.helpTop += page
	case "home", "g":
		m.helpTop = 0
	case "end", "G":
		m.helpTop = 1 << 30
	default:
		m.showHelp = false
		m.layout()
		return nil, false
	}
	m.clampHelp()
	return nil, true
}

func (m *Model) clampHelp() {
	n := len(m.helpLines())
	m.helpTop = max(0, min(m.helpTop, n-max(1, m.paneHeight()-1)))
}

// helpPage draws the visible part of the full help and a line saying
// where it is.
func (m *Model) helpPage() string {
	lines := m.helpLines()
	h := max(1, m.paneHeight()-1)
	m.clampHelp()
	end := min(len(lines), m.helpTop+h)
	out := append([]string(nil), lines[m.helpTop:end]...)
	for len(out) < h {
		out = append(out, "")
	}
	where := "all keys"
	if len(lines) > h {
		where = "↑/↓ pgup/pgdn scroll · lines " + itoa(m.helpTop+1) + "-" + itoa(end) + " of " + itoa(len(lines))
	}
	out = append(out, m.env.Styles.Muted.Render(where+" · ? or esc closes"))
	return strings.Join(out, "\n")
}

func itoa(n int) string { return humanCount(int64(n)) }

// helpLines are the full help's lines at the current width.
func (m *Model) helpLines() []string {
	st := m.env.Styles
	list := listKeys()
	seen := map[string]bool{}
	for _, b := range list {
		seen[b.Help().Key+"\x00"+b.Help().Desc] = true
	}
	var own []key.Binding
	for _, group := range m.activePane().KeyMap().FullHelp() {
		for _, b := range group {
			id := b.Help().Key + "\x00" + b.Help().Desc
			if !b.Enabled() || b.Help().Key == "" || seen[id] {
				continue
			}
			seen[id] = true
			own = append(own, b)
		}
	}
	var lines []string
	section := func(title string, bs []key.Binding) {
		if len(bs) == 0 {
			return
		}
		if len(lines) > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, st.Subtitle.Render(title))
		lines = append(lines, m.keyColumns(bs)...)
	}
	section(inert.String(m.activePane().Title())+": this pane", own)
	section("Every list", list)
	section("Everywhere", m.keys.global())
	return lines
}

// keyColumns lays bindings out in columns read downwards, as many as fit;
// an entry wider than the screen wraps.
func (m *Model) keyColumns(bs []key.Binding) []string {
	st := m.env.Styles
	keyW := 0
	for _, b := range bs {
		keyW = max(keyW, lipgloss.Width(b.Help().Key))
	}
	keyW = min(keyW, 12)
	entries := make([]string, len(bs))
	entryW := 0
	for i, b := range bs {
		k := b.Help().Key
		pad := max(0, keyW-lipgloss.Width(k))
		entries[i] = st.Key.Render(k) + strings.Repeat(" ", pad) + " " + st.Muted.Render(b.Help().Desc)
		entryW = max(entryW, lipgloss.Width(entries[i]))
	}
	width := max(10, m.width-2)
	cols := max(1, (width+3)/(entryW+3))
	if cols == 1 {
		var out []string
		for _, e := range entries {
			out = append(out, strings.Split(lipgloss.NewStyle().Width(width).Render(e), "\n")...)
		}
		return indent(out)
	}
	rows := (len(entries) + cols - 1) / cols
	out := make([]string, rows)
	for i, e := range entries {
		r := i % rows
		if i >= rows {
			out[r] += "   "
		}
		out[r] += e + strings.Repeat(" ", entryW-lipgloss.Width(e))
	}
	for i := range out {
		out[i] = strings.TrimRight(out[i], " ")
	}
	return indent(out)
}

func indent(lines []string) []string {
	for i, l := range lines {
		lines[i] = "  " + l
	}
	return lines
}

// shortHelpLine is the pane's keys, as many as fit whole, then the keys
// that answer everything (? every key, the palette, quit), always shown
// whole. A "…" says keys were left out (? lists them); a key is never cut
// mid-word (bubbles' help adds an item that does not fit when its "…"
// does not fit either): when not even the first fits, its description
// ends at the last whole word that does.
func shortHelpLine(h *help.Model, c combinedKeys, width int) string {
	h.Width = 0
	tail := h.ShortHelpView([]key.Binding{c.root.Help, c.root.Palette, c.root.Quit})
	sep := h.Styles.ShortSeparator.Render(h.ShortSeparator)
	room := width - lipgloss.Width(tail) - lipgloss.Width(sep)
	h.Width = width
	if room < 12 {
		return uikit.FitLine(tail, width)
	}
	head := shortHelpHead(h, c.pane.ShortHelp(), room)
	if head == "" {
		return tail
	}
	return head + sep + tail
}

// shortHelpHead is as many of keys as fit in room, each whole.
func shortHelpHead(h *help.Model, keys []key.Binding, room int) string {
	sep := h.Styles.ShortSeparator.Inline(true).Render(h.ShortSeparator)
	more := " " + h.Styles.Ellipsis.Inline(true).Render(h.Ellipsis)
	item := func(k, desc string) string {
		return h.Styles.ShortKey.Inline(true).Render(k) + " " + h.Styles.ShortDesc.Inline(true).Render(desc)
	}
	var items []string
	var first key.Help
	for _, kb := range keys {
		if kb.Enabled() {
			if len(items) == 0 {
				first = kb.Help()
			}
			items = append(items, item(kb.Help().Key, kb.Help().Desc))
		}
	}
	for n := len(items); n > 0; n-- {
		line := strings.Join(items[:n], sep)
		if n < len(items) {
			line += more
		}
		if lipgloss.Width(line) <= room {
			return line
		}
	}
	if len(items) == 0 {
		return ""
	}
	// the first key alone is wider than the room: its description to the
	// last whole word that fits, then "…"
	words := strings.Fields(first.Desc)
	for n := len(words) - 1; n >= 0; n-- {
		line := item(first.Key, strings.Join(words[:n], " ")) + more
		if n == 0 {
			line = h.Styles.ShortKey.Inline(true).Render(first.Key) + more
		}
		if lipgloss.Width(line) <= room {
			return line
		}
	}
	return ""
}
