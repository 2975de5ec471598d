package hunt_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/teatest"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
	"github.com/cdrtui/cdrtui/internal/ui"
)

// Three subscribers in two cells 10.279 km apart (as cmd/cdrtui's
// colocate tests): A (…701) at C1 on the 18th at 10:00 and 10:05 and at C2
// on the 19th at 12:00; B (…702) at C1 on the 18th at 10:03, C2 on the
// 19th at 12:10 and on the 21st at 10:00; C (…703) at C1 on the 18th.
const scenesCDR = `MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION,CELL_ID
919714499701,VOICE_OUT,919812345678,18/03/2024,10:00:00,60,404-10-7301-12345
919714499701,VOICE_OUT,919812345678,18/03/2024,10:05:00,60,404-10-7301-12345
919714499701,VOICE_OUT,919812345678,19/03/2024,12:00:00,60,404-10-7301-22222
919714499702,VOICE_OUT,919812345678,18/03/2024,10:03:00,60,404-10-7301-12345
919714499702,VOICE_OUT,919812345678,19/03/2024,12:10:00,60,404-10-7301-22222
919714499702,VOICE_OUT,919812345678,21/03/2024,10:00:00,60,404-10-7301-22222
919714499703,VOICE_OUT,919812345678,18/03/2024,10:04:00,60,404-10-7301-12345
`

const scenesSites = `CGI,Latitude,Longitude
404-10-7301-12345,22.5726,88.3639
404-10-7301-22222,22.5726,88.4639
`

// The scenes mode (t) of the Hunt pane at 80x24 shows what `cdrtui scenes`
// prints (casework.Scenes, called here as the command calls it): B at the
// three scenes, A at two, C (one scene) left out at "at least 2"; the
// selected subscriber's records with file and line under the table.
func TestHuntScenesMode(t *testing.T) {
	st, _ := uitest.TextCase(t, "cdr.csv", scenesCDR)
	p := filepath.Join(t.TempDir(), "sites.csv")
	os.WriteFile(p, []byte(scenesSites), 0o444)
	if res, err := st.ImportCells(context.Background(), []string{p}, store.CellImportOptions{}); err != nil || res[0].Rows != 2 {
		t.Fatalf("%+v %v", res, err)
	}
	specs := []string{"404100730112345@2024-03-18T09:00..2024-03-18T11:00", "404-10-7301-22222@2024-03-19T11:00..2024-03-19T13:00",
		"22.5736,88.4639~500m@2024-03-21..2024-03-21"}
	var scenes []casework.Scene
	for _, s := range specs {
		sc, err := casework.ParseScene(s)
		if err != nil {
			t.Fatal(err)
		}
		scenes = append(scenes, sc)
	}
	want, err := casework.Scenes(context.Background(), st, scenes, 2)
	if err != nil || len(want.Subscribers) != 2 {
		t.Fatalf("%+v %v", want, err)
	}
	env := uitest.Env(t, st)
	tm := teatest.NewTestModel(t, ui.New(env, ui.Panes(env)), teatest.WithInitialTermSize(80, 24))
	uitest.WaitFor(t, tm, "919714499701")
	uitest.Type(tm, "5")
	uitest.WaitFor(t, tm, "Server hunt")
	uitest.Type(tm, "t")
	uitest.WaitFor(t, tm, "Tower-dump scenes", "Scene 1", "Scene 2", "At least  2")
	uitest.Type(tm, specs[0])
	uitest.Press(tm, "tab")
	uitest.Type(tm, "404-10-7301-22222@2024-03-19T11:00..2024-03-18T13:00") // backwards
	uitest.Press(tm, "ctrl+n")
	uitest.Type(tm, specs[2])
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "scene 2:", "is not after")
	for range len("2024-03-18T13:00") {
		uitest.Press(tm, "backspace")
	}
	uitest.Type(tm, "2024-03-19T13:00")
	uitest.Press(tm, "enter")
	var rows []string
	for _, s := range want.Subscribers {
		rows = append(rows, s.MSISDN)
	}
	first := want.Subscribers[0]
	e := first.Evidence[0]
	uitest.WaitFor(t, tm, fmt.Sprintf("%d subscribers at 2 or more of 3 scenes", len(want.Subscribers)),
		"919714499702", "919714499701", "1 2 3", first.MSISDN+" placed by:",
		fmt.Sprintf("scene %d  %s  %-5s %s  cdr.csv:%d", e.Scene, e.At, e.Kind, e.Cell, e.Line))
	if first.MSISDN != "919714499702" || first.Scenes != 3 || want.Subscribers[1].Records != 3 || strings.Join(rows, " ") != "919714499702 919714499701" {
		t.Errorf("scenes: %+v", want.Subscribers)
	}
	uitest.Press(tm, "esc")
	uitest.WaitFor(t, tm, "Server hunt")
	uitest.Quit(t, tm)
}
