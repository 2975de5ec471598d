package uitest

import (
	"reflect"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// Collect runs cmd and the batches it returns and gives back the messages,
// without feeding them to anyone: a request's results held back to arrive
// late.
func Collect(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if cmds, ok := commands(msg); ok {
		var out []tea.Msg
		for _, c := range cmds {
			out = append(out, Collect(c)...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

// commands opens a batch or a sequence (whose type Bubble Tea does not
// export: any slice of commands).
func commands(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice {
		return nil, false
	}
	var out []tea.Cmd
	for i := range v.Len() {
		if c, ok := v.Index(i).Interface().(tea.Cmd); ok {
			out = append(out, c)
		}
	}
	return out, true
}

// settle is Drain opening sequences too.
func settle(update func(tea.Msg) tea.Cmd, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		if cmds, ok := commands(msg); ok {
			queue = append(queue, cmds...)
			continue
		}
		if msg != nil {
			queue = append(queue, update(msg))
		}
	}
}

// Superseded checks that a pane never shows a superseded result. The old
// request's work runs to the end while it is still the newest (its
// messages are held back); then the newer request is made and its work
// settles; then the old request's messages arrive, late. The view must
// show every text of want and none of gone.
func Superseded(t testing.TB, update func(tea.Msg) tea.Cmd, view func() string, old, newer func() tea.Cmd, want, gone []string) {
	t.Helper()
	late := Collect(old())
	if len(late) == 0 {
		t.Fatal("the old request delivered nothing")
	}
	settle(update, newer())
	check := func(when string) {
		t.Helper()
		v := ansi.Strip(view())
		for _, w := range want {
			if !strings.Contains(v, w) {
				t.Fatalf("%s: the view does not show %q:\n%s", when, w, v)
			}
		}
		for _, g := range gone {
			if strings.Contains(v, g) {
				t.Fatalf("%s: the view shows %q:\n%s", when, g, v)
			}
		}
	}
	check("after the newer request")
	for _, m := range late {
		settle(update, func() tea.Msg { return m })
	}
	check("after the superseded result arrived")
}

// Settle runs cmd and every command its messages lead to, feeding them to
// update, synchronously (Drain that opens sequences too).
func Settle(update func(tea.Msg) tea.Cmd, cmd tea.Cmd) { settle(update, cmd) }
