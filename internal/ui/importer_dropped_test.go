package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/cdrtui/cdrtui/internal/casework"
	"github.com/cdrtui/cdrtui/internal/store"
	"github.com/cdrtui/cdrtui/internal/testkit"
	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
)

// Import inside says the values it dropped (IMSIs and IMEIs of wrong
// lengths in the corpus's Sid1125 CDR), as cdrtui import does: the dialog
// said nothing of them, and its summary line was cut at 80 columns.
func TestImportInsideSaysValuesDropped(t *testing.T) {
	src := testkit.Corpus(t, "sid1125-tifm-cdr-ipdr-visualizer/demo_cross_case_cdr.csv")
	body, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	// the reference: the same file imported as the command imports it
	ref, err := casework.CreateCase(filepath.Join(t.TempDir(), "ref.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	res, err := ref.Import(context.Background(), []string{src}, store.ImportOptions{Country: "IN"})
	if err != nil || len(res) != 1 || res[0].Dropped == 0 {
		t.Fatalf("reference import: %+v %v", res, err)
	}
	dir, st := importDir(t, "cdr.csv", string(body))
	tm := shellOn(t, ShellOptions{Store: st, ImportDir: dir}, 80, 24)
	uitest.WaitFor(t, tm, "Case no records")
	uitest.Press(tm, "I")
	uitest.WaitFor(t, tm, "Import into case.db", "cdr.csv")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "0 files to import", "numbering plan")
	uitest.Press(tm, "c")
	uitest.Type(tm, "IN")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "1 file to import")
	uitest.Press(tm, "enter")
	want := fmt.Sprintf("%d values dropped", res[0].Dropped)
	uitest.WaitFor(t, tm, "Import finished", want)
	s := quitShell(t, tm)
	screen := ansi.Strip(s.View())
	flat := strings.Join(strings.Fields(screen), " ")
	if !strings.Contains(flat, fmt.Sprintf("1 file imported, %d rows, 0 lines rejected, %s, 0 files skipped, 0 files failed, in ", res[0].Rows, want)) {
		t.Errorf("summary not whole:\n%s", screen)
	}
}
