package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
)

// A seized PBX's Master.csv: +91 99555 01234 calls extension 301 twice;
// no operator record of the case holds that number.
const pbxOnlyMaster = `"","+919955501234","301","from-trunk","""X"" <+919955501234>","SIP/trunk-00000001","SIP/301-00000002","Dial","SIP/301,60","2024-03-18 09:00:00","2024-03-18 09:00:02","2024-03-18 09:01:02",62,60,"ANSWERED","DOCUMENTATION","1710752400.1",""` + "\n" +
	`"","+919955501234","301","from-trunk","""X"" <+919955501234>","SIP/trunk-00000003","SIP/301-00000004","Dial","SIP/301,60","2024-03-18 09:30:00","2024-03-18 09:30:02","2024-03-18 09:30:12",12,10,"ANSWERED","DOCUMENTATION","1710754200.3",""` + "\n" +
	`"","301","302","from-internal","""R"" <301>","SIP/301-00000005","SIP/302-00000006","Dial","SIP/302,60","2024-03-18 10:00:00","2024-03-18 10:00:05","2024-03-18 10:00:35",35,30,"ANSWERED","DOCUMENTATION","1710756000.5",""` + "\n"

// A number the case holds only in a seized PBX's calls is found by the
// palette (written with spaces and a country code) with its PBX call
// count; choosing it opens the Asterisk pane's calls filtered on it: its
// two calls, not the third.
func TestPaletteFindsANumberOnlyPBXCallsHold(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "var", "log", "asterisk", "cdr-csv")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	master := filepath.Join(dir, "Master.csv")
	if err := os.WriteFile(master, []byte(pbxOnlyMaster), 0o444); err != nil {
		t.Fatal(err)
	}
	st, _ := uitest.Case(t, master)
	tm := shellOn(t, ShellOptions{Store: st}, 80, 24)
	uitest.WaitFor(t, tm, "Overview")
	uitest.Press(tm, ":")
	uitest.WaitFor(t, tm, "Palette")
	uitest.Type(tm, "+91 99555 01234")
	uitest.WaitFor(t, tm, "number  919955501234", "no subscriber: in 2 PBX calls")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "[7 Asterisk]", "number 919955501234 in any form (caller or called) (esc clears)", "2024-03-18 09:30")
	s := quitShell(t, tm)
	p := s.wb.panes[s.wb.paneIndex("asterisk")]
	if v := p.View(); !containsAll(v, "09:00", "09:30") || containsAll(v, "10:00:0") {
		t.Errorf("the calls listed are not those of the number:\n%s", v)
	}
}

func containsAll(s string, subs ...string) bool {
	for _, x := range subs {
		if !strings.Contains(s, x) {
			return false
		}
	}
	return true
}
