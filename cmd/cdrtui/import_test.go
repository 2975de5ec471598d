package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runImportCLI(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(append([]string{"import"}, args...), &out, &errOut)
	return out.String(), errOut.String(), code
}

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// --kind forces the kind; a wrong value is a usage error.
func TestImportKindFlag(t *testing.T) {
	dir := t.TempDir()
	// a destination IP and a duration: read as data sessions unless told
	f := writeFile(t, dir, "calls.csv", "MSISDN,Destination IP,Start Time,Duration\n919900000001,10.1.1.1,2025-01-02 10:00:00,60\n")
	out, errOut, code := runImportCLI(t, filepath.Join(dir, "a.db"), f, "--json")
	if code != 0 || !strings.Contains(out, `"kind": "ipdr"`) {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	out, errOut, code = runImportCLI(t, filepath.Join(dir, "b.db"), f, "--kind", "voice", "--json")
	if code != 0 || !strings.Contains(out, `"kind": "voice"`) {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	_, errOut, code = runImportCLI(t, filepath.Join(dir, "c.db"), f, "--kind", "sms")
	if code != 2 || !strings.Contains(errOut, "--kind must be voice or ipdr") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

// A file that imports nothing exits non-zero and says why, with the
// commonest reasons and their counts, in text and in JSON.
func TestImportNothingImportedExitsNonZero(t *testing.T) {
	dir := t.TempDir()
	f := writeFile(t, dir, "mangled.csv", "MSISDN,Destination IP,Destination Port,Start Time\n"+
		"9.1626E+11,142.250.1.1,443,2024-03-18 10:00:00\n9.1626E+11,142.250.1.1,443,2024-03-18 10:01:00\n")
	out, errOut, code := runImportCLI(t, filepath.Join(dir, "a.db"), f)
	if code == 0 || !strings.Contains(out, "nothing imported: all 2 data rows were rejected") ||
		!strings.Contains(out, "2 rows: msisdn \"…\": precision lost") || !strings.Contains(errOut, "imported nothing") {
		t.Fatalf("exit %d:\n%s\n%s", code, out, errOut)
	}
	out, _, code = runImportCLI(t, filepath.Join(dir, "b.db"), f, "--json")
	var doc struct {
		Files []struct {
			Rows     int64
			SourceID int64 `json:"source_id"`
			Reasons  []struct {
				Reason string
				Count  int64
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || code == 0 || len(doc.Files) != 1 ||
		doc.Files[0].SourceID == 0 || len(doc.Files[0].Reasons) != 1 || doc.Files[0].Reasons[0].Count != 2 {
		t.Fatalf("exit %d %v: %s", code, err, out)
	}
}

// A "No Data Found" return is recorded with 0 rows and exits 0, saying so.
func TestImportNoDataFoundExitsZero(t *testing.T) {
	out, errOut, code := runImportCLI(t, filepath.Join(t.TempDir(), "a.db"), filepath.Join("..", "..", "internal", "store", "testdata", "operators", "no_data_found.csv"))
	if code != 0 || !strings.Contains(out, "empty ") || !strings.Contains(out, "No Data Found") {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
}

// --map works on a header no alias knows, by name and by number (the
// header row is not imported as data); a name that is not there is an
// error listing the columns seen.
func TestImportMapOnUnknownHeader(t *testing.T) {
	dir := t.TempDir()
	f := writeFile(t, dir, "odd.csv", "Mobile Nr,Zeitpunkt,Ziel,Zielport\n919900000041,2025-03-01 10:00:00,142.250.1.1,443\n")
	out, errOut, code := runImportCLI(t, filepath.Join(dir, "a.db"), f, "--map", "msisdn=Mobile Nr", "--map", "start=Zeitpunkt",
		"--map", "dest_ip=Ziel", "--map", "dest_port=Zielport")
	if code != 0 || !strings.Contains(out, "1 row, 0 rejected") {
		t.Fatalf("by name: exit %d: %s %s", code, out, errOut)
	}
	out, errOut, code = runImportCLI(t, filepath.Join(dir, "b.db"), f, "--map", "msisdn=1", "--map", "start=2", "--map", "dest_ip=3", "--map", "dest_port=4")
	if code != 0 || !strings.Contains(out, "1 row, 0 rejected") || !strings.Contains(out, "header on line 1") {
		t.Fatalf("by number: exit %d: %s %s", code, out, errOut)
	}
	// issue 17's case: "Mobile No" is the only name known, so no header is recognised
	g := writeFile(t, dir, "mobile_no.csv", "Mobile No,Wann,Server,Anschluss\n919900000042,2025-03-01 10:00:00,142.250.1.1,443\n")
	out, errOut, code = runImportCLI(t, filepath.Join(dir, "d.db"), g, "--map", `msisdn=Mobile No`, "--map", "start=Wann",
		"--map", "dest_ip=Server", "--map", "dest_port=Anschluss")
	if code != 0 || !strings.Contains(out, "1 row, 0 rejected") {
		t.Fatalf("Mobile No: exit %d: %s %s", code, out, errOut)
	}
	out, _, code = runImportCLI(t, filepath.Join(dir, "c.db"), f, "--map", `msisdn=Mobile No`, "--map", "start=2")
	if code == 0 || !strings.Contains(out, `no column is named "Mobile No" (columns seen: Mobile Nr | Zeitpunkt | Ziel | Zielport)`) {
		t.Fatalf("exit %d: %s", code, out)
	}
}

// The result says which fields no column fills and how many values were
// kept as written and flagged.
func TestImportReportsUnfilledAndFlagged(t *testing.T) {
	out, errOut, code := runImportCLI(t, filepath.Join(t.TempDir(), "a.db"), filepath.Join("..", "..", "internal", "store", "testdata", "operators", "verizon_cdr.csv"), "--country", "US")
	if code != 0 || !strings.Contains(out, "1 value kept as written and flagged") || !strings.Contains(out, "no column for: imei, imsi") {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
}
