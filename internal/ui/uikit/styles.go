// Package uikit is what every pane of the workbench shares: the pane
// contract, the messages panes and the root model exchange, the palette and
// styles (built once per renderer and passed in, never made in View), and
// small helpers for tagging asynchronous results.
package uikit

import "github.com/charmbracelet/lipgloss"

// Palette names the colours of the workbench. Each is adaptive (light and
// dark backgrounds) and degrades to 16 colours or none (NO_COLOR): every
// state that colour shows is also shown by an attribute (reverse, bold,
// underline) or a glyph, so nothing is lost without colour.
type Palette struct {
	Accent, Muted, Text, Warn, Bad, Good, Bar, BarAlt lipgloss.AdaptiveColor
}

// DefaultPalette is the workbench's palette.
func DefaultPalette() Palette {
	return Palette{
		Accent: lipgloss.AdaptiveColor{Light: "26", Dark: "39"},
		Muted:  lipgloss.AdaptiveColor{Light: "244", Dark: "245"},
		Text:   lipgloss.AdaptiveColor{Light: "235", Dark: "252"},
		Warn:   lipgloss.AdaptiveColor{Light: "130", Dark: "214"},
		Bad:    lipgloss.AdaptiveColor{Light: "124", Dark: "203"},
		Good:   lipgloss.AdaptiveColor{Light: "28", Dark: "78"},
		Bar:    lipgloss.AdaptiveColor{Light: "31", Dark: "38"},
		BarAlt: lipgloss.AdaptiveColor{Light: "133", Dark: "176"},
	}
}

// Styles are every style the workbench draws with.
type Styles struct {
	Renderer *lipgloss.Renderer
	Palette  Palette

	TabActive, TabInactive, TabGap lipgloss.Style
	Title, Subtitle, Muted, Text   lipgloss.Style
	Warn, Bad, Good, Key           lipgloss.Style
	Header, Cell, Selected         lipgloss.Style
	SortMark                       lipgloss.Style
	Status, StatusKey, StatusErr   lipgloss.Style
	Box, FocusedBox                lipgloss.Style
	Input, InputLabel              lipgloss.Style
	BarA, BarB                     lipgloss.Style
}

// NewStyles builds the styles for one renderer (one terminal: over SSH each
// session has its own, with its own colour profile and background).
func NewStyles(r *lipgloss.Renderer, p Palette) *Styles {
	s := &Styles{Renderer: r, Palette: p}
	ns := r.NewStyle
	s.TabActive = ns().Bold(true).Reverse(true).Padding(0, 1)
	s.TabInactive = ns().Foreground(p.Muted).Padding(0, 1)
	s.TabGap = ns().Foreground(p.Muted)
	s.Title = ns().Bold(true).Foreground(p.Accent)
	s.Subtitle = ns().Bold(true)
	s.Muted = ns().Foreground(p.Muted)
	s.Text = ns().Foreground(p.Text)
	s.Warn = ns().Foreground(p.Warn).Bold(true)
	s.Bad = ns().Foreground(p.Bad).Bold(true)
	s.Good = ns().Foreground(p.Good)
	s.Key = ns().Foreground(p.Accent).Bold(true)
	s.Header = ns().Bold(true).Underline(true)
	s.Cell = ns()
	s.Selected = ns().Reverse(true)
	s.SortMark = ns().Foreground(p.Accent).Bold(true)
	s.Status = ns().Foreground(p.Text)
	s.StatusKey = ns().Bold(true)
	s.StatusErr = ns().Foreground(p.Bad).Bold(true)
	s.Box = ns().Border(lipgloss.NormalBorder()).BorderForeground(p.Muted)
	s.FocusedBox = ns().Border(lipgloss.NormalBorder()).BorderForeground(p.Accent)
	s.Input = ns().Foreground(p.Text)
	s.InputLabel = ns().Bold(true)
	s.BarA = ns().Foreground(p.Bar)
	s.BarB = ns().Foreground(p.BarAlt)
	return s
}
