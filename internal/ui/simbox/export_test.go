package simbox_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
)

// The SIM-box list exported as JSON holds data, not its screen: the score
// a number (the screen draws "████████ 100"), the flag a boolean (the
// screen draws "◆ yes"), and a meta naming the case and its sources.
func TestSimBoxExportIsData(t *testing.T) {
	env, _ := generatedEnv(t)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(120, 40))
	uitest.Press(tm, "6")
	uitest.WaitFor(t, tm, "◆ yes")
	uitest.Press(tm, "e", "backspace", "backspace", "backspace")
	uitest.Type(tm, "json")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "exported")
	matches, _ := filepath.Glob(filepath.Join(env.ExportDir, "simbox-sims-*.json"))
	if len(matches) != 1 {
		t.Fatalf("exports: %v", matches)
	}
	b, err := os.ReadFile(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Meta struct {
			Case    string `json:"case"`
			Sources []struct {
				SHA256 string `json:"sha256"`
			} `json:"sources"`
			Params map[string]string `json:"parameters"`
		} `json:"meta"`
		Rows []map[string]any `json:"rows"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	if doc.Meta.Case != env.Store.Path() || len(doc.Meta.Sources) == 0 || len(doc.Meta.Sources[0].SHA256) != 64 || doc.Meta.Params["threshold"] != "50" {
		t.Fatalf("meta: %+v", doc.Meta)
	}
	top := doc.Rows[0]
	if top["Score"] != 100.0 || top["Flag"] != true || top["#"] != 1.0 {
		t.Fatalf("top row: %#v", top)
	}
	tm.Quit()
}
