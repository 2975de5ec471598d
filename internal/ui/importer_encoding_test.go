package ui

import (
	"context"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/testkit/uitest"
)

// The encoding (--encoding) set in the preview: Plzeň's 0xF2 is ň in
// Windows-1250 and ò in -1252, so the file is shown refused naming them;
// e cycles the encodings (cp1252 first), each detecting the layouts
// again; the import reads the file in the one chosen and records it in
// the audit trail.
func TestImportInsideEncoding(t *testing.T) {
	dir, st := importDir(t, "cz.csv", "MSISDN,Destination IP,Destination Port,Start Time,Cell Name\n"+
		"420601234567,157.240.1.35,443,2024-03-18 10:00:00,Plze\xf2\n")
	tm := shellOn(t, ShellOptions{Store: st, ImportDir: dir}, 80, 24)
	uitest.WaitFor(t, tm, "Case no records")
	uitest.Press(tm, "I")
	uitest.WaitFor(t, tm, "cz.csv")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "0 files to import", "--encoding cp1250", "encoding: detected")
	uitest.Press(tm, "e")
	uitest.WaitForText(t, tm, "1 file to import", "encoding: cp1252", "Windows-1252 (as")
	uitest.Press(tm, "e")
	// the count is not drawn again: only what changed is
	uitest.WaitForText(t, tm, "encoding: cp1250", "Windows-1250 (as")
	uitest.Press(tm, "enter")
	uitest.WaitFor(t, tm, "Import finished", "1 file imported, 1 rows")
	quitShell(t, tm)
	var cell string
	if err := st.DB().QueryRowContext(context.Background(), "SELECT cell FROM ipdr_readable WHERE line = 2").Scan(&cell); err != nil || cell != "Plzeň" {
		t.Fatalf("cell %q (%v)", cell, err)
	}
	entries, err := st.AuditEntries(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range entries {
		found = found || e.Action == "import" && strings.Contains(e.Params, `"encoding":"cp1250"`)
	}
	if !found {
		t.Errorf("no import with its encoding in the audit trail: %+v", entries)
	}
}
