package correlation

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
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
