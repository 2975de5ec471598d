package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// An entry removed from the folder after the picker read it (another
// program's temporary file) panicked the workbench when the list was
// drawn (bubbles' filepicker reads each entry's details unchecked). The
// draw now shows a note, the next key reads the folder again, and the
// list then holds the entries left.
func TestPickerFolderChangedUnderIt(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.csv", "b.csv", "c.csv"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	r := lipgloss.NewRenderer(os.Stdout)
	r.SetColorProfile(termenv.Ascii)
	m := New(&uikit.Env{Styles: uikit.NewStyles(r, uikit.DefaultPalette())}, dir)
	m.SetSize(80, 20)
	var feed func(cmd tea.Cmd)
	feed = func(cmd tea.Cmd) {
		for cmd != nil {
			msg := cmd()
			if batch, ok := msg.(tea.BatchMsg); ok {
				for _, c := range batch {
					feed(c)
				}
				return
			}
			cmd = m.Update(msg)
		}
	}
	feed(m.Init())
	if v := m.pickerView(); !strings.Contains(v, "b.csv") {
		t.Fatalf("the folder's files are not listed:\n%s", v)
	}
	if err := os.Remove(filepath.Join(dir, "b.csv")); err != nil {
		t.Fatal(err)
	}
	v := m.pickerView()
	if !strings.Contains(v, "this folder changed while it was shown") {
		t.Fatalf("after an entry vanished:\n%s", v)
	}
	feed(m.Update(tea.KeyMsg{Type: tea.KeyDown}))
	v = m.pickerView()
	if strings.Contains(v, "b.csv") || !strings.Contains(v, "a.csv") || !strings.Contains(v, "c.csv") {
		t.Fatalf("read again, the list should hold a.csv and c.csv only:\n%s", v)
	}
}
