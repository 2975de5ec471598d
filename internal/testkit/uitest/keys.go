package uitest

import (
	"bytes"
	"testing"
	"time"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"
)

// namedKeys are the keys Key knows by name (the names Bubble Tea gives
// them); every other string is typed as runes.
var namedKeys = map[string]tea.KeyType{
	"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab,
	"backspace": tea.KeyBackspace, "delete": tea.KeyDelete,
	"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
	"home": tea.KeyHome, "end": tea.KeyEnd, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
	"ctrl+b": tea.KeyCtrlB, "ctrl+c": tea.KeyCtrlC, "ctrl+d": tea.KeyCtrlD, "ctrl+f": tea.KeyCtrlF,
	"ctrl+n": tea.KeyCtrlN, "ctrl+r": tea.KeyCtrlR, "ctrl+u": tea.KeyCtrlU,
}

// Key is the key message for name: a named key ("enter", "esc", "tab",
// "shift+tab", "backspace", "delete", the arrows "up" "down" "left"
// "right", "home", "end", "pgup", "pgdown", and ctrl+ b, c, d, f, n, r or u),
// or else the runes of name arriving in one message (as from one read of a
// fast typist).
func Key(name string) tea.KeyMsg {
	if k, ok := namedKeys[name]; ok {
		return tea.KeyMsg{Type: k}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name)}
}

// Press sends each key to the running program, in order (see Key).
func Press(tm *teatest.TestModel, keys ...string) {
	for _, k := range keys {
		tm.Send(Key(k))
	}
}

// Type sends text one rune per key message, as typed by hand: no name is
// read as a key ("enter" types five letters).
func Type(tm *teatest.TestModel, text string) {
	for _, r := range text {
		tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

// WaitFor waits until the program's output holds every string of want,
// for up to thirty seconds, and fails the test if it never does. A screen
// that comes after a background load can take more than ten seconds on a
// busy two-core machine running the race detector (seen in CI); the
// limit costs nothing when the screen comes.
func WaitFor(t testing.TB, tm *teatest.TestModel, want ...string) {
	t.Helper()
	WaitWithin(t, tm, 30*time.Second, want...)
}

// WaitForText is WaitFor with the terminal's wrapping set aside: escape
// sequences and all white space are dropped from the output and from each
// string of want before they are compared, so that a sentence or a path
// is found wherever the screen wrapped it (where a line naming a
// temporary directory wraps depends on the directory's name).
func WaitForText(t testing.TB, tm *teatest.TestModel, want ...string) {
	t.Helper()
	squeezed := make([][]byte, len(want))
	for i, w := range want {
		squeezed[i] = squeeze([]byte(w))
	}
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		out := squeeze([]byte(ansi.Strip(string(b))))
		for _, w := range squeezed {
			if !bytes.Contains(out, w) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(30*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

// squeeze drops every white-space byte of b.
func squeeze(b []byte) []byte {
	return bytes.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, b)
}

// WaitWithin is WaitFor for up to d: for a screen that comes after real
// work in the background, such as an import of a generated case, which
// takes seconds under the race detector on a quiet machine and several
// times that on a loaded one. A job that hangs still fails the test.
func WaitWithin(t testing.TB, tm *teatest.TestModel, d time.Duration, want ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		for _, w := range want {
			if !bytes.Contains(b, []byte(w)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(d), teatest.WithCheckInterval(20*time.Millisecond))
}

// Quit presses q and returns the program's final model, failing the test
// if the program has not ended within five seconds.
func Quit(t testing.TB, tm *teatest.TestModel) tea.Model {
	t.Helper()
	tm.Send(Key("q"))
	return tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))
}

// Drain runs cmd and feeds every message it leads to back to update, as the
// Bubble Tea loop would but synchronously, until nothing is left. Batches
// are opened; commands that tick (spinners, debounces) must not be passed.
func Drain(update func(tea.Msg) tea.Cmd, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		if batch, ok := msg.(tea.BatchMsg); ok {
			queue = append(queue, batch...)
			continue
		}
		if msg != nil {
			queue = append(queue, update(msg))
		}
	}
}
