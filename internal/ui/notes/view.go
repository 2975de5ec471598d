package notes

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// JumpMsg asks the root to go back to where a note was made.
type JumpMsg struct{ Place uikit.Place }

// OpenReportMsg asks the root to open the report dialog.
type OpenReportMsg struct{}

type loadedMsg struct {
	notes []store.Note
	err   error
}

type removedMsg struct {
	id  int64
	err error
}

// View is the Notes view: every bookmark, newest last, filtered by tag.
type View struct {
	env     *uikit.Env
	all     []store.Note
	shown   []store.Note
	tags    []string // every tag, in order of first use
	tag     int      // -1: all
	cursor  int
	top     int
	confirm bool
	done    bool
	err     error
	width   int
	height  int
}

// NewView opens the Notes view; Init loads the notes.
func NewView(env *uikit.Env) *View { return &View{env: env, tag: -1, width: 80, height: 20} }

// Init loads the notes.
func (v *View) Init() tea.Cmd {
	st, ctx := v.env.Case, v.env.Context
	return func() tea.Msg {
		ns, err := st.Notes(ctx, "")
		return loadedMsg{ns, err}
	}
}

// Done reports that the view closed.
func (v *View) Done() bool { return v.done }

// SetSize sets the area.
func (v *View) SetSize(w, h int) { v.width, v.height = w, h }

func (v *View) apply() {
	v.shown = v.shown[:0]
	for _, n := range v.all {
		if v.tag < 0 || hasTag(n, v.tags[v.tag]) {
			v.shown = append(v.shown, n)
		}
	}
	v.cursor = min(v.cursor, max(len(v.shown)-1, 0))
}

func hasTag(n store.Note, tag string) bool {
	for _, t := range n.Tags {
		if strings.EqualFold(t, tag) {
			return true
		}
	}
	return false
}

// Update handles the view's keys and its loads.
func (v *View) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case loadedMsg:
		v.all, v.err = msg.notes, msg.err
		v.tags = v.tags[:0]
		seen := map[string]bool{}
		for _, n := range v.all {
			for _, t := range n.Tags {
				if k := strings.ToLower(t); !seen[k] {
					seen[k] = true
					v.tags = append(v.tags, t)
				}
			}
		}
		if v.tag >= len(v.tags) {
			v.tag = -1
		}
		v.apply()
		return nil
	case removedMsg:
		if msg.err != nil {
			v.err = msg.err
			return nil
		}
		return tea.Batch(v.Init(), uikit.Status(fmt.Sprintf("note #%d removed (the removal is in the audit trail)", msg.id)))
	case SavedMsg:
		return v.Init()
	case tea.KeyMsg:
		return v.key(msg)
	}
	return nil
}

func (v *View) key(k tea.KeyMsg) tea.Cmd {
	if v.confirm {
		v.confirm = false
		if k.String() == "y" && v.cursor < len(v.shown) {
			id := v.shown[v.cursor].ID
			st, ctx := v.env.Case, v.env.Context
			return func() tea.Msg { return removedMsg{id, casework.RemoveNote(ctx, st, id, "")} }
		}
		return nil
	}
	switch k.String() {
	case "esc", "N", "q":
		v.done = true
	case "up", "k":
		v.cursor = max(v.cursor-1, 0)
	case "down", "j":
		v.cursor = min(v.cursor+1, max(len(v.shown)-1, 0))
	case "home", "g":
		v.cursor = 0
	case "end", "G":
		v.cursor = max(len(v.shown)-1, 0)
	case "t":
		if len(v.tags) > 0 {
			v.tag++
			if v.tag >= len(v.tags) {
				v.tag = -1
			}
			v.apply()
		}
	case "x", "delete":
		if v.cursor < len(v.shown) {
			v.confirm = true
		}
	case "enter":
		if v.cursor < len(v.shown) {
			n := v.shown[v.cursor]
			p, ok := PlaceOf(n)
			if !ok {
				return uikit.Status(fmt.Sprintf("note #%d was made on the command line about a %s: it has no place in a pane", n.ID, inert.String(n.Kind)))
			}
			v.done = true
			return func() tea.Msg { return JumpMsg{Place: p} }
		}
	case "R":
		v.done = true
		return func() tea.Msg { return OpenReportMsg{} }
	}
	return nil
}

// View draws the list, the selected note in full, and the keys.
func (v *View) View() string {
	st := v.env.Styles
	var b strings.Builder
	filter := "all tags"
	if v.tag >= 0 {
		filter = "tag " + inert.String(v.tags[v.tag])
	}
	b.WriteString(st.Title.Render("Notes") + st.Muted.Render(fmt.Sprintf("  %d of %d · %s", len(v.shown), len(v.all), filter)) + "\n")
	if v.err != nil {
		b.WriteString(st.Bad.Render("error: "+inert.String(v.err.Error())) + "\n")
	}
	listH := max(v.height-8, 3)
	if v.cursor < v.top {
		v.top = v.cursor
	}
	if v.cursor >= v.top+listH {
		v.top = v.cursor - listH + 1
	}
	if len(v.shown) == 0 {
		b.WriteString(st.Muted.Render("No bookmarks yet: press m on any item of any pane, or cdrtui note CASE add ...") + "\n")
	}
	for i := v.top; i < len(v.shown) && i < v.top+listH; i++ {
		n := v.shown[i]
		line := fmt.Sprintf("#%-3d %s %-10s %-10s %s", n.ID, time.Unix(n.CreatedAt, 0).UTC().Format("01-02 15:04"),
			inert.String(clip(n.Kind, 10)), inert.String(clip(n.Pane, 10)), inert.String(n.Label))
		if len(n.Tags) > 0 {
			line += "  [" + inert.String(strings.Join(n.Tags, ", ")) + "]"
		}
		if n.Body != "" {
			line += " — " + inert.String(n.Body)
		}
		line = uikit.FitLine(line, v.width-2)
		if i == v.cursor {
			b.WriteString(st.Selected.Render("▸ "+line) + "\n")
		} else {
			b.WriteString("  " + line + "\n")
		}
	}
	if v.cursor < len(v.shown) {
		n := v.shown[v.cursor]
		b.WriteString("\n" + st.Muted.Render(uikit.FitLine(fmt.Sprintf("by %s at %s UTC · %s %s", inert.String(n.Analyst),
			time.Unix(n.CreatedAt, 0).UTC().Format("2006-01-02 15:04:05"), inert.String(n.Kind), inert.String(n.Target)), v.width)) + "\n")
		if n.Body != "" {
			b.WriteString(uikit.FitLine("note: "+inert.String(n.Body), v.width) + "\n")
		}
	}
	help := "enter go to it · t next tag · x remove · R report · esc back"
	if v.confirm {
		help = st.Warn.Render("remove this note? y to confirm, any other key keeps it")
	}
	b.WriteString(st.Muted.Render(help))
	return uikit.FitBlock(b.String(), v.width, v.height)
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// PlaceOf is where a note leads: the place it was made in, else for a
// note made on the command line about a subscriber its persona, about a
// pair ("A B") their correlation.
func PlaceOf(n store.Note) (uikit.Place, bool) {
	var p uikit.Place
	if n.Place != "" && json.Unmarshal([]byte(n.Place), &p) == nil && p.Pane != "" {
		return p, true
	}
	switch f := strings.Fields(n.Target); {
	case n.Kind == "subscriber" && len(f) == 1:
		return uikit.Place{Pane: "persona", A: f[0], Kind: n.Kind, Target: n.Target, Label: n.Target}, true
	case n.Kind == "pair" && len(f) == 2:
		return uikit.Place{Pane: "correlation", A: f[0], B: f[1], Kind: n.Kind, Target: n.Target, Label: n.Target}, true
	}
	return uikit.Place{}, false
}
