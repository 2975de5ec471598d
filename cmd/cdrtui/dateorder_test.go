package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// A --date-order the file's dates contradict is refused before any row is
// read, naming a date that contradicts it and its line; the order the
// dates allow reads the file.
func TestImportRefusesContradictedDateOrder(t *testing.T) {
	dir := t.TempDir()
	f := writeFile(t, dir, "ipdr.csv", "MSISDN,DESTIP,DESTPORT,START_TIME\n"+
		"919900000041,142.250.1.1,443,05/08/2025 10:00:00\n"+
		"919900000041,142.250.1.1,443,23/08/2025 11:00:00\n")
	out, errOut, code := runImportCLI(t, filepath.Join(dir, "a.db"), f, "--date-order", "MDY")
	if code == 0 {
		t.Fatalf("exit 0: %s %s", out, errOut)
	}
	for _, want := range []string{`--date-order MDY contradicts the file: "23/08/2025 11:00:00" on line 3`, "reads only as DMY"} {
		if !strings.Contains(out+errOut, want) {
			t.Errorf("output lacks %q:\n%s\n%s", want, out, errOut)
		}
	}
	if strings.Contains(out, "rejected") && !strings.Contains(out, "0 rows") {
		t.Errorf("rows were read: %s", out)
	}
	out, errOut, code = runImportCLI(t, filepath.Join(dir, "b.db"), f, "--date-order", "DMY")
	if code != 0 || !strings.Contains(out, "2 rows, 0 rejected") {
		t.Fatalf("DMY: exit %d: %s %s", code, out, errOut)
	}
}
