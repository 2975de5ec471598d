package hunt_test

import (
	"bytes"
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
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
	st, res := uitest.TextCase(t, "export.csv", fixture)
	if res[0].Rows != 7 {
		t.Fatalf("import %+v", res)
	}
	return uitest.Env(t, st)
}

// In the real workbench at 80x24: an invalid address shows its message as
// it is typed (digits and q typed into the form stay text), a valid hunt
// shows the one visitor with its statement, and enter opens its records
// with file and line.
func TestHuntFormAt80x24(t *testing.T) {
	env := fixtureEnv(t)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.WaitFor(t, tm, "447700900123")
	uitest.Type(tm, "5")
	uitest.WaitFor(t, tm, "Server hunt", "press f to write a hunt")
	uitest.Type(tm, "f104.198.99")
	uitest.WaitFor(t, tm, `✗ Destinations: IPv4 address "104.198.99" has 3 parts (want 4)`)
	uitest.Type(tm, ".79:443")
	uitest.WaitFor(t, tm, "✓ 104.198.99.79:443")
	uitest.Press(tm, "tab")
	uitest.Press(tm, "tab")
	uitest.Type(tm, "234-15-101-*")
	uitest.WaitFor(t, tm, "✓ 1 prefix")
	uitest.Press(tm, "tab")
	uitest.Type(tm, "2017-05-02 10:00")
	uitest.Press(tm, "tab")
	uitest.Type(tm, "02/05/2017")
	uitest.WaitFor(t, tm, "can be read two ways")
	for range len("02/05/2017") {
		uitest.Press(tm, "backspace")
	}
	uitest.Type(tm, "2017-05-02 12:00")
	uitest.WaitFor(t, tm, "✓ 2017-05-02 12:00:59")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "1 subscriber", "447700900123", "Statement", "104.198.99.79:443 3 times from cell 234-15-101-7")
	uitest.Press(tm, "enter") // the visitor's records
	uitest.WaitFor(t, tm, "Records of 447700900123 in this hunt: 3", "export.csv", "2017-05-02 11:45:09")
	uitest.Press(tm, "esc")
	if fm := uitest.Quit(t, tm); fm == nil {
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
	p.Update(uitest.Key("f"))
	if !p.Editing() {
		t.Fatal("not editing with the form open")
	}
	p.Update(uitest.Key("enter"))
	if v := p.View(); !bytes.Contains([]byte(v), []byte("name at least a destination, a port or a cell")) {
		t.Fatalf("empty hunt ran or said nothing:\n%s", v)
	}
	p.Update(uitest.Key("esc"))
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

// The drill-down is still the hunt's: w there saves the hunt (its help
// offers it), the status says what was saved, and the saved hunts list it.
func TestHuntDrillDownSavesTheHunt(t *testing.T) {
	env := fixtureEnv(t)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.WaitFor(t, tm, "447700900123")
	uitest.Type(tm, "5")
	uitest.WaitFor(t, tm, "Server hunt", "press f to write a hunt")
	uitest.Type(tm, "f104.198.99.79:443")
	uitest.WaitFor(t, tm, "✓ 104.198.99.79:443")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "3 subscribers, 5 records", "447700900123", "Statement")
	uitest.Press(tm, "enter") // the visitor's records
	uitest.WaitFor(t, tm, "Records of 447700900123 in this hunt: 3 · esc back · w saves the hunt")
	uitest.Press(tm, "w")
	uitest.WaitFor(t, tm, "save hunt as:")
	uitest.Type(tm, "blue whale")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, `hunt saved as "blue whale" with 3 subscribers`)
	uitest.Press(tm, "esc")
	uitest.Press(tm, "o")
	uitest.WaitFor(t, tm, "Saved hunts", "blue whale")
	if fm := uitest.Quit(t, tm); fm == nil {
		t.Fatal("no final model")
	}
}
