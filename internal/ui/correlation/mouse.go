package correlation

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/ui/table"
)

// sliderClick moves the window to the step of the slider's track that was
// clicked (the slider is the header's second line); ok is false when the
// click was not on the track.
func (p *Pane) sliderClick(msg tea.MouseMsg) (tea.Cmd, bool) {
	if msg.Y != 1 || msg.Button != tea.MouseButtonLeft || msg.Action != tea.MouseActionPress || p.a == "" || p.b == "" {
		return nil, false
	}
	// the geometry of sliderLine
	label := fmt.Sprintf("window %-6s", windowLabel(p.Window()))
	first, last := windowLabel(p.windows[0]), windowLabel(p.windows[len(p.windows)-1])
	room := p.width - len(label) - len(first) - len(last) - 4 - 14
	per := max(1, room/len(p.windows))
	x := msg.X - (len([]rune(label)) + 1 + len([]rune(first)) + 1)
	if x < 0 || x >= per*len(p.windows) {
		return nil, false
	}
	return p.slide(x/per - p.win), true
}

// mouse hands a click or the wheel to the table under the pointer, in the
// table's own coordinates (below the pane's header and the table's
// title); on a wide screen a click on another table also gives it the
// keyboard. The wheel elsewhere scrolls the table that has the keyboard.
func (p *Pane) mouse(msg tea.MouseMsg) tea.Cmd {
	if cmd, ok := p.sliderClick(msg); ok {
		return cmd
	}
	for _, part := range p.tableAreas() {
		x, y := msg.X-part.x, msg.Y-part.y
		if x < 0 || y < 0 || x >= part.w || y >= part.h {
			continue
		}
		if msg.Button == tea.MouseButtonLeft && msg.Action == tea.MouseActionPress && p.view != part.view {
			p.view = part.view
		}
		msg.X, msg.Y = x, y
		return part.t.Update(msg)
	}
	if msg.Button == tea.MouseButtonWheelUp || msg.Button == tea.MouseButtonWheelDown {
		msg.X, msg.Y = -1, -1 // not a click: only the wheel
		return p.focused().Update(msg)
	}
	return nil
}

// tableArea is where a table is drawn in the pane (its header line first).
type tableArea struct {
	t          *table.Model
	view       view
	x, y, w, h int
}

// tableAreas follows View's geometry: the pane's header, then in a narrow
// pane the view in front (a title line above the pairs and the contacts),
// in a wide one the applications (top left), the pairs (bottom left) and
// the contacts (bottom right), each under its title line.
func (p *Pane) tableAreas() []tableArea {
	g, top := p.geometry(), p.headerHeight()
	if p.wide() {
		return []tableArea{
			{p.apps, viewSummary, 0, top + 1, g.leftW, g.appsH},
			{p.pairs, viewPairs, 0, top + g.topH + 1, g.leftW, g.pairsH},
			{p.contacts, viewContacts, g.leftW + 1, top + g.topH + 1, g.rightW, g.contactsH},
		}
	}
	switch p.view {
	case viewPairs:
		return []tableArea{{p.pairs, viewPairs, 0, top + 1, p.width, g.pairsH}}
	case viewContacts:
		return []tableArea{{p.contacts, viewContacts, 0, top + 1, p.width, g.contactsH}}
	}
	if p.a == "" || p.b == "" {
		return nil
	}
	return []tableArea{{p.apps, viewSummary, 0, top, p.width, g.appsH}}
}
