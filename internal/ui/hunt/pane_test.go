package hunt_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"github.com/cdrtui/cdrtui/internal/analysis"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/ui"
	"github.com/cdrtui/cdrtui/internal/ui/hunt"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// The Blue Whale fixture: 447700900123 reaches the server three times from
// the area in the window; the decoys miss one condition each.
const fixture = "MSISDN,IMSI,IMEI,DESTIP,DESTPORT,START,CELL_ID,UPLINK_VOLUME,DOWNLINK_VOLUME\n" +
	"447700900123,234150000000001,356938035643809,104.198.99.79,443,2017-05-02 10:02:11,234-15-101-7,100,1000\n" +
	"447700900123,234150000000001,356938035643809,104.198.99.79,443,2017-05-02 10:30:00,234-15-101-7,200,2000\n" +
	"447700900123,234150000000001,356938035643809,104.198.99.79,443,2017-05-02 11:45:09,234-15-101-7,300,3000\n" +
	"447700900555,234150000000005,356938035643805,104.198.99.79,80,2017-05-02 10:40:00,234-15-101-7,1,1\n" +
	"447700900666,234150000000006,356938035643806,104.198.99.80,443,2017-05-02 10:40:00,234-15-101-7,1,1\n" +
	"447700900777,234150000000007,356938035643807,104.198.99.79,443,2017-05-02 10:40:00,234-15-999-1,1,1\n" +
	"447700900888,234150000000008,356938035643808,104.198.99.79,443,2017-05-03 10:40:00,234-15-101-7,1,1\n"

func fixtureEnv(t *testing.T) *uikit.Env {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "export.csv")
	if err := os.WriteFile(path, []byte(fixture), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(filepath.Join(dir, "case.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if res, err := st.Import(context.Background(), []string{path}, store.ImportOptions{}); err != nil || res[0].Rows != 7 {
		t.Fatalf("import %+v %v", res, err)
	}
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return &uikit.Env{Store: st, Styles: uikit.NewStyles(r, uikit.DefaultPalette()), Ports: analysis.DefaultDictionary(),
		ExportDir: filepath.Join(dir, "exports"), Context: context.Background()}
}

func waitFor(t *testing.T, tm *teatest.TestModel, want ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		for _, w := range want {
			if !bytes.Contains(b, []byte(w)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

func typeText(tm *teatest.TestModel, s string) {
	for _, r := range s {
		tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func key(tm *teatest.TestModel, k tea.KeyType) { tm.Send(tea.KeyMsg{Type: k}) }

// In the real workbench at 80x24: an invalid address shows its message as
// it is typed (digits and q typed into the form stay text), a valid hunt
// shows the one visitor with its statement, and enter opens its records
// with file and line.
func TestHuntFormAt80x24(t *testing.T) {
	env := fixtureEnv(t)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	waitFor(t, tm, "447700900123")
	typeText(tm, "5")
	waitFor(t, tm, "Server hunt", "press f to write a hunt")
	typeText(tm, "f104.198.99")
	waitFor(t, tm, `✗ Destinations: IPv4 address "104.198.99" has 3 parts (want 4)`)
	typeText(tm, ".79:443")
	waitFor(t, tm, "✓ 104.198.99.79:443")
	key(tm, tea.KeyTab)
	key(tm, tea.KeyTab)
	typeText(tm, "234-15-101-*")
	waitFor(t, tm, "✓ 1 prefix")
	key(tm, tea.KeyTab)
	typeText(tm, "2017-05-02 10:00")
	key(tm, tea.KeyTab)
	typeText(tm, "02/05/2017")
	waitFor(t, tm, "can be read two ways")
	for range len("02/05/2017") {
		key(tm, tea.KeyBackspace)
	}
	typeText(tm, "2017-05-02 12:00")
	waitFor(t, tm, "✓ 2017-05-02 12:00:59")
	key(tm, tea.KeyEnter)
	waitFor(t, tm, "1 subscriber", "447700900123", "Statement", "104.198.99.79:443 3 times from cell 234-15-101-7")
	key(tm, tea.KeyEnter) // the visitor's records
	waitFor(t, tm, "Records of 447700900123 in this hunt: 3", "export.csv", "2017-05-02 11:45:09")
	key(tm, tea.KeyEsc)
	typeText(tm, "q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))
	if fm == nil {
		t.Fatal("no final model")
	}
}

// A hunt naming nothing says so instead of running, and the pane reports
// Editing while a field has the keyboard (so the root passes it digits).
func TestHuntPaneEditing(t *testing.T) {
	env := fixtureEnv(t)
	p := hunt.New(env)
	p.SetSize(80, 21)
	if p.Editing() {
		t.Fatal("editing before the form was opened")
	}
	p.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'f'}})
	if !p.Editing() {
		t.Fatal("not editing with the form open")
	}
	p.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if v := p.View(); !bytes.Contains([]byte(v), []byte("name at least a destination, a port or a cell")) {
		t.Fatalf("empty hunt ran or said nothing:\n%s", v)
	}
	p.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if p.Editing() {
		t.Fatal("still editing after esc")
	}
	for _, size := range [][2]int{{80, 21}, {250, 67}} {
		p.SetSize(size[0], size[1])
		lines := bytes.Split([]byte(p.View()), []byte("\n"))
		if len(lines) != size[1] {
			t.Errorf("at %dx%d the pane drew %d lines", size[0], size[1], len(lines))
		}
	}
}
