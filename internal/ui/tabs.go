package ui

// The tab line: every pane's number and title, in the widest form the
// terminal's width allows.

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// shortTitles are the tab labels on a terminal too narrow for every
// title, by pane id (the same whether the pane is the analysis or says it
// is not available on this case).
var shortTitles = map[string]string{
	"overview": "Over", "correlation": "Corr", "simbox": "SIM",
	"asterisk": "PBX", "location": "Loc", "network": "Net",
}

// shortTitle is p's short tab label, its title when it has none.
func shortTitle(p uikit.Pane) string {
	if s, ok := shortTitles[p.ID()]; ok {
		return s
	}
	return p.Title()
}

func (m *Model) tabsView() string {
	parts, sep := m.tabParts()
	line := strings.Join(parts, sep)
	if lipgloss.Width(line) <= m.width {
		return line
	}
	return lipgloss.NewStyle().MaxWidth(m.width).Render(line)
}

// tabParts are the tabs as drawn, in the widest form that fits (padded
// titles, compact titles, short titles, numbers), and what separates
// them.
func (m *Model) tabParts() ([]string, string) {
	st := m.env.Styles
	short := false
	label := func(i int, p uikit.Pane, titled bool) string {
		text := paneDigit(i)
		switch {
		case i == m.active:
			text += " " + p.Title()
		case titled && short:
			text += " " + shortTitle(p)
		case titled:
			text += " " + p.Title()
		}
		if i == m.active {
			return "[" + text + "]"
		}
		return text
	}
	render := func(titled, padded bool) []string {
		parts := make([]string, len(m.panes))
		for i, p := range m.panes {
			style := st.TabInactive
			if i == m.active {
				style = st.TabActive
			}
			if !padded {
				style = style.UnsetPadding()
			}
			parts[i] = style.Render(label(i, p, titled))
		}
		return parts
	}
	for _, form := range [][2]bool{{true, true}, {true, false}} {
		parts, sep := render(form[0], form[1]), ""
		if !form[1] {
			sep = " "
		}
		if lipgloss.Width(strings.Join(parts, sep)) <= m.width {
			return parts, sep
		}
	}
	// short titles ("Corr", "Loc") beside the active tab's full one
	short = true
	if parts := render(true, false); lipgloss.Width(strings.Join(parts, " ")) <= m.width {
		return parts, " "
	}
	// short titles for the first tabs that fit, numbers for the rest
	for k := len(m.panes) - 1; k >= 4; k-- {
		parts := render(false, false)
		for i, p := range m.panes[:k] {
			if i != m.active {
				parts[i] = st.TabInactive.UnsetPadding().Render(label(i, p, true))
			}
		}
		if lipgloss.Width(strings.Join(parts, " ")) <= m.width {
			return parts, " "
		}
	}
	if parts := render(false, true); lipgloss.Width(strings.Join(parts, "")) <= m.width {
		return parts, ""
	}
	return render(false, false), " "
}

// tabWidths are the cells each tab takes on the tab line, its separator
// included (for clicks).
func (m *Model) tabWidths() []int {
	parts, sep := m.tabParts()
	out := make([]int, len(parts))
	for i, p := range parts {
		out[i] = lipgloss.Width(p) + len(sep)
	}
	return out
}
