package simbox

import (
	"fmt"
	"math"

	tea "github.com/charmbracelet/bubbletea"
)

// sliderClick moves the threshold to where the slider's track was clicked
// (x, y in the pane); ok is false when the click was not on the track.
func (p *Pane) sliderClick(msg tea.MouseMsg) (tea.Cmd, bool) {
	if msg.Y != 1 || msg.Button != tea.MouseButtonLeft || msg.Action != tea.MouseActionPress ||
		p.report == nil || p.view == viewBreakdown || p.view == viewRecords {
		return nil, false
	}
	rep := p.report
	// the geometry of sliderView
	left := len([]rune("threshold - "))
	right := fmt.Sprintf(" %g/%g · ◆ %d flagged", p.threshold, rep.MaxScore, rep.FlaggedAt(p.threshold))
	if p.threshold != p.applied {
		right += " …"
	}
	track := min(60, max(10, p.width-left-len([]rune(right))-2))
	x := msg.X - left
	if x < 0 || x >= track || rep.MaxScore <= 0 {
		return nil, false
	}
	return p.moveThreshold(math.Round(float64(x) / float64(track-1) * rep.MaxScore)), true
}
