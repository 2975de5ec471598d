package location

import (
	"fmt"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/casework"
)

// hoursForm lets the analyst type any hours of the night (home) and of
// work, as `cdrtui location --night 22-06 --day 09-17` takes them: H opens
// it, tab moves between the fields, enter applies, esc closes it.
type hoursForm struct {
	open   bool
	fields [2]textinput.Model
	focus  int
	err    string
}

func newHoursInput(label string) textinput.Model {
	in := textinput.New()
	in.Prompt = label
	in.CharLimit = 5
	in.Width = 6
	return in
}

// openHours shows the form with the hours in use.
func (p *Pane) openHours() {
	f := &p.hours
	f.fields = [2]textinput.Model{newHoursInput("night (home) "), newHoursInput("   work (weekdays) ")}
	f.fields[0].SetValue(casework.HoursString(p.nightH))
	f.fields[1].SetValue(casework.HoursString(p.dayH))
	f.focus, f.err, f.open = 0, "", true
	f.fields[0].Focus()
}

// hoursKey handles a key while the form is open.
func (p *Pane) hoursKey(msg tea.KeyMsg) tea.Cmd {
	f := &p.hours
	switch msg.String() {
	case "esc":
		f.open = false
		return nil
	case "tab", "shift+tab", "down", "up":
		f.fields[f.focus].Blur()
		f.focus = 1 - f.focus
		return f.fields[f.focus].Focus()
	case "enter":
		night, err := casework.ParseHours(f.fields[0].Value())
		if err != nil {
			f.err = "night: " + err.Error()
			return nil
		}
		day, err := casework.ParseHours(f.fields[1].Value())
		if err != nil {
			f.err = "work: " + err.Error()
			return nil
		}
		f.open = false
		if night == p.nightH && day == p.dayH {
			return nil
		}
		p.nightH, p.dayH = night, day
		if p.focusA == "" && p.focusB == "" {
			return nil
		}
		return p.load()
	}
	var cmd tea.Cmd
	f.fields[f.focus], cmd = f.fields[f.focus].Update(msg)
	f.err = ""
	return cmd
}

// hoursView is the form's line (and its error).
func (p *Pane) hoursView(width int) string {
	s := p.env.Styles
	f := &p.hours
	line := s.Subtitle.Render("Hours: ") + f.fields[0].View() + f.fields[1].View()
	hint := s.Muted.Render("  HH-HH of the wall clock · tab · enter apply · esc")
	if f.err != "" {
		hint = "  " + s.Bad.Render(f.err)
	}
	return fitStyled(line, width) + "\n" + fitStyled(fmt.Sprint(hint), width)
}

func textinputBlink() tea.Cmd { return textinput.Blink }
