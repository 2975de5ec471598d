// Package hunt is the server-hunt pane: who reached a server (addresses,
// networks, IP:port) from which cells in a window of the evidence's wall
// clock. A form validates each field as it is typed; the results are one
// row per subscriber with a plain-language statement for a report; enter
// opens the subscriber's records with their source file and line; hunts
// are saved in the case and rerun. It shows exactly what `cdrtui hunt`
// prints: both call casework.Hunt.
package hunt

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/ui/table"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// mode is which table has the keys when the form does not.
type mode int

const (
	modeResults mode = iota // one row per subscriber
	modeRecords             // the selected subscriber's records
	modeSaved               // the hunts saved in the case
)

// cellsCheckDelay is how long the cells field rests before it is checked
// against the case.
const cellsCheckDelay = 250 * time.Millisecond

// Pane is the hunt pane.
type Pane struct {
	env    *uikit.Env
	keys   keyMap
	width  int
	height int

	form      form
	formErr   string // a problem of the whole hunt (nothing named, window reversed)
	mode      mode
	naming    bool // the save prompt has the keyboard
	nameInput textinput.Model

	query    *analysis.HuntQuery // the hunt whose results are shown
	result   *casework.HuntResult
	running  bool
	outcome  string // what the last run, save or rerun did
	expanded bool   // the statement area takes the table's room

	huntTag, recordsTag uikit.Job    // hunts, a subscriber's records in the hunt
	savedTag, cellsTag  uikit.Ticket // saved hunts listed, cells checked

	subs, records, saved *table.Model
	laidOutWithForm      bool // the form was shown when the tables were sized
	laidOutInfo          int  // the lines under the table then
	recordsOf            string
	recs                 []analysis.HuntRecord
	savedList            []casework.SavedHuntView

	sc scenesModel // tower-dump scenes (t), scenes.go
}

// New returns the hunt pane.
func New(env *uikit.Env) *Pane {
	p := &Pane{env: env, keys: newKeyMap(), form: newForm(env.Styles), sc: newScenes(env)}
	p.nameInput = textinput.New()
	p.nameInput.Prompt = ""
	p.nameInput.Placeholder = "a name, e.g. blue whale"
	p.nameInput.CharLimit = 200
	p.nameInput.TextStyle = env.Styles.Input
	p.nameInput.PlaceholderStyle = env.Styles.Muted
	p.nameInput.Cursor.Style = env.Styles.Selected
	p.subs = table.New(subscriberSource(nil), env.Styles, table.EnvOptions(env, "hunt-subscribers",
		"no hunt yet: press f, name a destination, a port or a cell, and press enter"))
	p.records = table.New(recordSource(nil), env.Styles, table.EnvOptions(env, "hunt-records", "no records"))
	p.saved = table.New(savedSource(nil), env.Styles, table.EnvOptions(env, "hunt-saved",
		"no saved hunts in this case: run a hunt and press w to keep it"))
	p.subs.SetExportInfo("subscribers found by the hunt", p.exportParams)
	p.records.SetExportInfo("records found by the hunt", p.exportParams)
	return p
}

// exportParams name the hunt shown, for exports.
func (p *Pane) exportParams() table.Params {
	if p.result == nil {
		return nil
	}
	ps := table.Params{{Name: "hunt", Value: p.result.Description}}
	if p.mode == modeRecords && p.recordsOf != "" {
		ps = append(ps, table.Param{Name: "subscriber", Value: p.recordsOf})
	}
	return ps
}

// ID implements uikit.Pane.
func (p *Pane) ID() string { return "hunt" }

// Title implements uikit.Pane.
func (p *Pane) Title() string { return "Hunt" }

// Init implements uikit.Pane.
func (p *Pane) Init() tea.Cmd {
	return tea.Batch(p.subs.Init(), p.records.Init(), p.saved.Init(), p.sc.subs.Init(), p.loadExamples())
}

// examplesMsg carries the form's placeholders with the case's examples.
type examplesMsg struct{ placeholders [fieldCount]string }

// loadExamples reads a destination, a cell and the span of the case for
// the form's placeholders.
func (p *Pane) loadExamples() tea.Cmd {
	st, ctx := p.env.Case, p.env.Context
	return func() tea.Msg {
		ex, err := st.HuntExamples(ctx)
		if err != nil {
			return nil // the generic hints stay
		}
		var first, last string
		if sum, err := st.Summary(ctx); err == nil && len(sum.FirstWall) >= 10 && len(sum.LastWall) >= 10 {
			first, last = sum.FirstWall[:10], sum.LastWall[:10]
		}
		return examplesMsg{placeholders: examplePlaceholders(inert.String(ex.Dest), inert.String(ex.Cell), first, last)}
	}
}

// Editing implements uikit.Pane: true while a form field, the save prompt
// or a table's filter or export prompt has the keyboard.
func (p *Pane) Editing() bool {
	if p.sc.on {
		return p.sc.editing || p.sc.subs.Editing()
	}
	return p.form.active || p.naming || p.current().Editing()
}

func (p *Pane) current() *table.Model {
	switch p.mode {
	case modeRecords:
		return p.records
	case modeSaved:
		return p.saved
	}
	return p.subs
}

// Update implements uikit.Pane.
func (p *Pane) Update(msg tea.Msg) tea.Cmd {
	cmd := p.update(msg)
	_, key := msg.(tea.KeyMsg)
	if shown := p.formShown(); shown != p.laidOutWithForm || key || p.width > 0 && p.infoLines() != p.laidOutInfo {
		// the form came or went, or the statement under the cursor needs
		// another height: the table's room changes
		p.SetSize(p.width, p.height)
	}
	return cmd
}

func (p *Pane) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		if p.sc.on {
			if cmd, ok := p.sc.key(msg); ok || p.sc.on {
				return cmd
			}
			return nil
		}
		return p.handleKey(msg)
	case scenesDoneMsg:
		return p.sc.done(msg)
	case tea.MouseMsg:
		msg.Y -= p.headerLines()
		return p.current().Update(msg)
	case huntDoneMsg:
		return p.huntDone(msg)
	case uikit.HuntMsg: // from the palette: an IP address or a cell found in the case
		p.form.set(msg.Form)
		p.mode = modeResults
		return p.submit()
	case recordsMsg:
		return p.recordsLoaded(msg)
	case savedListMsg:
		return p.savedLoaded(msg)
	case savedMsg:
		return p.savedDone(msg)
	case deletedMsg:
		if msg.err != nil {
			return uikit.Fail(msg.err)
		}
		return tea.Batch(uikit.Status(fmt.Sprintf("saved hunt %q deleted", msg.name)), p.loadSaved())
	case exportedMsg:
		done := uikit.Busy("hunt-export", false)
		if msg.err != nil {
			return tea.Batch(done, uikit.Fail(msg.err))
		}
		audit := uikit.AuditFiles("export hunt", map[string]any{"query": p.query.Form()}, msg.paths...)
		return tea.Batch(done, uikit.Status("exported statements, subscribers and records: "+strings.Join(msg.paths, ", ")), audit)
	case cellsRestMsg:
		if p.cellsTag.Current(msg.seq) {
			return p.checkCells(msg)
		}
		return nil
	case examplesMsg:
		for i := range p.form.inputs {
			p.form.inputs[i].Placeholder = msg.placeholders[i]
		}
		return nil
	case cellsCheckedMsg:
		if p.cellsTag.Current(msg.seq) && msg.value == p.form.inputs[fieldCells].Value() {
			p.form.cells, p.form.cellsOK, p.form.cellsUnknown = msg.value, msg.text, msg.unknown
		}
		return nil
	}
	cmds := []tea.Cmd{p.subs.Update(msg), p.records.Update(msg), p.saved.Update(msg), p.sc.subs.Update(msg)}
	if p.sc.editing {
		var cmd tea.Cmd
		*p.sc.field(p.sc.focus), cmd = p.sc.field(p.sc.focus).Update(msg)
		cmds = append(cmds, cmd)
	}
	if p.form.active {
		cmds = append(cmds, p.form.update(msg))
	}
	if p.naming {
		var cmd tea.Cmd
		p.nameInput, cmd = p.nameInput.Update(msg)
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

func (p *Pane) handleKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case p.naming:
		return p.nameKey(msg)
	case p.form.active:
		return p.formKey(msg)
	}
	cur := p.current()
	if cur.Editing() {
		return cur.Update(msg)
	}
	km := p.keys
	if key.Matches(msg, km.Expand) {
		p.expanded = !p.expanded
		p.SetSize(p.width, p.height)
		return nil
	}
	switch p.mode {
	case modeRecords:
		if cmd, ok := cur.Escape(msg); ok {
			return cmd
		}
		if key.Matches(msg, km.Back) {
			p.mode = modeResults
			return nil
		}
		if key.Matches(msg, km.Save) && p.result != nil {
			return p.startNaming() // the drill-down is still the hunt's: w saves it, as on its results
		}
		return cur.Update(msg)
	case modeSaved:
		switch {
		case key.Matches(msg, km.Back):
			p.mode = modeResults
			return nil
		case key.Matches(msg, km.Rerun):
			return p.rerunSelected()
		case key.Matches(msg, km.Delete):
			return p.deleteSelected()
		}
		return cur.Update(msg)
	}
	switch {
	case key.Matches(msg, km.Edit):
		p.formErr = ""
		return p.form.focusField(fieldDests) // the form opens at its first field
	case key.Matches(msg, km.Saved):
		p.mode = modeSaved
		return p.loadSaved()
	case key.Matches(msg, km.Scenes):
		return p.sc.open()
	case p.result == nil:
		return cur.Update(msg)
	case key.Matches(msg, km.Drill):
		return p.openRecords()
	case key.Matches(msg, km.FocusA), key.Matches(msg, km.FocusB):
		if s, ok := p.selectedSubscriber(); ok {
			role, name := uikit.RoleA, "A"
			if key.Matches(msg, km.FocusB) {
				role, name = uikit.RoleB, "B"
			}
			return tea.Batch(uikit.RequestFocus(role, s.MSISDN, ""), uikit.Status(name+" = "+inert.String(s.MSISDN)))
		}
		return nil
	case key.Matches(msg, km.ExportAll):
		return p.exportAll()
	case key.Matches(msg, km.Save):
		return p.startNaming()
	}
	return cur.Update(msg)
}

// startNaming opens the save prompt for the hunt shown.
func (p *Pane) startNaming() tea.Cmd {
	p.naming = true
	p.nameInput.SetValue("")
	return p.nameInput.Focus()
}

// formKey moves between fields, runs the hunt on enter and passes every
// other key to the focused field, validating it as typed.
func (p *Pane) formKey(msg tea.KeyMsg) tea.Cmd {
	km := p.keys
	switch {
	case key.Matches(msg, km.Leave):
		p.form.blur()
		return nil
	case key.Matches(msg, km.Run):
		return p.submit()
	case key.Matches(msg, km.NextField):
		return p.form.focusField(p.form.focus + 1)
	case key.Matches(msg, km.PrevField):
		return p.form.focusField(p.form.focus - 1)
	}
	p.formErr = ""
	before := p.form.inputs[fieldCells].Value()
	cmd := p.form.update(msg)
	if v := p.form.inputs[fieldCells].Value(); v != before && p.form.states[fieldCells].ok && strings.TrimSpace(v) != "" {
		seq := p.cellsTag.Next()
		return tea.Batch(cmd, uikit.Debounce(cellsCheckDelay, cellsRestMsg{seq: seq, value: v}))
	}
	return cmd
}

// submit runs the form's hunt, or puts the keyboard on the first field in
// error with its message shown.
func (p *Pane) submit() tea.Cmd {
	q, err := p.form.values().Parse()
	if err != nil {
		if i := p.form.firstInvalid(); i >= 0 {
			return p.form.focusField(i)
		}
		var fe analysis.HuntFormErrors
		if !errors.As(err, &fe) {
			p.formErr = err.Error()
		}
		return nil
	}
	p.form.blur()
	return p.run(q, "")
}

func (p *Pane) nameKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, p.keys.Cancel):
		p.naming = false
		p.nameInput.Blur()
		return nil
	case key.Matches(msg, p.keys.Accept):
		name := strings.TrimSpace(p.nameInput.Value())
		if name == "" {
			return nil
		}
		p.naming = false
		p.nameInput.Blur()
		return p.save(name)
	}
	var cmd tea.Cmd
	p.nameInput, cmd = p.nameInput.Update(msg)
	return cmd
}

func (p *Pane) selectedSubscriber() (analysis.HuntSubscriber, bool) {
	row, ok := p.subs.Selected()
	if !ok || p.result == nil {
		return analysis.HuntSubscriber{}, false
	}
	i, _ := row.Ref.(int)
	if i < 0 || i >= len(p.result.Subscribers) {
		return analysis.HuntSubscriber{}, false
	}
	return p.result.Subscribers[i], true
}

// SetSize implements uikit.Pane.
func (p *Pane) SetSize(w, h int) {
	p.width, p.height = w, h
	p.laidOutWithForm, p.laidOutInfo = p.formShown(), p.infoLines()
	reserve := 28 // what the field was read as, beside it
	if w < 110 {
		reserve = 25
	}
	iw := min(max(w-labelWidth-3-reserve, 16), 80)
	for i := range p.form.inputs {
		p.form.inputs[i].Width = iw
	}
	p.nameInput.Width = max(10, w-20)
	p.sc.setSize(w, h)
	th := max(3, h-p.headerLines()-p.infoLines())
	for _, t := range []*table.Model{p.subs, p.records, p.saved} {
		t.SetSize(w, th)
	}
}

// headerLines are the title, the five fields (while shown) and the
// message line.
func (p *Pane) headerLines() int {
	if p.formShown() {
		return 1 + fieldCount + len(p.messageLines())
	}
	return 1 + len(p.huntLines()) + len(p.messageLines())
}

// formShown: the form is drawn while it is edited or before a first hunt;
// with results on screen the title line says what was hunted and the
// table gets the room (f shows the form again).
func (p *Pane) formShown() bool { return p.form.active || p.result == nil }

// labelWidth is the focus marker and the longest label, and a space.
const labelWidth = 2 + 12 + 1

// infoLines is the height of the statement area under the table: a fifth
// of the pane, or all the table can give when expanded.
func (p *Pane) infoLines() int {
	if p.expanded {
		return max(3, p.height-p.headerLines()-4)
	}
	room := min(max(p.height/5, 3), 10)
	title, text := p.infoText()
	if title == "" {
		return room
	}
	// what the text needs (a statement is read whole) up to half the
	// room under the header (i shows a longer one whole); no more: the
	// table gets the rest
	need := 1 + len(uikit.WrapWords(text, max(10, p.width)))
	return max(min(room, need), min(need, (p.height-p.headerLines())/2))
}
