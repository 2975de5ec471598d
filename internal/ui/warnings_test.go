//go:build unix

package ui

import (
	"errors"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
)

// The workbench opened on a case another program's import is writing
// says so on its message line, whole, once: the next key clears it and it
// does not come back.
func TestWorkbenchShowsTheCaseWarningsOnce(t *testing.T) {
	env := fixtureEnv(t)
	lock := env.Store.Path() + "-import"
	f, err := os.OpenFile(lock, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	f.WriteString("pid 4242, since 10:00:00 UTC, importing big.csv")
	tm := teatest.NewTestModel(t, New(env, Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.WaitForText(t, tm, "» warning: another import into "+env.Store.Path()+" is running (pid 4242, since 10:00:00 UTC, importing big.csv): wait for it to finish or stop it; the case can be read meanwhile")
	uitest.Press(tm, "2")
	uitest.WaitFor(t, tm, "[2 Persona]")
	m := finalModel(t, tm)
	if strings.Contains(m.View(), "another import") {
		t.Errorf("the warning stayed after a key:\n%s", m.View())
	}
}

// A large case's background check: its end is said, damage as an error
// with how to recover, a pass as a note when nothing else is shown.
func TestWorkbenchSaysHowTheCheckEnded(t *testing.T) {
	env := fixtureEnv(t)
	m := New(env, Panes(env))
	m.Update(caseWarningsMsg{warnings: []string{"case c.db is large and its integrity check (SQLite quick_check) is still running"}, checking: true})
	if !strings.Contains(m.status, "still running") {
		t.Fatalf("status %q", m.status)
	}
	m.status = ""
	m.Update(checkEndedMsg{})
	if m.status != "the case's integrity check (SQLite quick_check) passed" {
		t.Errorf("after a pass: status %q", m.status)
	}
	m.Update(checkEndedMsg{damage: "case c.db is damaged (...): recover with sqlite3 c.db .recover"})
	if m.lastErr == nil || !strings.Contains(m.lastErr.Error(), ".recover") || !strings.Contains(m.View(), "is damaged") {
		t.Errorf("after damage: %v", m.lastErr)
	}
	m.lastErr = errors.New("export failed")
	m.status = ""
	m.Update(checkEndedMsg{})
	if m.status != "" || m.lastErr.Error() != "export failed" {
		t.Errorf("a pass hid another message: %q %v", m.status, m.lastErr)
	}
}
