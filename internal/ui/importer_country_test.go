package ui

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
)

// screenText is a screen's text as one line: styles dropped and the
// dialog's wrapping undone, so that a sentence is found whole.
func screenText(view string) string {
	return regexp.MustCompile(`\s+`).ReplaceAllString(ansi.Strip(view), " ")
}

// Inside the workbench the import's plan messages name the dialog's key
// for the country, c, never the command's --country (the command keeps
// it: TestImportPlanMessagesNameTheFlag). A ten-digit number in a case
// with no plan cannot tell its country: the preview says to say which with
// c. A case keyed IN, then a US carrier's national numbers: the import
// refuses the file and says to set the country to US with c.
func TestImportInsidePlanMessagesNameTheKey(t *testing.T) {
	dir, st := importDir(t, "us.csv", "MSISDN,DESTIP,DESTPORT,START\n2065550001,1.2.3.4,443,2024-03-01 10:00:00\n")
	tm := shellOn(t, ShellOptions{Store: st, ImportDir: dir}, 80, 24)
	uitest.WaitFor(t, tm, "Case no records")
	uitest.Press(tm, "I")
	uitest.WaitFor(t, tm, "us.csv")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "0 files to import", "cannot tell which country")
	screen := screenText(quitShell(t, tm).View())
	if !strings.Contains(screen, "say which with the country key c (ISO code: ") || strings.Contains(screen, "--country") {
		t.Errorf("the preview's plan message:\n%s", screen)
	}

	// the case keyed IN by an Indian file, then a US carrier's return
	body, err := os.ReadFile(filepath.Join("..", "store", "testdata", "operators", "tmobile_cdr_lte.csv"))
	if err != nil {
		t.Fatal(err)
	}
	dir, st = importDir(t, "tmobile_cdr_lte.csv", string(body))
	in := filepath.Join(t.TempDir(), "airtel.csv")
	if err := os.WriteFile(in, []byte("MSISDN,CALL_TYPE,B_NUMBER,CALL_DATE,CALL_TIME,DURATION\n9714499703,VOICE_OUT,9812345678,18/03/2024,10:00:00,60\n"), 0o444); err != nil {
		t.Fatal(err)
	}
	if res, err := st.Import(context.Background(), []string{in}, store.ImportOptions{Country: "IN"}); err != nil || res[0].Error != "" {
		t.Fatalf("the Indian file: %+v %v", res, err)
	}
	tm = shellOn(t, ShellOptions{Store: st, ImportDir: dir}, 80, 24)
	uitest.WaitFor(t, tm, "Case ")
	uitest.Press(tm, "I")
	uitest.WaitFor(t, tm, "tmobile_cdr_lte.csv")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "1 file to import")
	uitest.Press(tm, "n")
	uitest.Type(tm, "310-260")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "network: 310-260")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "Import finished", "IN numbers")
	screen = screenText(quitShell(t, tm).View())
	if !strings.Contains(screen, "Import it with the country key c set to US to key this file's numbers under US") ||
		!strings.Contains(screen, "or with the country key c set to IN if they really are IN numbers") || strings.Contains(screen, "--country") {
		t.Errorf("the import's plan conflict:\n%s", screen)
	}
}
