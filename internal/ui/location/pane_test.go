package location_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/evidence"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
	"github.com/cdrtui/cdrtui/internal/ui/location"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// A's nine calls (home C1 in Kolkata, work C2 10.28 km east, an impossible
// jump to Delhi, a cell with no position) and B's two, in C2.
const cdr = `MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION,CELL_ID
919714499703,VOICE_OUT,919812345678,18/03/2024,23:00:00,60,404-10-7301-12345
919714499703,VOICE_IN,919812345678,19/03/2024,02:00:00,30,404100730112345
919714499703,VOICE_OUT,919812345678,19/03/2024,10:00:00,10,404-10-7301-22222
919714499703,VOICE_OUT,919812345678,19/03/2024,12:00:00,10,404-10-7301-22222
919714499703,VOICE_OUT,919812345678,19/03/2024,23:30:00,10,404101C853039
919714499703,VOICE_OUT,919812345678,20/03/2024,10:00:00,5,404-10-7301-22222
919714499703,VOICE_OUT,919812345678,20/03/2024,10:15:00,5,404-10-7301-22222
919714499703,VOICE_OUT,919812345678,20/03/2024,10:30:00,7,404-10-9999-1
919714499703,VOICE_OUT,919812345678,20/03/2024,11:00:00,7,404-10-5555-5
919812345678,VOICE_OUT,919714499703,19/03/2024,11:00:00,7,404-10-7301-22222
919812345678,VOICE_OUT,919714499703,19/03/2024,11:30:00,7,404-10-7301-22222
`

const sites = `CGI,Latitude,Longitude,Azimuth,Beam Width
404-10-7301-12345,22.5726,88.3639,90,65
404-10-7301-22222,22.5726,88.4639,270,65
404-10-9999-1,28.6139,77.2090,,
`

func env(t *testing.T) *uikit.Env {
	t.Helper()
	st, _ := uitest.TextCase(t, "cdr.csv", cdr)
	p := filepath.Join(t.TempDir(), "sites.csv")
	os.WriteFile(p, []byte(sites), 0o444)
	res, err := st.ImportCells(context.Background(), []string{p}, store.CellImportOptions{Sites: evidence.SiteOptions{}})
	if err != nil || res[0].Rows != 3 {
		t.Fatalf("%+v %v", res, err)
	}
	return uitest.CaseEnv(t, st)
}

// The pane in the real workbench at 80x24 (no colour: the styles are
// ASCII): the map with A's and B's glyphs, home and work marks, the scale
// bar and north arrow; the timeline stepping days to the impossible move;
// the places with the nights behind home.
func TestLocationPane(t *testing.T) {
	e := env(t)
	tm := teatest.NewTestModel(t, ui.New(e, ui.Panes(e)), teatest.WithInitialTermSize(80, 24))
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleB, MSISDN: "919812345678"})
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: "919714499703", Open: "location"})
	uitest.WaitFor(t, tm, "8 Location", "● A 919714499703 (88.9% placed)", "■ B 919812345678 (100.0% placed)", "[Map]",
		"day 2024-03-18 (1/3", "N", "↑", "┤ 200 km", "●", "■", "H", "W", "● A  ■ B")
	uitest.Press(tm, "v")
	// a stay past midnight says the day it ended (it read 23:00:00–02:00:00)
	uitest.WaitFor(t, tm, "[Timeline]", "2024-03-18: 1 stay, 0 moves", "23:00:00–02:00:00 ▪ at 404-10-7301-12345", "ended 2024-03-19")
	uitest.Press(tm, "]")
	uitest.WaitFor(t, tm, "2024-03-19:", "02:00:00→10:00:00 → to 404-10-7301-22222", "10.28 km", "■ 11:00:00–11:30:00")
	uitest.Press(tm, "]")
	uitest.WaitFor(t, tm, "2024-03-20:", "1313.89 km", "▲ IMPOSSIBLE")
	uitest.Press(tm, "v")
	uitest.WaitFor(t, tm, "[Places]", "home (night 22-06): 404-10-7301-12345", "most used on 2 of 2", "nights: 2024-03-18 2024-03-19",
		"work (weekdays 09-17): 404-10-7301-22222", "days: 2024-03-19 2024-03-20", "home (night 22-06): none")
	// other hours: 21-07 for the night, 08-18 for work (B's 11:00 call
	// still makes the 19th a working day of B)
	uitest.Press(tm, "n", "w")
	uitest.WaitFor(t, tm, "home (night 21-07): 404-10-7301-12345", "work (weekdays 08-18): 404-10-7301-22222")
	uitest.Press(tm, "e")
	uitest.WaitFor(t, tm, "exported location-919714499703-")
	for _, ext := range []string{"csv", "kml", "geojson"} {
		if m, _ := filepath.Glob(filepath.Join(e.ExportDir, "location-919812345678-*."+ext)); len(m) != 1 {
			t.Errorf("B's %s export: %v", ext, m)
		}
	}
	uitest.Quit(t, tm)
}

// With no subscriber in focus the pane says what to do, and computes
// nothing.
func TestLocationPaneWithoutFocus(t *testing.T) {
	e := env(t)
	tm := teatest.NewTestModel(t, ui.New(e, ui.Panes(e)), teatest.WithInitialTermSize(80, 24))
	uitest.Press(tm, "8")
	uitest.WaitFor(t, tm, "No subscriber in focus")
	uitest.Quit(t, tm)
}

// Zoom and pan on the pane alone, at a fixed size: the scale bar follows
// the zoom (200 km fitted to Kolkata and Delhi, 1000 km after two steps
// out: the view 2.25 times wider, its quarter past 1000 km; 200 km again
// after two in), panning moves the sites, z fits again,
// and a resize refits until the analyst has moved the map.
func TestLocationMapZoomPan(t *testing.T) {
	e := env(t)
	p := location.New(e)
	p.SetSize(80, 20)
	drain(p.Update, p.Update(uikit.FocusMsg{A: "919714499703", B: "919812345678"}))
	first := p.View()
	if !strings.Contains(first, "┤ 200 km") || !strings.Contains(first, "N") || !strings.Contains(first, "■") {
		t.Fatalf("fitted map:\n%s", first)
	}
	p.Update(uitest.Key("-"))
	p.Update(uitest.Key("-"))
	if v := p.View(); !strings.Contains(v, "┤ 1000 km") {
		t.Errorf("after zooming out twice:\n%s", v)
	}
	p.Update(uitest.Key("+"))
	p.Update(uitest.Key("+"))
	if v := p.View(); !strings.Contains(v, "┤ 200 km") {
		t.Errorf("after zooming in twice:\n%s", v)
	}
	p.Update(uitest.Key("l"))
	if v := p.View(); v == first {
		t.Error("panning east changed nothing")
	}
	p.SetSize(120, 30)
	moved := p.View()
	p.Update(uitest.Key("z"))
	if v := p.View(); v == moved {
		t.Error("z did not fit the map again")
	}
}

// drain is uitest.Drain that also opens tea.Sequence (whose message type
// is Bubble Tea's own: a slice of commands).
func drain(update func(tea.Msg) tea.Cmd, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice {
			for i := 0; i < v.Len(); i++ {
				if next, ok := v.Index(i).Interface().(tea.Cmd); ok {
					queue = append(queue, next)
				}
			}
			continue
		}
		if msg != nil {
			queue = append(queue, update(msg))
		}
	}
}

// The Co-location sub-view (the fourth, after Places) shows what `cdrtui
// colocate` prints. A's calls in C2 at 10:00 and 12:00 on the 19th, B's
// at 11:00 and 11:30: never within 15 minutes; within 30 minutes (t, t)
// A's 12:00 and B's 11:30 meet; within an hour (t) the four make one
// meeting from 10:00 to 12:00. With A alone it lists who was most with A,
// and b makes the companion under the cursor B.
func TestLocationColocation(t *testing.T) {
	e := env(t)
	tm := teatest.NewTestModel(t, ui.New(e, ui.Panes(e)), teatest.WithInitialTermSize(80, 24))
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: "919714499703", Open: "location"})
	uitest.WaitFor(t, tm, "[Map]")
	uitest.Press(tm, "v", "v", "v")
	uitest.WaitFor(t, tm, "[Co-location]", "Who was most with 919714499703", "nobody was with A at the same site within 15 min")
	uitest.Press(tm, "t", "t")
	uitest.WaitFor(t, tm, "within 30 min of each other", "919812345678        1     0.00   9.00  2024-03-19T11:30:00", "▸919812345678")
	uitest.Press(tm, "b")
	uitest.WaitFor(t, tm, "919714499703 and 919812345678: 1 meeting;", "2024-03-19T11:30:00–12:00:00 at 404-10-7301-22222",
		"■ 11:30:00 voice 404-10-7301-22222  cdr.csv:12", "● 12:00:00 voice 404-10-7301-22222  cdr.csv:5")
	uitest.Press(tm, "t")
	uitest.WaitFor(t, tm, "within 1 h", "2024-03-19T10:00:00–12:00:00", "cdr.csv:4", "cdr.csv:11")
	// e exports what the view shows (not A's location): the pair's meeting,
	// one CSV row per record, and the JSON (pressed once the meeting's
	// records are on screen: before, it says the co-location is not
	// computed yet)
	uitest.Press(tm, "e")
	uitest.WaitFor(t, tm, "exported colocation-919714499703-919812345678-")
	uitest.Press(tm, "r")
	uitest.WaitFor(t, tm, "within 500 m, within 1 h of each other")
	uitest.Quit(t, tm)
	csvs, _ := filepath.Glob(filepath.Join(e.ExportDir, "colocation-919714499703-919812345678-*.csv"))
	jsons, _ := filepath.Glob(filepath.Join(e.ExportDir, "colocation-919714499703-919812345678-*.json"))
	if len(csvs) != 1 || len(jsons) != 1 {
		t.Fatalf("exports %v %v", csvs, jsons)
	}
	raw, _ := os.ReadFile(csvs[0])
	rows := strings.Count(string(raw), "\n1,2024-03-19T10:00:00,2024-03-19T12:00:00,")
	if !strings.Contains(string(raw), "# radius: the same site") || !strings.Contains(string(raw), "# within: 1 h") || rows != 4 {
		t.Errorf("%d record rows in\n%s", rows, raw)
	}
}

// H opens a form to type any hours, as --night and --day take them: the
// night 01-03 finds home from the call at 02:00 alone, work hours 12-13
// the days with a call at noon; a bad value is refused in the form.
func TestLocationTypedHours(t *testing.T) {
	e := env(t)
	tm := teatest.NewTestModel(t, ui.New(e, ui.Panes(e)), teatest.WithInitialTermSize(80, 24))
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: "919714499703", Open: "location"})
	uitest.WaitFor(t, tm, "[Map]")
	uitest.Press(tm, "v", "v", "H")
	uitest.WaitFor(t, tm, "Hours: night (home) 22-06", "work (weekdays) 09-17", "enter apply")
	uitest.Press(tm, "backspace", "backspace", "backspace", "backspace", "backspace")
	uitest.Type(tm, "25-03")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "night: \"25-03\" is not hours")
	uitest.Press(tm, "backspace", "backspace", "backspace", "backspace", "backspace")
	uitest.Type(tm, "01-03")
	uitest.Press(tm, "tab", "backspace", "backspace", "backspace", "backspace", "backspace")
	uitest.Type(tm, "12-13")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "home (night 01-03): 404100730112345", "most used on 1 of 1", "nights: 2024-03-19", "work (weekdays 12-13): 404-10-7301-22222", "days: 2024-03-19")
	// n goes back to the presets
	uitest.Press(tm, "n")
	uitest.WaitFor(t, tm, "home (night 22-06)")
	uitest.Quit(t, tm)
}

// The Persona pane says the share of the focused subscriber's records
// that could be placed, as the Location pane and location --json do.
func TestPersonaPlacedShare(t *testing.T) {
	e := env(t)
	tm := teatest.NewTestModel(t, ui.New(e, ui.Panes(e)), teatest.WithInitialTermSize(120, 30))
	tm.Send(uikit.RequestFocusMsg{Role: uikit.RoleA, MSISDN: "919714499703", Open: "persona"})
	uitest.WaitFor(t, tm, "Persona 919714499703", "8 records placed (88.9%)")
	uitest.Quit(t, tm)
}
