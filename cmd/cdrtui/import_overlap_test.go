package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// `cdrtui import` says how many records of a file were already in the case
// and how many repeated within it, in text and in --json; the records are
// stored once.
func TestImportOverlapCLI(t *testing.T) {
	dir := t.TempDir()
	a := "MSISDN,Start_Time,Destination_IP,Destination_Port,Uplink,Downlink\n" +
		"919812345678,2024-03-20 10:00:00,1.2.3.4,443,100,200\n" +
		"919812345678,2024-03-20 11:00:00,1.2.3.5,443,100,200\n" +
		"919812345678,2024-03-20 11:00:00,1.2.3.5,443,100,200\n"
	// a later request: one column more, CRLF, the 11:00 session again
	b := "MSISDN,Start_Time,Destination_IP,Destination_Port,Uplink,Downlink,Cell_ID\r\n" +
		"919812345678,2024-03-20 11:00:00,1.2.3.5,443,100,200,404-10-7301-12\r\n" +
		"919812345678,2024-03-20 12:00:00,1.2.3.6,443,100,200,404-10-7301-12\r\n"
	for name, body := range map[string]string{"a.csv": a, "b.csv": b} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	casePath := filepath.Join(dir, "case.db")
	var out, errOut bytes.Buffer
	if code := run([]string{"import", casePath, filepath.Join(dir, "a.csv")}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if want := "imported " + filepath.Join(dir, "a.csv") + ": 2 rows, 0 rejected, 0 values dropped, 0 records already in the case and 1 repeated within the file"; !strings.Contains(out.String(), want) {
		t.Errorf("text output %q lacks %q", out.String(), want)
	}
	var got struct {
		Files []struct {
			Rows           int64 `json:"rows"`
			AlreadyInCase  int64 `json:"already_in_case"`
			RepeatedInFile int64 `json:"repeated_in_file"`
		} `json:"files"`
	}
	runJSON(t, []string{"import", casePath, filepath.Join(dir, "b.csv"), "--json"}, &got)
	if len(got.Files) != 1 || got.Files[0].Rows != 1 || got.Files[0].AlreadyInCase != 1 || got.Files[0].RepeatedInFile != 0 {
		t.Fatalf("json %+v, want 1 row, 1 already in the case, 0 repeated", got.Files)
	}
	var sum struct {
		Records map[string]int64 `json:"records"`
	}
	runJSON(t, []string{"summary", casePath, "--json"}, &sum)
	if sum.Records["ipdr"] != 3 {
		t.Errorf("summary: %d data records, want 3", sum.Records["ipdr"])
	}
}
