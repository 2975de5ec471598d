package hunt

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Tower-dump scenes (t in the Hunt pane): a form of two to twenty scenes,
// each written as `cdrtui scenes --scene` takes it (CELL[,CELL…]@FROM..TO,
// LAT,LON~500m@FROM..TO), and the least number of scenes; the result is
// every subscriber present at that many, ranked by scenes then records,
// with the records (file and line) that place them under the table. Both
// call casework.Scenes.
type scenesModel struct {
	env     *uikit.Env
	on      bool // the pane shows scenes
	editing bool // the form has the keyboard
	inputs  []textinput.Model
	min     textinput.Model
	focus   int // an index into inputs, or len(inputs) for min
	err     string
	running bool
	tag     uikit.Ticket
	rep     *casework.ScenesReport
	subs    *table.Model
	width   int
	height  int
}

type scenesDoneMsg struct {
	tag uint64
	rep *casework.ScenesReport
	err error
}

func newScenes(env *uikit.Env) scenesModel {
	m := scenesModel{env: env}
	m.subs = table.New(scenesSource(nil), env.Styles, table.EnvOptions(env, "hunt-scenes",
		"no scenes yet: write two or more and press enter"))
	m.subs.SetExportInfo("subscribers present at several scenes", func() table.Params {
		if m.rep == nil {
			return nil
		}
		var ps table.Params
		for i, s := range m.rep.Scenes {
			ps = append(ps, table.Param{Name: "scene " + strconv.Itoa(i+1), Value: s.Scene})
		}
		return append(ps, table.Param{Name: "min", Value: strconv.Itoa(m.rep.Min)})
	})
	m.min = m.newInput("2")
	m.min.CharLimit = 2
	m.inputs = []textinput.Model{m.newInput(""), m.newInput("")}
	m.placeholders()
	return m
}

// scenePlaceholders are the two ways of writing a scene, shown in turn in
// the empty lines (the two on one line were cut at 80 columns, mid-number).
var scenePlaceholders = []string{"CELL[,CELL…]@2024-03-18T10:00..2024-03-18T11:00", "22.5726,88.3639~500m@2024-03-18T10:00..2024-03-18T11:00"}

func (m *scenesModel) placeholders() {
	for i := range m.inputs {
		m.inputs[i].Placeholder = scenePlaceholders[i%len(scenePlaceholders)]
	}
}

func (m *scenesModel) newInput(value string) textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = 2000
	in.TextStyle = m.env.Styles.Input
	in.PlaceholderStyle = m.env.Styles.Muted
	in.Cursor.Style = m.env.Styles.Selected
	in.SetValue(value)
	in.Width = max(20, m.width-14)
	return in
}

// open shows the scenes with the form on its first field.
func (m *scenesModel) open() tea.Cmd {
	m.on = true
	return m.focusField(0)
}

func (m *scenesModel) field(i int) *textinput.Model {
	if i == len(m.inputs) {
		return &m.min
	}
	return &m.inputs[i]
}

func (m *scenesModel) focusField(i int) tea.Cmd {
	m.field(m.focus).Blur()
	m.focus = (i + len(m.inputs) + 1) % (len(m.inputs) + 1)
	m.editing = true
	return m.field(m.focus).Focus()
}

// key handles a key while the scenes are shown; false hands the pane back
// to the server hunt (esc with the form closed).
func (m *scenesModel) key(msg tea.KeyMsg) (tea.Cmd, bool) {
	if m.editing {
		switch msg.String() {
		case "esc":
			m.field(m.focus).Blur()
			m.editing = false
			if m.rep == nil {
				m.on = false
				return nil, false
			}
			return nil, true
		case "enter":
			return m.run(), true
		case "tab", "down":
			return m.focusField(m.focus + 1), true
		case "shift+tab", "up":
			return m.focusField(m.focus - 1), true
		case "ctrl+n":
			if len(m.inputs) < casework.MaxScenes {
				m.field(m.focus).Blur()
				m.inputs = append(m.inputs, m.newInput(""))
				m.placeholders()
				return m.focusField(len(m.inputs) - 1), true
			}
			m.err = fmt.Sprintf("at most %d scenes", casework.MaxScenes)
			return nil, true
		case "ctrl+d":
			switch {
			case m.focus == len(m.inputs):
				m.err = "ctrl+d removes a scene: go to its line"
			case len(m.inputs) <= casework.MinScenes:
				m.err = fmt.Sprintf("%d scenes at least: clear this one to write another", casework.MinScenes)
			default:
				m.inputs = append(m.inputs[:m.focus], m.inputs[m.focus+1:]...)
				m.placeholders()
				m.focus = min(m.focus, len(m.inputs)-1)
				m.err = ""
				return m.field(m.focus).Focus(), true
			}
			return nil, true
		}
		m.err = ""
		var cmd tea.Cmd
		*m.field(m.focus), cmd = m.field(m.focus).Update(msg)
		return cmd, true
	}
	if m.subs.Editing() {
		return m.subs.Update(msg), true
	}
	if cmd, ok := m.subs.Escape(msg); ok {
		return cmd, true
	}
	switch msg.String() {
	case "esc", "t":
		m.on = false
		return nil, true
	case "f":
		return m.focusField(0), true
	case "a", "b":
		if row, ok := m.subs.Selected(); ok && m.rep != nil {
			i, _ := row.Ref.(int)
			role := uikit.RoleA
			if msg.String() == "b" {
				role = uikit.RoleB
			}
			s := m.rep.Subscribers[i].MSISDN
			return tea.Batch(uikit.RequestFocus(role, s, ""), uikit.Status(strings.ToUpper(msg.String())+" = "+inert.String(s))), true
		}
		return nil, true
	}
	return m.subs.Update(msg), true
}

// run parses the form and computes the scenes off the UI goroutine.
func (m *scenesModel) run() tea.Cmd {
	var scenes []casework.Scene
	for i, in := range m.inputs {
		v := strings.TrimSpace(in.Value())
		if v == "" {
			continue
		}
		sc, err := casework.ParseScene(v)
		if err != nil {
			m.err = fmt.Sprintf("scene %d: %s", i+1, strings.TrimPrefix(err.Error(), fmt.Sprintf("scene %q: ", v)))
			return m.focusField(i)
		}
		scenes = append(scenes, sc)
	}
	if len(scenes) < casework.MinScenes {
		m.err = fmt.Sprintf("write at least %d scenes (ctrl+n adds one)", casework.MinScenes)
		return nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(m.min.Value()))
	if err != nil || n < 1 || n > len(scenes) {
		m.err = fmt.Sprintf("at least: a number of scenes from 1 to %d", len(scenes))
		return m.focusField(len(m.inputs))
	}
	m.field(m.focus).Blur()
	m.editing, m.running, m.err = false, true, ""
	tag := m.tag.Next()
	st, ctx := m.env.Locator(), m.env.Context
	return tea.Sequence(uikit.Busy("hunt-scenes", true), func() tea.Msg { return computeScenes(ctx, st, scenes, n, tag) })
}

func computeScenes(ctx context.Context, st casework.Locator, scenes []casework.Scene, n int, tag uint64) scenesDoneMsg {
	rep, err := casework.Scenes(ctx, st, scenes, n)
	return scenesDoneMsg{tag: tag, rep: rep, err: err}
}

func (m *scenesModel) done(msg scenesDoneMsg) tea.Cmd {
	busy := uikit.Busy("hunt-scenes", false)
	if !m.tag.Current(msg.tag) {
		return busy
	}
	m.running = false
	if msg.err != nil {
		m.err = msg.err.Error()
		return tea.Batch(busy, uikit.Fail(msg.err))
	}
	m.rep = msg.rep
	m.setSize(m.width, m.height) // the form is hidden: the table gets its room
	var specs []string
	for _, sc := range msg.rep.Scenes {
		specs = append(specs, sc.Scene)
	}
	audit := uikit.Audit("scenes", map[string]any{"scenes": specs, "min": msg.rep.Min}, map[string]any{"subscribers": len(msg.rep.Subscribers)})
	return tea.Batch(busy, m.subs.SetSource(scenesSource(msg.rep)), audit)
}

// scenesSource is one row per subscriber present; Ref is the index in the
// report's subscribers.
func scenesSource(rep *casework.ScenesReport) *table.SliceSource {
	cols := []table.Column{
		{Title: "MSISDN", MinWidth: 10, Sortable: true},
		{Title: "Scenes", Right: true, Sortable: true},
		{Title: "Records", Right: true, Sortable: true},
		{Title: "At scenes", MaxWidth: 40},
	}
	src := &table.SliceSource{Cols: cols, SortCol: 1, SortDesc: true} // the ranking: stable, ties keep records then MSISDN
	if rep == nil {
		return src
	}
	for i, s := range rep.Subscribers {
		list := make([]string, len(s.SceneList))
		for k, x := range s.SceneList {
			list[k] = strconv.Itoa(x)
		}
		src.Rows = append(src.Rows, table.Row{Ref: i, Cells: []string{s.MSISDN, strconv.Itoa(s.Scenes), strconv.Itoa(s.Records), strings.Join(list, " ")}})
	}
	return src
}

func (m *scenesModel) formShown() bool { return m.editing || m.rep == nil }

// headerLines are the title, the form (while shown), what each scene
// held and the message line.
func (m *scenesModel) headerLines() int {
	n := 1 + 1 + len(m.sceneLines())
	if m.formShown() {
		n += len(m.inputs) + 1
	}
	return n
}

// sceneLines say what each scene of the result held, as `cdrtui scenes`
// prints it (records and subscribers in its cells and window), and warn of
// a scene that held no record or named a cell the case does not hold: a
// mistyped cell would otherwise only make the ranking shorter.
func (m *scenesModel) sceneLines() []string {
	if m.rep == nil || m.width <= 0 {
		return nil
	}
	st := m.env.Styles
	var items, warns []string
	for i, sc := range m.rep.Scenes {
		items = append(items, fmt.Sprintf("%d: %s records, %s subscribers", i+1, table.Thousands(int64(sc.Records)), table.Thousands(int64(sc.People))))
		if unknown := sc.NotSwitch(); len(unknown) > 0 {
			warns = append(warns, fmt.Sprintf("scene %d: the case holds no cell %s", i+1, inert.String(strings.Join(unknown, ", "))))
		}
		for _, h := range sc.SwitchCells {
			l := h.ShortLines()
			warns = append(warns, fmt.Sprintf("scene %d: %s", i+1, inert.String(l[0])), inert.String(l[1]))
		}
		if sc.Note != "" {
			warns = append(warns, fmt.Sprintf("scene %d: %s", i+1, sc.Note))
		}
		if sc.Records == 0 {
			warns = append(warns, fmt.Sprintf("scene %d: no record in its cells and window", i+1))
		}
	}
	lines := uikit.WrapItems(items, " · ", m.width)
	for i := range lines {
		lines[i] = st.Muted.Render(lines[i])
	}
	for _, w := range warns {
		lines = append(lines, st.Warn.Render(uikit.FitLine(w, m.width)))
	}
	return lines
}

func (m *scenesModel) setSize(w, h int) {
	m.width, m.height = w, h
	for i := range m.inputs {
		m.inputs[i].Width = max(20, w-14)
	}
	m.subs.SetSize(w, max(3, h-m.headerLines()-m.infoLines()))
}

func (m *scenesModel) infoLines() int { return min(max(m.height/4, 3), 10) }

func (m *scenesModel) view() string {
	st := m.env.Styles
	title := st.Title.Render("Tower-dump scenes") + " " + st.Muted.Render("who was at several scenes (cells or a radius, and a window)")
	if m.running {
		title = st.Title.Render("Tower-dump scenes") + " " + st.Muted.Render("reading the scenes…")
	} else if m.rep != nil {
		title = st.Title.Render("Tower-dump scenes") + " " + st.Subtitle.Render(fmt.Sprintf("%d subscribers at %d or more of %d scenes",
			len(m.rep.Subscribers), m.rep.Min, len(m.rep.Scenes)))
	}
	lines := []string{uikit.FitLine(title, m.width)}
	if m.formShown() {
		for i := range m.inputs {
			mark := "  "
			if m.editing && m.focus == i {
				mark = st.Title.Render("▸ ")
			}
			lines = append(lines, uikit.FitLine(mark+fmt.Sprintf("Scene %-3d ", i+1)+m.inputs[i].View(), m.width))
		}
		mark := "  "
		if m.editing && m.focus == len(m.inputs) {
			mark = st.Title.Render("▸ ")
		}
		lines = append(lines, uikit.FitLine(mark+"At least  "+m.min.View()+st.Muted.Render(" scenes"), m.width))
	}
	help := "enter find · tab next · ctrl+n add a scene · ctrl+d remove it · esc leave the form"
	if ansi.StringWidth(help) > m.width {
		help = "enter find · tab next · ctrl+n add · ctrl+d remove · esc leave"
	}
	lines = append(lines, m.sceneLines()...)
	msg := st.Muted.Render(help)
	if !m.editing {
		msg = st.Muted.Render("f edit the scenes · a/b make A/B · esc back to the server hunt")
	}
	if m.err != "" {
		msg = st.Bad.Render(inert.String(m.err))
	}
	lines = append(lines, uikit.FitLine(msg, m.width))
	return strings.Join(lines, "\n") + "\n" + m.subs.View() + "\n" + m.evidenceView()
}

// evidenceView lists the records placing the selected subscriber at the
// scenes, with file and line.
func (m *scenesModel) evidenceView() string {
	row, ok := m.subs.Selected()
	if !ok || m.rep == nil {
		return ""
	}
	i, _ := row.Ref.(int)
	s := m.rep.Subscribers[i]
	out := []string{m.env.Styles.Subtitle.Render(inert.String(s.MSISDN) + " placed by:")}
	for _, e := range s.Evidence {
		out = append(out, fmt.Sprintf("scene %d  %s  %-5s %s  %s:%d", e.Scene, e.At, e.Kind, inert.String(e.Cell), inert.String(filepath.Base(e.File)), e.Line))
	}
	room := m.infoLines()
	if len(out) > room {
		out = append(out[:room-1], m.env.Styles.Muted.Render(fmt.Sprintf("… %d more records (e exports the table; cdrtui scenes --json lists them all)", len(out)-room+1)))
	}
	for k := range out {
		out[k] = uikit.FitLine(out[k], m.width)
	}
	return strings.Join(out, "\n")
}
