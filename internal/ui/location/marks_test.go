package location_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/evidence"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui/location"
	"github.com/cdrtui/cdrtui/internal/ui/uikit"
)

// A subscriber who sleeps and works in one cell (C1: two nights, two
// weekdays) and calls once from C2.
const homeIsWork = `MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION,CELL_ID
919700000001,VOICE_OUT,919812345678,18/03/2024,23:00:00,60,404-10-7301-12345
919700000001,VOICE_OUT,919812345678,19/03/2024,10:00:00,60,404-10-7301-12345
919700000001,VOICE_OUT,919812345678,19/03/2024,15:00:00,60,404-10-7301-22222
919700000001,VOICE_OUT,919812345678,19/03/2024,23:00:00,60,404-10-7301-12345
919700000001,VOICE_OUT,919812345678,20/03/2024,10:00:00,60,404-10-7301-12345
`

// Home and work at one site are both marked (W was drawn over H: the map
// said where A works and not where A sleeps).
func TestLocationMapMarksHomeAndWorkAtOneSite(t *testing.T) {
	st, _ := uitest.TextCase(t, "cdr.csv", homeIsWork)
	p := filepath.Join(t.TempDir(), "sites.csv")
	os.WriteFile(p, []byte(sites), 0o444)
	if _, err := st.ImportCells(context.Background(), []string{p}, store.CellImportOptions{Sites: evidence.SiteOptions{}}); err != nil {
		t.Fatal(err)
	}
	pane := location.New(uitest.CaseEnv(t, st))
	pane.SetSize(80, 20)
	drain(pane.Update, pane.Update(uikit.FocusMsg{A: "919700000001"}))
	for range 2 { // places
		drain(pane.Update, pane.Update(uitest.Key("v")))
	}
	if v := pane.View(); !strings.Contains(v, "home (night 22-06): 404-10-7301-12345") || !strings.Contains(v, "work (weekdays 09-17): 404-10-7301-12345") {
		t.Fatalf("home and work are not both C1:\n%s", v)
	}
	for range 2 { // co-location, then the map again
		drain(pane.Update, pane.Update(uitest.Key("v")))
	}
	v := pane.View()
	body := v[:strings.LastIndex(v, "\n")] // the legend names H and W too
	if !strings.Contains(body, "H") || !strings.Contains(body, "W") {
		t.Errorf("the map lacks H or W:\n%s", v)
	}
}
