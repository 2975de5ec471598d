// Package notes is the workbench's memory: the bookmark dialog (m in every
// pane), the Notes view (N) that lists the bookmarks, filters them by tag
// and jumps back to where each was made, and the report dialog (R) that
// writes the case report from the workbench.
package notes

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/inert"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// Overlay is a screen the root shows over the panes until it is done.
type Overlay interface {
	Update(msg tea.Msg) tea.Cmd
	View() string
	SetSize(w, h int)
	Done() bool
}

// SavedMsg reports a bookmark kept (or why not).
type SavedMsg struct {
	Note store.Note
	Err  error
}

// Bookmark is the dialog that keeps the item under the cursor as a note.
type Bookmark struct {
	env    *uikit.Env
	place  uikit.Place
	tags   textinput.Model
	body   textinput.Model
	field  int
	done   bool
	width  int
	height int
}

// NewBookmark opens the dialog for place.
func NewBookmark(env *uikit.Env, place uikit.Place) *Bookmark {
	tags := textinput.New()
	tags.Placeholder = "suspect, pair-1"
	tags.Prompt = ""
	tags.CharLimit = 200
	body := textinput.New()
	body.Placeholder = "what this shows"
	body.Prompt = ""
	body.CharLimit = 2000
	b := &Bookmark{env: env, place: place, tags: tags, body: body, width: 80, height: 20}
	b.body.Focus()
	b.field = 1
	return b
}

// Done reports that the dialog closed.
func (b *Bookmark) Done() bool { return b.done }

// SetSize sets the area the dialog is drawn in.
func (b *Bookmark) SetSize(w, h int) {
	b.width, b.height = w, h
	b.tags.Width, b.body.Width = max(w-16, 10), max(w-16, 10)
}

// Update handles the dialog's keys: tab switches field, enter keeps the
// bookmark, esc cancels.
func (b *Bookmark) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch k.String() {
	case "esc":
		b.done = true
		return uikit.Status("bookmark cancelled")
	case "tab", "shift+tab", "up", "down":
		b.field = 1 - b.field
		if b.field == 0 {
			b.body.Blur()
			return b.tags.Focus()
		}
		b.tags.Blur()
		return b.body.Focus()
	case "enter":
		b.done = true
		return b.save()
	}
	var cmd tea.Cmd
	if b.field == 0 {
		b.tags, cmd = b.tags.Update(msg)
	} else {
		b.body, cmd = b.body.Update(msg)
	}
	return cmd
}

func (b *Bookmark) save() tea.Cmd {
	st, ctx := b.env.Case, b.env.Context
	place, _ := json.Marshal(b.place)
	n := store.Note{Kind: b.place.Kind, Target: b.place.Target, Label: b.place.Label, Pane: b.place.Pane,
		Place: string(place), Tags: store.SplitTags(b.tags.Value()), Body: strings.TrimSpace(b.body.Value())}
	return func() tea.Msg {
		saved, err := casework.AddNote(ctx, st, n, time.Now())
		if err != nil && saved.ID != 0 && casework.NotRecorded(err) {
			err = nil
		}
		return SavedMsg{Note: saved, Err: err}
	}
}

// View draws the dialog.
func (b *Bookmark) View() string {
	st := b.env.Styles
	var s strings.Builder
	s.WriteString(st.Title.Render("Bookmark") + "\n\n")
	fmt.Fprintf(&s, "%s %s\n", st.Muted.Render("item   "), inert.String(b.place.Kind+" "+b.place.Label))
	fmt.Fprintf(&s, "%s %s\n\n", st.Muted.Render("in     "), inert.String(placeText(b.place)))
	mark := func(i int) string {
		if b.field == i {
			return "▸ "
		}
		return "  "
	}
	fmt.Fprintf(&s, "%s%s %s\n", mark(1), st.InputLabel.Render("note "), b.body.View())
	fmt.Fprintf(&s, "%s%s %s\n\n", mark(0), st.InputLabel.Render("tags "), b.tags.View())
	s.WriteString(st.Muted.Render("enter keep · tab next field · esc cancel · kept in the case with your name and the time"))
	return uikit.FitBlock(s.String(), b.width, b.height)
}

// placeText says where a place is, for people.
func placeText(p uikit.Place) string {
	s := "pane " + p.Pane
	if p.A != "" {
		s += ", A " + p.A
	}
	if p.B != "" {
		s += ", B " + p.B
	}
	return s
}
