package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdrtui/cdrtui/internal/store"
)

// storedCell is the cell of a case's data session on the given line.
func storedCell(t *testing.T, casePath string, line int) string {
	t.Helper()
	st, err := store.OpenReadOnly(casePath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var cell string
	if err := st.DB().QueryRow("SELECT cell FROM ipdr_readable WHERE line = ?", line).Scan(&cell); err != nil {
		t.Fatalf("line %d: %v", line, err)
	}
	return cell
}

// A file not UTF-8 is read in the encoding its bytes show; one whose
// bytes read as two encodings with different text is refused naming them
// and --encoding, which reads it; a name not known is a usage error.
func TestImportEncodingFlag(t *testing.T) {
	dir := t.TempDir()
	head := "MSISDN,Destination IP,Destination Port,Start Time,Cell Name\n"
	// Москва in Windows-1251
	moscow := writeFile(t, dir, "ru.csv", head+"79161234567,157.240.1.35,443,2024-03-18 10:00:00,\xcc\xee\xf1\xea\xe2\xe0\n")
	ruCase := filepath.Join(dir, "ru.db")
	if out := runOK(t, "import", ruCase, moscow); !strings.Contains(out, "Windows-1251 (told from its bytes") {
		t.Errorf("format line: %s", out)
	}
	if got := storedCell(t, ruCase, 2); got != "Москва" {
		t.Errorf("ru: %q", got)
	}

	// Plzeň: 0xF2 is ň in Windows-1250, ò in Windows-1252
	plzen := writeFile(t, dir, "cz.csv", head+"420601234567,157.240.1.35,443,2024-03-18 10:00:00,Plze\xf2\n")
	out, errOut, code := runImportCLI(t, filepath.Join(dir, "refused.db"), plzen)
	if code == 0 || !strings.Contains(out+errOut, `"Plzeò" (cp1252) or "Plzeň" (cp1250)`) || !strings.Contains(out+errOut, "--encoding cp1252 or --encoding cp1250") {
		t.Fatalf("not refused: exit %d: %s %s", code, out, errOut)
	}
	czCase := filepath.Join(dir, "cz.db")
	if out := runOK(t, "import", czCase, plzen, "--encoding", "cp1250"); !strings.Contains(out, "Windows-1250 (as --encoding cp1250 says)") {
		t.Errorf("format line: %s", out)
	}
	if got := storedCell(t, czCase, 2); got != "Plzeň" {
		t.Errorf("cz: %q", got)
	}
	out, errOut, _ = runImportCLI(t, czCase, plzen, "--encoding", "cp1252")
	if !strings.Contains(out+errOut, "not read again with --encoding cp1252 (it was read as Windows-1250)") {
		t.Errorf("again as cp1252: %s %s", out, errOut)
	}

	out, errOut, code = runImportCLI(t, filepath.Join(dir, "bad.db"), plzen, "--encoding", "koi8-r")
	if code != 2 || !strings.Contains(out+errOut, "want one of cp1252, cp1250, cp1251, latin1, utf-8") {
		t.Errorf("koi8-r: exit %d: %s %s", code, out, errOut)
	}
}
